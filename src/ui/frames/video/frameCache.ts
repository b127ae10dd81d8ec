/**
 * Decoded video frames kept for the player: each frame's served JPEG fetched once, decoded to an
 * ImageBitmap off the main thread, the least recently used closed beyond `capacity` so a
 * 20,000-frame video stays flat in memory. Frames are 0-based indices into the frame set.
 */
export class FrameCache {
  private readonly ready = new Map<number, ImageBitmap>();
  private readonly pending = new Set<number>();
  private readonly failed = new Set<number>();
  private disposed = false;

  constructor(
    private readonly load: (frame: number) => Promise<Blob>,
    /** Called when a requested frame is ready (or failed): the player may draw it now. */
    private readonly onSettled: (frame: number) => void,
    private readonly capacity = 96,
  ) {}

  isReady(frame: number): boolean {
    return this.ready.has(frame);
  }

  hasFailed(frame: number): boolean {
    return this.failed.has(frame);
  }

  /** The decoded frame, marked as recently used; undefined while not loaded. */
  get(frame: number): ImageBitmap | undefined {
    const bitmap = this.ready.get(frame);
    if (bitmap) {
      this.ready.delete(frame);
      this.ready.set(frame, bitmap);
    }
    return bitmap;
  }

  /** Starts loading each frame not loaded, loading or failed. */
  request(frames: readonly number[]): void {
    for (const frame of frames) {
      if (this.ready.has(frame) || this.pending.has(frame) || this.failed.has(frame)) continue;
      this.pending.add(frame);
      this.load(frame)
        .then((blob) => createImageBitmap(blob))
        .then(
          (bitmap) => {
            this.pending.delete(frame);
            if (this.disposed) return bitmap.close();
            this.ready.set(frame, bitmap);
            this.evict();
            this.onSettled(frame);
          },
          () => {
            this.pending.delete(frame);
            this.failed.add(frame);
            this.onSettled(frame);
          },
        );
    }
  }

  /** Frees every bitmap (the player unmounts). */
  dispose(): void {
    this.disposed = true;
    for (const bitmap of this.ready.values()) bitmap.close();
    this.ready.clear();
  }

  private evict(): void {
    for (const [frame, bitmap] of this.ready) {
      if (this.ready.size <= this.capacity) return;
      bitmap.close();
      this.ready.delete(frame);
    }
  }
}

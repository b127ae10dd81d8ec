/**
 * Frames of a frame set as model inputs: which frames a run covers (the current one, the selected
 * ones, every frame) and each frame's full-size image (the large view's frame endpoint, never the
 * sprite thumbnail) fetched when the run reaches it and sent as its file: the inference worker
 * decodes it (workers/inference/encodedImage.ts), so the page never decodes or reads back pixels.
 */
import type { FrameRef } from '../core/item';
import type { EncodedImage } from '../../workers/inference/encodedImage';
import type { RunInput } from './runController';

/** What a run over a frame set covers. */
export type FrameRunScope = 'currentFrame' | 'selectedFrames' | 'allFrames';

export interface FramesInView {
  /** The frame on the large view (index in the item's order). */
  readonly current: number;
  /** The grid's selected frames, ascending (empty: none). */
  readonly selected: readonly number[];
  /** Frames in the item. */
  readonly count: number;
}

/**
 * Frame indices a run of `scope` reads, in the order it reads them. Every frame starts at the
 * current one and wraps round, so the first proposals land where the person is looking.
 */
export function framesToRun(scope: FrameRunScope, { current, selected, count }: FramesInView): number[] {
  const inRange = (frame: number) => Number.isInteger(frame) && frame >= 0 && frame < count;
  switch (scope) {
    case 'currentFrame':
      return inRange(current) ? [current] : [];
    case 'selectedFrames':
      return [...new Set(selected)].filter(inRange).sort((a, b) => a - b);
    case 'allFrames': {
      const start = inRange(current) ? current : 0;
      return Array.from({ length: Math.max(0, count) }, (_, i) => (start + i) % count);
    }
  }
}

/** A frame's full-size image (the server's, then the offline copy). */
export type LoadFrameBlob = (targetId: string) => Promise<Blob>;

/**
 * One frame as its image file, with its recorded width (image px) so the worker maps a served image
 * of another size back to the frame's own px. Nothing is decoded here: the worker does it.
 */
export async function readFrame(frame: FrameRef, loadFrame: LoadFrameBlob): Promise<EncodedImage> {
  return { kind: 'encodedImage', targetId: frame.targetId, image: await loadFrame(frame.targetId), recordedWidth: frame.width };
}

/** Run inputs for these frames (indices into `frames`), each read when the run reaches it. */
export function frameRunInputs(frames: readonly FrameRef[], indices: readonly number[], loadFrame: LoadFrameBlob): RunInput[] {
  return indices.flatMap((index) => {
    const frame = frames[index];
    return frame ? [{ read: () => readFrame(frame, loadFrame) }] : [];
  });
}

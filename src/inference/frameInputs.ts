/**
 * Frames of a frame set as model inputs: which frames a run covers (the current one, the selected
 * ones, every frame) and each frame's full-size image (the large view's frame endpoint, never the
 * sprite thumbnail) read as RGBA when the run reaches it. The plan is pure; `readFrame` decodes with
 * createImageBitmap + OffscreenCanvas (a browser or worker) and the worker client transfers the pixels.
 */
import type { FrameRef } from '../core/item';
import type { ModelInput } from '../core/models/modelInput';
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
 * One frame as RGBA, mapped to its recorded size (image px, origin top-left): a served image of
 * another size than the item records is scaled back, so proposals land in the frame's own px.
 */
export async function readFrame(frame: FrameRef, loadFrame: LoadFrameBlob): Promise<ModelInput> {
  const blob = await loadFrame(frame.targetId);
  const bitmap = await createImageBitmap(blob);
  try {
    const { width, height } = bitmap;
    const canvas = new OffscreenCanvas(width, height);
    const context = canvas.getContext('2d');
    if (!context) throw new Error('this browser cannot draw off screen');
    context.drawImage(bitmap, 0, 0);
    const { data } = context.getImageData(0, 0, width, height);
    return { kind: 'rgbaImage', targetId: frame.targetId, width, height, rgba: data, origin: [0, 0], scale: frame.width > 0 ? frame.width / width : 1 };
  } finally {
    bitmap.close();
  }
}

/** Run inputs for these frames (indices into `frames`), each read when the run reaches it. */
export function frameRunInputs(frames: readonly FrameRef[], indices: readonly number[], loadFrame: LoadFrameBlob): RunInput[] {
  return indices.flatMap((index) => {
    const frame = frames[index];
    return frame ? [{ read: () => readFrame(frame, loadFrame) }] : [];
  });
}

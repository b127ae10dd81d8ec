/**
 * The image data one inference step works on, as the viewer or loader has it. Pixel buffers are
 * transferred to the worker, never copied on the main thread.
 */
import type { Point } from '../annotation';

export type ModelInput =
  /** One CT slice in Hounsfield units, row-major. */
  | {
      readonly kind: 'ctSlice';
      readonly targetId: string;
      readonly width: number;
      readonly height: number;
      readonly hu: Float32Array;
      /** mm per pixel (column, row), for models that care about physical size. */
      readonly spacing: readonly [number, number];
    }
  /**
   * An RGBA image: a frame, a photograph, or one region of a slide read at some level. `origin` and
   * `scale` map its pixels to the item's frame: item = origin + pixel × scale.
   */
  | {
      readonly kind: 'rgbaImage';
      readonly targetId: string;
      readonly width: number;
      readonly height: number;
      readonly rgba: Uint8ClampedArray;
      readonly origin: Point;
      readonly scale: number;
      /** µm per pixel of this image (slides), when known. */
      readonly micronsPerPixel?: number;
    };

/** A click (or box) a person gives a promptable model, in the item's pixel frame. */
export type ModelPrompt =
  | { readonly kind: 'point'; readonly point: Point; readonly positive: boolean }
  | { readonly kind: 'box'; readonly topLeft: Point; readonly bottomRight: Point };

/**
 * The question and class a prompted outline answers, as the person chose them in the viewer: a
 * SAM-family model's masks have no class of their own.
 */
export interface PromptTarget {
  readonly questionId: string;
  readonly classCode: string;
}

/**
 * The contract of the mask tools of the CT viewer: small state machines like the outline tools
 * (src/core/tools/tool.ts, whose input and effects they share), reading one slice's labelmap and
 * HU values instead of outlines. Each finished edit is one `mask/set` command: one record, the
 * slice × class edited, and one undo step.
 */
import type { Point } from '../../annotation';
import { encodeRuns } from '../../mask';
import type { ToolMachine } from '../../tools/common';
import type { ToolEffect } from '../../tools/tool';
import type { PixelRect, SliceSize } from '../labelmap';

export type MaskToolId = 'maskBrush' | 'maskEraser' | 'thresholdBrush' | 'contourFill' | 'floodFill';

/** What a mask tool may read of the document and the view. */
export interface MaskToolContext {
  /** The slice painted on. */
  readonly targetId: string;
  /** The mask question and the class (segment) painted. */
  readonly questionId: string;
  readonly classCode: string;
  readonly size: SliceSize;
  /** Image px per screen px now (a click tolerance of n screen px is n × this in image px). */
  readonly imagePxPerScreenPx: number;
  /** The slice's modality values (HU for CT), row-major; null while its pixels are not read. */
  readonly hu: ArrayLike<number> | null;
  /** The HU range of the threshold brush and the flood fill, inclusive. */
  readonly huRange: readonly [number, number];
  /** A fresh copy of the segment's labelmap on this slice (all 0 when it has none): the tool may write into it. */
  labels(): Uint8Array;
}

/** What the overlay draws for a mask tool at work (image px). */
export interface MaskToolPreview {
  /** The brush footprint under the pointer. */
  readonly brush?: { readonly center: Point; readonly radius: number; readonly mode: 'paint' | 'erase' };
  /** The labelmap as the edit in progress leaves it (drawn in place of the stored one). */
  readonly labels?: Uint8Array;
  /**
   * Where `labels` may differ from the labelmap the edit started from (null: nowhere yet;
   * absent: anywhere). `labels` is written in place while the edit goes on, so a drawing that has
   * drawn this array whole may repaint only this rectangle afterwards.
   */
  readonly touched?: PixelRect | null;
  /** The contour being drawn, open. */
  readonly contour?: readonly Point[];
}

/** A mask tool: the same machine as an outline tool, over a slice's labelmap. */
export interface MaskTool<S> extends ToolMachine<S, MaskToolContext, ToolEffect, MaskToolPreview | null> {
  readonly id: MaskToolId;
}

/** The one command of a finished edit: the slice's labelmap of the class, as it now is. */
export function setMaskEffect(ctx: MaskToolContext, labels: Uint8Array): ToolEffect {
  const { questionId, targetId, classCode, size } = ctx;
  return { type: 'execute', command: { name: 'mask/set', params: { questionId, targetId, classCode, width: size.width, height: size.height, runs: encodeRuns(labels) } } };
}

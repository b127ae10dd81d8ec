/**
 * Which frames of a video hold regions, and where the timeline marks them: spans of pixel columns
 * painted on one canvas, not one element per frame, so 20,000 frames with boxes cost at most the
 * timeline's width to draw.
 */
import type { AnnotationRecord } from '../../../core/annotation';
import { isShownRegion } from '../regions/regionShapes';

/** The 0-based frames holding a shown region of `questionId`, ascending; `frameIndex` gives a target's frame. */
export function framesWithRegions(records: Iterable<AnnotationRecord>, questionId: string, frameIndex: (targetId: string) => number | undefined): number[] {
  const frames = new Set<number>();
  for (const record of records) {
    if (!isShownRegion(record, questionId)) continue;
    const frame = frameIndex(record.targetId);
    if (frame !== undefined) frames.add(frame);
  }
  return [...frames].sort((a, b) => a - b);
}

/** Columns `from` (inclusive) to `to` (exclusive) of the timeline, in device px. */
export interface MarkSpan {
  readonly from: number;
  readonly to: number;
}

/**
 * What to paint on a timeline `width` device px wide for `frames` (ascending, of `frameCount`):
 * each frame's slot, at least one column wide, with touching slots merged, so the spans are never
 * more than the columns there are.
 */
export function markSpans(frames: readonly number[], frameCount: number, width: number): MarkSpan[] {
  if (frameCount <= 0 || width <= 0) return [];
  const spans: { from: number; to: number }[] = [];
  for (const frame of frames) {
    if (frame < 0 || frame >= frameCount) continue;
    const from = Math.min(width - 1, Math.floor((frame / frameCount) * width));
    const to = Math.max(from + 1, Math.floor(((frame + 1) / frameCount) * width));
    const last = spans[spans.length - 1];
    if (last && from <= last.to) last.to = Math.max(last.to, to);
    else spans.push({ from, to });
  }
  return spans;
}

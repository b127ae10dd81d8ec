/**
 * Frame-range arithmetic of the timeline, in 0-based frame indices with both ends inclusive:
 * turning `[` and `]` marks into a range, and where a dragged edge may go.
 */

export interface FrameSpan {
  readonly first: number;
  readonly last: number;
}

/**
 * The range `[` and `]` mark. A missing mark is the current frame (`[` alone then `2` tags from the
 * mark to here, as in CVAT); marks set the wrong way round are swapped rather than refused.
 */
export function spanOfMarks(markIn: number | null, markOut: number | null, current: number): FrameSpan {
  const a = markIn ?? current;
  const b = markOut ?? current;
  return { first: Math.min(a, b), last: Math.max(a, b) };
}

export type RangeEdge = 'first' | 'last';

/**
 * The span after dragging one edge to frame `to`: kept inside the video (`frameCount` frames) and
 * never past the other edge (a range keeps at least one frame).
 */
export function dragEdge(span: FrameSpan, edge: RangeEdge, to: number, frameCount: number): FrameSpan {
  const frame = clampFrame(Math.round(to), frameCount);
  return edge === 'first' ? { first: Math.min(frame, span.last), last: span.last } : { first: span.first, last: Math.max(frame, span.first) };
}

export function clampFrame(frame: number, frameCount: number): number {
  return Math.min(Math.max(0, frame), Math.max(0, frameCount - 1));
}

/** The frame under x px of a timeline `width` px wide showing `frameCount` frames edge to edge. */
export function frameAtX(x: number, width: number, frameCount: number): number {
  if (width <= 0) return 0;
  return clampFrame(Math.floor((x / width) * frameCount), frameCount);
}

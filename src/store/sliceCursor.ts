/**
 * The current slice and the range selection of the open item, as pure functions over indices
 * (0-based, in the series' slice order).
 */

export interface SliceSelection {
  /** Where the Shift-selection started. */
  readonly anchor: number;
  /** Where it ends now (the current slice). */
  readonly focus: number;
}

export interface SliceCursor {
  readonly index: number;
  readonly selection: SliceSelection | null;
}

export const clampIndex = (index: number, count: number): number =>
  count <= 0 ? 0 : Math.min(count - 1, Math.max(0, Math.round(index)));

/** Moves to `target`; with `extend` the selection grows from its anchor (or the current slice). */
export function moveCursor(cursor: SliceCursor, target: number, extend: boolean, count: number): SliceCursor {
  const index = clampIndex(target, count);
  if (!extend) return { index, selection: null };
  const anchor = cursor.selection?.anchor ?? cursor.index;
  return { index, selection: anchor === index ? null : { anchor, focus: index } };
}

/** Inclusive [first, last] slice indices the next label applies to. */
export function targetRange(cursor: SliceCursor): readonly [number, number] {
  if (!cursor.selection) return [cursor.index, cursor.index];
  const { anchor, focus } = cursor.selection;
  return [Math.min(anchor, focus), Math.max(anchor, focus)];
}

/** After labelling: the slice after the labelled range, selection cleared. */
export function advanceAfterLabel(cursor: SliceCursor, count: number): SliceCursor {
  const [, last] = targetRange(cursor);
  return { index: clampIndex(last + 1, count), selection: null };
}

/** The first slice (in series order) among `touched` targets, or null when none is a slice of it. */
export function firstTouchedIndex(targetIds: readonly string[], touched: Iterable<string>): number | null {
  const wanted = new Set(touched);
  const index = targetIds.findIndex((id) => wanted.has(id));
  return index < 0 ? null : index;
}

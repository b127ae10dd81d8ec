/**
 * The grid's selection: frames picked with Shift (a range from the anchor) and Ctrl (toggled one by
 * one), as frame indices in the item's order. Tagging a selection is one command however many
 * frames it holds.
 */

export interface FrameSelection {
  /** Where the last Shift range starts (the frame current when Shift was first used, or the last Ctrl-clicked one). */
  readonly anchor: number;
  /** Frames picked by Ctrl before the current Shift range. */
  readonly picked: ReadonlySet<number>;
  /** The Shift range's far end, or null when only Ctrl picks exist. */
  readonly focus: number | null;
}

/** Shift+arrow or Shift+click to `target`, from frame `current`: the range from the anchor to `target`. */
export function extendSelection(selection: FrameSelection | null, current: number, target: number): FrameSelection {
  const anchor = selection?.anchor ?? current;
  return { anchor, picked: selection?.picked ?? new Set(), focus: target };
}

/** Ctrl+click on `target`: toggles it (the current frame joins the selection when one starts). */
export function toggleInSelection(selection: FrameSelection | null, current: number, target: number): FrameSelection | null {
  const frames = new Set(selection ? selectedFrames(selection) : [current]);
  const adding = !frames.has(target);
  if (adding) frames.add(target);
  else frames.delete(target);
  // A later Shift range starts at the frame last added, as in file managers.
  return frames.size === 0 ? null : { anchor: adding || !selection ? target : selection.anchor, picked: frames, focus: null };
}

/** Every selected frame, ascending, without repeats. */
export function selectedFrames(selection: FrameSelection): number[] {
  const frames = new Set(selection.picked);
  if (selection.focus !== null) {
    const first = Math.min(selection.anchor, selection.focus);
    const last = Math.max(selection.anchor, selection.focus);
    for (let i = first; i <= last; i += 1) frames.add(i);
  }
  return [...frames].sort((a, b) => a - b);
}

export function isSelected(selection: FrameSelection | null, frame: number): boolean {
  if (!selection) return false;
  if (selection.picked.has(frame)) return true;
  return selection.focus !== null && frame >= Math.min(selection.anchor, selection.focus) && frame <= Math.max(selection.anchor, selection.focus);
}

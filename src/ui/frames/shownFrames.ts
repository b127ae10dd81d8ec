/**
 * The grid's shown frames under a filter, kept from the document's diffs: an edit re-tests only
 * the frames its records cover, so a key press over 20,000 frames reads O(changed) labels, not
 * O(frames). Framework-free, so it is tested without React.
 *
 * The frame under the cursor never leaves under the annotator's eyes: when an edit makes the
 * current frame stop passing (tagged under "untagged"), it stays shown, answered, until the cursor
 * moves off it; then it leaves and the frames after it close up. Answering by key moves to the
 * next frame shown, so under "untagged" the next untagged frame slides into the cell just
 * answered: the cursor's place on screen stays where the annotator's eyes are (CVAT's habit).
 */
import type { RecordDiff } from '../../core/diff';

export class ShownFrames {
  private list: readonly number[];
  /** The current frame, kept shown though it no longer passes (see above); null when none is. */
  private held: number | null = null;

  /**
   * @param count Frames of the set (indices 0…count-1).
   * @param passesAt Whether a frame passes the filter now (reads the live document).
   */
  constructor(
    count: number,
    private readonly passesAt: (frame: number) => boolean,
  ) {
    const list: number[] = [];
    for (let frame = 0; frame < count; frame += 1) if (passesAt(frame)) list.push(frame);
    this.list = list;
  }

  /** Frame indices, ascending; a new array after each change, so views can compare by reference. */
  get frames(): readonly number[] {
    return this.list;
  }

  /**
   * Re-tests the `changed` frames while `current` is under the cursor. O(changed · log shown)
   * label reads and searches, plus one copy of the list when some frame joins or leaves.
   * Answers whether the list changed.
   */
  update(changed: Iterable<number>, current: number): boolean {
    let next: number[] | null = null;
    for (const frame of changed) {
      const list: readonly number[] = next ?? this.list;
      const at = lowerBound(list, frame);
      const present = list[at] === frame;
      const passes = this.passesAt(frame);
      if (present && !passes && frame === current) {
        this.held = frame;
        continue;
      }
      if (passes && frame === this.held) this.held = null;
      if (present === passes) continue;
      next ??= [...this.list];
      if (passes) next.splice(at, 0, frame);
      else next.splice(at, 1);
    }
    if (!next) return false;
    this.list = next;
    return true;
  }

  /** The cursor is on `current` now: a held frame it has left goes, unless it passes again. Answers whether the list changed. */
  moveTo(current: number): boolean {
    const held = this.held;
    if (held === null || held === current) return false;
    this.held = null;
    return this.update([held], current);
  }
}

/**
 * Where `frame` sits in the grid's ascending list of shown frames, or -1 when it is not shown.
 * O(log shown): a key press over 20,000 frames asks it a few times.
 */
export function positionOf(shown: readonly number[], frame: number): number {
  const at = lowerBound(shown, frame);
  return shown[at] === frame ? at : -1;
}

/** First position in ascending `list` whose value is ≥ `value`. */
function lowerBound(list: readonly number[], value: number): number {
  let [low, high] = [0, list.length];
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((list[mid] as number) < value) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * The frames (indices) whose answers or boxes a diff may have changed: those its label and shape
 * records cover, before and after — one frame, or every frame of a range record (`endTargetId`),
 * so a record that grows, shrinks or goes re-tests each frame it covered or covers, and a box
 * proposed, accepted or rejected re-tests its frame. O(diff + frames covered).
 */
export function framesChangedBy(diff: RecordDiff, frameOf: ReadonlyMap<string, number>): Set<number> {
  const frames = new Set<number>();
  for (const entry of Object.values(diff)) {
    for (const record of entry) {
      if (record?.type !== 'label' && record?.type !== 'shape') continue;
      const first = frameOf.get(record.targetId);
      if (first === undefined) continue;
      const end = record.type === 'label' ? record.endTargetId : undefined;
      const last = end === undefined ? first : (frameOf.get(end) ?? first);
      for (let frame = first; frame <= Math.max(first, last); frame += 1) frames.add(frame);
    }
  }
  return frames;
}

import { describe, expect, it } from 'vitest';
import type { TargetLabel } from '../../core/annotation';
import type { RecordDiff } from '../../core/diff';
import { RecordStore } from '../../core/recordStore';
import { humanProvenance, labelRecord } from '../../core/testing/records';
import { framePasses, type FrameFilter } from './frameFilter';
import { framesChangedBy, positionOf, ShownFrames } from './shownFrames';

const FRAMES = 8;
const targetIds = Array.from({ length: FRAMES }, (_, frame) => `f${frame}`);
const frameOf = new Map(targetIds.map((id, frame) => [id, frame]));
const mayo = (frame: number, code: string): TargetLabel => labelRecord(`f${frame}`, [code], humanProvenance(), 'mayo');
const added = (...records: TargetLabel[]): RecordDiff => Object.fromEntries(records.map((record) => [record.id, [null, record]]));
const removed = (...records: TargetLabel[]): RecordDiff => Object.fromEntries(records.map((record) => [record.id, [record, null]]));

/** A document, the grid's list under `filter`, kept from the document's diffs as the app keeps it, and a count of label reads. */
function grid(filter: FrameFilter) {
  const document = new RecordStore({ itemId: 'i', annotatorId: 'u1', labelSetId: 'uc', labelSetVersion: 1 });
  let reads = 0;
  const shown = new ShownFrames(FRAMES, (frame) => {
    reads += 1;
    return framePasses(filter, document, 'mayo', targetIds[frame] as string);
  });
  let current = 0;
  document.watch((diff) => shown.update(framesChangedBy(diff, frameOf), current));
  return {
    document,
    shown,
    reads: () => reads,
    moveTo(frame: number) {
      current = frame;
      shown.moveTo(frame);
    },
  };
}

describe('ShownFrames', () => {
  it('re-tests only the frames a diff covers', () => {
    const { document, shown, reads } = grid({ kind: 'untagged' });
    expect(shown.frames).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    const before = reads();
    document.apply(added(mayo(3, 'mayo.1'), mayo(5, 'mayo.2')));
    expect(reads() - before).toBe(2);
    expect(shown.frames).toEqual([0, 1, 2, 4, 6, 7]);
  });

  it('keeps the tagged current frame until the cursor leaves it, then the next one takes its cell', () => {
    const { document, shown, moveTo } = grid({ kind: 'untagged' });
    moveTo(2);
    document.apply(added(mayo(2, 'mayo.0')));
    expect(shown.frames).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    const cell = shown.frames.indexOf(2);
    moveTo(3);
    expect(shown.frames).toEqual([0, 1, 3, 4, 5, 6, 7]);
    expect(shown.frames.indexOf(3)).toBe(cell);
  });

  it('keeps a held frame that passes again when its answer is undone', () => {
    const { document, shown, moveTo } = grid({ kind: 'untagged' });
    moveTo(4);
    const label = mayo(4, 'mayo.3');
    document.apply(added(label));
    document.apply(removed(label));
    moveTo(5);
    expect(shown.frames).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it('lets frames join a class filter as they are answered, in frame order, and answers whether the list changed', () => {
    const { document, shown } = grid({ kind: 'class', code: 'mayo.2' });
    expect(shown.frames).toEqual([]);
    document.apply(added(mayo(6, 'mayo.2'), mayo(1, 'mayo.2'), mayo(3, 'mayo.1')));
    expect(shown.frames).toEqual([1, 6]);
    const same = shown.frames;
    expect(shown.update([0, 7], 0)).toBe(false);
    expect(shown.frames).toBe(same);
  });
});

describe('framesChangedBy', () => {
  it('covers every frame of a range record, before and after, and ignores unknown targets', () => {
    const range = (first: number, last: number): TargetLabel => ({ ...mayo(first, 'mayo.1'), endTargetId: `f${last}` });
    const grown: RecordDiff = { [range(2, 3).id]: [range(2, 3), range(2, 5)] };
    expect([...framesChangedBy(grown, frameOf)].sort()).toEqual([2, 3, 4, 5]);
    expect([...framesChangedBy(added(labelRecord('elsewhere', ['mayo.1'], humanProvenance(), 'mayo')), frameOf)]).toEqual([]);
  });
});

describe('positionOf', () => {
  it('finds a frame in the ascending shown list, -1 when it is not shown', () => {
    const shown = [0, 3, 4, 9, 19_999];
    expect(shown.map((frame) => positionOf(shown, frame))).toEqual([0, 1, 2, 3, 4]);
    expect([positionOf(shown, 1), positionOf(shown, 10), positionOf(shown, 20_000), positionOf([], 0)]).toEqual([-1, -1, -1, -1]);
  });
});

import { describe, expect, it } from 'vitest';
import type { AnnotationRecord } from './annotation';
import type { RecordDiff } from './diff';
import { UndoHistory } from './history';
import { RecordStore } from './recordStore';
import { DOC_KEY, labelRecord, shapeRecord } from './testing/records';

const absent = (t: string) => labelRecord(t, ['sah.absent']);
const present = (t: string) => labelRecord(t, ['sah.present']);
const uncertain = (t: string) => labelRecord(t, ['sah.uncertain']);
const id = (t: string) => `label:sah:${t}`;

function store(records: AnnotationRecord[] = []): RecordStore {
  return new RecordStore(DOC_KEY, records);
}

/** Applies a local change and records it, as an editor would. */
function local(history: UndoHistory, doc: RecordStore, diff: RecordDiff): void {
  doc.apply(diff);
  history.record(diff);
}

/** Undo or redo and apply what it returns, as an editor would; the diff, or null. */
function move(history: UndoHistory, doc: RecordStore, direction: 'undo' | 'redo'): RecordDiff | null {
  const diff = history[direction](doc);
  if (diff) doc.apply(diff);
  return diff;
}

/** A change that arrives from elsewhere: applied, never recorded. */
function remote(doc: RecordStore, diff: RecordDiff): void {
  doc.apply(JSON.parse(JSON.stringify(diff)) as RecordDiff);
}

/** Labels of the document as `target → class`, for compact assertions. */
function labels(doc: RecordStore): Record<string, string> {
  const entries = [...doc.records()].flatMap((r) => (r.type === 'label' ? [[r.targetId, r.classCodes.join('+')] as const] : []));
  return Object.fromEntries(entries.sort(([a], [b]) => a.localeCompare(b)));
}

describe('UndoHistory', () => {
  it('undoes and redoes steps in order, with exact diffs', () => {
    const h = new UndoHistory();
    const doc = store();
    local(h, doc, { [id('s1')]: [null, absent('s1')] });
    local(h, doc, { [id('s1')]: [absent('s1'), present('s1')] });
    local(h, doc, { [id('s2')]: [null, uncertain('s2')] });
    const done = doc.snapshot();
    expect(labels(doc)).toEqual({ s1: 'sah.present', s2: 'sah.uncertain' });

    expect(move(h, doc, 'undo')).toEqual({ [id('s2')]: [uncertain('s2'), null] });
    expect(labels(doc)).toEqual({ s1: 'sah.present' });
    expect(move(h, doc, 'undo')).toEqual({ [id('s1')]: [present('s1'), absent('s1')] });
    expect(labels(doc)).toEqual({ s1: 'sah.absent' });
    move(h, doc, 'undo');
    expect(doc.size).toBe(0);
    expect(h.canUndo).toBe(false);
    expect(h.undo(doc)).toBeNull();

    expect(move(h, doc, 'redo')).toEqual({ [id('s1')]: [null, absent('s1')] });
    expect(labels(doc)).toEqual({ s1: 'sah.absent' });
    move(h, doc, 'redo');
    move(h, doc, 'redo');
    expect(doc.snapshot()).toEqual(expect.arrayContaining(done));
    expect(doc.size).toBe(done.length);
    expect(h.canRedo).toBe(false);
    expect(h.redo(doc)).toBeNull();
  });

  it('a new local change clears redo', () => {
    const h = new UndoHistory();
    const doc = store();
    local(h, doc, { [id('s1')]: [null, absent('s1')] });
    move(h, doc, 'undo');
    expect(h.canRedo).toBe(true);
    local(h, doc, { [id('s2')]: [null, absent('s2')] });
    expect(h.canRedo).toBe(false);
  });

  it('ignores empty diffs, and clear() forgets everything', () => {
    const h = new UndoHistory();
    h.record({});
    expect(h.canUndo).toBe(false);
    const doc = store();
    local(h, doc, { [id('s1')]: [null, absent('s1')] });
    move(h, doc, 'undo');
    local(h, doc, { [id('s2')]: [null, absent('s2')] });
    h.clear();
    expect([h.canUndo, h.canRedo, h.size]).toEqual([false, false, 0]);
  });

  it('batches squash into one step, and a batch that changes nothing leaves no step', () => {
    const h = new UndoHistory();
    const doc = store();
    h.beginBatch();
    local(h, doc, { [id('s1')]: [null, absent('s1')] });
    h.beginBatch();
    local(h, doc, { [id('s2')]: [null, absent('s2')] });
    h.endBatch();
    local(h, doc, { [id('s1')]: [absent('s1'), present('s1')] });
    h.endBatch();
    expect(h.size).toBe(1);
    expect(move(h, doc, 'undo')).toEqual({ [id('s1')]: [present('s1'), null], [id('s2')]: [absent('s2'), null] });
    expect(doc.size).toBe(0);

    const shape = shapeRecord('sh', 's1');
    const moved = shapeRecord('sh', 's1', { type: 'point', point: [5, 5] });
    h.beginBatch();
    local(h, doc, { sh: [null, shape] });
    local(h, doc, { sh: [shape, moved] });
    local(h, doc, { sh: [moved, null] });
    h.endBatch();
    expect(h.size).toBe(0);
    expect(doc.size).toBe(0);
  });

  it('undo during an open batch closes it first', () => {
    const h = new UndoHistory();
    const doc = store();
    h.beginBatch();
    local(h, doc, { [id('s1')]: [null, absent('s1')] });
    expect(h.canUndo).toBe(true);
    move(h, doc, 'undo');
    expect(doc.size).toBe(0);
    h.endBatch();
    expect(h.canUndo).toBe(false);
  });

  it('refuses an unmatched endBatch', () => {
    expect(() => new UndoHistory().endBatch()).toThrow('endBatch without beginBatch');
  });

  it('keeps at most `limit` steps, dropping the oldest', () => {
    const h = new UndoHistory(3);
    const doc = store();
    for (let i = 1; i <= 5; i++) local(h, doc, { [id(`s${i}`)]: [null, absent(`s${i}`)] });
    expect(h.size).toBe(3);
    while (h.canUndo) move(h, doc, 'undo');
    expect(Object.keys(labels(doc))).toEqual(['s1', 's2']);
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses a history limit of %s', (limit) => {
    expect(() => new UndoHistory(limit)).toThrow(RangeError);
  });

  it('holds 500 steps by default', () => {
    const h = new UndoHistory();
    const doc = store();
    for (let i = 0; i < 600; i++) local(h, doc, { [id(`s${i}`)]: [null, absent(`s${i}`)] });
    expect(h.size).toBe(500);
  });

  describe('with remote changes in between', () => {
    it('undo skips a record a remote change modified since, and restores the others', () => {
      const h = new UndoHistory();
      const doc = store();
      local(h, doc, { [id('s1')]: [null, absent('s1')], [id('s2')]: [null, absent('s2')] });
      // Another device of the same annotator changed s1 meanwhile; it arrives without history.
      remote(doc, { [id('s1')]: [absent('s1'), present('s1')] });
      expect(move(h, doc, 'undo')).toEqual({ [id('s2')]: [absent('s2'), null] });
      expect(labels(doc)).toEqual({ s1: 'sah.present' });
      // Redo replays only what the undo reverted.
      expect(move(h, doc, 'redo')).toEqual({ [id('s2')]: [null, absent('s2')] });
      expect(labels(doc)).toEqual({ s1: 'sah.present', s2: 'sah.absent' });
    });

    it('undo does not resurrect a record a remote change deleted', () => {
      const h = new UndoHistory();
      const doc = store([absent('s1')]);
      local(h, doc, { [id('s1')]: [absent('s1'), present('s1')] });
      remote(doc, { [id('s1')]: [present('s1'), null] });
      expect(h.undo(doc)).toBeNull();
      expect(doc.size).toBe(0);
    });

    it('skips a step clobbered entirely by remote work and undoes the one before', () => {
      const h = new UndoHistory();
      const doc = store();
      local(h, doc, { [id('s1')]: [null, absent('s1')] });
      local(h, doc, { [id('s2')]: [null, absent('s2')] });
      remote(doc, { [id('s2')]: [absent('s2'), uncertain('s2')] });
      expect(move(h, doc, 'undo')).toEqual({ [id('s1')]: [absent('s1'), null] });
      expect(labels(doc)).toEqual({ s2: 'sah.uncertain' });
      expect(h.canUndo).toBe(false);
    });

    it('a remote copy equal to the step result still lets undo proceed', () => {
      const h = new UndoHistory();
      const doc = store();
      local(h, doc, { [id('s1')]: [null, absent('s1')] });
      remote(doc, { [id('s1')]: [absent('s1'), absent('s1')] });
      expect(doc.get(id('s1'))).not.toBe(absent('s1'));
      move(h, doc, 'undo');
      expect(doc.size).toBe(0);
    });

    it('redo does not clobber a record created remotely after the undo', () => {
      const h = new UndoHistory();
      const doc = store();
      local(h, doc, { [id('s1')]: [null, absent('s1')] });
      move(h, doc, 'undo');
      remote(doc, { [id('s1')]: [null, present('s1')] });
      expect(h.redo(doc)).toBeNull();
      expect(labels(doc)).toEqual({ s1: 'sah.present' });
    });
  });
});

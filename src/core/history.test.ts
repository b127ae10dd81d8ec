import { describe, expect, it } from 'vitest';
import type { AnnotationDocument } from './annotation';
import { applyDiff, diffDocuments, type RecordDiff } from './diff';
import { UndoHistory } from './history';
import { documentOf, labelRecord, shapeRecord } from './testing/records';

const absent = (t: string) => labelRecord(t, ['sah.absent']);
const present = (t: string) => labelRecord(t, ['sah.present']);
const uncertain = (t: string) => labelRecord(t, ['sah.uncertain']);

/** Applies a local change and records it, as an editor would. */
function local(history: UndoHistory, doc: AnnotationDocument, diff: RecordDiff): AnnotationDocument {
  history.record(diff);
  return applyDiff(doc, diff);
}

/** Labels of the document as `target → class`, for compact assertions. */
function labels(doc: AnnotationDocument): Record<string, string> {
  return Object.fromEntries(
    Object.values(doc.records).flatMap((r) => (r.type === 'label' ? [[r.targetId, r.classCodes.join('+')]] : [])),
  );
}

describe('UndoHistory', () => {
  it('undoes and redoes steps in order', () => {
    const h = new UndoHistory();
    let doc = documentOf([]);
    doc = local(h, doc, { 'label:s1': [null, absent('s1')] });
    doc = local(h, doc, { 'label:s1': [absent('s1'), present('s1')] });
    doc = local(h, doc, { 'label:s2': [null, uncertain('s2')] });
    expect(labels(doc)).toEqual({ s1: 'sah.present', s2: 'sah.uncertain' });

    const u1 = h.undo(doc)!;
    expect(labels(u1.doc)).toEqual({ s1: 'sah.present' });
    expect(u1.diff).toEqual({ 'label:s2': [uncertain('s2'), null] });
    const u2 = h.undo(u1.doc)!;
    expect(labels(u2.doc)).toEqual({ s1: 'sah.absent' });
    const u3 = h.undo(u2.doc)!;
    expect(labels(u3.doc)).toEqual({});
    expect(h.canUndo).toBe(false);
    expect(h.undo(u3.doc)).toBeNull();

    const r1 = h.redo(u3.doc)!;
    expect(labels(r1.doc)).toEqual({ s1: 'sah.absent' });
    const r2 = h.redo(r1.doc)!;
    const r3 = h.redo(r2.doc)!;
    expect(r3.doc).toEqual(doc);
    expect(h.canRedo).toBe(false);
    expect(h.redo(r3.doc)).toBeNull();
  });

  it('a new local change clears redo', () => {
    const h = new UndoHistory();
    let doc = local(h, documentOf([]), { 'label:s1': [null, absent('s1')] });
    doc = h.undo(doc)!.doc;
    expect(h.canRedo).toBe(true);
    doc = local(h, doc, { 'label:s2': [null, absent('s2')] });
    expect(h.canRedo).toBe(false);
  });

  it('ignores empty diffs', () => {
    const h = new UndoHistory();
    h.record({});
    expect(h.canUndo).toBe(false);
  });

  it('batches squash into one step, and a batch that changes nothing leaves no step', () => {
    const h = new UndoHistory();
    let doc = documentOf([]);
    h.beginBatch();
    doc = local(h, doc, { 'label:s1': [null, absent('s1')] });
    h.beginBatch();
    doc = local(h, doc, { 'label:s2': [null, absent('s2')] });
    h.endBatch();
    doc = local(h, doc, { 'label:s1': [absent('s1'), present('s1')] });
    h.endBatch();
    expect(h.size).toBe(1);
    const undone = h.undo(doc)!;
    expect(undone.doc.records).toEqual({});
    expect(undone.diff).toEqual({ 'label:s1': [present('s1'), null], 'label:s2': [absent('s2'), null] });

    const shape = shapeRecord('sh', 's1');
    const moved = shapeRecord('sh', 's1', { type: 'point', point: [5, 5] });
    h.beginBatch();
    let d2 = local(h, undone.doc, { sh: [null, shape] });
    d2 = local(h, d2, { sh: [shape, moved] });
    d2 = local(h, d2, { sh: [moved, null] });
    h.endBatch();
    expect(h.size).toBe(0);
    expect(d2.records).toEqual({});
  });

  it('undo during an open batch closes it first', () => {
    const h = new UndoHistory();
    h.beginBatch();
    const doc = local(h, documentOf([]), { 'label:s1': [null, absent('s1')] });
    expect(h.canUndo).toBe(true);
    expect(h.undo(doc)!.doc.records).toEqual({});
    h.endBatch();
    expect(h.canUndo).toBe(false);
  });

  it('refuses an unmatched endBatch', () => {
    expect(() => new UndoHistory().endBatch()).toThrow('endBatch without beginBatch');
  });

  it('keeps at most `limit` steps, dropping the oldest', () => {
    const h = new UndoHistory(3);
    let doc = documentOf([]);
    for (let i = 1; i <= 5; i++) doc = local(h, doc, { [`label:s${i}`]: [null, absent(`s${i}`)] });
    expect(h.size).toBe(3);
    while (h.canUndo) doc = h.undo(doc)!.doc;
    expect(Object.keys(labels(doc))).toEqual(['s1', 's2']);
    expect(() => new UndoHistory(0)).toThrow(RangeError);
  });

  it('holds 500 steps by default', () => {
    const h = new UndoHistory();
    let doc = documentOf([]);
    for (let i = 0; i < 600; i++) doc = local(h, doc, { [`label:s${i}`]: [null, absent(`s${i}`)] });
    expect(h.size).toBe(500);
  });

  describe('with remote changes in between', () => {
    it('undo skips a record a remote change modified since, and restores the others', () => {
      const h = new UndoHistory();
      let doc = documentOf([]);
      doc = local(h, doc, { 'label:s1': [null, absent('s1')], 'label:s2': [null, absent('s2')] });
      // Another device of the same annotator changed s1 meanwhile; it arrives without history.
      const remote = applyDiff(doc, { 'label:s1': [absent('s1'), present('s1')] });
      const undone = h.undo(JSON.parse(JSON.stringify(remote)) as AnnotationDocument)!;
      expect(labels(undone.doc)).toEqual({ s1: 'sah.present' });
      expect(undone.diff).toEqual({ 'label:s2': [absent('s2'), null] });
      // Redo replays only what the undo reverted.
      const redone = h.redo(undone.doc)!;
      expect(redone.diff).toEqual({ 'label:s2': [null, absent('s2')] });
      expect(labels(redone.doc)).toEqual({ s1: 'sah.present', s2: 'sah.absent' });
    });

    it('undo does not resurrect a record a remote change deleted', () => {
      const h = new UndoHistory();
      let doc = local(h, documentOf([absent('s1')]), { 'label:s1': [absent('s1'), present('s1')] });
      doc = applyDiff(doc, { 'label:s1': [present('s1'), null] });
      expect(h.undo(doc)).toBeNull();
    });

    it('skips a step clobbered entirely by remote work and undoes the one before', () => {
      const h = new UndoHistory();
      let doc = documentOf([]);
      doc = local(h, doc, { 'label:s1': [null, absent('s1')] });
      doc = local(h, doc, { 'label:s2': [null, absent('s2')] });
      doc = applyDiff(doc, { 'label:s2': [absent('s2'), uncertain('s2')] });
      const undone = h.undo(doc)!;
      expect(labels(undone.doc)).toEqual({ s2: 'sah.uncertain' });
      expect(h.canUndo).toBe(false);
    });

    it('a remote change that equals the step result still lets undo proceed', () => {
      const h = new UndoHistory();
      const doc = local(h, documentOf([]), { 'label:s1': [null, absent('s1')] });
      const fromServer = JSON.parse(JSON.stringify(doc)) as AnnotationDocument;
      expect(diffDocuments(doc, fromServer)).toEqual({});
      expect(h.undo(fromServer)!.doc.records).toEqual({});
    });

    it('redo does not clobber a record created remotely after the undo', () => {
      const h = new UndoHistory();
      let doc = local(h, documentOf([]), { 'label:s1': [null, absent('s1')] });
      doc = h.undo(doc)!.doc;
      doc = applyDiff(doc, { 'label:s1': [null, present('s1')] });
      expect(h.redo(doc)).toBeNull();
      expect(labels(doc)).toEqual({ s1: 'sah.present' });
    });
  });
});

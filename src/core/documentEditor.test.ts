import { describe, expect, it } from 'vitest';
import type { AnnotationDocument, TargetLabel } from './annotation';
import { CommandError } from './commands';
import { applyDiff, type RecordDiff } from './diff';
import { DocumentEditor, type ChangeOrigin } from './documentEditor';
import { SAH_SLICE_LABEL_SET } from './labelSets/builtin';
import { documentOf, labelRecord } from './testing/records';

const SLICES = Array.from({ length: 28 }, (_, i) => `slice-${i + 1}`);

function editor(doc: AnnotationDocument = documentOf([])) {
  let t = 0;
  let id = 0;
  const e = new DocumentEditor({
    doc,
    labelSet: SAH_SLICE_LABEL_SET,
    targetIds: SLICES,
    userId: 'alice',
    now: () => new Date(Date.UTC(2024, 5, 1, 9, 0, ++t)).toISOString(),
    newId: () => `n${++id}`,
  });
  const events: { origin: ChangeOrigin; diff: RecordDiff; doc: AnnotationDocument }[] = [];
  e.subscribe((d, diff, origin) => events.push({ doc: d, diff, origin }));
  return { e, events };
}

function classOf(doc: AnnotationDocument, target: string): string | undefined {
  const r = Object.values(doc.records).find((x): x is TargetLabel => x.type === 'label' && x.targetId === target);
  return r?.classCodes[0];
}

describe('DocumentEditor', () => {
  it('labels every slice, then undoes and redoes all of it', () => {
    const { e, events } = editor();
    const start = e.doc;
    const codes = ['sah.absent', 'sah.present', 'sah.uncertain'];
    SLICES.forEach((s, i) => e.execute('targetLabel/set', { targetId: s, classCode: codes[i % 3]! }));
    const labelled = e.doc;
    expect(Object.keys(labelled.records)).toHaveLength(28);
    expect(events.map((x) => x.origin)).toEqual(Array(28).fill('local'));

    while (e.canUndo) e.undo();
    expect(e.doc).toEqual(start);
    while (e.canRedo) e.redo();
    expect(e.doc).toEqual(labelled);
    expect(events.filter((x) => x.origin === 'undo')).toHaveLength(28);
    expect(events.filter((x) => x.origin === 'redo')).toHaveLength(28);
  });

  it('tells listeners the new document and the diff that led there', () => {
    const { e, events } = editor();
    const before = e.doc;
    const diff = e.execute('targetLabel/set', { targetId: 'slice-3', classCode: 'sah.present' });
    expect(events).toHaveLength(1);
    expect(events[0]!.doc).toBe(e.doc);
    expect(events[0]!.diff).toBe(diff);
    expect(applyDiff(before, diff)).toEqual(e.doc);
  });

  it('does not notify or record a command that changes nothing', () => {
    const { e, events } = editor();
    e.execute('targetLabel/set', { targetId: 'slice-1', classCode: 'sah.absent' });
    const diff = e.execute('targetLabel/set', { targetId: 'slice-1', classCode: 'sah.absent' });
    expect(diff).toEqual({});
    expect(events).toHaveLength(1);
    e.undo();
    expect(e.canUndo).toBe(false);
  });

  it('leaves the document untouched when a command is refused', () => {
    const { e, events } = editor();
    const before = e.doc;
    expect(() => e.execute('targetLabel/set', { targetId: 'slice-99', classCode: 'sah.absent' })).toThrow(CommandError);
    expect(e.doc).toBe(before);
    expect(events).toHaveLength(0);
    expect(e.canUndo).toBe(false);
  });

  it('a range label is one undo step', () => {
    const { e } = editor();
    e.execute('targetLabel/setRange', { targetIds: SLICES.slice(0, 10), classCode: 'sah.absent' });
    e.undo();
    expect(e.doc.records).toEqual({});
    expect(e.canUndo).toBe(false);
  });

  it('batches several commands into one undo step', () => {
    const { e } = editor();
    e.beginBatch();
    e.execute('shape/add', { targetId: 'slice-5', classCode: 'sah.present', geometry: { type: 'point', point: [1, 1] } });
    e.execute('shape/update', { id: 'n1', geometry: { type: 'point', point: [2, 2] } });
    e.execute('shape/update', { id: 'n1', geometry: { type: 'point', point: [3, 3] } });
    e.endBatch();
    const shape = e.doc.records.n1;
    expect(shape).toMatchObject({ geometry: { type: 'point', point: [3, 3] } });
    expect(e.undo()).toEqual({ n1: [shape, null] });
    expect(e.doc.records).toEqual({});
    expect(e.canUndo).toBe(false);
  });

  it('applies remote documents without entering history and keeps unchanged records shared', () => {
    const { e, events } = editor();
    e.execute('targetLabel/set', { targetId: 'slice-1', classCode: 'sah.absent' });
    const mine = e.doc.records['label:slice-1'];
    const remote: AnnotationDocument = JSON.parse(JSON.stringify(e.doc)) as AnnotationDocument;
    const other = labelRecord('slice-2', ['sah.present']);
    const next = { ...remote, records: { ...remote.records, [other.id]: other } };

    const diff = e.applyRemote(next);
    expect(diff).toEqual({ 'label:slice-2': [null, other] });
    expect(events.at(-1)?.origin).toBe('remote');
    expect(e.doc.records['label:slice-1']).toBe(mine);

    // Undo reverts my own change only; the remote label stays.
    e.undo();
    expect(classOf(e.doc, 'slice-1')).toBeUndefined();
    expect(classOf(e.doc, 'slice-2')).toBe('sah.present');
    expect(e.canUndo).toBe(false);
  });

  it('undo after a remote change to the same slice leaves the remote label in place', () => {
    const { e } = editor();
    e.execute('targetLabel/set', { targetId: 'slice-1', classCode: 'sah.absent' });
    e.execute('targetLabel/set', { targetId: 'slice-2', classCode: 'sah.absent' });
    const remote = JSON.parse(JSON.stringify(e.doc)) as { records: Record<string, TargetLabel> } & AnnotationDocument;
    remote.records['label:slice-2'] = { ...remote.records['label:slice-2']!, classCodes: ['sah.present'] };
    e.applyRemote(remote);
    // The latest local step (slice-2) was overtaken remotely, so undo reverts slice-1 instead.
    e.undo();
    expect(classOf(e.doc, 'slice-2')).toBe('sah.present');
    expect(classOf(e.doc, 'slice-1')).toBeUndefined();
  });

  it('an identical remote copy changes nothing and notifies no one', () => {
    const { e, events } = editor();
    e.execute('targetLabel/set', { targetId: 'slice-1', classCode: 'sah.absent' });
    const before = e.doc;
    expect(e.applyRemote(JSON.parse(JSON.stringify(before)) as AnnotationDocument)).toEqual({});
    expect(e.doc).toBe(before);
    expect(events).toHaveLength(1);
  });

  it('unsubscribe stops notifications', () => {
    const { e } = editor();
    const seen: ChangeOrigin[] = [];
    const off = e.subscribe((_d, _diff, origin) => seen.push(origin));
    e.execute('targetLabel/set', { targetId: 'slice-1', classCode: 'sah.absent' });
    off();
    e.undo();
    expect(seen).toEqual(['local']);
  });

  it('a throwing listener does not stop the others, and its error surfaces', () => {
    const { e, events } = editor();
    e.subscribe(() => {
      throw new Error('view broke');
    });
    const persisted: AnnotationDocument[] = [];
    e.subscribe((d) => persisted.push(d));
    expect(() => e.execute('targetLabel/set', { targetId: 'slice-1', classCode: 'sah.absent' })).toThrow('view broke');
    expect(persisted).toHaveLength(1);
    expect(events).toHaveLength(1);
    expect(classOf(e.doc, 'slice-1')).toBe('sah.absent');
  });

  it('undo and redo with nothing to do return null', () => {
    const { e, events } = editor();
    expect(e.undo()).toBeNull();
    expect(e.redo()).toBeNull();
    expect(events).toHaveLength(0);
  });

  it('uses the system clock and random ids by default', () => {
    const e = new DocumentEditor({ doc: documentOf([]), labelSet: SAH_SLICE_LABEL_SET, targetIds: SLICES, userId: 'bob' });
    // Bracketed by the clock itself, so a slow machine cannot fail it.
    const before = Date.now();
    const diff = e.execute('shape/add', { targetId: 'slice-1', classCode: 'sah.present', geometry: { type: 'point', point: [0, 0] } });
    const after = Date.now();
    const [id] = Object.keys(diff);
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const created = Date.parse(e.doc.records[id!]!.provenance.createdAt);
    expect(created).toBeGreaterThanOrEqual(before);
    expect(created).toBeLessThanOrEqual(after);
  });
});

import { describe, expect, it, vi } from 'vitest';
import type { AnnotationRecord } from './annotation';
import type { RecordDiff } from './diff';
import type { LabelSet } from './labelSet';
import { RecordStore, targetOrder } from './recordStore';
import { DOC_KEY, humanProvenance, labelRecord, maskRecord, modelProvenance, question, shapeRecord, slideItem, testEditor } from './testing/records';

const rejected = { ...modelProvenance(), decision: 'rejected' as const, decidedBy: 'bob' };
const accepted = { ...modelProvenance(), decision: 'accepted' as const, decidedBy: 'bob', authors: ['bob'] };

/** Recomputes what the store's indexes should say, from scratch, to compare with them. */
function expectIndexesRight(store: RecordStore, counted: readonly string[]): void {
  const all = [...store.records()];
  expect(store.size).toBe(all.length);
  const byTarget = new Map<string, string[]>();
  for (const r of all) byTarget.set(r.targetId, [...(byTarget.get(r.targetId) ?? []), r.id]);
  for (const [target, ids] of byTarget) expect(store.recordsAt(target).map((r) => r.id).sort()).toEqual(ids.sort());
  const labelled = new Set(
    all
      .filter((r) => r.type === 'label' && r.classCodes.length > 0 && (r.provenance.origin.kind === 'human' || ['accepted', 'edited'].includes(r.provenance.decision ?? '')))
      .map((r) => r.targetId),
  );
  expect(store.labelledTargets).toBe(counted.filter((t) => labelled.has(t)).length);
  for (const t of counted) expect(store.isLabelled(t)).toBe(labelled.has(t));
}

describe('RecordStore', () => {
  it('tells its watchers every applied diff until they stop watching', () => {
    const store = new RecordStore(DOC_KEY);
    const heard: RecordDiff[] = [];
    const stop = store.watch((diff) => heard.push(diff));
    const shape = shapeRecord('sh', 's1');
    const added: RecordDiff = { sh: [null, shape] };
    store.apply(added);
    stop();
    store.apply({ sh: [shape, null] });
    expect(heard).toEqual([added]);
    expect(store.size).toBe(0);
  });

  it('holds its key and starts from the given records', () => {
    const store = new RecordStore(DOC_KEY, [labelRecord('s1', ['sah.absent']), shapeRecord('sh', 's1')]);
    expect([store.itemId, store.annotatorId, store.labelSetId, store.labelSetVersion]).toEqual(['item-1', 'u1', 'sah-slice', 1]);
    expect(store.size).toBe(2);
    expect(store.changes).toBe(0);
    expect(store.recordsAt('s1').map((r) => r.id)).toEqual(['label:sah:s1', 'sh']);
    expect(store.recordsAt('nowhere')).toEqual([]);
    expect(store.get('sh')).toEqual(shapeRecord('sh', 's1'));
    expect(store.get('nope')).toBeUndefined();
  });

  it('counts a target labelled while it carries a settled, non-empty label: a person’s or an accepted proposal, not a pending or rejected one', () => {
    const store = new RecordStore(DOC_KEY, [
      labelRecord('s1', ['sah.absent']),
      labelRecord('s2', ['sah.present'], modelProvenance()),
      labelRecord('s3', ['sah.present'], accepted),
      labelRecord('s4', ['sah.present'], rejected),
      labelRecord('s5', []),
      shapeRecord('sh', 's6'),
      maskRecord('s6'),
    ]);
    expect(store.labelledTargets).toBe(2);
    expect(['s1', 's2', 's3', 's4', 's5', 's6'].map((t) => store.isLabelled(t))).toEqual([true, false, true, false, false, false]);
  });

  it('counts a target once however many questions answer it, and only targets that count', () => {
    const store = new RecordStore(
      DOC_KEY,
      [labelRecord('s1', ['sah.absent']), labelRecord('s1', ['ich.subdural'], humanProvenance(), 'ich'), labelRecord('item-1', ['good'], humanProvenance(), 'quality')],
      targetOrder(['s1', 's2']),
    );
    expect(store.labelledTargets).toBe(1);
    expect(store.isLabelled('item-1')).toBe(true);
    store.apply({ 'label:sah:s1': [store.get('label:sah:s1')!, null] });
    expect(store.labelledTargets).toBe(1);
    store.apply({ 'label:ich:s1': [store.get('label:ich:s1')!, null] });
    expect(store.labelledTargets).toBe(0);
  });

  it('keeps its indexes right through applied diffs, a record moving target, and rejection', () => {
    const targets = ['s1', 's2', 's3'];
    const store = new RecordStore(DOC_KEY, [labelRecord('s1', ['sah.absent'])]);
    const steps: RecordDiff[] = [
      { 'label:sah:s2': [null, labelRecord('s2', ['sah.present'], modelProvenance())], sh: [null, shapeRecord('sh', 's1')] },
      { 'label:sah:s2': [labelRecord('s2', ['sah.present'], modelProvenance()), labelRecord('s2', ['sah.present'], rejected)] },
      { sh: [shapeRecord('sh', 's1'), shapeRecord('sh', 's3')] },
      { 'label:sah:s1': [labelRecord('s1', ['sah.absent']), null], 'label:sah:s3': [null, labelRecord('s3', ['sah.uncertain'])] },
      { 'label:sah:s2': [labelRecord('s2', ['sah.present'], rejected), labelRecord('s2', ['sah.present'], accepted)] },
    ];
    steps.forEach((diff, i) => {
      store.apply(diff);
      expect(store.changes).toBe(i + 1);
      expectIndexesRight(store, targets);
    });
    expect(store.recordsAt('s1')).toEqual([]);
    expect(store.recordsAt('s3').map((r) => r.id).sort()).toEqual(['label:sah:s3', 'sh']);
    expect(store.labelledTargets).toBe(2);
  });

  it('with a target order, a range label answers and counts every target it spans; without one, its first only', () => {
    const order = targetOrder(['s1', 's2', 's3', 's4', 's5']);
    const range = { ...labelRecord('s2', ['sah.present']), id: 'range:sah:1', endTargetId: 's4' };
    const other = labelRecord('s3', ['ich.subdural'], humanProvenance(), 'ich');
    const store = new RecordStore(DOC_KEY, [range, other], order);
    expect(['s1', 's2', 's3', 's4', 's5'].map((t) => store.labelAt('sah', t)?.id ?? null)).toEqual([null, 'range:sah:1', 'range:sah:1', 'range:sah:1', null]);
    expect(store.rangesIn('sah', 0, 1).map((r) => r.id)).toEqual(['range:sah:1']);
    expect(store.labelledTargets).toBe(3);
    expect(store.isLabelled('s4')).toBe(true);
    store.apply({ 'range:sah:1': [range, { ...range, provenance: rejected }] });
    expect(store.labelAt('sah', 's3')).toBeUndefined();
    expect(store.labelledTargets).toBe(1);
    const plain = new RecordStore(DOC_KEY, [range]);
    expect(plain.labelAt('sah', 's2')?.id).toBe('range:sah:1');
    expect(plain.labelAt('sah', 's3')).toBeUndefined();
    expect(plain.labelledTargets).toBe(1);
  });

  it('labelAt finds the live label of a question on a target, whatever its id', () => {
    const proposal = { ...labelRecord('s1', ['sah.present'], modelProvenance()), id: 'model-7' };
    const store = new RecordStore(DOC_KEY, [proposal, labelRecord('s1', ['ich.subdural'], humanProvenance(), 'ich')]);
    expect(store.labelAt('sah', 's1')).toBe(proposal);
    expect(store.labelAt('ich', 's1')?.id).toBe('label:ich:s1');
    store.apply({ 'model-7': [proposal, { ...proposal, provenance: rejected }] });
    expect(store.labelAt('sah', 's1')).toBeUndefined();
    expect(store.labelAt('sah', 's2')).toBeUndefined();
  });

  it('recordsIn finds the outlines and masks meeting a viewport box, following every change', () => {
    const near = shapeRecord('near', 's1', { type: 'polygon', points: [[10, 10], [20, 10], [20, 20]] });
    const far = shapeRecord('far', 's1', { type: 'polygon', points: [[500, 500], [520, 500], [520, 520]] });
    const store = new RecordStore(DOC_KEY, [near, far, labelRecord('s1', ['sah.absent'])]);
    const box = { minX: 0, minY: 0, maxX: 100, maxY: 100 };
    expect(store.recordsIn('s1', box).map((r) => r.id)).toEqual(['near']);
    const moved = shapeRecord('far', 's1', { type: 'point', point: [50, 50] });
    store.apply({ far: [far, moved], near: [near, null] });
    expect(store.recordsIn('s1', box)).toEqual([moved]);
    expect(store.recordsIn('s2', box)).toEqual([]);
  });

  it('snapshot is a plain copy of every record', () => {
    const store = new RecordStore(DOC_KEY, [labelRecord('s1', ['sah.absent'])]);
    const snapshot = store.snapshot();
    store.apply({ sh: [null, shapeRecord('sh', 's1')] });
    expect(snapshot).toEqual([labelRecord('s1', ['sah.absent'])]);
  });

  it('keeps its indexes right through an editor’s local, undo, redo, remote and proposal changes', () => {
    const { editor } = testEditor([labelRecord('slice-9', ['sah.absent'])]);
    const targets = editor.targets.order;
    const check = () => expectIndexesRight(editor.store, targets);
    editor.execute('targetLabel/setRange', { targetIds: ['slice-1', 'slice-2', 'slice-3'], classCode: 'sah.present' });
    check();
    editor.propose([labelRecord('slice-4', ['sah.absent'], modelProvenance()), labelRecord('slice-5', ['sah.absent'], modelProvenance())]);
    check();
    expect(editor.store.labelledTargets).toBe(4);
    editor.execute('proposal/accept', { ids: ['label:sah:slice-5'] });
    editor.execute('proposal/reject', { ids: ['label:sah:slice-4'] });
    check();
    expect(editor.store.labelledTargets).toBe(5);
    editor.applyRemote(new Map([['label:sah:slice-9', null], ['label:sah:slice-7', labelRecord('slice-7', ['sah.absent'])]]));
    check();
    editor.undo();
    check();
    expect(editor.store.labelledTargets).toBe(5);
    editor.undo();
    check();
    expect(editor.store.labelledTargets).toBe(4);
    editor.redo();
    editor.redo();
    check();
    expect(editor.store.labelledTargets).toBe(5);
  });
});

describe('an edit on a 100,000-record document', () => {
  const SLIDE_SET: LabelSet = {
    id: 'prostate',
    version: 1,
    name: { en: 'Prostate biopsy', ja: '前立腺生検' },
    questions: [question('grade-group', 'slide', 'grade', ['gg1', 'gg2', 'gg3']), question('gland', 'region', 'single', ['gland', 'tumour'])],
  };

  it('reads a handful of records, never the whole document', () => {
    const reads = { count: 0 };
    /** Every property read of a stored record counts, however the store or a command gets to it. */
    const watched = <T extends object>(record: T): T =>
      new Proxy(record, {
        get(target, key, receiver) {
          reads.count += 1;
          return Reflect.get(target, key, receiver) as unknown;
        },
      });
    const slide = slideItem();
    const records: AnnotationRecord[] = Array.from({ length: 100_000 }, (_, i) =>
      watched(shapeRecord(`g${i}`, slide.id, { type: 'point', point: [i % 1000, Math.floor(i / 1000)] }, 'gland', humanProvenance('bob'), 'gland')),
    );
    const { editor } = testEditor(records, { labelSet: SLIDE_SET, item: slide });
    const scans = [vi.spyOn(editor.store, 'records'), vi.spyOn(editor.store, 'snapshot'), vi.spyOn(editor.store, 'recordsAt')];
    reads.count = 0;

    editor.execute('shape/add', { targetId: slide.id, classCode: 'tumour', geometry: { type: 'point', point: [5, 5] } });
    editor.execute('shape/update', { id: 'g500', geometry: { type: 'point', point: [7, 7] } });
    editor.execute('shape/remove', { id: 'g501' });
    editor.execute('targetLabel/set', { targetId: slide.id, classCode: 'gg2' });
    editor.execute('targetLabel/set', { targetId: slide.id, classCode: 'gg3' });
    editor.undo();
    editor.undo();
    editor.redo();
    editor.applyRemote(new Map([['g502', null]]));

    expect(editor.store.size).toBe(100_000);
    expect(editor.store.labelledTargets).toBe(1);
    for (const scan of scans) expect(scan).not.toHaveBeenCalled();
    // Copying or comparing the two or three records an edit touches reads a few dozen properties.
    expect(reads.count).toBeLessThan(500);
  });
});

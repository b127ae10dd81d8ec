import { describe, expect, it } from 'vitest';
import type { AnnotationRecord, Geometry, Mask, Shape, TargetLabel } from './annotation';
import { COMMANDS, CommandError, runCommand, type CommandContext, type CommandName, type CommandParams } from './commands';
import { invertDiff } from './diff';
import { RecordStore } from './recordStore';
import {
  commandContext,
  DOC_KEY,
  ENDOSCOPY_LABEL_SET,
  frameSetItem,
  humanProvenance,
  labelRecord,
  maskRecord,
  modelProvenance,
  shapeRecord,
  T0,
  tick,
} from './testing/records';
import { validateAnnotationRecord } from './validation/annotation';

const store = (records: AnnotationRecord[] = []) => new RecordStore(DOC_KEY, records);

/** Runs a command, checks every record it writes is valid, and applies it. */
function exec<N extends CommandName>(ctx: CommandContext, doc: RecordStore, name: N, params: CommandParams[N]) {
  const diff = runCommand(name, ctx, doc, params);
  for (const [, after] of Object.values(diff)) {
    if (!after) continue;
    const check = validateAnnotationRecord(after, { labelSet: ctx.labelSet, targets: ctx.targets });
    if (!check.ok) throw new Error(check.errors.join('\n'));
  }
  doc.apply(diff);
  return diff;
}

const sortedIds = (doc: RecordStore) => [...doc.records()].map((r) => r.id).sort();

describe('the command registry', () => {
  it('holds each command once, by name', () => {
    const names = COMMANDS.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual([
      'targetLabel/set',
      'targetLabel/setRange',
      'targetLabel/clear',
      'shape/add',
      'shape/update',
      'shape/remove',
      'shape/setClass',
      'shape/translate',
      'shape/removeMany',
      'shape/addMany',
      'mask/set',
      'mask/setMany',
      'record/importMany',
      'proposal/accept',
      'proposal/reject',
      'proposal/addMany',
      'frameRange/add',
      'frameRange/resize',
      'frameRange/remove',
    ]);
  });

  it('refuses an unknown command name', () => {
    expect(() => runCommand('nope/never' as CommandName, commandContext(), store(), {} as never)).toThrow(
      new CommandError('nope/never', 'no such command'),
    );
  });
});

describe('targetLabel/set (single choice)', () => {
  it('creates a label with human provenance and a per-question, per-target id', () => {
    const ctx = commandContext();
    const doc = store();
    const diff = exec(ctx, doc, 'targetLabel/set', { targetId: 'slice-1', classCode: 'sah.present' });
    const label: TargetLabel = {
      type: 'label',
      id: 'label:sah:slice-1',
      questionId: 'sah',
      targetId: 'slice-1',
      classCodes: ['sah.present'],
      provenance: { origin: { kind: 'human' }, createdAt: tick(1), updatedAt: tick(1), authors: ['alice'] },
    };
    expect(diff).toEqual({ 'label:sah:slice-1': [null, label] });
    expect(doc.get('label:sah:slice-1')).toEqual(label);
  });

  it('replaces the class, keeping createdAt and moving updatedAt', () => {
    const ctx = commandContext();
    const doc = store();
    exec(ctx, doc, 'targetLabel/set', { targetId: 'slice-1', classCode: 'sah.present' });
    const first = doc.get('label:sah:slice-1');
    const diff = exec(ctx, doc, 'targetLabel/set', { targetId: 'slice-1', classCode: 'sah.absent' });
    const label = doc.get('label:sah:slice-1') as TargetLabel;
    expect(label.classCodes).toEqual(['sah.absent']);
    expect(label.provenance).toEqual({ origin: { kind: 'human' }, createdAt: tick(1), updatedAt: tick(2), authors: ['alice'] });
    expect(diff).toEqual({ 'label:sah:slice-1': [first, label] });
  });

  it('returns an empty diff when the target already has that class', () => {
    const ctx = commandContext();
    const doc = store();
    exec(ctx, doc, 'targetLabel/set', { targetId: 'slice-1', classCode: 'sah.present' });
    expect(runCommand('targetLabel/set', ctx, doc, { targetId: 'slice-1', classCode: 'sah.present' })).toEqual({});
  });

  it('refuses unknown targets, classes and questions with a clear message, changing nothing', () => {
    const ctx = commandContext();
    const doc = store();
    expect(() => runCommand('targetLabel/set', ctx, doc, { targetId: 's9', classCode: 'sah.present' })).toThrow(
      new CommandError('targetLabel/set', 'unknown target "s9"'),
    );
    expect(() => runCommand('targetLabel/set', ctx, doc, { targetId: 'slice-1', classCode: 'ich.subdural' })).toThrow(
      'targetLabel/set: unknown class "ich.subdural" in question "sah"',
    );
    expect(() => runCommand('targetLabel/set', ctx, doc, { questionId: 'nope', targetId: 'slice-1', classCode: 'x' })).toThrow(
      'targetLabel/set: no question "nope" in label set "sah-slice"',
    );
    expect(() => runCommand('targetLabel/set', ctx, doc, { questionId: 'lesion', targetId: 'slice-1', classCode: 'lesion' })).toThrow(
      'targetLabel/set: question "lesion" is not a label question',
    );
    // A series question answers for the item, not for a slice.
    expect(() => runCommand('targetLabel/set', ctx, doc, { questionId: 'quality', targetId: 'slice-1', classCode: 'good' })).toThrow(
      'targetLabel/set: unknown target "slice-1"',
    );
    expect(ctx.ticks()).toBe(0);
    expect(doc.size).toBe(0);
  });

  it('answers a whole-item question on the item id', () => {
    const ctx = commandContext();
    const doc = store();
    const diff = exec(ctx, doc, 'targetLabel/set', { questionId: 'quality', targetId: 'item-1', classCode: 'good' });
    expect(Object.keys(diff)).toEqual(['label:quality:item-1']);
  });
});

describe('targetLabel/set (multiple choice)', () => {
  it('toggles a class on and off, removing the record when the last class goes', () => {
    const ctx = commandContext();
    const doc = store();
    const set = (classCode: string) => exec(ctx, doc, 'targetLabel/set', { questionId: 'ich', targetId: 'slice-1', classCode });
    set('ich.subdural');
    set('ich.subarachnoid');
    expect((doc.get('label:ich:slice-1') as TargetLabel).classCodes).toEqual(['ich.subdural', 'ich.subarachnoid']);
    set('ich.subdural');
    const last = doc.get('label:ich:slice-1') as TargetLabel;
    expect(last.classCodes).toEqual(['ich.subarachnoid']);
    expect(set('ich.subarachnoid')).toEqual({ 'label:ich:slice-1': [last, null] });
    expect(doc.size).toBe(0);
  });
});

describe('several questions on one target', () => {
  it('a frame with a grade and a single-choice question gets two records', () => {
    const ctx = commandContext(ENDOSCOPY_LABEL_SET, frameSetItem());
    const doc = store();
    exec(ctx, doc, 'targetLabel/set', { targetId: 'frame-2', classCode: 'mayo.2' });
    exec(ctx, doc, 'targetLabel/set', { questionId: 'site', targetId: 'frame-2', classCode: 'sigmoid' });
    expect(doc.recordsAt('frame-2').map((r) => [r.id, (r as TargetLabel).classCodes])).toEqual([
      ['label:mayo:frame-2', ['mayo.2']],
      ['label:site:frame-2', ['sigmoid']],
    ]);
    // Re-grading replaces the grade and leaves the site alone.
    const diff = exec(ctx, doc, 'targetLabel/set', { questionId: 'mayo', targetId: 'frame-2', classCode: 'mayo.3' });
    expect(Object.keys(diff)).toEqual(['label:mayo:frame-2']);
    // Clearing one question keeps the other.
    exec(ctx, doc, 'targetLabel/clear', { questionId: 'mayo', targetIds: ['frame-2'] });
    expect(sortedIds(doc)).toEqual(['label:site:frame-2']);
  });

  it('without a question id, labels answer the first label question and shapes the first region question', () => {
    const ctx = commandContext(ENDOSCOPY_LABEL_SET, frameSetItem());
    const doc = store();
    expect(Object.keys(exec(ctx, doc, 'targetLabel/set', { targetId: 'frame-1', classCode: 'mayo.0' }))).toEqual(['label:mayo:frame-1']);
    const shape = Object.values(exec(ctx, doc, 'shape/add', { targetId: 'frame-1', classCode: 'polyp', geometry: { type: 'point', point: [5, 5] } }))[0]![1];
    expect(shape?.questionId).toBe('polyp');
  });
});

describe('targetLabel/setRange', () => {
  it('labels a range in one diff, leaving targets that already match alone', () => {
    const ctx = commandContext();
    const doc = store();
    exec(ctx, doc, 'targetLabel/set', { targetId: 'slice-2', classCode: 'sah.absent' });
    const start = doc.snapshot();
    const diff = exec(ctx, doc, 'targetLabel/setRange', { targetIds: ['slice-1', 'slice-2', 'slice-3', 'slice-1'], classCode: 'sah.absent' });
    expect(Object.keys(diff).sort()).toEqual(['label:sah:slice-1', 'label:sah:slice-3']);
    expect([...doc.records()].map((r) => (r as TargetLabel).classCodes)).toEqual([['sah.absent'], ['sah.absent'], ['sah.absent']]);
    // One diff: undoing it restores the start in one step.
    doc.apply(invertDiff(diff));
    expect(doc.snapshot()).toEqual(start);
  });

  it('refuses the whole range if any target is unknown', () => {
    expect(() =>
      runCommand('targetLabel/setRange', commandContext(), store(), { targetIds: ['slice-1', 'x', 'y'], classCode: 'sah.absent' }),
    ).toThrow('targetLabel/setRange: unknown target "x", "y"');
  });

  it('multiple choice: adds to all, or removes from all when every target has it', () => {
    const ctx = commandContext();
    const doc = store();
    exec(ctx, doc, 'targetLabel/set', { questionId: 'ich', targetId: 'slice-1', classCode: 'ich.epidural' });
    exec(ctx, doc, 'targetLabel/setRange', { questionId: 'ich', targetIds: ['slice-1', 'slice-2'], classCode: 'ich.epidural' });
    expect([...doc.records()].map((r) => [r.targetId, (r as TargetLabel).classCodes])).toEqual([
      ['slice-1', ['ich.epidural']],
      ['slice-2', ['ich.epidural']],
    ]);
    exec(ctx, doc, 'targetLabel/setRange', { questionId: 'ich', targetIds: ['slice-1', 'slice-2'], classCode: 'ich.epidural' });
    expect(doc.size).toBe(0);
  });
});

describe('targetLabel/clear', () => {
  it('removes labels of the given targets and ignores unlabelled ones', () => {
    const ctx = commandContext();
    const s1 = labelRecord('slice-1', ['sah.absent']);
    const doc = store([s1, labelRecord('slice-2', ['sah.present'])]);
    expect(exec(ctx, doc, 'targetLabel/clear', { targetIds: ['slice-1', 'slice-3'] })).toEqual({ 'label:sah:slice-1': [s1, null] });
    expect(sortedIds(doc)).toEqual(['label:sah:slice-2']);
    expect(runCommand('targetLabel/clear', ctx, doc, { targetIds: ['slice-1'] })).toEqual({});
  });

  it('may clear a label on a target the item no longer has, but not an unknown unlabelled one', () => {
    const ctx = commandContext();
    const gone = labelRecord('gone', ['sah.absent']);
    const doc = store([gone]);
    expect(runCommand('targetLabel/clear', ctx, doc, { targetIds: ['gone'] })).toEqual({ 'label:sah:gone': [gone, null] });
    expect(() => runCommand('targetLabel/clear', ctx, doc, { targetIds: ['never'] })).toThrow('unknown target "never"');
  });
});

describe('shape commands', () => {
  const poly: Geometry = { type: 'polygon', points: [[10, 10], [40, 12], [25, 30]] };

  it('adds a shape with a new id and human provenance', () => {
    const ctx = commandContext();
    const doc = store();
    const diff = exec(ctx, doc, 'shape/add', { targetId: 'slice-3', classCode: 'lesion', geometry: poly });
    const shape: Shape = { type: 'shape', id: 'id-1', questionId: 'lesion', targetId: 'slice-3', classCode: 'lesion', geometry: poly, provenance: humanProvenance('alice', tick(1)) };
    expect(diff).toEqual({ 'id-1': [null, shape] });
  });

  it('refuses a bad geometry, class or target with the validator message', () => {
    const ctx = commandContext();
    const doc = store();
    expect(() =>
      runCommand('shape/add', ctx, doc, { targetId: 'slice-3', classCode: 'lesion', geometry: { type: 'polygon', points: [[0, 0], [1, Number.NaN]] } }),
    ).toThrow('shape/add: geometry.points: a polygon needs at least 3 points, got 2; geometry.points[1][1]: expected a finite number, got NaN');
    expect(() => runCommand('shape/add', ctx, doc, { targetId: 'x', classCode: 'lesion', geometry: poly })).toThrow(
      'shape/add: targetId: target "x" is not a region of item item-1',
    );
    expect(() => runCommand('shape/add', ctx, doc, { targetId: 'slice-1', classCode: 'nope', geometry: poly })).toThrow(
      'shape/add: unknown class "nope" in question "lesion"',
    );
    expect(() => runCommand('shape/add', ctx, doc, { questionId: 'sah', targetId: 'slice-1', classCode: 'sah.present', geometry: poly })).toThrow(
      'shape/add: question "sah" is not a region question',
    );
    // Slices are 64×64 image px.
    expect(() => runCommand('shape/add', ctx, doc, { targetId: 'slice-1', classCode: 'lesion', geometry: { type: 'point', point: [65, 3] } })).toThrow(
      'shape/add: geometry.point: (65, 3) lies outside the 64×64 image',
    );
  });

  it('refuses an outline that crosses itself, from any source; an older crossing outline may still be moved', () => {
    const ctx = commandContext();
    const bowtie: Geometry = { type: 'polygon', points: [[10, 10], [30, 30], [30, 10], [10, 30]] };
    const doc = store([shapeRecord('sh', 'slice-1', poly), shapeRecord('old', 'slice-1', bowtie)]);
    expect(() => runCommand('shape/add', ctx, doc, { targetId: 'slice-1', classCode: 'lesion', geometry: bowtie })).toThrow(
      'shape/add: geometry: the outline crosses itself (part 1, ring 1)',
    );
    expect(() => runCommand('shape/update', ctx, doc, { id: 'sh', geometry: bowtie })).toThrow('shape/update: geometry: the outline crosses itself');
    const holeOut: Geometry = { type: 'polygon', points: [[0, 0], [20, 0], [20, 20], [0, 20]], holes: [[[15, 5], [25, 5], [25, 10], [15, 10]]] };
    expect(() => runCommand('shape/addMany', ctx, doc, { targetId: 'slice-1', shapes: [{ classCode: 'lesion', geometry: poly }, { classCode: 'lesion', geometry: holeOut }] })).toThrow(
      'shape/addMany: shapes[1].geometry: the outline has a hole crossing or outside its outline (part 1, ring 2)',
    );
    expect(Object.keys(runCommand('shape/translate', ctx, doc, { ids: ['old'], dx: 1, dy: 0 }))).toEqual(['old']);
  });

  it("updates geometry, keeping createdAt; the same geometry is a no-op", () => {
    const ctx = commandContext();
    const doc = store([shapeRecord('sh', 'slice-1', poly)]);
    const moved: Geometry = { type: 'polygon', points: [[11, 10], [40, 12], [25, 30]] };
    exec(ctx, doc, 'shape/update', { id: 'sh', geometry: moved });
    const shape = doc.get('sh') as Shape;
    expect(shape.geometry).toEqual(moved);
    expect(shape.provenance).toEqual({ origin: { kind: 'human' }, createdAt: T0, updatedAt: tick(1), authors: ['u1', 'alice'] });
    expect(runCommand('shape/update', ctx, doc, { id: 'sh', geometry: structuredClone(moved) })).toEqual({});
  });

  it('removes a shape; refuses unknown ids and non-shapes', () => {
    const ctx = commandContext();
    const sh = shapeRecord('sh', 'slice-1');
    const doc = store([sh, labelRecord('slice-1', ['sah.present'])]);
    expect(runCommand('shape/remove', ctx, doc, { id: 'sh' })).toEqual({ sh: [sh, null] });
    expect(() => runCommand('shape/remove', ctx, doc, { id: 'nope' })).toThrow('shape/remove: no record "nope"');
    expect(() => runCommand('shape/update', ctx, doc, { id: 'label:sah:slice-1', geometry: poly })).toThrow(
      'shape/update: record "label:sah:slice-1" is a label, not a shape',
    );
  });
});

describe('mask/set', () => {
  const full = (runs: number[]) => ({ targetId: 'slice-1', classCode: 'lesion', width: 64, height: 64, runs });

  it('creates one mask per question, target and class, stored in canonical runs', () => {
    const ctx = commandContext();
    const doc = store();
    exec(ctx, doc, 'mask/set', full([5, 1, 0, 1, 4089]));
    expect(doc.get('mask:lesion:slice-1:lesion')).toMatchObject({ type: 'mask', width: 64, height: 64, runs: [5, 2, 4089] } satisfies Partial<Mask>);
  });

  it('replaces the mask, is a no-op for the same labelmap, and removes it when emptied', () => {
    const ctx = commandContext();
    const doc = store();
    exec(ctx, doc, 'mask/set', full([5, 2, 4089]));
    exec(ctx, doc, 'mask/set', full([5, 3, 4088]));
    const mask = doc.get('mask:lesion:slice-1:lesion') as Mask;
    expect(mask.runs).toEqual([5, 3, 4088]);
    expect(mask.provenance).toMatchObject({ createdAt: tick(1), updatedAt: tick(2) });
    expect(runCommand('mask/set', ctx, doc, full([5, 3, 0, 0, 4088]))).toEqual({});
    expect(exec(ctx, doc, 'mask/set', full([4096]))).toEqual({ 'mask:lesion:slice-1:lesion': [mask, null] });
    expect(doc.size).toBe(0);
    expect(runCommand('mask/set', ctx, doc, full([4096]))).toEqual({});
  });

  it('refuses runs that do not cover the labelmap, and a labelmap not the size of its image', () => {
    const ctx = commandContext();
    expect(() => runCommand('mask/set', ctx, store(), full([5, 2]))).toThrow('mask/set: runs: runs sum to 7, expected width × height = 4096');
    expect(() => runCommand('mask/set', ctx, store(), { ...full([5, 2, 5]), width: 4, height: 3 })).toThrow(
      'mask/set: width: a mask is the size of its image, 64×64; got 4×3',
    );
  });

  it('leaves a mask of another class alone', () => {
    const ctx = commandContext();
    const cyst = maskRecord('slice-1', 'cyst', humanProvenance(), { width: 64, height: 64, runs: [0, 1, 4095] });
    const doc = store([cyst]);
    exec(ctx, doc, 'mask/set', full([5, 2, 4089]));
    expect(sortedIds(doc)).toEqual(['mask:lesion:slice-1:cyst', 'mask:lesion:slice-1:lesion']);
    expect(doc.get(cyst.id)).toBe(cyst);
  });
});

describe('proposal commands', () => {
  it('refuse human records and unknown ids', () => {
    const ctx = commandContext();
    const doc = store([labelRecord('slice-1', ['sah.absent'])]);
    for (const name of ['proposal/accept', 'proposal/reject'] as const) {
      expect(() => runCommand(name, ctx, doc, { ids: ['label:sah:slice-1'] })).toThrow(`${name}: record "label:sah:slice-1" is not a model proposal`);
      expect(() => runCommand(name, ctx, doc, { ids: ['zz'] })).toThrow(`${name}: no record "zz"`);
    }
  });

  it('decide each id once, even when listed twice', () => {
    const ctx = commandContext();
    const doc = store([shapeRecord('p1', 'slice-1', undefined, 'lesion', modelProvenance())]);
    expect(Object.keys(runCommand('proposal/accept', ctx, doc, { ids: ['p1', 'p1'] }))).toEqual(['p1']);
  });
});

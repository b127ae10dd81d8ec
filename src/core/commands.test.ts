import { describe, expect, it } from 'vitest';
import type { AnnotationDocument, Geometry, Mask, Shape, TargetLabel } from './annotation';
import { COMMANDS, CommandError, runCommand, type CommandContext, type CommandName } from './commands';
import { targetLabelId } from './targetLabels';
import { applyDiff, invertDiff } from './diff';
import { ICH_SUBTYPE_LABEL_SET, SAH_SLICE_LABEL_SET } from './labelSets/builtin';
import type { LabelSet } from './labelSet';
import { documentOf, humanProvenance, labelRecord, modelProvenance, shapeRecord, T0 } from './testing/records';
import { validateAnnotationDocument } from './validate';

const TARGETS = ['s1', 's2', 's3', 's4'];

function context(labelSet: LabelSet = SAH_SLICE_LABEL_SET, userId = 'alice'): CommandContext & { ticks: number } {
  let ids = 0;
  const ctx = {
    userId,
    labelSet,
    targetIds: TARGETS,
    ticks: 0,
    now: () => new Date(Date.parse('2024-06-01T00:00:00.000Z') + ++ctx.ticks * 1000).toISOString(),
    newId: () => `id-${++ids}`,
  };
  return ctx;
}

const empty = documentOf([]);

/** Runs a command, applies it, and checks the result is still a valid document. */
function exec<N extends CommandName>(ctx: CommandContext, doc: AnnotationDocument, name: N, params: Parameters<typeof runCommand<N>>[3]) {
  const diff = runCommand(name, ctx, doc, params);
  const next = applyDiff(doc, diff);
  const check = validateAnnotationDocument({ ...next, labelSetId: ctx.labelSet.id }, ctx.labelSet, new Set(ctx.targetIds));
  if (!check.ok) throw new Error(check.errors.join('\n'));
  return { diff, doc: next };
}

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
      'mask/set',
      'proposal/accept',
    ]);
  });

  it('refuses an unknown command name', () => {
    expect(() => runCommand('nope/never' as CommandName, context(), empty, {} as never)).toThrow(CommandError);
  });
});

describe('targetLabel/set (single choice)', () => {
  it('creates a label with human provenance and a per-target id', () => {
    const ctx = context();
    const { diff, doc } = exec(ctx, empty, 'targetLabel/set', { targetId: 's1', classCode: 'sah.present' });
    const label = doc.records[targetLabelId('s1')] as TargetLabel;
    expect(label).toEqual({
      type: 'label',
      id: 'label:s1',
      targetId: 's1',
      classCodes: ['sah.present'],
      provenance: { authorId: 'alice', createdAt: '2024-06-01T00:00:01.000Z', updatedAt: '2024-06-01T00:00:01.000Z', source: { kind: 'human' } },
    });
    expect(diff).toEqual({ 'label:s1': [null, label] });
  });

  it('replaces the class, keeping createdAt and moving updatedAt', () => {
    const ctx = context();
    const first = exec(ctx, empty, 'targetLabel/set', { targetId: 's1', classCode: 'sah.present' }).doc;
    const { diff, doc } = exec(ctx, first, 'targetLabel/set', { targetId: 's1', classCode: 'sah.absent' });
    const label = doc.records['label:s1'] as TargetLabel;
    expect(label.classCodes).toEqual(['sah.absent']);
    expect(label.provenance.createdAt).toBe('2024-06-01T00:00:01.000Z');
    expect(label.provenance.updatedAt).toBe('2024-06-01T00:00:02.000Z');
    expect(diff['label:s1']?.[0]).toBe(first.records['label:s1']);
  });

  it('returns an empty diff when the target already has that class', () => {
    const ctx = context();
    const first = exec(ctx, empty, 'targetLabel/set', { targetId: 's1', classCode: 'sah.present' }).doc;
    expect(runCommand('targetLabel/set', ctx, first, { targetId: 's1', classCode: 'sah.present' })).toEqual({});
  });

  it("turns a model's label into the person's own when they confirm it", () => {
    const ctx = context();
    const proposed = documentOf([{ ...labelRecord('s2', ['sah.present'], modelProvenance()), id: 'p1' }]);
    const { doc } = exec(ctx, proposed, 'targetLabel/set', { targetId: 's2', classCode: 'sah.present' });
    expect(Object.keys(doc.records)).toEqual(['p1']);
    expect(doc.records.p1?.provenance).toEqual({ authorId: 'alice', createdAt: T0, updatedAt: '2024-06-01T00:00:01.000Z', source: { kind: 'human' } });
  });

  it('refuses unknown targets and classes with a clear message, changing nothing', () => {
    const ctx = context();
    expect(() => runCommand('targetLabel/set', ctx, empty, { targetId: 's9', classCode: 'sah.present' })).toThrow(
      new CommandError('targetLabel/set', 'unknown target "s9"'),
    );
    expect(() => runCommand('targetLabel/set', ctx, empty, { targetId: 's1', classCode: 'ich.subdural' })).toThrow(
      'targetLabel/set: unknown class "ich.subdural" in label set "sah-slice"',
    );
    expect(ctx.ticks).toBe(0);
  });
});

describe('targetLabel/set (multi choice)', () => {
  it('toggles a class on and off, removing the record when the last class goes', () => {
    const ctx = context(ICH_SUBTYPE_LABEL_SET);
    const base = { ...empty, labelSetId: 'ich-subtype' };
    const a = exec(ctx, base, 'targetLabel/set', { targetId: 's1', classCode: 'ich.subdural' }).doc;
    const b = exec(ctx, a, 'targetLabel/set', { targetId: 's1', classCode: 'ich.subarachnoid' }).doc;
    expect((b.records['label:s1'] as TargetLabel).classCodes).toEqual(['ich.subdural', 'ich.subarachnoid']);
    const c = exec(ctx, b, 'targetLabel/set', { targetId: 's1', classCode: 'ich.subdural' }).doc;
    expect((c.records['label:s1'] as TargetLabel).classCodes).toEqual(['ich.subarachnoid']);
    const d = exec(ctx, c, 'targetLabel/set', { targetId: 's1', classCode: 'ich.subarachnoid' });
    expect(d.doc.records).toEqual({});
    expect(d.diff).toEqual({ 'label:s1': [c.records['label:s1'], null] });
  });
});

describe('targetLabel/setRange', () => {
  it('labels a range in one diff, leaving targets that already match alone', () => {
    const ctx = context();
    const start = exec(ctx, empty, 'targetLabel/set', { targetId: 's2', classCode: 'sah.absent' }).doc;
    const { diff, doc } = exec(ctx, start, 'targetLabel/setRange', { targetIds: ['s1', 's2', 's3'], classCode: 'sah.absent' });
    expect(Object.keys(diff).sort()).toEqual(['label:s1', 'label:s3']);
    expect(Object.values(doc.records).map((r) => (r as TargetLabel).classCodes[0])).toEqual(['sah.absent', 'sah.absent', 'sah.absent']);
    // One diff: undoing it restores the start in one step.
    expect(applyDiff(doc, invertDiff(diff))).toEqual(start);
  });

  it('refuses the whole range if any target is unknown', () => {
    expect(() => runCommand('targetLabel/setRange', context(), empty, { targetIds: ['s1', 'x', 'y'], classCode: 'sah.absent' })).toThrow(
      'targetLabel/setRange: unknown target "x", "y"',
    );
  });

  it('multi choice: adds to all, or removes from all when every target has it', () => {
    const ctx = context(ICH_SUBTYPE_LABEL_SET);
    const base = { ...empty, labelSetId: 'ich-subtype' };
    const one = exec(ctx, base, 'targetLabel/set', { targetId: 's1', classCode: 'ich.epidural' }).doc;
    const all = exec(ctx, one, 'targetLabel/setRange', { targetIds: ['s1', 's2'], classCode: 'ich.epidural' }).doc;
    expect(Object.values(all.records).map((r) => [r.targetId, (r as TargetLabel).classCodes])).toEqual([
      ['s1', ['ich.epidural']],
      ['s2', ['ich.epidural']],
    ]);
    const none = exec(ctx, all, 'targetLabel/setRange', { targetIds: ['s1', 's2'], classCode: 'ich.epidural' }).doc;
    expect(none.records).toEqual({});
  });
});

describe('targetLabel/clear', () => {
  it('removes labels of the given targets and ignores unlabelled ones', () => {
    const ctx = context();
    const start = documentOf([labelRecord('s1', ['sah.absent']), labelRecord('s2', ['sah.present'])]);
    const { diff, doc } = exec(ctx, start, 'targetLabel/clear', { targetIds: ['s1', 's3'] });
    expect(diff).toEqual({ 'label:s1': [start.records['label:s1'], null] });
    expect(Object.keys(doc.records)).toEqual(['label:s2']);
    expect(runCommand('targetLabel/clear', ctx, doc, { targetIds: ['s1'] })).toEqual({});
  });

  it('may clear a label on a target the item no longer has, but not an unknown unlabelled one', () => {
    const ctx = context();
    const start = documentOf([labelRecord('gone', ['sah.absent'])]);
    expect(runCommand('targetLabel/clear', ctx, start, { targetIds: ['gone'] })).toEqual({ 'label:gone': [start.records['label:gone'], null] });
    expect(() => runCommand('targetLabel/clear', ctx, start, { targetIds: ['never'] })).toThrow('unknown target "never"');
  });
});

describe('shape commands', () => {
  const poly: Geometry = { type: 'polygon', points: [[10, 10], [40, 12], [25, 30]] };

  it('adds a shape with a new id and human provenance', () => {
    const ctx = context();
    const { diff, doc } = exec(ctx, empty, 'shape/add', { targetId: 's3', classCode: 'sah.present', geometry: poly });
    expect(Object.keys(diff)).toEqual(['id-1']);
    expect(doc.records['id-1']).toEqual({
      type: 'shape',
      id: 'id-1',
      targetId: 's3',
      classCode: 'sah.present',
      geometry: poly,
      provenance: { ...humanProvenance('alice', '2024-06-01T00:00:01.000Z') },
    });
  });

  it('refuses a bad geometry, class or target with the validator message', () => {
    const ctx = context();
    expect(() => runCommand('shape/add', ctx, empty, { targetId: 's3', classCode: 'sah.present', geometry: { type: 'polygon', points: [[0, 0], [1, Number.NaN]] } })).toThrow(
      'shape/add: geometry.points: a polygon needs at least 3 points, got 2; geometry.points[1][1]: expected a finite number, got NaN',
    );
    expect(() => runCommand('shape/add', ctx, empty, { targetId: 'x', classCode: 'nope', geometry: poly })).toThrow(
      'shape/add: targetId: unknown target "x"; classCode: unknown class "nope"',
    );
  });

  it('updates geometry, keeping createdAt; the same geometry is a no-op', () => {
    const ctx = context();
    const start = documentOf([shapeRecord('sh', 's1', poly, 'sah.present', modelProvenance())]);
    const moved: Geometry = { type: 'polygon', points: [[11, 10], [40, 12], [25, 30]] };
    const { doc } = exec(ctx, start, 'shape/update', { id: 'sh', geometry: moved });
    const shape = doc.records.sh as Shape;
    expect(shape.geometry).toEqual(moved);
    expect(shape.provenance).toEqual({ authorId: 'alice', createdAt: T0, updatedAt: '2024-06-01T00:00:01.000Z', source: { kind: 'human' } });
    expect(runCommand('shape/update', ctx, doc, { id: 'sh', geometry: structuredClone(moved) })).toEqual({});
  });

  it('removes a shape; refuses unknown ids and non-shapes', () => {
    const ctx = context();
    const start = documentOf([shapeRecord('sh', 's1'), labelRecord('s1', ['sah.present'])]);
    expect(runCommand('shape/remove', ctx, start, { id: 'sh' })).toEqual({ sh: [start.records.sh, null] });
    expect(() => runCommand('shape/remove', ctx, start, { id: 'nope' })).toThrow('shape/remove: no record "nope"');
    expect(() => runCommand('shape/update', ctx, start, { id: 'label:s1', geometry: poly })).toThrow(
      'shape/update: record "label:s1" is a label, not a shape',
    );
  });
});

describe('mask/set', () => {
  it('creates one mask per target and class, stored in canonical runs', () => {
    const ctx = context();
    const { doc } = exec(ctx, empty, 'mask/set', { targetId: 's1', classCode: 'sah.present', width: 4, height: 3, runs: [5, 1, 0, 1, 5] });
    expect(doc.records['mask:s1:sah.present']).toMatchObject({ type: 'mask', width: 4, height: 3, runs: [5, 2, 5] } satisfies Partial<Mask>);
  });

  it('replaces the mask, is a no-op for the same labelmap, and removes it when emptied', () => {
    const ctx = context();
    const a = exec(ctx, empty, 'mask/set', { targetId: 's1', classCode: 'sah.present', width: 4, height: 3, runs: [5, 2, 5] }).doc;
    const b = exec(ctx, a, 'mask/set', { targetId: 's1', classCode: 'sah.present', width: 4, height: 3, runs: [5, 3, 4] });
    expect((b.doc.records['mask:s1:sah.present'] as Mask).runs).toEqual([5, 3, 4]);
    expect((b.doc.records['mask:s1:sah.present'] as Mask).provenance.createdAt).toBe('2024-06-01T00:00:01.000Z');
    expect(runCommand('mask/set', ctx, b.doc, { targetId: 's1', classCode: 'sah.present', width: 4, height: 3, runs: [5, 3, 0, 0, 4] })).toEqual({});
    const cleared = exec(ctx, b.doc, 'mask/set', { targetId: 's1', classCode: 'sah.present', width: 4, height: 3, runs: [12] });
    expect(cleared.doc.records).toEqual({});
    expect(runCommand('mask/set', ctx, empty, { targetId: 's1', classCode: 'sah.present', width: 4, height: 3, runs: [12] })).toEqual({});
  });

  it('refuses runs that do not cover the labelmap', () => {
    expect(() => runCommand('mask/set', context(), empty, { targetId: 's1', classCode: 'sah.present', width: 4, height: 3, runs: [5, 2] })).toThrow(
      'mask/set: runs: runs sum to 7, expected width × height = 12',
    );
  });
});

describe('proposal/accept', () => {
  it('records who accepted, keeping the model as source', () => {
    const ctx = context();
    const start = documentOf([{ ...shapeRecord('p1', 's1', undefined, 'sah.present', modelProvenance('sah-net', '2.1')) }]);
    const { doc } = exec(ctx, start, 'proposal/accept', { ids: ['p1'] });
    expect(doc.records.p1?.provenance).toEqual({ ...modelProvenance('sah-net', '2.1'), acceptedBy: 'alice', updatedAt: '2024-06-01T00:00:01.000Z' });
    expect(runCommand('proposal/accept', ctx, doc, { ids: ['p1'] })).toEqual({});
  });

  it('refuses human records and unknown ids', () => {
    const ctx = context();
    const start = documentOf([labelRecord('s1', ['sah.absent'])]);
    expect(() => runCommand('proposal/accept', ctx, start, { ids: ['label:s1'] })).toThrow('record "label:s1" is not a model proposal');
    expect(() => runCommand('proposal/accept', ctx, start, { ids: ['zz'] })).toThrow('proposal/accept: no record "zz"');
  });
});

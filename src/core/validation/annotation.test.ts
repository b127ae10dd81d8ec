import { describe, expect, it } from 'vitest';
import { ItemTargets } from '../targets';
import { FRAME_TEST_ITEM, FRAME_TEST_LABEL_SET } from '../testing/frameSetDocument';
import { ENDOSCOPY_LABEL_SET, frameSetItem, seriesItem, slideItem, T0, TEST_LABEL_SET } from '../testing/records';
import { RECORD_LIMITS, validateAnnotationRecord, validateRecordOp, type RecordContext } from './annotation';

const T1 = '2024-05-01T08:05:30Z';
const human = { origin: { kind: 'human' }, createdAt: T0, updatedAt: T1, authors: ['u1'] };
const model = {
  origin: { kind: 'model', modelId: 'sah-net', version: '1.2.0', contentHash: 'a'.repeat(64), runId: 'run-1', threshold: 0.5, score: 0.93 },
  createdAt: T0,
  updatedAt: T1,
  authors: ['u1'],
  decision: 'accepted',
  decidedBy: 'u1',
};
const CONTEXT: RecordContext = { labelSet: TEST_LABEL_SET, targets: new ItemTargets(seriesItem(3)) };

/**
 * One valid record of every kind, as loose JSON to break per test. `any`: tests poke arbitrary
 * wrong values into a JSON tree; the validator is what types it.
 */
function records(): Record<string, any> {
  // A JSON round trip, not structuredClone, so records stop sharing one provenance object.
  return JSON.parse(
    JSON.stringify({
      label: { type: 'label', id: 'label:sah:slice-1', questionId: 'sah', targetId: 'slice-1', classCodes: ['sah.present'], provenance: human },
      accepted: { type: 'label', id: 'label:sah:slice-2', questionId: 'sah', targetId: 'slice-2', classCodes: ['sah.absent'], provenance: model },
      multi: { type: 'label', id: 'label:ich:slice-1', questionId: 'ich', targetId: 'slice-1', classCodes: ['ich.subdural', 'ich.epidural'], provenance: human },
      series: { type: 'label', id: 'label:quality:item-1', questionId: 'quality', targetId: 'item-1', classCodes: ['good'], provenance: human },
      range: { type: 'label', id: 'label:artifact:slice-1', questionId: 'artifact', targetId: 'slice-1', endTargetId: 'slice-3', classCodes: ['motion'], provenance: human },
      pt: { type: 'shape', id: 'pt', questionId: 'lesion', targetId: 'slice-1', classCode: 'lesion', geometry: { type: 'point', point: [10.5, 20] }, provenance: human },
      line: { type: 'shape', id: 'line', questionId: 'lesion', targetId: 'slice-1', classCode: 'lesion', geometry: { type: 'polyline', points: [[0, 0], [5, 5]] }, provenance: human },
      poly: { type: 'shape', id: 'poly', questionId: 'lesion', targetId: 'slice-2', classCode: 'cyst', geometry: { type: 'polygon', points: [[0, 0], [5, 0], [5, 5]] }, provenance: human },
      rect: { type: 'shape', id: 'rect', questionId: 'lesion', targetId: 'slice-2', classCode: 'lesion', geometry: { type: 'rectangle', topLeft: [1, 1], bottomRight: [4, 9] }, provenance: human },
      ell: { type: 'shape', id: 'ell', questionId: 'lesion', targetId: 'slice-3', classCode: 'lesion', geometry: { type: 'ellipse', center: [50, 50], radii: [10, 5], rotation: 0.3 }, provenance: human },
      mask: { type: 'mask', id: 'mask:lesion:slice-3:lesion', questionId: 'lesion', targetId: 'slice-3', classCode: 'lesion', width: 64, height: 64, runs: [5, 2, 4089], provenance: human },
    }),
  ) as Record<string, any>;
}

function errorsOf(record: unknown, context: RecordContext = CONTEXT): string[] {
  const r = validateAnnotationRecord(record, context);
  return r.ok ? [] : r.errors;
}

describe('validateAnnotationRecord', () => {
  it.each(Object.entries(records()))('accepts a valid %s record, with and without context', (_name, record) => {
    expect(validateAnnotationRecord(record, CONTEXT)).toEqual({ ok: true, value: record });
    expect(validateAnnotationRecord(record).ok).toBe(true);
  });

  it('names the path of an unknown class code, only with a label set', () => {
    const { label, pt, mask } = records();
    label.classCodes = ['foo'];
    expect(errorsOf(label)).toEqual(['classCodes[0]: unknown class "foo" in question "sah"']);
    expect(errorsOf(label, {})).toEqual([]);
    pt.classCode = 'sah.present';
    mask.classCode = 'nope';
    expect([...errorsOf(pt), ...errorsOf(mask)]).toEqual(['classCode: unknown class "sah.present" in question "lesion"', 'classCode: unknown class "nope" in question "lesion"']);
  });

  it('refuses an unknown question, and a record of the wrong kind for its question', () => {
    const { label, pt } = records();
    label.questionId = 'never';
    expect(errorsOf(label)).toEqual(['questionId: unknown question "never" in label set "sah-slice"']);
    const { label: asRegion } = records();
    asRegion.questionId = 'lesion';
    asRegion.classCodes = ['lesion'];
    expect(errorsOf(asRegion)).toEqual(['questionId: question "lesion" (region) is answered by a shape or mask, not a label']);
    pt.questionId = 'sah';
    pt.classCode = 'sah.present';
    expect(errorsOf(pt)).toEqual(['questionId: question "sah" (slice) is answered by a label, not a shape']);
  });

  it('allows exactly one class on single choice and grades, several on multiple choice, none twice', () => {
    const { label, multi } = records();
    label.classCodes = ['sah.present', 'sah.absent'];
    expect(errorsOf(label)).toEqual(['classCodes: question "sah" takes exactly one class, got 2']);
    multi.classCodes.push('ich.subdural');
    expect(errorsOf(multi)).toEqual(['classCodes[2]: class "ich.subdural" listed twice']);
    const grade = { type: 'label', id: 'g', questionId: 'mayo', targetId: 'frame-1', classCodes: ['mayo.1', 'mayo.2'], provenance: human };
    expect(errorsOf(grade, { labelSet: ENDOSCOPY_LABEL_SET, targets: new ItemTargets(frameSetItem()) })).toEqual([
      'classCodes: question "mayo" takes exactly one class, got 2',
    ]);
  });

  it('refuses a label with no class (clearing removes the record instead)', () => {
    const { label } = records();
    label.classCodes = [];
    expect(errorsOf(label, {})).toEqual(['classCodes: a label needs at least one class']);
  });

  it('checks the target against the question’s target kind, only with targets', () => {
    const { label, series, pt } = records();
    label.targetId = 'slice-99';
    expect(errorsOf(label)).toEqual(['targetId: target "slice-99" is not a slice of item item-1']);
    expect(errorsOf(label, { labelSet: TEST_LABEL_SET })).toEqual([]);
    series.targetId = 'slice-1';
    expect(errorsOf(series)).toEqual(['targetId: target "slice-1" is not a series of item item-1']);
    pt.targetId = 'item-1';
    expect(errorsOf(pt)).toEqual(['targetId: target "item-1" is not a region of item item-1']);
  });

  describe('ranges', () => {
    it('only a frameRange question or a single-answer frame question spans targets', () => {
      const { label } = records();
      label.endTargetId = 'slice-2';
      expect(errorsOf(label)).toEqual(['endTargetId: only a frameRange question or a single-answer frame question spans targets, not "sah"']);
    });

    it('lets a tag of a run of frames on a per-frame grade be one record, not on a multiple-choice frame question', () => {
      const frames = { labelSet: FRAME_TEST_LABEL_SET, targets: new ItemTargets(FRAME_TEST_ITEM) };
      const run = { type: 'label', id: 'range:mayo:1', questionId: 'mayo', targetId: 'frame-1', endTargetId: 'frame-3', classCodes: ['mayo.2'], provenance: human };
      expect(validateAnnotationRecord(run, frames).ok).toBe(true);
      const toggled = { ...run, id: 'range:findings:1', questionId: 'findings', classCodes: ['findings.blood'] };
      expect(validateAnnotationRecord(toggled, frames)).toMatchObject({ ok: false, errors: [expect.stringContaining('not "findings"')] });
    });

    it('ends at a known target, at or after the first one', () => {
      const { range } = records();
      range.endTargetId = 'slice-9';
      expect(errorsOf(range)).toEqual(['endTargetId: unknown target "slice-9"']);
      range.targetId = 'slice-3';
      range.endTargetId = 'slice-1';
      expect(errorsOf(range)).toEqual(['endTargetId: a range ends at or after its first target']);
      range.endTargetId = 'slice-3';
      expect(errorsOf(range)).toEqual([]);
    });

    it('checks the end’s type even without context', () => {
      const { range } = records();
      range.endTargetId = 3;
      expect(errorsOf(range, {})).toEqual(['endTargetId: expected a string, got 3']);
    });
  });

  describe('geometry', () => {
    it.each([
      ['NaN', Number.NaN],
      ['Infinity', Number.POSITIVE_INFINITY],
      ['a string', '3'],
      ['null', null],
    ])('refuses a coordinate that is %s', (_name, bad) => {
      const { poly } = records();
      poly.geometry.points[1][0] = bad;
      expect(errorsOf(poly)).toEqual([expect.stringMatching(/^geometry\.points\[1\]\[0\]: expected a finite number/)]);
    });

    it('checks each geometry kind', () => {
      const r = records();
      r.pt.geometry = { type: 'point', point: [1, 2, 3] };
      r.line.geometry.points = [[0, 0]];
      r.poly.geometry.points.pop();
      r.rect.geometry.bottomRight = [0, 9];
      r.ell.geometry.radii = [-1, 2];
      r.ell.geometry.rotation = Number.NaN;
      expect([r.pt, r.line, r.poly, r.rect, r.ell].flatMap((x) => errorsOf(x))).toEqual([
        'geometry.point: expected 2 numbers, got 3',
        'geometry.points: a polyline needs at least 2 points, got 1',
        'geometry.points: a polygon needs at least 3 points, got 2',
        'geometry.bottomRight: must lie right of and below topLeft',
        'geometry.radii: radii must not be negative',
        'geometry.rotation: expected a finite number, got NaN',
      ]);
    });

    it('checks the holes of a polygon and every part of a multiPolygon', () => {
      const { poly } = records();
      const ring: [number, number][] = [[1, 1], [4, 1], [4, 4]];
      poly.geometry = { type: 'polygon', points: [[0, 0], [9, 0], [9, 9]], holes: [ring] };
      expect(errorsOf(poly)).toEqual([]);
      poly.geometry = { type: 'polygon', points: [[0, 0], [9, 0], [9, 9]], holes: [[[1, 1]]] };
      expect(errorsOf(poly)).toEqual(['geometry.holes[0]: a polygon needs at least 3 points, got 1']);
      poly.geometry = { type: 'multiPolygon', polygons: [{ points: ring }, { points: ring, holes: [ring, [[70, 1], [2, 2], [3, 3]]] }] };
      expect(errorsOf(poly)).toEqual(['geometry.polygons[1].holes[1][0]: (70, 1) lies outside the 64×64 image']);
      poly.geometry = { type: 'multiPolygon', polygons: [] };
      expect(errorsOf(poly)).toEqual(['geometry.polygons: a multiPolygon needs at least one polygon']);
      poly.geometry = { type: 'multiPolygon', polygons: [{ points: ring, lumen: 1 }] };
      expect(errorsOf(poly)).toEqual(['geometry.polygons[0].lumen: unknown property']);
    });

    it('refuses unknown geometry types and stray geometry fields', () => {
      const { pt, rect } = records();
      pt.geometry = { type: 'circle', center: [0, 0] };
      rect.geometry.rotation = 0;
      expect([...errorsOf(pt), ...errorsOf(rect)]).toEqual([
        'geometry.type: expected "point", "polyline", "polygon", "multiPolygon", "rectangle" or "ellipse", got "circle"',
        'geometry.rotation: unknown property',
      ]);
    });

    it('keeps every point inside its image (edges included), only with targets', () => {
      const { poly, ell } = records();
      poly.geometry.points = [[0, 0], [64, 64], [-0.5, 3], [10, 64.5]];
      expect(errorsOf(poly)).toEqual(['geometry.points[2]: (-0.5, 3) lies outside the 64×64 image', 'geometry.points[3]: (10, 64.5) lies outside the 64×64 image']);
      expect(errorsOf(poly, { labelSet: TEST_LABEL_SET })).toEqual([]);
      ell.geometry.center = [70, 1];
      expect(errorsOf(ell)).toEqual(['geometry.center: (70, 1) lies outside the 64×64 image']);
      // A frame has its own size, a slide its level-0 size.
      const onFrame = { ...records().pt, questionId: 'polyp', classCode: 'polyp', targetId: 'frame-3', geometry: { type: 'point', point: [400, 10] } };
      expect(errorsOf(onFrame, { labelSet: ENDOSCOPY_LABEL_SET, targets: new ItemTargets(frameSetItem()) })).toEqual([
        'geometry.point: (400, 10) lies outside the 320×240 image',
      ]);
      const onSlide = { ...records().pt, targetId: 'slide-1', geometry: { type: 'point', point: [99_999, 79_999] } };
      expect(errorsOf(onSlide, { labelSet: TEST_LABEL_SET, targets: new ItemTargets(slideItem()) })).toEqual([]);
    });

    it(`caps an outline at ${RECORD_LIMITS.maxVertices} vertices and a broken outline’s messages`, () => {
      const { poly } = records();
      poly.geometry.points = Array.from({ length: RECORD_LIMITS.maxVertices }, (_, i) => [i % 64, 1]);
      expect(errorsOf(poly)).toEqual([]);
      poly.geometry.points.push([1, 1]);
      expect(errorsOf(poly)).toEqual([`geometry.points: at most ${RECORD_LIMITS.maxVertices} points per outline, got ${RECORD_LIMITS.maxVertices + 1}`]);
      poly.geometry.points = Array.from({ length: 500 }, () => [-1, -1]);
      expect(errorsOf(poly).length).toBeLessThanOrEqual(22);
    });
  });

  describe('masks', () => {
    it('requires runs to cover width × height exactly', () => {
      const { mask } = records();
      mask.runs = [5, 2, 4];
      expect(errorsOf(mask, {})).toEqual(['runs: runs sum to 11, expected width × height = 4096']);
    });

    it('refuses negative or fractional runs and bad sizes', () => {
      const { mask } = records();
      mask.runs = [5, -2, 9];
      mask.width = 0;
      mask.height = 2.5;
      expect(errorsOf(mask)).toEqual(['width: expected an integer ≥ 1, got 0', 'height: expected an integer ≥ 1, got 2.5', 'runs[1]: expected an integer ≥ 0, got -2']);
    });

    it('is the size of its image, only with targets', () => {
      const { mask } = records();
      mask.width = 4;
      mask.height = 3;
      mask.runs = [12];
      expect(errorsOf(mask)).toEqual(['width: a mask is the size of its image, 64×64; got 4×3']);
      expect(errorsOf(mask, { labelSet: TEST_LABEL_SET })).toEqual([]);
    });
  });

  describe('provenance', () => {
    it.each(['2024-05-01', '2024-05-01 08:00:00Z', '2024-02-30T00:00:00Z', '2024-05-01T08:00:00+09:00', 'yesterday', 1714550400000])(
      'refuses the time %j',
      (time) => {
        const { label } = records();
        label.provenance.updatedAt = time;
        expect(errorsOf(label)).toEqual([expect.stringMatching(/^provenance\.updatedAt: expected an ISO-8601 UTC time/)]);
      },
    );

    it('human work names its author once, and has no decision', () => {
      const r = records();
      r.label.provenance.authors = [];
      r.pt.provenance.authors = ['u1', 'u2', 'u1'];
      r.line.provenance.decision = 'accepted';
      r.line.provenance.decidedBy = 'u1';
      r.poly.provenance.origin = { kind: 'human', modelId: 'x' };
      expect([r.label, r.pt, r.line, r.poly].map((x) => errorsOf(x))).toEqual([
        ['provenance.authors: human work names its author'],
        ['provenance.authors[2]: author "u1" listed twice'],
        ['provenance.decision: only a model proposal has a decision', 'provenance.decidedBy: only a model proposal has a decision'],
        ['provenance.origin.modelId: unknown property'],
      ]);
    });

    it('an imported record names its file, object and segment', () => {
      const { mask, poly } = records();
      mask.provenance.imported = { format: 'dicomSeg', file: 'bleed.dcm', sopInstanceUid: '2.25.1', number: 1, label: 'Bleed' };
      poly.provenance.imported = { format: 'nifti', file: '', sopInstanceUid: '2.25.1', number: -1, label: 'ROI', roi: 2 };
      expect(errorsOf(mask)).toEqual([]);
      expect(errorsOf(poly)).toEqual([
        'provenance.imported.roi: unknown property',
        'provenance.imported.format: expected "dicomSeg" or "rtStruct", got "nifti"',
        'provenance.imported.file: must not be empty',
        'provenance.imported.number: expected an integer ≥ 0, got -1',
      ]);
    });

    it('a proposal names its model and run, with scores in [0, 1]', () => {
      const { accepted } = records();
      delete accepted.provenance.origin.runId;
      accepted.provenance.origin.score = 1.5;
      accepted.provenance.origin.threshold = Number.NaN;
      accepted.provenance.origin.kind = 'model';
      expect(errorsOf(accepted)).toEqual([
        'provenance.origin.runId: expected a string, got undefined',
        'provenance.origin.threshold: expected a finite number, got NaN',
        'provenance.origin.score: expected a number in [0, 1]',
      ]);
      const { accepted: long } = records();
      long.provenance.origin.modelId = 'm'.repeat(RECORD_LIMITS.maxNameLength + 1);
      long.provenance.authors = ['u'.repeat(RECORD_LIMITS.maxNameLength + 1)];
      expect(errorsOf(long)).toEqual([
        `provenance.authors[0]: at most ${RECORD_LIMITS.maxNameLength} characters, got ${RECORD_LIMITS.maxNameLength + 1}`,
        `provenance.origin.modelId: at most ${RECORD_LIMITS.maxNameLength} characters, got ${RECORD_LIMITS.maxNameLength + 1}`,
      ]);
      const { pt } = records();
      pt.provenance.origin = { kind: 'oracle' };
      expect(errorsOf(pt)).toEqual(['provenance.origin.kind: expected "human" or "model", got "oracle"']);
    });

    it('a proposal has a decision; pending has no decider, any other decision names one', () => {
      const pending = records().accepted;
      pending.provenance.decision = 'pending';
      expect(errorsOf(pending)).toEqual(['provenance.decidedBy: a pending proposal has no decision yet']);
      delete pending.provenance.decidedBy;
      pending.provenance.authors = [];
      expect(errorsOf(pending)).toEqual([]);
      for (const decision of ['accepted', 'edited', 'rejected']) {
        const decided = records().accepted;
        decided.provenance.decision = decision;
        expect(errorsOf(decided)).toEqual([]);
        delete decided.provenance.decidedBy;
        expect(errorsOf(decided)).toEqual(['provenance.decidedBy: expected a string, got undefined']);
      }
      const { accepted } = records();
      accepted.provenance.decision = 'maybe';
      expect(errorsOf(accepted)).toEqual(['provenance.decision: expected "pending", "accepted", "edited" or "rejected", got "maybe"']);
    });
  });

  it('refuses unknown record types, stray fields and non-object records', () => {
    const { pt, label } = records();
    expect(errorsOf({ ...pt, type: 'arrow' })).toEqual(['type: expected "label", "shape" or "mask", got "arrow"']);
    expect(errorsOf({ ...label, revision: 3 })).toEqual(['revision: unknown property']);
    expect(errorsOf(7)).toEqual(['(root): expected a record object, got 7']);
  });

  it.each(['__proto__', 'constructor', 'x'.repeat(RECORD_LIMITS.maxIdLength + 1)])('refuses the record id %s', (id) => {
    expect(errorsOf({ ...records().pt, id })).toEqual(['id: not a usable record id']);
  });
});

describe('validateRecordOp', () => {
  const opErrors = (op: unknown) => {
    const r = validateRecordOp(op, CONTEXT, 'ops[0]');
    return r.ok ? [] : r.errors;
  };

  it('accepts a put of a valid record and a delete', () => {
    const { label } = records();
    const put = { kind: 'put', id: label.id, baseVersion: 0, record: label };
    expect(validateRecordOp(put, CONTEXT)).toEqual({ ok: true, value: put });
    expect(opErrors({ kind: 'delete', id: 'x', baseVersion: 4 })).toEqual([]);
  });

  it('checks the record of a put against the context, under the op’s path', () => {
    const { label } = records();
    label.classCodes = ['nope'];
    expect(opErrors({ kind: 'put', id: label.id, baseVersion: 1, record: label })).toEqual(['ops[0].record.classCodes[0]: unknown class "nope" in question "sah"']);
  });

  it('refuses an id mismatch, a bad base version, an unknown kind and stray fields', () => {
    const { label } = records();
    expect(opErrors({ kind: 'put', id: 'other', baseVersion: -1, record: label })).toEqual([
      'ops[0].baseVersion: expected an integer ≥ 0, got -1',
      'ops[0].record.id: must equal the op\'s id "other"',
    ]);
    expect(opErrors({ kind: 'delete', id: 'x', baseVersion: 1, record: label })).toEqual(['ops[0].record: unknown property']);
    expect(opErrors({ kind: 'patch', id: 'x', baseVersion: 1 })).toEqual(['ops[0].kind: expected "put" or "delete", got "patch"']);
    expect(opErrors({ kind: 'delete', id: '__proto__', baseVersion: 1.5 })).toEqual([
      'ops[0].id: not a usable record id',
      'ops[0].baseVersion: expected an integer ≥ 0, got 1.5',
    ]);
    expect(opErrors(null)).toEqual(['ops[0]: expected an operation object, got null']);
  });
});

describe('several questions', () => {
  it('a grade question and a single-choice question each take their own record on one frame', () => {
    const context = { labelSet: ENDOSCOPY_LABEL_SET, targets: new ItemTargets(frameSetItem()) };
    const mayo = { type: 'label', id: 'label:mayo:frame-1', questionId: 'mayo', targetId: 'frame-1', classCodes: ['mayo.2'], provenance: human };
    const site = { ...mayo, id: 'label:site:frame-1', questionId: 'site', classCodes: ['rectum'] };
    expect([errorsOf(mayo, context), errorsOf(site, context)]).toEqual([[], []]);
    // A class of the other question is unknown here.
    expect(errorsOf({ ...site, classCodes: ['mayo.2'] }, context)).toEqual(['classCodes[0]: unknown class "mayo.2" in question "site"']);
  });
});

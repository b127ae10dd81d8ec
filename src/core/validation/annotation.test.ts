import { describe, expect, it } from 'vitest';
import type { AnnotationDocument } from '../annotation';
import { ICH_SUBTYPE_LABEL_SET, SAH_SLICE_LABEL_SET } from '../labelSets/builtin';
import { validateAnnotationDocument } from './annotation';

const T0 = '2024-05-01T08:00:00.000Z';
const T1 = '2024-05-01T08:05:30Z';
const human = { authorId: 'u1', createdAt: T0, updatedAt: T1, source: { kind: 'human' } };
const TARGETS = new Set(['s1', 's2', 's3']);

/** A valid document holding one record of every kind, as loose JSON to break per test. */
function fullDoc(): Record<string, any> {
  // `any`: tests poke arbitrary wrong values into a JSON tree; the validator is what types it.
  // A JSON round trip, not structuredClone, so records stop sharing one provenance object.
  return JSON.parse(JSON.stringify({
    itemId: 'item-1',
    annotatorId: 'u1',
    labelSetId: 'sah-slice',
    labelSetVersion: 1,
    records: {
      'label:s1': { type: 'label', id: 'label:s1', targetId: 's1', classCodes: ['sah.present'], provenance: human },
      'label:s2': {
        type: 'label',
        id: 'label:s2',
        targetId: 's2',
        classCodes: ['sah.absent'],
        provenance: { ...human, source: { kind: 'model', name: 'sah-net', version: '1.2.0' }, acceptedBy: 'u1' },
      },
      pt: { type: 'shape', id: 'pt', targetId: 's1', classCode: 'sah.present', geometry: { type: 'point', point: [10.5, 20] }, provenance: human },
      line: { type: 'shape', id: 'line', targetId: 's1', classCode: 'sah.present', geometry: { type: 'polyline', points: [[0, 0], [5, 5]] }, provenance: human },
      poly: { type: 'shape', id: 'poly', targetId: 's2', classCode: 'sah.present', geometry: { type: 'polygon', points: [[0, 0], [5, 0], [5, 5]] }, provenance: human },
      rect: { type: 'shape', id: 'rect', targetId: 's2', classCode: 'sah.uncertain', geometry: { type: 'rectangle', topLeft: [1, 1], bottomRight: [4, 9] }, provenance: human },
      ell: { type: 'shape', id: 'ell', targetId: 's3', classCode: 'sah.present', geometry: { type: 'ellipse', center: [50, 50], radii: [10, 5], rotation: 0.3 }, provenance: human },
      m: { type: 'mask', id: 'm', targetId: 's3', classCode: 'sah.present', width: 4, height: 3, runs: [5, 2, 5], provenance: human },
    },
  })) as Record<string, any>;
}

function errorsOf(x: unknown, withContext = true): string[] {
  const r = withContext ? validateAnnotationDocument(x, SAH_SLICE_LABEL_SET, TARGETS) : validateAnnotationDocument(x);
  return r.ok ? [] : r.errors;
}

describe('validateAnnotationDocument', () => {
  it('accepts a document with every record kind, with and without context', () => {
    const doc = fullDoc();
    expect(validateAnnotationDocument(doc, SAH_SLICE_LABEL_SET, TARGETS)).toEqual({ ok: true, value: doc });
    expect(validateAnnotationDocument(doc).ok).toBe(true);
  });

  it('accepts an empty document', () => {
    const doc: AnnotationDocument = { itemId: 'i', annotatorId: 'u', labelSetId: 'sah-slice', labelSetVersion: 1, records: {} };
    expect(validateAnnotationDocument(doc, SAH_SLICE_LABEL_SET, new Set()).ok).toBe(true);
  });

  it('names the path of an unknown class code', () => {
    const doc = fullDoc();
    doc.records['label:s1'].classCodes = ['foo'];
    expect(errorsOf(doc)).toEqual(['records["label:s1"].classCodes[0]: unknown class "foo"']);
    // Without a label set any code is fine.
    expect(errorsOf(doc, false)).toEqual([]);
  });

  it('refuses unknown class codes on shapes and masks', () => {
    const doc = fullDoc();
    doc.records.pt.classCode = 'ich.subdural';
    doc.records.m.classCode = 'nope';
    expect(errorsOf(doc)).toEqual([
      'records["pt"].classCode: unknown class "ich.subdural"',
      'records["m"].classCode: unknown class "nope"',
    ]);
  });

  it('requires the record key to equal record.id', () => {
    const doc = fullDoc();
    doc.records.pt.id = 'other';
    expect(errorsOf(doc)).toEqual(['records["pt"].id: must equal its key "pt", got "other"']);
  });

  it('allows exactly one class on a single-choice label, several on multi-choice', () => {
    const doc = fullDoc();
    doc.records['label:s1'].classCodes = ['sah.present', 'sah.absent'];
    expect(errorsOf(doc)).toEqual([
      'records["label:s1"].classCodes: label set "sah-slice" is single choice: expected exactly one class, got 2',
    ]);

    const multi = {
      itemId: 'i',
      annotatorId: 'u',
      labelSetId: 'ich-subtype',
      labelSetVersion: 1,
      records: { l: { type: 'label', id: 'l', targetId: 's1', classCodes: ['ich.subdural', 'ich.subarachnoid'], provenance: human } },
    };
    expect(validateAnnotationDocument(multi, ICH_SUBTYPE_LABEL_SET, TARGETS).ok).toBe(true);
    multi.records.l.classCodes.push('ich.subdural');
    expect(validateAnnotationDocument(multi, ICH_SUBTYPE_LABEL_SET, TARGETS)).toEqual({
      ok: false,
      errors: ['records["l"].classCodes[2]: class "ich.subdural" listed twice'],
    });
  });

  it('refuses a label with no class (clearing removes the record instead)', () => {
    const doc = fullDoc();
    doc.records['label:s1'].classCodes = [];
    expect(errorsOf(doc)).toEqual(['records["label:s1"].classCodes: a label needs at least one class']);
  });

  it('refuses two label records on one target', () => {
    const doc = fullDoc();
    doc.records.dup = { ...doc.records['label:s1'], id: 'dup' };
    expect(errorsOf(doc)).toEqual(['records["dup"].targetId: target "s1" already has label record "label:s1"']);
  });

  it('refuses unknown targets only when the target ids are given', () => {
    const doc = fullDoc();
    doc.records.pt.targetId = 's99';
    expect(errorsOf(doc)).toEqual(['records["pt"].targetId: unknown target "s99"']);
    expect(validateAnnotationDocument(doc, SAH_SLICE_LABEL_SET).ok).toBe(true);
  });

  it('checks the label set id and version against the given set', () => {
    const doc = fullDoc();
    doc.labelSetId = 'ich-subtype';
    doc.labelSetVersion = 2;
    expect(errorsOf(doc)).toEqual(['labelSetId: expected "sah-slice", got "ich-subtype"', 'labelSetVersion: expected 1, got 2']);
  });

  it.each([
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['a string', '3'],
    ['null', null],
  ])('refuses a coordinate that is %s', (_name, bad) => {
    const doc = fullDoc();
    doc.records.poly.geometry.points[1][0] = bad;
    expect(errorsOf(doc)).toEqual([expect.stringMatching(/^records\["poly"\]\.geometry\.points\[1\]\[0\]: expected a finite number/)]);
  });

  it('checks each geometry kind', () => {
    const doc = fullDoc();
    doc.records.pt.geometry = { type: 'point', point: [1, 2, 3] };
    doc.records.line.geometry.points = [[0, 0]];
    doc.records.poly.geometry.points.pop();
    doc.records.rect.geometry.bottomRight = [0, 9];
    doc.records.ell.geometry.radii = [-1, 2];
    doc.records.ell.geometry.rotation = Number.NaN;
    expect(errorsOf(doc)).toEqual([
      'records["pt"].geometry.point: expected 2 numbers, got 3',
      'records["line"].geometry.points: a polyline needs at least 2 points, got 1',
      'records["poly"].geometry.points: a polygon needs at least 3 points, got 2',
      'records["rect"].geometry.bottomRight: must lie right of and below topLeft',
      'records["ell"].geometry.radii: radii must not be negative',
      'records["ell"].geometry.rotation: expected a finite number, got NaN',
    ]);
  });

  it('refuses unknown geometry types and stray geometry fields', () => {
    const doc = fullDoc();
    doc.records.pt.geometry = { type: 'circle', center: [0, 0] };
    doc.records.rect.geometry.rotation = 0;
    expect(errorsOf(doc)).toEqual([
      'records["pt"].geometry.type: expected "point", "polyline", "polygon", "rectangle" or "ellipse", got "circle"',
      'records["rect"].geometry.rotation: unknown property',
    ]);
  });

  it('requires mask runs to cover width × height exactly', () => {
    const doc = fullDoc();
    doc.records.m.runs = [5, 2, 4];
    expect(errorsOf(doc)).toEqual(['records["m"].runs: runs sum to 11, expected width × height = 12']);
  });

  it('refuses negative or fractional runs and bad mask sizes', () => {
    const doc = fullDoc();
    doc.records.m.runs = [5, -2, 9];
    doc.records.m.width = 0;
    doc.records.m.height = 2.5;
    expect(errorsOf(doc)).toEqual([
      'records["m"].width: expected an integer ≥ 1, got 0',
      'records["m"].height: expected an integer ≥ 1, got 2.5',
      'records["m"].runs[1]: expected an integer ≥ 0, got -2',
    ]);
  });

  it.each(['2024-05-01', '2024-05-01 08:00:00Z', '2024-02-30T00:00:00Z', '2024-05-01T08:00:00+09:00', 'yesterday', 1714550400000])(
    'refuses the time %j',
    (time) => {
      const doc = fullDoc();
      doc.records['label:s1'].provenance.updatedAt = time;
      expect(errorsOf(doc)).toEqual([expect.stringMatching(/^records\["label:s1"\]\.provenance\.updatedAt: expected an ISO-8601 UTC time/)]);
    },
  );

  it('checks provenance source', () => {
    const doc = fullDoc();
    doc.records['label:s1'].provenance.source = { kind: 'model', name: 'net' };
    doc.records.pt.provenance.source = { kind: 'oracle' };
    doc.records.line.provenance.source = { kind: 'human', name: 'x' };
    doc.records.poly.provenance.authorId = '';
    expect(errorsOf(doc)).toEqual([
      'records["label:s1"].provenance.source.version: expected a string, got undefined',
      'records["pt"].provenance.source.kind: expected "human" or "model", got "oracle"',
      'records["line"].provenance.source.name: unknown property',
      'records["poly"].provenance.authorId: must not be empty',
    ]);
  });

  it('refuses unknown record types and non-object records', () => {
    const doc = fullDoc();
    doc.records.pt = { ...doc.records.pt, type: 'arrow' };
    doc.records.line = 7;
    expect(errorsOf(doc)).toEqual([
      'records["pt"].type: expected "label", "shape" or "mask", got "arrow"',
      'records["line"]: expected a record object, got 7',
    ]);
  });

  it('refuses dangerous record ids such as __proto__', () => {
    const doc = JSON.parse(
      '{"itemId":"i","annotatorId":"u","labelSetId":"sah-slice","labelSetVersion":1,"records":{"__proto__":' +
        JSON.stringify({ type: 'label', id: '__proto__', targetId: 's1', classCodes: ['sah.absent'], provenance: human }) +
        '}}',
    ) as unknown;
    expect(errorsOf(doc)).toEqual(['records["__proto__"]: not a usable record id']);
  });

  it('checks the document envelope', () => {
    expect(errorsOf({ itemId: 1, annotatorId: '', labelSetId: 'sah-slice', labelSetVersion: 1, records: [] })).toEqual([
      'itemId: expected a string, got 1',
      'annotatorId: must not be empty',
      'records: expected an object keyed by record id, got an array',
    ]);
    expect(errorsOf('{}')).toEqual(['(root): expected an object, got "{}"']);
    expect(errorsOf({ ...fullDoc(), revision: 3 })).toEqual(['revision: unknown property']);
  });
});

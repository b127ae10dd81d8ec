import { describe, expect, it } from 'vitest';
import type { DifferingUnit } from '../agreement';
import type { Geometry } from '../annotation';
import { GASTRIC_BIOPSY_LABEL_SET, ICH_SUBTYPE_LABEL_SET, SAH_SLICE_LABEL_SET } from '../labelSets/builtin';
import { decisionProblem, REGION_EDIT_LIMITS } from './decision';

const unit = (questionId: string, targetKey = 's1'): DifferingUnit => ({
  questionId,
  itemId: 'ct-1',
  targetKey,
  answers: [
    { readerId: 'ann', value: null },
    { readerId: 'bob', value: { kind: 'class', code: 'sah.present' } },
  ],
});

const square = (x: number): Geometry => ({ type: 'polygon', points: [[x, 0], [x + 100, 0], [x + 100, 100], [x, 100]] });

describe('decisionProblem', () => {
  it('accepts a pick of one of the unit’s readers and refuses anyone else', () => {
    expect(decisionProblem(SAH_SLICE_LABEL_SET, unit('sah'), { pick: 'ann' })).toBeNull();
    expect(decisionProblem(SAH_SLICE_LABEL_SET, unit('sah'), { pick: 'zed' })).toMatch(/not one of the readers/);
  });

  it('checks an edit against the question: known classes, one for a single answer, at least one for several', () => {
    expect(decisionProblem(SAH_SLICE_LABEL_SET, unit('sah'), { edit: { classCodes: ['sah.absent'] } })).toBeNull();
    expect(decisionProblem(SAH_SLICE_LABEL_SET, unit('sah'), { edit: { classCodes: ['sah.present', 'sah.absent'] } })).toMatch(/exactly one/);
    expect(decisionProblem(SAH_SLICE_LABEL_SET, unit('sah'), { edit: { classCodes: ['nope'] } })).toMatch(/nope is not a class/);
    const ich = ICH_SUBTYPE_LABEL_SET.questions[0]!;
    const codes = ich.classes.map((c) => c.code);
    expect(decisionProblem(ICH_SUBTYPE_LABEL_SET, unit(ich.id), { edit: { classCodes: codes.slice(0, 2) } })).toBeNull();
    expect(decisionProblem(ICH_SUBTYPE_LABEL_SET, unit(ich.id), { edit: { classCodes: [] } })).toMatch(/at least one/);
    expect(decisionProblem(ICH_SUBTYPE_LABEL_SET, unit(ich.id), { edit: { classCodes: [codes[0]!, codes[0]!] } })).toMatch(/once/);
  });

  it('refuses classes for a region, a drawing for a label question, and an edit of an unknown question', () => {
    expect(decisionProblem(GASTRIC_BIOPSY_LABEL_SET, unit('lesion', 'slide-1/lesion.carcinoma'), { edit: { classCodes: ['lesion.carcinoma'] } })).toMatch(/region/);
    expect(decisionProblem(SAH_SLICE_LABEL_SET, unit('sah'), { edit: { geometries: [square(0)] } })).toMatch(/classes, not a drawing/);
    expect(decisionProblem(SAH_SLICE_LABEL_SET, unit('other'), { edit: { classCodes: [] } })).toMatch(/no question other/);
  });

  describe('a region drawn by the lead', () => {
    const region = unit('lesion', 'slide-1/lesion.carcinoma');
    const settle = (geometries: readonly Geometry[], from?: string) => decisionProblem(GASTRIC_BIOPSY_LABEL_SET, region, { edit: from === undefined ? { geometries } : { geometries, from } });

    it('accepts one or more valid polygons, drawn anew or from one of the unit’s readers', () => {
      expect(settle([square(0)])).toBeNull();
      expect(settle([square(0), square(500)], 'bob')).toBeNull();
    });

    it('refuses no polygon, other geometries, invalid or crossing polygons, and a reader not of the unit', () => {
      expect(settle([])).toMatch(/at least one polygon/);
      expect(settle([{ type: 'rectangle', topLeft: [0, 0], bottomRight: [5, 5] }])).toMatch(/polygons/);
      expect(settle([{ type: 'polygon', points: [[0, 0], [5, 5]] }])).toMatch(/polygon 1: .*at least 3 points/);
      expect(settle([square(0), { type: 'polygon', points: [[0, 0], [10, 10], [10, 0], [0, 10]] }])).toMatch(/polygon 2 crosses itself/);
      expect(settle([{ type: 'polygon', points: [[0, 0], [Number.NaN, 1], [2, 2]] }])).toMatch(/polygon 1/);
      expect(settle([square(0)], 'zed')).toMatch(/zed is not one of the readers/);
    });

    it('bounds the number of polygons and of vertices', () => {
      expect(settle(Array.from({ length: REGION_EDIT_LIMITS.maxPolygons + 1 }, (_, i) => square(i * 200)))).toMatch(/at most 100 polygons/);
      const ring = (n: number, x: number): Geometry => ({ type: 'polygon', points: Array.from({ length: n }, (_, i) => [x + 1000 * Math.cos((2 * Math.PI * i) / n), 1000 + 1000 * Math.sin((2 * Math.PI * i) / n)] as const) });
      expect(settle([ring(REGION_EDIT_LIMITS.maxVertices / 2, 1000), ring(REGION_EDIT_LIMITS.maxVertices / 2 + 1, 4000)])).toMatch(/at most 10000 vertices in all/);
    });
  });
});

import { describe, expect, it } from 'vitest';
import type { DifferingUnit } from '../agreement';
import type { AnnotationRecord, Geometry } from '../annotation';
import { regionDifferences, regionUnit } from './regionDifferences';

const provenance = { origin: { kind: 'human' as const }, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z', authors: [] };
const square = (x: number, y: number, side: number): Geometry => ({ type: 'polygon', points: [[x, y], [x + side, y], [x + side, y + side], [x, y + side]] });
const shape = (id: string, classCode: string, geometry: Geometry, questionId = 'lesion', targetId = 'slide'): AnnotationRecord => ({ type: 'shape', id, questionId, targetId, classCode, geometry, provenance });
const unit = (targetKey: string, questionId = 'lesion'): DifferingUnit => ({ questionId, itemId: 'slide', targetKey, answers: [{ readerId: 'a', value: null }, { readerId: 'b', value: null }] });

describe('regionUnit', () => {
  it('splits a region unit at its first slash and leaves other units alone', () => {
    expect(regionUnit('slide/lesion.carcinoma')).toEqual({ targetId: 'slide', classCode: 'lesion.carcinoma' });
    expect(regionUnit('slide')).toBeNull();
    expect(regionUnit('/x')).toBeNull();
    expect(regionUnit('slide/')).toBeNull();
  });
});

describe('regionDifferences', () => {
  const records: Record<string, AnnotationRecord[]> = {
    a: [shape('a1', 'lesion.carcinoma', square(100, 100, 10)), shape('a2', 'lesion.carcinoma', square(105, 100, 10)), shape('a3', 'lesion.adenoma', square(0, 0, 1000))],
    b: [shape('b1', 'lesion.carcinoma', square(300, 50, 20)), shape('b2', 'lesion.carcinoma', square(0, 0, 5000), 'other'), shape('b3', 'lesion.carcinoma', square(0, 0, 5000), 'lesion', 'another')],
  };
  const recordsOf = (readerId: string) => records[readerId] ?? [];

  it('gives each reader’s united area and the box around every reader’s outlines of the class', () => {
    const [difference, ...rest] = regionDifferences([unit('slide'), unit('slide/lesion.carcinoma')], recordsOf);
    expect(rest).toEqual([]);
    expect(difference?.targetKey).toBe('slide/lesion.carcinoma');
    expect(difference?.classCode).toBe('lesion.carcinoma');
    // Reader a's two squares overlap by 5×10: counted once (150, not 200).
    expect(difference?.readers.map((reader) => [reader.readerId, Math.round(reader.area)])).toEqual([
      ['a', 150],
      ['b', 400],
    ]);
    expect(difference?.bounds).toEqual({ minX: 100, minY: 50, maxX: 320, maxY: 110 });
  });

  it('gives a reader who drew nothing of the class an area of 0, and no box when nobody drew an outline', () => {
    const [difference] = regionDifferences([unit('slide/lesion.other')], recordsOf);
    expect(difference?.readers.map((reader) => reader.area)).toEqual([0, 0]);
    expect(difference?.bounds).toBeNull();
  });
});

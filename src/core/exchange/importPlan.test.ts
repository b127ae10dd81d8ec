import { describe, expect, it } from 'vitest';
import type { ImportedOutline } from './geojsonImport';
import { planShapes } from './importPlan';

const at = (sourceClass: string | null, x: number): ImportedOutline => ({ sourceClass, geometry: { type: 'point', point: [x, x] } });

describe('planShapes', () => {
  it('gives each outline the class its name was mapped to and counts the skipped ones per name', () => {
    const chunks = [[at('Carcinoma', 1), at('Tumor', 2), at(null, 3)], [at('Stroma', 4), at('Tumor', 5), at('Stroma', 6)]];
    const plan = planShapes(chunks, new Map<string | null, string | null>([['Carcinoma', 'lesion.carcinoma'], ['Tumor', 'lesion.carcinoma'], ['Stroma', null]]));
    expect(plan.shapes).toEqual([
      { classCode: 'lesion.carcinoma', geometry: { type: 'point', point: [1, 1] } },
      { classCode: 'lesion.carcinoma', geometry: { type: 'point', point: [2, 2] } },
      { classCode: 'lesion.carcinoma', geometry: { type: 'point', point: [5, 5] } },
    ]);
    // A name with no choice at all (here: unclassified) is skipped too, never guessed.
    expect(plan.skippedClasses).toEqual([
      { name: null, count: 1 },
      { name: 'Stroma', count: 2 },
    ]);
  });
});

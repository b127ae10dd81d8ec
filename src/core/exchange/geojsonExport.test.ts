import { describe, expect, it } from 'vitest';
import type { Geometry, Shape } from '../annotation';
import { GASTRIC_BIOPSY_LABEL_SET } from '../labelSets/builtin';
import { humanProvenance, modelProvenance } from '../testing/records';
import { ELLIPSE_VERTICES, signedArea2, toGeoJsonGeometry, type LinearRing } from './geojson';
import { exportGeoJson, geoJsonFileName, rgbOf } from './geojsonExport';

const lesion = (id: string, geometry: Geometry, classCode = 'lesion.carcinoma', provenance = humanProvenance()): Shape => ({
  type: 'shape',
  id,
  questionId: 'lesion',
  targetId: 'slide-1',
  classCode,
  geometry,
  provenance,
});

const area = (ring: LinearRing) => signedArea2(ring) / 2;

describe('GeoJSON geometry as QuPath writes it', () => {
  it('closes rings and turns outer rings counter-clockwise, holes clockwise, whatever order they were drawn in', () => {
    const clockwiseOuter: Geometry = {
      type: 'polygon',
      points: [[0, 0], [0, 10], [10, 10], [10, 0]],
      holes: [[[2, 2], [4, 2], [4, 4], [2, 4]]],
    };
    const g = toGeoJsonGeometry(clockwiseOuter);
    expect(g.type).toBe('Polygon');
    if (g.type !== 'Polygon') return;
    const [outer, hole] = g.coordinates;
    expect(outer).toHaveLength(5);
    expect(outer![0]).toEqual(outer![4]);
    expect(area(outer!)).toBe(100);
    expect(area(hole!)).toBe(-4);
  });

  it('writes a multi-polygon part by part, a rectangle as its four corners, a point as a Point', () => {
    const multi = toGeoJsonGeometry({
      type: 'multiPolygon',
      polygons: [{ points: [[0, 0], [5, 0], [5, 5]] }, { points: [[10, 10], [20, 10], [20, 20], [10, 20]], holes: [[[12, 12], [12, 14], [14, 14]]] }],
    });
    expect(multi.type).toBe('MultiPolygon');
    if (multi.type === 'MultiPolygon') {
      expect(multi.coordinates.map((polygon) => polygon.map(area))).toEqual([[12.5], [100, -2]]);
    }
    const rect = toGeoJsonGeometry({ type: 'rectangle', topLeft: [1, 2], bottomRight: [4, 6] });
    expect(rect).toEqual({ type: 'Polygon', coordinates: [[[1, 2], [4, 2], [4, 6], [1, 6], [1, 2]]] });
    if (rect.type === 'Polygon') expect(area(rect.coordinates[0]!)).toBe(12);
    expect(toGeoJsonGeometry({ type: 'point', point: [7, 8] })).toEqual({ type: 'Point', coordinates: [7, 8] });
  });

  it('samples an ellipse finely enough that its area is within 0.1 % of π·a·b, rotation included', () => {
    const g = toGeoJsonGeometry({ type: 'ellipse', center: [500, 400], radii: [300, 120], rotation: 0.7 });
    if (g.type !== 'Polygon') throw new Error('expected a polygon');
    const ring = g.coordinates[0]!;
    expect(ring).toHaveLength(ELLIPSE_VERTICES + 1);
    const exact = Math.PI * 300 * 120;
    expect(Math.abs(area(ring) - exact) / exact).toBeLessThan(0.001);
    // Every vertex lies on the ellipse: in its own frame (x/a)² + (y/b)² = 1.
    for (const [x, y] of ring) {
      const dx = x - 500;
      const dy = y - 400;
      const u = dx * Math.cos(0.7) + dy * Math.sin(0.7);
      const v = -dx * Math.sin(0.7) + dy * Math.cos(0.7);
      expect((u / 300) ** 2 + (v / 120) ** 2).toBeCloseTo(1, 9);
    }
  });
});

describe('exportGeoJson', () => {
  it('writes one QuPath annotation per live shape with its class name, colour and code, leaving rejected proposals out', () => {
    const rejected = { ...modelProvenance(), decision: 'rejected' as const, decidedBy: 'u1' };
    const collection = exportGeoJson(
      [
        lesion('a', { type: 'point', point: [1, 1] }),
        lesion('b', { type: 'point', point: [2, 2] }, 'lesion.adenoma'),
        lesion('c', { type: 'point', point: [3, 3] }, 'lesion.other', rejected),
        { type: 'label', id: 'label:group:slide-1', questionId: 'group', targetId: 'slide-1', classCodes: ['group.3'], provenance: humanProvenance() },
      ],
      GASTRIC_BIOPSY_LABEL_SET,
    );
    expect(collection.type).toBe('FeatureCollection');
    expect(collection.features).toEqual([
      {
        type: 'Feature',
        id: 'a',
        geometry: { type: 'Point', coordinates: [1, 1] },
        properties: { objectType: 'annotation', classification: { name: 'Carcinoma', color: [214, 39, 40] }, classCode: 'lesion.carcinoma', isLocked: false },
      },
      {
        type: 'Feature',
        id: 'b',
        geometry: { type: 'Point', coordinates: [2, 2] },
        properties: { objectType: 'annotation', classification: { name: 'Adenoma', color: [255, 127, 14] }, classCode: 'lesion.adenoma', isLocked: false },
      },
    ]);
  });

  it('carries a class\'s standard code in the properties of its features', () => {
    const coding = { scheme: 'SCT', code: '68453008', meaning: 'Carcinoma' };
    const coded = {
      ...GASTRIC_BIOPSY_LABEL_SET,
      questions: GASTRIC_BIOPSY_LABEL_SET.questions.map((q) => ({ ...q, classes: q.classes.map((c) => (c.code === 'lesion.carcinoma' ? { ...c, coding } : c)) })),
    };
    const [carcinoma, adenoma] = exportGeoJson([lesion('a', { type: 'point', point: [1, 1] }), lesion('b', { type: 'point', point: [2, 2] }, 'lesion.adenoma')], coded).features;
    expect(carcinoma?.properties).toMatchObject({ classCode: 'lesion.carcinoma', coding });
    expect(adenoma?.properties).not.toHaveProperty('coding');
  });

  it('reads colours as [r, g, b] and names the file after the item', () => {
    expect(rgbOf('#1f77b4')).toEqual([31, 119, 180]);
    expect(rgbOf('red')).toEqual([127, 127, 127]);
    expect(geoJsonFileName('CMU-1 small region')).toBe('CMU-1 small region.geojson');
    expect(geoJsonFileName('case 12/3: HE*')).toBe('case 12_3_ HE_.geojson');
    expect(geoJsonFileName('  ')).toBe('annotations.geojson');
  });

  it('carries a proposal’s provenance in its properties: model, version, hash, run, threshold, score, decision', () => {
    const accepted = { ...modelProvenance(), decision: 'accepted' as const, decidedBy: 'u1', authors: ['u1'] };
    const [pending, taken] = exportGeoJson(
      [lesion('p', { type: 'point', point: [1, 1] }, 'lesion.carcinoma', modelProvenance()), lesion('q', { type: 'point', point: [2, 2] }, 'lesion.carcinoma', accepted)],
      GASTRIC_BIOPSY_LABEL_SET,
    ).features;
    expect(pending?.properties.provenance).toEqual({
      origin: 'model',
      modelId: 'sah-net',
      modelVersion: '1.0.0',
      modelSha256: 'a'.repeat(64),
      runId: 'run-1',
      threshold: 0.5,
      score: 0.9,
      decision: 'pending',
      decidedBy: null,
      authors: [],
    });
    expect(taken?.properties).toMatchObject({ objectType: 'annotation', classification: { name: 'Carcinoma' }, provenance: { decision: 'accepted', decidedBy: 'u1', authors: ['u1'] } });
  });
});

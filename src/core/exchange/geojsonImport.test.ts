import { describe, expect, it } from 'vitest';
import type { Geometry } from '../annotation';
import { GASTRIC_BIOPSY_LABEL_SET } from '../labelSets/builtin';
import { humanProvenance } from '../testing/records';
import { exportGeoJson } from './geojsonExport';
import { readAll as readAllOf } from '../testing/geojsonImport';
import { signedArea2 } from './geojson';
import type { SlideSize } from './geojsonImport';

const SLIDE: SlideSize = { width: 2_000, height: 1_500 };

const readAll = (text: string, slide: SlideSize = SLIDE, chunkSize?: number) => readAllOf(text, slide, chunkSize);

const feature = (geometry: unknown, properties: unknown = { objectType: 'annotation', classification: { name: 'Tumor', color: [200, 0, 0] } }) => ({
  type: 'Feature',
  geometry,
  properties,
});
const collection = (...features: unknown[]) => JSON.stringify({ type: 'FeatureCollection', features });
const square = (x: number, y: number, size = 10) => [[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]];

describe('importGeoJson', () => {
  it('reads back what exportGeoJson wrote: polygons with holes, multi-polygons, points; rectangles and ellipses as polygons', () => {
    const geometries: Geometry[] = [
      { type: 'polygon', points: [[10, 10], [110, 10], [110, 110], [10, 110]], holes: [[[40, 40], [40, 60], [60, 60], [60, 40]]] },
      { type: 'multiPolygon', polygons: [{ points: [[200, 200], [300, 200], [300, 300]] }, { points: [[400, 400], [500, 400], [450, 500]] }] },
      { type: 'point', point: [700, 800] },
      { type: 'rectangle', topLeft: [5, 6], bottomRight: [15, 26] },
    ];
    const records = geometries.map((geometry, i) => ({
      type: 'shape' as const,
      id: `s${i}`,
      questionId: 'lesion',
      targetId: 'slide-1',
      classCode: i === 2 ? 'lesion.adenoma' : 'lesion.carcinoma',
      geometry,
      provenance: humanProvenance(),
    }));
    const { outlines, outcome } = readAll(JSON.stringify(exportGeoJson(records, GASTRIC_BIOPSY_LABEL_SET)));
    expect(outcome).toEqual({
      ok: true,
      report: { features: 4, outlines: 4, classes: [{ name: 'Carcinoma', count: 3 }, { name: 'Adenoma', count: 1 }], skipped: {}, simplified: 0 },
    });
    // Rings come back open, outer counter-clockwise and holes clockwise (as written).
    expect(outlines[0]!.geometry).toEqual({
      type: 'polygon',
      points: [[10, 10], [110, 10], [110, 110], [10, 110]],
      holes: [[[40, 40], [40, 60], [60, 60], [60, 40]]],
    });
    expect(outlines[1]!.geometry).toEqual(geometries[1]);
    expect(outlines[2]).toEqual({ sourceClass: 'Adenoma', geometry: geometries[2] });
    expect(outlines[3]!.geometry).toEqual({ type: 'polygon', points: [[5, 6], [15, 6], [15, 26], [5, 26]] });
  });

  it('reads QuPath 0.2 lists with colorRGB, MultiPoint as one point each, derived classes, unclassified objects, and ignores measurements', () => {
    const text = JSON.stringify([
      {
        type: 'Feature',
        id: 'PathAnnotationObject',
        geometry: { type: 'Polygon', coordinates: [square(0, 0)] },
        properties: { classification: { name: 'Tumor', colorRGB: -3670016 }, isLocked: false, measurements: [{ name: 'Area µm^2', value: 25 }] },
      },
      { type: 'Feature', id: 'PathAnnotationObject', geometry: { type: 'MultiPoint', coordinates: [[1, 2], [3, 4]] }, properties: { classification: { names: ['Tumor', 'Positive'] } } },
      { type: 'Feature', geometry: { type: 'LineString', coordinates: [[0, 0], [50, 50]] }, properties: null },
    ]);
    const { outlines, outcome } = readAll(text);
    expect(outcome).toEqual({
      ok: true,
      report: {
        features: 3,
        outlines: 4,
        classes: [{ name: 'Tumor', count: 1 }, { name: 'Tumor: Positive', count: 2 }, { name: null, count: 1 }],
        skipped: {},
        simplified: 0,
      },
    });
    expect(outlines.map((o) => o.geometry.type)).toEqual(['polygon', 'point', 'point', 'polyline']);
  });

  it('skips features it cannot use, counting why, and keeps the others', () => {
    const text = collection(
      feature({ type: 'Polygon', coordinates: [square(0, 0)] }),
      feature(null),
      feature({ type: 'GeometryCollection', geometries: [] }),
      feature({ type: 'Polygon', coordinates: [[[0, 0], [10, 10], [20, 20], [0, 0]]] }),
      feature({ type: 'Polygon', coordinates: [[[0, 0], ['x', 1], [3, 3]]] }),
      feature({ type: 'LineString', coordinates: Array.from({ length: 10_001 }, (_, i) => [i % 100, Math.floor(i / 100)]) }),
      { type: 'Point', coordinates: [1, 1] },
      // A figure eight: QuPath and GDAL call it invalid, and its area is not the lesion's.
      feature({ type: 'Polygon', coordinates: [[[0, 0], [20, 20], [20, 0], [0, 10], [0, 0]]] }),
      feature({ type: 'MultiPolygon', coordinates: [[square(0, 0)], [square(5, 5)]] }),
    );
    const { outcome } = readAll(text);
    expect(outcome).toEqual({
      ok: true,
      report: {
        features: 9,
        outlines: 1,
        classes: [{ name: 'Tumor', count: 1 }],
        skipped: { noGeometry: 1, unsupportedGeometry: 1, degenerate: 1, badCoordinates: 1, tooManyVertices: 1, notAFeature: 1, crossesItself: 2 },
        simplified: 0,
      },
    });
  });

  it('simplifies a traced outline over the vertex limit to fit, keeping its area, and says so', () => {
    const circle = Array.from({ length: 40_000 }, (_, i) => [1_000 + 500 * Math.cos((2 * Math.PI * i) / 40_000), 700 + 500 * Math.sin((2 * Math.PI * i) / 40_000)]);
    const { outlines, outcome } = readAll(collection(feature({ type: 'Polygon', coordinates: [[...circle, circle[0]]] })));
    expect(outcome).toMatchObject({ ok: true, report: { outlines: 1, simplified: 1, skipped: {} } });
    const geometry = outlines[0]!.geometry;
    if (geometry.type !== 'polygon') throw new Error('expected a polygon');
    expect(geometry.points.length).toBeLessThanOrEqual(10_000);
    expect(Math.abs(Math.abs(signedArea2(geometry.points) / 2) - Math.PI * 500 ** 2) / (Math.PI * 500 ** 2)).toBeLessThan(0.001);
  });

  it('drops a degenerate hole but keeps its polygon, and a MultiPolygon of one usable part becomes a polygon', () => {
    const { outlines } = readAll(
      collection(
        feature({ type: 'Polygon', coordinates: [square(0, 0, 100), [[5, 5], [6, 6], [5, 5]]] }),
        feature({ type: 'MultiPolygon', coordinates: [[square(200, 200)], [[[0, 0], [1, 1], [2, 2], [0, 0]]]] }),
      ),
    );
    expect(outlines.map((o) => o.geometry)).toEqual([
      { type: 'polygon', points: [[0, 0], [100, 0], [100, 100], [0, 100]] },
      { type: 'polygon', points: [[200, 200], [210, 200], [210, 210], [200, 210]] },
    ]);
  });

  it('refuses a file that is not JSON, not GeoJSON, or holds no outline', () => {
    expect(readAll('<?xml version="1.0"?><Annotations/>').outcome).toMatchObject({ ok: false, refusal: { kind: 'notJson' } });
    expect(readAll('{"type":"Topology","objects":{}}').outcome).toEqual({ ok: false, refusal: { kind: 'notGeoJson' } });
    expect(readAll('[1, 2, 3]').outcome).toEqual({ ok: false, refusal: { kind: 'notGeoJson' } });
    expect(readAll(collection()).outcome).toEqual({ ok: false, refusal: { kind: 'noOutlines', features: 0 } });
    expect(readAll(collection(feature(null))).outcome).toEqual({ ok: false, refusal: { kind: 'noOutlines', features: 1 } });
  });

  it('refuses the whole file when an outline lies outside the slide, saying how many and where', () => {
    const { outcome } = readAll(collection(feature({ type: 'Polygon', coordinates: [square(0, 0)] }), feature({ type: 'Polygon', coordinates: [square(1_995, 100)] }), feature({ type: 'Point', coordinates: [-1, 3] })));
    expect(outcome).toEqual({
      ok: false,
      refusal: { kind: 'outsideSlide', count: 2, example: { minX: 1_995, minY: 100, maxX: 2_005, maxY: 110 }, slide: SLIDE },
    });
    // On the edge is inside.
    expect(readAll(collection(feature({ type: 'Polygon', coordinates: [square(1_990, 1_490)] }))).outcome.ok).toBe(true);
  });

  it('reports progress every chunk of features and hands outlines over in chunks', () => {
    const features = Array.from({ length: 25 }, (_, i) => feature({ type: 'Point', coordinates: [i, i] }));
    const { events, outlines } = readAll(collection(...features), SLIDE, 10);
    expect(events.filter((e) => e.type === 'progress')).toEqual([
      { type: 'progress', done: 10, total: 25 },
      { type: 'progress', done: 20, total: 25 },
      { type: 'progress', done: 25, total: 25 },
    ]);
    expect(events.filter((e) => e.type === 'outlines').map((e) => (e.type === 'outlines' ? e.outlines.length : 0))).toEqual([10, 10, 5]);
    expect(outlines.map((o) => o.geometry)).toEqual(features.map((_, i) => ({ type: 'point', point: [i, i] })));
  });
});

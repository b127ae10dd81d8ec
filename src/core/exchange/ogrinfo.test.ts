/**
 * Our GeoJSON against GDAL (Debian gdal-bin), a reader and writer we did not write: `ogrinfo`
 * must read our export with the same feature count, class names and areas (within 0.1 %), and
 * the importer must read files `ogr2ogr` wrote and the hand-made QuPath 0.2 fixture.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { Geometry, Shape } from '../annotation';
import { GASTRIC_BIOPSY_LABEL_SET } from '../labelSets/builtin';
import { readAll } from '../testing/geojsonImport';
import { humanProvenance } from '../testing/records';
import { matchClasses } from './classMatch';
import { exportGeoJson } from './geojsonExport';

const FIXTURES = resolve(dirname(fileURLToPath(import.meta.url)), '../../../e2e/fixtures/geojson');
const SLIDE = { width: 2_000, height: 2_000 };
const LESION = GASTRIC_BIOPSY_LABEL_SET.questions.find((q) => q.id === 'lesion')!;

const hasGdal = !spawnSync('ogrinfo', ['--version']).error;
if (!hasGdal) console.warn('ogrinfo (Debian gdal-bin) not found: the GDAL checks of GeoJSON export and import did not run');

const dir = mkdtempSync(join(tmpdir(), 'mejirushi-geojson-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ogrinfo = (...args: string[]) => execFileSync('ogrinfo', ['-ro', ...args], { encoding: 'utf8' });

/** The features of an `ogrinfo` SQL answer, each as field → value text. */
function sqlRows(output: string): Record<string, string>[] {
  const rows: Record<string, string>[] = [];
  for (const line of output.split('\n')) {
    if (line.startsWith('OGRFeature(')) rows.push({});
    const field = /^ {2}(\w+) \(\w+\) = (.*)$/.exec(line);
    if (field && rows.length > 0) rows[rows.length - 1]![field[1]!] = field[2]!;
  }
  return rows;
}

const shape = (id: string, classCode: string, geometry: Geometry): Shape => ({
  type: 'shape',
  id,
  questionId: 'lesion',
  targetId: 'slide-1',
  classCode,
  geometry,
  provenance: humanProvenance(),
});

describe.runIf(hasGdal)('GDAL reads our GeoJSON export', () => {
  const shapes = [
    shape('polygon-with-hole', 'lesion.carcinoma', {
      type: 'polygon',
      points: [[100, 100], [100, 500], [600, 500], [600, 100]],
      holes: [[[200, 200], [300, 200], [300, 300], [200, 300]]],
    }),
    shape('multi', 'lesion.carcinoma', {
      type: 'multiPolygon',
      polygons: [{ points: [[700, 700], [900, 700], [900, 800]] }, { points: [[1_000, 1_000], [1_100, 1_000], [1_100, 1_100], [1_000, 1_100]] }],
    }),
    shape('rectangle', 'lesion.adenoma', { type: 'rectangle', topLeft: [50, 1_200], bottomRight: [450, 1_450] }),
    shape('ellipse', 'lesion.adenoma', { type: 'ellipse', center: [1_500, 1_500], radii: [300, 150], rotation: 0.4 }),
    shape('point', 'lesion.other', { type: 'point', point: [1_800, 100] }),
  ];
  // Ours, computed from the shapes themselves: hole cut out, an ellipse's exact π·a·b.
  const expected: Record<string, { n: number; area: number }> = {
    Carcinoma: { n: 2, area: 500 * 400 - 100 * 100 + (200 * 100) / 2 + 100 * 100 },
    Adenoma: { n: 2, area: 400 * 250 + Math.PI * 300 * 150 },
    'Other lesion': { n: 1, area: 0 },
  };
  const file = join(dir, 'lesions.geojson');
  writeFileSync(file, JSON.stringify(exportGeoJson(shapes, GASTRIC_BIOPSY_LABEL_SET)));

  it('ogrinfo -al -so counts every feature of the one layer', () => {
    const summary = ogrinfo('-al', '-so', file);
    expect(summary).toMatch(/using driver `GeoJSON' successful/);
    expect(summary).toMatch(/^Feature Count: 5$/m);
    expect(summary).toMatch(/^classification: String\(JSON\)/m);
  });

  it('per class, GDAL finds our counts and areas within 0.1 %, and every outline valid', () => {
    const sql =
      "SELECT json_extract(classification, '$.name') AS cls, COUNT(*) AS n, SUM(ST_Area(geometry)) AS area, " +
      'SUM(ST_IsValid(geometry)) AS valid, MIN(json_extract(classification, \'$.color[0]\')) AS red FROM lesions GROUP BY cls ORDER BY cls';
    const rows = sqlRows(ogrinfo('-q', '-dialect', 'SQLite', '-sql', sql, file));
    expect(rows.map((r) => r.cls)).toEqual(['Adenoma', 'Carcinoma', 'Other lesion']);
    for (const row of rows) {
      const want = expected[row.cls!]!;
      expect(Number(row.n)).toBe(want.n);
      expect(Number(row.valid)).toBe(want.n);
      const area = Number(row.area);
      if (want.area === 0) expect(area).toBe(0);
      else expect(Math.abs(area - want.area) / want.area).toBeLessThan(0.001);
    }
    expect(rows.map((r) => Number(r.red))).toEqual([255, 214, 31]);
  });

  it('our reader takes the file back with the same outlines per class', () => {
    const { outcome, outlines } = readAll(readFileSync(file, 'utf8'), SLIDE);
    expect(outcome.ok && matchClasses(LESION, outcome.report.classes)).toEqual([
      { name: 'Carcinoma', count: 2, code: 'lesion.carcinoma' },
      { name: 'Adenoma', count: 2, code: 'lesion.adenoma' },
      { name: 'Other lesion', count: 1, code: 'lesion.other' },
    ]);
    expect(outlines.map((o) => o.geometry.type)).toEqual(['polygon', 'multiPolygon', 'polygon', 'polygon', 'point']);
  });
});

describe.runIf(hasGdal)('our reader takes files other tools wrote', () => {
  it('reads GeoJSON that ogr2ogr wrote from hand-made WKT, class names in either language', () => {
    const out = join(dir, 'from-csv.geojson');
    execFileSync('ogr2ogr', ['-f', 'GeoJSON', out, join(FIXTURES, 'lesions-handmade.csv'), '-oo', 'KEEP_GEOM_COLUMNS=NO']);
    const { outcome, outlines } = readAll(readFileSync(out, 'utf8'), SLIDE);
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.refusal));
    expect(matchClasses(LESION, outcome.report.classes)).toEqual([
      { name: 'Carcinoma', count: 1, code: 'lesion.carcinoma' },
      { name: 'Tumor', count: 1, code: null },
      { name: '腺腫', count: 1, code: 'lesion.adenoma' },
      { name: 'other', count: 1, code: 'lesion.other' },
    ]);
    expect(outlines.map((o) => o.geometry)).toEqual([
      { type: 'polygon', points: [[100, 100], [300, 100], [300, 300], [100, 300]], holes: [[[150, 150], [150, 200], [200, 200], [200, 150]]] },
      { type: 'multiPolygon', polygons: [{ points: [[400, 400], [500, 400], [500, 500]] }, { points: [[600, 600], [700, 600], [700, 700]] }] },
      { type: 'polygon', points: [[800, 100], [900, 100], [850, 180]] },
      { type: 'point', point: [50, 60] },
    ]);
  });

  // GDAL itself cannot open this bare list (QuPath 0.2's default), so it is read as written.
  it('reads the hand-made QuPath 0.2 file: a bare list of Features, classes as { name, colorRGB }', () => {
    const fixture = join(FIXTURES, 'qupath-0.2-colorRGB.geojson');
    const direct = readAll(readFileSync(fixture, 'utf8'), SLIDE);
    expect(direct.outcome.ok && matchClasses(LESION, direct.outcome.report.classes)).toEqual([
      { name: 'Carcinoma', count: 1, code: 'lesion.carcinoma' },
      { name: 'Tumor', count: 1, code: null },
      { name: 'Stroma', count: 1, code: null },
      { name: null, count: 3, code: null },
    ]);
    expect(direct.outlines[0]!.geometry).toEqual({
      type: 'polygon',
      points: [[120.5, 140.25], [620.5, 140.25], [620.5, 540.25], [120.5, 540.25]],
      holes: [[[220.5, 240.25], [220.5, 340.25], [320.5, 340.25], [320.5, 240.25]]],
    });
    expect(direct.outlines.map((o) => o.geometry.type)).toEqual(['polygon', 'multiPolygon', 'polygon', 'point', 'point', 'point']);
  });
});

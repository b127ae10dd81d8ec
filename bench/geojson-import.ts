/**
 * GeoJSON import and export at 100,000 outlines (not part of `npm test`): `npm run bench -- geojson-import`
 *
 * In Node, the core code the import worker and the app run (no browser, no worker overhead), on a
 * QuPath 0.5-style FeatureCollection of BENCH_FEATURES polygons of 24 vertices with measurements:
 * - read-ms: parse + convert + class counts (the worker's work), against the bare
 *   `JSON.parse` of the same text;
 * - add-ms: `shape/addMany` in the core editor (validation, one diff, indexes, undo step), against
 *   opening a document of the same records (the store's bulk load, no validation);
 * - export-ms: `exportGeoJson` + `JSON.stringify`, against `JSON.stringify` of the records as they are.
 * Medians of BENCH_ROUNDS. Prints `BENCH geojson-import <measure> value=<v> baseline=<b> ratio=<v/b>` (ms).
 */
import { performance } from 'node:perf_hooks';
import { DocumentEditor } from '../src/core/documentEditor';
import { exportGeoJson } from '../src/core/exchange/geojsonExport';
import { importGeoJson, type ImportedOutline } from '../src/core/exchange/geojsonImport';
import { planShapes } from '../src/core/exchange/importPlan';
import type { Item } from '../src/core/item';
import { GASTRIC_BIOPSY_LABEL_SET } from '../src/core/labelSets/builtin';
import { RecordStore } from '../src/core/recordStore';
import { ItemTargets } from '../src/core/targets';
import { printBench } from './support/benchLine';
import { spread } from './support/stats';

const FEATURES = Number(process.env.BENCH_FEATURES ?? 100_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SLIDE: Item = {
  id: 'slide-1',
  datasetId: 'ds',
  title: 'bench',
  content: { kind: 'slide', levels: [{ width: 100_000, height: 80_000, downsample: 1 }], micronsPerPixel: [0.25, 0.25], tileSize: 256, tileFormat: 'jpeg', tileVersion: 'bench', objectivePower: 40, scanner: null },
};
const KEY = { itemId: SLIDE.id, annotatorId: 'u1', labelSetId: GASTRIC_BIOPSY_LABEL_SET.id, labelSetVersion: GASTRIC_BIOPSY_LABEL_SET.version };

function qupathText(count: number): string {
  const features = Array.from({ length: count }, (_, i) => {
    const cx = 60 + (i % 800) * 120;
    const cy = 60 + Math.floor(i / 800) * 120;
    const ring = Array.from({ length: 24 }, (_, k) => [cx + 50 * Math.cos((k * Math.PI) / 12), cy + 40 * Math.sin((k * Math.PI) / 12)]);
    return {
      type: 'Feature',
      id: `f${i}`,
      geometry: { type: 'Polygon', coordinates: [[...ring, ring[0]]] },
      properties: { objectType: 'annotation', classification: { name: i % 3 === 0 ? 'Adenoma' : 'Carcinoma', color: [214, 39, 40] }, measurements: { 'Area µm^2': 390.1 } },
    };
  });
  return JSON.stringify({ type: 'FeatureCollection', features });
}

function timed<T>(work: () => T): { ms: number; value: T } {
  const started = performance.now();
  const value = work();
  return { ms: performance.now() - started, value };
}

function read(text: string): ImportedOutline[][] {
  const chunks: ImportedOutline[][] = [];
  const steps = importGeoJson(text, { width: 100_000, height: 80_000 });
  for (let step = steps.next(); !step.done; step = steps.next()) if (step.value.type === 'outlines') chunks.push([...step.value.outlines]);
  return chunks;
}

function main(): void {
  const text = qupathText(FEATURES);
  console.log(`${FEATURES} features, ${(text.length / 1e6).toFixed(1)} MB of GeoJSON, ${ROUNDS} rounds`);
  const readMs: number[] = [];
  const parseMs: number[] = [];
  const addMs: number[] = [];
  const loadMs: number[] = [];
  const exportMs: number[] = [];
  const stringifyMs: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    parseMs.push(timed(() => JSON.parse(text) as unknown).ms);
    const reading = timed(() => read(text));
    readMs.push(reading.ms);
    const choices = new Map([['Carcinoma', 'lesion.carcinoma'], ['Adenoma', 'lesion.adenoma']]);
    const editor = new DocumentEditor({ key: KEY, labelSet: GASTRIC_BIOPSY_LABEL_SET, targets: new ItemTargets(SLIDE), userId: 'u1' });
    const adding = timed(() => editor.execute('shape/addMany', { targetId: SLIDE.id, shapes: planShapes(reading.value, choices).shapes }));
    addMs.push(adding.ms);
    const records = editor.store.snapshot();
    if (records.length !== FEATURES) throw new Error(`expected ${FEATURES} records, got ${records.length}`);
    loadMs.push(timed(() => new RecordStore(KEY, records)).ms);
    exportMs.push(timed(() => JSON.stringify(exportGeoJson(records, GASTRIC_BIOPSY_LABEL_SET))).ms);
    stringifyMs.push(timed(() => JSON.stringify(records)).ms);
  }
  const median = (samples: readonly number[]) => spread(samples).median;
  printBench('geojson-import', 'read-ms', median(readMs), median(parseMs));
  printBench('geojson-import', 'add-ms', median(addMs), median(loadMs));
  printBench('geojson-import', 'export-ms', median(exportMs), median(stringifyMs));
}

main();

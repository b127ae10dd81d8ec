/**
 * Tools at scale (not part of `npm test`): `npm run bench -- tool-hits`
 *
 * One slide of 100,000 lesion polygons of 24 vertices (BENCH_RECORDS) in the core record store,
 * no browser. Figures (medians; lower is better):
 * - click → topmost outline (`ToolContext.shapeAt`, R-tree then exact test), against a plain scan
 *   of every outline with the same exact test, and against the 50 ms click budget;
 * - box selection of a 2,000 px square (`shapesIn`) against a plain scan;
 * - one brush move (the tip swept and united with the stroke so far, `BENCH_MOVES` moves into a
 *   stroke) and one 500-point freehand simplification, each against one 60 Hz frame (16.7 ms).
 */
import { performance } from 'node:perf_hooks';
import type { Point, Shape } from '../src/core/annotation';
import { geometryBounds } from '../src/core/bounds';
import { boxContains, hitsGeometry } from '../src/core/geometry/hitTest';
import { simplifyRing } from '../src/core/geometry/simplify';
import { brushDab, sweepBrush } from '../src/core/geometry/stroke';
import { GASTRIC_BIOPSY_LABEL_SET } from '../src/core/labelSets/builtin';
import { RecordStore } from '../src/core/recordStore';
import { createToolContext } from '../src/core/tools';
import { DOC_KEY, humanProvenance, shapeRecord } from '../src/core/testing/records';
import { printBench } from './support/benchLine';
import { formatSpread, spread } from './support/stats';

const RECORDS = Number(process.env.BENCH_RECORDS ?? 100_000);
const CLICKS = 201;
const SCANS = 9;
const MOVES = Number(process.env.BENCH_MOVES ?? 60);
const FRAME_MS = 1000 / 60;
const CLICK_BUDGET_MS = 50;
const COLUMNS = 400;
const PITCH = 40;

/** Deterministic pseudo-random numbers, so every run draws the same slide. */
function lcg(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) % 2 ** 32;
    return state / 2 ** 32;
  };
}

const random = lcg(7);
const cell = (cx: number, cy: number): Point[] =>
  Array.from({ length: 24 }, (_, i) => {
    const r = 12 + 6 * random();
    return [cx + r * Math.cos((i * Math.PI) / 12), cy + r * Math.sin((i * Math.PI) / 12)] as const;
  });
const slide = { width: COLUMNS * PITCH, height: Math.ceil(RECORDS / COLUMNS) * PITCH };
const shapes: Shape[] = Array.from({ length: RECORDS }, (_, i) =>
  shapeRecord(`c${i}`, 'slide-1', { type: 'polygon', points: cell(PITCH / 2 + PITCH * (i % COLUMNS), PITCH / 2 + PITCH * Math.floor(i / COLUMNS)) }, 'lesion.carcinoma', humanProvenance(), 'lesion'),
);
const store = new RecordStore({ ...DOC_KEY, itemId: 'slide-1' }, shapes);
const ctx = createToolContext(store, {
  targetId: 'slide-1',
  imageSize: slide,
  question: GASTRIC_BIOPSY_LABEL_SET.questions.find((q) => q.id === 'lesion')!,
  classCode: 'lesion.carcinoma',
  imagePxPerScreenPx: 1,
  selection: new Set(),
});

function time(run: () => unknown): number {
  const start = performance.now();
  run();
  return performance.now() - start;
}

const clicks = Array.from({ length: CLICKS }, () => [random() * slide.width, random() * slide.height] as const);
const naiveAt = (p: Point) => {
  let top: Shape | null = null;
  for (const record of store.records()) if (record.type === 'shape' && hitsGeometry(record.geometry, p, 5)) top = record;
  return top;
};
const indexed = spread(clicks.map((p) => time(() => ctx.shapeAt(p, 5))));
const scanned = spread(clicks.slice(0, SCANS).map((p) => time(() => naiveAt(p))));
console.log(`click → outline at ${RECORDS} outlines: ${formatSpread(indexed)}; plain scan ${formatSpread(scanned)}`);
printBench('tool-hits', 'click-vs-scan', indexed.median, scanned.median);
printBench('tool-hits', 'click-ms-vs-budget', indexed.median, CLICK_BUDGET_MS);

const boxes = Array.from({ length: 21 }, () => {
  const x = random() * (slide.width - 2000);
  const y = random() * (slide.height - 2000);
  return { minX: x, minY: y, maxX: x + 2000, maxY: y + 2000 };
});
const boxed = spread(boxes.map((box) => time(() => ctx.shapesIn(box))));
const boxScan = spread(
  boxes.slice(0, SCANS).map((box) => time(() => [...store.records()].filter((r) => r.type === 'shape' && boxContains(box, geometryBounds(r.geometry))))),
);
console.log(`box selection of 2,000 px: ${formatSpread(boxed)}; plain scan ${formatSpread(boxScan)}`);
printBench('tool-hits', 'box-select-vs-scan', boxed.median, boxScan.median);

const radius = 24;
let footprint = brushDab([1000, 1000], radius, 24);
let last: Point = [1000, 1000];
const sweeps = Array.from({ length: MOVES }, (_, i) => {
  const next: Point = [1000 + 8 * (i + 1), 1000 + 60 * Math.sin(i / 6)];
  const took = time(() => (footprint = sweepBrush(footprint, last, next, radius, 24)));
  last = next;
  return took;
});
const brush = spread(sweeps);
console.log(`brush move (${MOVES} moves into a stroke): ${formatSpread(brush)}`);
printBench('tool-hits', 'brush-move-vs-frame', brush.median, FRAME_MS);

const trace = Array.from({ length: 500 }, (_, i) => {
  const a = (2 * Math.PI * i) / 500;
  const r = 300 + 40 * Math.sin(3 * a) + 0.4 * Math.sin(i * 2.3);
  return [2000 + r * Math.cos(a), 2000 + r * Math.sin(a)] as const;
});
const simplify = spread(Array.from({ length: 21 }, () => time(() => simplifyRing(trace, 1.5))));
console.log(`freehand simplification of 500 points: ${formatSpread(simplify)}`);
printBench('tool-hits', 'freehand-simplify-vs-frame', simplify.median, FRAME_MS);

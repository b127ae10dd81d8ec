/**
 * Memory and stroke time of CT masks (not part of `npm test`): `npm run bench -- ct-mask`
 *
 * Core only, no browser. The demo head-CT phantom (28 slices of 512 × 512, 16-bit), its bleed
 * outlined on every bleed slice with the threshold brush (50–90 HU, a stroke across the slice's
 * blood) through the real tool and editor, one `mask/set` per slice.
 * - `memory`: bytes the viewer holds for the series and its segmentation: the raw pixels, every
 *   mask record's runs (8 bytes per run, a JS number), the overlay's bounded cache of decoded
 *   images (`MaskImageCache`, RGBA, full), the HU values of the slice on screen and a stroke's
 *   working labelmap. Baseline: the raw pixel bytes. Goal ≤ 2.
 * - `stroke`: one threshold-brush stroke (press, 10 moves, release → runs, command, store),
 *   median of 25 after 5 warm-ups. Baseline: the same capsules painted into a bare Uint8
 *   labelmap, as a labelmap brush writing straight into a full volume does.
 */
import { performance } from 'node:perf_hooks';
import type { Point } from '../src/core/annotation';
import { executeToolCommand, DocumentEditor } from '../src/core/documentEditor';
import { SAH_SLICE_LABEL_SET } from '../src/core/labelSets/builtin';
import { maskAt } from '../src/core/masks/interpolation';
import { huWithin, labelmapOf, paintCapsule } from '../src/core/masks/labelmap';
import { thresholdBrushTool } from '../src/core/masks/tools/brushMaskTool';
import type { MaskToolContext } from '../src/core/masks/tools/maskTool';
import { NO_MODIFIERS } from '../src/core/tools/common';
import { ItemTargets } from '../src/core/targets';
import { demoPhantomSlices } from '../server/demo/phantomHu';
import { printBench } from './support/benchLine';

/** The overlay cache's capacity (src/viewer/mask/maskImages.ts). */
const OVERLAY_CACHE_IMAGES = 4;
const RUNS = 25;
const WARM_UP = 5;
const RADIUS = 12;

const { slices, truth } = demoPhantomSlices();
const size = { width: truth.columns, height: truth.rows };
const question = SAH_SLICE_LABEL_SET.questions.find((q) => q.target === 'region')!;
const classCode = question.classes[0]!.code;
const targets = new ItemTargets({
  id: 'bench',
  datasetId: 'bench',
  title: 'phantom',
  content: {
    kind: 'series',
    modality: 'CT',
    studyInstanceUid: truth.studyInstanceUid,
    seriesInstanceUid: truth.seriesInstanceUid,
    seriesDescription: '',
    orientation: null,
    rows: truth.rows,
    columns: truth.columns,
    pixelSpacing: truth.pixelSpacing,
    slices: truth.sopInstanceUids.map((uid, i) => ({ targetId: uid, fileId: uid, sopInstanceUid: uid, instanceNumber: i + 1, position: null })),
  },
});
let ids = 0;
const editor = new DocumentEditor({
  key: { itemId: 'bench', annotatorId: 'u', labelSetId: SAH_SLICE_LABEL_SET.id, labelSetVersion: SAH_SLICE_LABEL_SET.version },
  records: [],
  labelSet: SAH_SLICE_LABEL_SET,
  targets,
  userId: 'u',
  now: () => new Date(0).toISOString(),
  newId: () => `n${++ids}`,
});

function context(index: number): MaskToolContext {
  const targetId = truth.sopInstanceUids[index]!;
  return {
    targetId,
    questionId: question.id,
    classCode,
    size,
    imagePxPerScreenPx: 1,
    hu: slices[index]!.hu,
    huRange: [50, 90],
    labels: () => labelmapOf(maskAt(editor.store, question.id, targetId, classCode)?.runs ?? null, size),
  };
}

/** A stroke across the slice's blood: 12 points along the row holding most blood. */
function strokeOf(index: number): Point[] {
  const hu = slices[index]!.hu;
  let bestRow = 0;
  let most = -1;
  for (let row = 0; row < size.height; row++) {
    let n = 0;
    for (let column = 0; column < size.width; column++) if (hu[row * size.width + column]! >= 50 && hu[row * size.width + column]! <= 90) n++;
    if (n > most) [most, bestRow] = [n, row];
  }
  return Array.from({ length: 12 }, (_, k) => [96 + k * 29, bestRow + 0.5] as const);
}

function toolStroke(index: number, points: readonly Point[]): void {
  const ctx = context(index);
  let state = { ...thresholdBrushTool.initial(), radius: RADIUS };
  state = thresholdBrushTool.handle(state, { type: 'down', point: points[0]!, modifiers: NO_MODIFIERS }, ctx).state;
  for (const point of points.slice(1, -1)) state = thresholdBrushTool.handle(state, { type: 'move', point, modifiers: NO_MODIFIERS, pressed: true }, ctx).state;
  const { effects } = thresholdBrushTool.handle(state, { type: 'up', point: points[points.length - 1]!, modifiers: NO_MODIFIERS }, ctx);
  for (const effect of effects) if (effect.type === 'execute') executeToolCommand(editor, effect.command);
}

for (const index of truth.sahSliceIndices) toolStroke(index, strokeOf(index));

const rawBytes = slices.length * size.width * size.height * 2;
let runBytes = 0;
for (const record of editor.store.records()) if (record.type === 'mask') runBytes += record.runs.length * 8;
const sliceBytes = size.width * size.height;
const segmentationBytes = runBytes + OVERLAY_CACHE_IMAGES * sliceBytes * 4 + sliceBytes * 4 + sliceBytes;
console.log(`${editor.store.size} mask records, ${runBytes} bytes of runs; overlay cache ${OVERLAY_CACHE_IMAGES} images`);
printBench('ct-mask', 'memory', rawBytes + segmentationBytes, rawBytes);

const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const index = truth.sahSliceIndices[0]!;
const points = strokeOf(index);
const tool: number[] = [];
const bare: number[] = [];
for (let run = 0; run < RUNS + WARM_UP; run++) {
  editor.undo();
  let started = performance.now();
  toolStroke(index, points);
  if (run >= WARM_UP) tool.push(performance.now() - started);
  const volume = new Uint8Array(sliceBytes);
  const filter = huWithin(slices[index]!.hu, [50, 90]);
  started = performance.now();
  paintCapsule(volume, size, points[0]!, points[0]!, RADIUS, 1, filter);
  for (let k = 1; k < points.length; k++) paintCapsule(volume, size, points[k - 1]!, points[k]!, RADIUS, 1, filter);
  if (run >= WARM_UP) bare.push(performance.now() - started);
}
console.log(`stroke: tool ${median([...tool]).toFixed(2)} ms, bare labelmap ${median([...bare]).toFixed(2)} ms`);
printBench('ct-mask', 'stroke-ms', median(tool), median(bare));

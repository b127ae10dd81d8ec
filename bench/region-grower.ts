/**
 * Click to outline with the built-in region grower (not part of `npm test`): `npm run bench -- region-grower`
 *
 * One 512 × 512 slice of the demo head-CT phantom (the first bleed slice), no browser, no worker.
 * Figures (medians; lower is better), each against a 100 ms budget for an answer to a click to
 * feel immediate:
 * - a click in the cistern bleed (an outline of ~2,000 px with a hole);
 * - a click in white matter, the worst case: growth over most of the brain up to the size cap;
 * - a click on a 512 × 512 colour image (a stained blob on pink), through the OKLab features.
 */
import { performance } from 'node:perf_hooks';
import dicomParser from 'dicom-parser';
import type { Point } from '../src/core/annotation';
import type { ModelInput } from '../src/core/models/modelInput';
import { growRegion } from '../src/core/models/regionGrower';
import { generateHeadCtPhantom } from '../server/demo/phantom';
import { printBench } from './support/benchLine';
import { formatSpread, spread, type Spread } from './support/stats';

const RUNS = 15;
const WARM_UP = 3;
const BUDGET_MS = 100;

const { files, truth } = generateHeadCtPhantom();
const probe = truth.probes.find((p) => p.tissue === 'blood' && p.sliceIndex === truth.sahSliceIndices[0]);
const file = files.find((f) => dicomParser.parseDicom(f.bytes).string('x00080018') === truth.sopInstanceUids[probe?.sliceIndex ?? -1]);
if (!probe || !file) throw new Error('the phantom has no bleed probe');
const pixels = dicomParser.parseDicom(file.bytes).elements.x7fe00010!;
const view = new DataView(file.bytes.buffer, file.bytes.byteOffset + pixels.dataOffset, pixels.length);
const slice: ModelInput = {
  kind: 'ctSlice',
  targetId: 'slice',
  width: truth.columns,
  height: truth.rows,
  hu: Float32Array.from({ length: pixels.length / 2 }, (_, i) => view.getInt16(i * 2, true)),
  spacing: [truth.pixelSpacing[1], truth.pixelSpacing[0]],
};

const stained = new Uint8ClampedArray(512 * 512 * 4);
for (let i = 0; i < 512 * 512; i++) {
  const x = i % 512;
  const y = Math.floor(i / 512);
  const inBlob = ((x - 256) / 120) ** 2 + ((y - 256) / 90) ** 2 <= 1;
  stained.set(inBlob ? [90, 60, 150, 255] : [235, 200, 220, 255], i * 4);
}
const colour: ModelInput = { kind: 'rgbaImage', targetId: 'image', width: 512, height: 512, rgba: stained, origin: [0, 0], scale: 1 };

function clickMs(input: ModelInput, point: Point): Spread {
  const prompts = [{ kind: 'point' as const, point, positive: true }];
  for (let i = 0; i < WARM_UP; i++) growRegion(input, prompts);
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    growRegion(input, prompts);
    samples.push(performance.now() - start);
  }
  return spread(samples);
}

const cases: readonly [string, ModelInput, Point][] = [
  ['ct-bleed-click-ms', slice, [probe.column + 0.5, probe.row + 0.5]],
  ['ct-white-matter-click-ms', slice, [256.5, 330.5]],
  ['colour-blob-click-ms', colour, [256.5, 256.5]],
];
for (const [measure, input, point] of cases) {
  const times = clickMs(input, point);
  console.log(`${measure}: ${formatSpread(times)}`);
  printBench('region-grower', measure, times.median, BUDGET_MS);
}

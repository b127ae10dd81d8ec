/**
 * `npm run eval:sah`: the SAH demonstration model against phantoms with known ground truth. Runs
 * the committed model (models/sah-hyperdensity) on every slice of a varied phantom set (bleeds from
 * extensive to a single tiny clot or none, 50–90 HU blood, noise, partial volume, calcifications)
 * and prints slice-level sensitivity, specificity and counts at the manifest's threshold, overall
 * and per bleed extent. `--write` stores the figures for the manifest (then run build:models).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { ModelManifest } from '../src/core/models/manifest';
import { demoPhantomSlices } from '../server/demo/phantomHu';
import { generatePhantomVariant, phantomVariantSet, type BleedExtent } from '../server/demo/phantomVariants';
import { sliceScorer } from './models/sahScores';
import { SAH_MODEL_ID } from './models/sahHyperdensity';

const { values } = parseArgs({
  options: {
    series: { type: 'string', default: '24' },
    seed: { type: 'string', default: '2026' },
    write: { type: 'boolean', default: false },
  },
});
const seriesCount = Number(values.series);
const seed = Number(values.seed);
if (!Number.isInteger(seriesCount) || seriesCount < 1 || !Number.isInteger(seed)) throw new Error('--series and --seed take whole numbers');

const directory = new URL(`../models/${SAH_MODEL_ID}/`, import.meta.url);
const manifest = JSON.parse(readFileSync(new URL('manifest.json', directory), 'utf8')) as ModelManifest;
const scorer = await sliceScorer(manifest, readFileSync(new URL('model.onnx', directory)));
const threshold = manifest.decode.threshold;

interface Counts {
  tp: number;
  fn: number;
  tn: number;
  fp: number;
}
const zero = (): Counts => ({ tp: 0, fn: 0, tn: 0, fp: 0 });
const total = zero();
const byExtent = new Map<BleedExtent, Counts>();
const count = (counts: Counts, truth: boolean, proposed: boolean) => {
  if (truth) counts[proposed ? 'tp' : 'fn'] += 1;
  else counts[proposed ? 'fp' : 'tn'] += 1;
};

const demo = demoPhantomSlices();
let demoCorrect = 0;
for (const [index, slice] of demo.slices.entries()) {
  if ((await scorer.score(slice)) >= threshold === demo.truth.sahSliceIndices.includes(index)) demoCorrect += 1;
}

for (const spec of phantomVariantSet(seriesCount, seed)) {
  const counts = byExtent.get(spec.bleed) ?? zero();
  byExtent.set(spec.bleed, counts);
  for (const slice of generatePhantomVariant(spec)) {
    const proposed = (await scorer.score(slice)) >= threshold;
    count(total, slice.bloodPixels > 0, proposed);
    count(counts, slice.bloodPixels > 0, proposed);
  }
}
await scorer.release();

const ratio = (a: number, b: number) => (b === 0 ? Number.NaN : a / b);
const percent = (x: number) => (Number.isNaN(x) ? 'n/a' : `${(100 * x).toFixed(1)}%`);
const describe = (c: Counts) =>
  `sensitivity ${percent(ratio(c.tp, c.tp + c.fn))} (${c.tp}/${c.tp + c.fn}), specificity ${percent(ratio(c.tn, c.tn + c.fp))} (${c.tn}/${c.tn + c.fp})`;

const sensitivity = ratio(total.tp, total.tp + total.fn);
const specificity = ratio(total.tn, total.tn + total.fp);
console.log(`${SAH_MODEL_ID} ${manifest.version}, threshold ${threshold}, ${seriesCount} synthetic series (seed ${seed}), ${total.tp + total.fn + total.tn + total.fp} slices`);
console.log(`all slices: ${describe(total)}; TP ${total.tp}, FN ${total.fn}, TN ${total.tn}, FP ${total.fp}`);
for (const [extent, counts] of byExtent) console.log(`  series with ${extent === 'none' ? 'no' : extent} bleed: ${describe(counts)}`);
console.log(`calibration series (the demo phantom, seed 1): ${demoCorrect}/${demo.slices.length} slices right`);

if (values.write) {
  const slices = total.tp + total.fn + total.tn + total.fp;
  const evaluation = {
    summary:
      `A demonstration model evaluated on synthetic head-CT phantoms, not on patients: on ${seriesCount} generated series (${slices} slices; bleeds from extensive to a single 1–2 mm clot, 50–90 HU, with noise, partial volume and calcifications) ` +
      `it found ${percent(sensitivity)} of slices with blood (sensitivity) and cleared ${percent(specificity)} of slices without (specificity) at threshold ${threshold}. Reproduce with npm run eval:sah.`,
    metrics: {
      sensitivity: Number(sensitivity.toFixed(4)),
      specificity: Number(specificity.toFixed(4)),
      threshold,
      slices,
      truePositives: total.tp,
      falseNegatives: total.fn,
      trueNegatives: total.tn,
      falsePositives: total.fp,
    },
  };
  writeFileSync(new URL('./models/sahEvaluation.json', import.meta.url), `${JSON.stringify(evaluation, null, 2)}\n`);
  console.log('wrote scripts/models/sahEvaluation.json: run npm run build:models to put it in the manifest');
}

/**
 * `npm run eval:pathology`: the pathology-nuclei-tissue model against the demo slide's own ground
 * truth (the nuclei the painter drew, the fragments' rims). Runs the committed model through the
 * segmentation pipeline on regions at 1 µm/px (fragment centres, lesions with atypical nuclei,
 * rims) and prints nucleus recall and precision (a painted nucleus is found when its centre lies
 * in an outline) and tissue agreement on a sample grid. `--write` stores the figures for the
 * manifest (then run build:models). The demo slide is synthetic: these are not figures on patients.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import * as ort from 'onnxruntime-web';
import type { PolygonRings } from '../src/core/annotation';
import { pointInPolygon } from '../src/core/geometry/hitTest';
import type { ModelManifest } from '../src/core/models/manifest';
import { tissueDepth } from '../server/demo/slide/layout';
import { demoSlideRegion } from './models/demoSlideRegion';
import { PATHOLOGY_MODEL_ID } from './models/pathologyNucleiTissue';
import { runSegmentation } from './models/runSegmentation';

const { values } = parseArgs({ options: { write: { type: 'boolean', default: false } } });

/** Level-1 tile (512 level-0 px) at the top-left of each 3 × 3 tile region, and what it shows. */
const REGIONS: readonly { readonly what: string; readonly tileX: number; readonly tileY: number }[] = [
  { what: 'fragment 1 centre', tileX: 26, tileY: 40 },
  { what: 'fragment 2 centre', tileX: 58, tileY: 25 },
  { what: 'fragment 3 centre', tileX: 71, tileY: 55 },
  { what: 'carcinoma 1', tileX: 53, tileY: 26 },
  { what: 'carcinoma 2', tileX: 76, tileY: 57 },
  { what: 'adenoma', tileX: 21, tileY: 38 },
  { what: 'fragment 1 rim', tileX: 23, tileY: 47 },
  { what: 'fragment 2 rim', tileX: 60, tileY: 32 },
  { what: 'fragment 3 rim', tileX: 66, tileY: 63 },
];
const SAMPLE_STEP = 16;

const directory = new URL(`../models/${PATHOLOGY_MODEL_ID}/`, import.meta.url);
const manifest = JSON.parse(readFileSync(new URL('manifest.json', directory), 'utf8')) as ModelManifest;
const session = await ort.InferenceSession.create(readFileSync(new URL('model.onnx', directory)), { executionProviders: ['wasm'] });

const totals = { painted: 0, found: 0, foundWhole: 0, foundTrue: 0, merged: 0, tissueSamples: 0, tissueAgree: 0 };
for (const region of REGIONS) {
  const { input, nuclei } = demoSlideRegion(1, region.tileX, region.tileY, 3, 3);
  const drafts = await runSegmentation(manifest, session, input);
  const outlines = (code: string): PolygonRings[] =>
    drafts.flatMap((d) => (d.type === 'shape' && d.classCode === code && d.geometry.type === 'polygon' ? [d.geometry] : []));
  const found = outlines('nucleus');
  const tissue = outlines('tissue');
  const [x0, y0] = input.origin;
  const [x1, y1] = [x0 + input.width * input.scale, y0 + input.height * input.scale];
  const whole = found.filter((p) => p.points.every(([x, y]) => x > x0 && y > y0 && x < x1 && y < y1));
  const held = whole.map((p) => nuclei.filter((c) => pointInPolygon(c, p)).length);
  const detected = nuclei.filter((c) => found.some((p) => pointInPolygon(c, p))).length;
  let samples = 0;
  let agree = 0;
  for (let y = y0 + SAMPLE_STEP; y < y1; y += SAMPLE_STEP) {
    for (let x = x0 + SAMPLE_STEP; x < x1; x += SAMPLE_STEP) {
      samples += 1;
      if (tissue.some((p) => pointInPolygon([x, y], p)) === tissueDepth(x, y) > 0) agree += 1;
    }
  }
  totals.painted += nuclei.length;
  totals.found += detected;
  totals.foundWhole += whole.length;
  totals.foundTrue += held.filter((n) => n > 0).length;
  totals.merged += held.filter((n) => n > 1).length;
  totals.tissueSamples += samples;
  totals.tissueAgree += agree;
  console.log(`${region.what}: ${detected}/${nuclei.length} nuclei found, ${whole.length} outlines (${held.filter((n) => n === 0).length} on no nucleus), tissue agrees at ${agree}/${samples} points`);
}
await session.release();

const recall = totals.found / totals.painted;
const precision = totals.foundTrue / totals.foundWhole;
const tissueAgreement = totals.tissueAgree / totals.tissueSamples;
const percent = (x: number) => `${(100 * x).toFixed(1)}%`;
console.log(
  `${PATHOLOGY_MODEL_ID} ${manifest.version}, threshold ${manifest.decode.threshold}, ${REGIONS.length} regions of the synthetic demo slide at 1 µm/px: ` +
    `nuclei recall ${percent(recall)} (${totals.found}/${totals.painted}), precision ${percent(precision)} (${totals.foundTrue}/${totals.foundWhole}), ` +
    `outlines holding several nuclei ${totals.merged}, tissue agreement ${percent(tissueAgreement)} (${totals.tissueAgree}/${totals.tissueSamples} points)`,
);

if (values.write) {
  const evaluation = {
    summary:
      `A classical demonstration model evaluated on the synthetic demo slide (clean stain colours, nuclei that never touch: an easy test of the plumbing), not on patients' slides: it found ${percent(recall)} of ${totals.painted} painted nuclei with ${percent(precision)} of its outlines on a real nucleus, ` +
      `and agreed with the painted tissue at ${percent(tissueAgreement)} of sampled points. Real H&E (touching nuclei, stain variation) will do worse. Reproduce with npm run eval:pathology.`,
    metrics: {
      nucleusRecall: Number(recall.toFixed(4)),
      nucleusPrecision: Number(precision.toFixed(4)),
      tissueAgreement: Number(tissueAgreement.toFixed(4)),
      threshold: manifest.decode.threshold,
      paintedNuclei: totals.painted,
      regions: REGIONS.length,
    },
  };
  writeFileSync(new URL('./models/pathologyEvaluation.json', import.meta.url), `${JSON.stringify(evaluation, null, 2)}\n`);
  console.log('wrote scripts/models/pathologyEvaluation.json: run npm run build:models to put it in the manifest');
}

/**
 * Tissue and nucleus proposals over the demo slide (not part of `npm test`):
 * `npm run bench -- slide-proposals`
 *
 * The built-in pathology-nuclei-tissue model through the segmentation pipeline, in Node with
 * onnxruntime-web's wasm backend (the worker's backend without a GPU), over 3 × 3 demo tiles of
 * level 1 (1 µm/px) at each of BENCH_REGIONS places in the tissue. Figures:
 * - the whole pipeline (tiling, session runs, outline tracing, seam merging) against the bare
 *   `InferenceSession.run` calls on the same prepared tiles (the budget is 1.2×);
 * - tiles per second and proposals per second of the whole pipeline (printed).
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import * as ort from 'onnxruntime-web';
import type { ModelManifest } from '../src/core/models/manifest';
import { segmentationPipeline } from '../src/core/models/pipelines/segmentation';
import type { FeedTensor, Tensors } from '../src/core/models/taskPipeline';
import { demoSlideRegion } from '../scripts/models/demoSlideRegion';
import { printBench } from './support/benchLine';

const REGIONS = Number(process.env.BENCH_REGIONS ?? 6);
/** Level-1 tiles at the top-left of 3 × 3 regions inside the three biopsy fragments. */
const PLACES = [
  [26, 40],
  [58, 25],
  [71, 55],
  [53, 26],
  [76, 57],
  [21, 38],
] as const;

const directory = new URL('../models/pathology-nuclei-tissue/', import.meta.url);
const manifest = JSON.parse(readFileSync(new URL('manifest.json', directory), 'utf8')) as ModelManifest;
const session = await ort.InferenceSession.create(readFileSync(new URL('model.onnx', directory)), { executionProviders: ['wasm'] });
const toOrt = (feeds: Tensors) => Object.fromEntries(Object.entries(feeds).map(([name, t]) => [name, new ort.Tensor('float32', t.data as Float32Array, [...t.dims])]));
const fromOrt = (outputs: ort.InferenceSession.ReturnType): Tensors =>
  Object.fromEntries(Object.entries(outputs).map(([name, t]): [string, FeedTensor] => [name, { dtype: 'float32', dims: t.dims, data: t.data as Float32Array }]));

const regions = Array.from({ length: REGIONS }, (_, i) => {
  const [x, y] = PLACES[i % PLACES.length]!;
  return demoSlideRegion(1, x, y, 3, 3).input;
});
async function propose(input: (typeof regions)[number]): Promise<{ tiles: number; proposals: number }> {
  const drafts = [];
  const steps = segmentationPipeline.prepare(manifest, input);
  for (const step of steps) {
    drafts.push(...segmentationPipeline.decode(manifest, fromOrt(await session.run(toOrt(step.feeds))), step.context, manifest.decode.threshold));
  }
  return { tiles: steps.length, proposals: segmentationPipeline.merge!(drafts).length };
}

// Warm-up, not counted: the first run compiles the wasm kernels and warms the JIT.
await propose(regions[0]!);

let bareMs = 0;
for (const input of regions) {
  for (const step of segmentationPipeline.prepare(manifest, input)) {
    const feeds = toOrt(step.feeds);
    const start = performance.now();
    await session.run(feeds);
    bareMs += performance.now() - start;
  }
}

let tiles = 0;
let proposals = 0;
const start = performance.now();
for (const input of regions) {
  const done = await propose(input);
  tiles += done.tiles;
  proposals += done.proposals;
}
const pipelineMs = performance.now() - start;
await session.release();

console.log(`${regions.length} regions, ${tiles} tiles of 512 px at 1 µm/px, ${proposals} proposals`);
console.log(`tiles per second: ${((tiles * 1000) / pipelineMs).toFixed(2)}; proposals per second: ${((proposals * 1000) / pipelineMs).toFixed(0)}`);
printBench('slide-proposals', 'pipeline-vs-bare-run-ms', pipelineMs, bareMs);

import { describe, expect, it } from 'vitest';
import regionGrowerJson from '../../models/region-grower/manifest.json';
import { meanClassifier, unknownOperator } from '../../scripts/onnx/tinyModels';
import { createInferenceHost } from '../../workers/inference/host';
import type { InferenceRequest } from '../../workers/inference/messages';
import { decodeRawImage, rawImageFile } from '../../workers/inference/testing/rawImageFile';
import type { ModelManifest } from '../core/models/manifest';
import type { ModelInput } from '../core/models/modelInput';
import type { ProposalDraft } from '../core/models/proposalDraft';
import { testManifest } from '../core/testing/modelManifest';
import { InferenceError, type RunProgress } from './client';
import { createInferenceClientOver, type InferenceChannel } from './workerClient';

/** The worker's own logic in this process, behind the channel the client speaks to a Worker; `sent` records every message and what it transferred. */
function inProcessChannel(sent: { request: InferenceRequest; transfer: Transferable[] }[] = []): InferenceChannel {
  const channel: InferenceChannel = {
    send: (request, transfer) => {
      sent.push({ request, transfer });
      host.handle(request);
    },
    onResponse: null,
    onCrash: null,
    terminate: () => undefined,
  };
  const host = createInferenceHost((response) => channel.onResponse?.(response), { webGpuUnavailable: async () => 'no WebGPU in Node', wasmThreads: 1 }, decodeRawImage);
  return channel;
}

let shaCount = 0;
function clientWith(bytes: Uint8Array) {
  const sha256 = `c${(shaCount += 1).toString(16).padStart(63, '0')}`;
  const manifest: ModelManifest = testManifest({ files: { kind: 'single', model: { sha256, bytes: bytes.byteLength } } });
  const fetched: string[] = [];
  const sent: { request: InferenceRequest; transfer: Transferable[] }[] = [];
  const client = createInferenceClientOver(inProcessChannel(sent), {
    loadModelFile: async (sha) => {
      fetched.push(sha);
      return new Uint8Array(bytes).buffer;
    },
  });
  return { client, manifest, fetched, sent };
}

const slice = (targetId: string, hu: number, size = 8): ModelInput => ({ kind: 'ctSlice', targetId, width: size, height: size, hu: new Float32Array(size * size).fill(hu), spacing: [1, 1] });
const lazy = (count: number) => Array.from({ length: count }, (_, i) => async () => slice(`s${i}`, i < 2 ? 80 : 0));

describe('inference client over the worker logic', () => {
  it('streams proposals per slice, estimates the time left, and loads the model once for several runs', async () => {
    const { client, manifest, fetched } = clientWith(meanClassifier(4));
    const proposals: [string, readonly ProposalDraft[]][] = [];
    const progress: RunProgress[] = [];
    const summary = await client.run({ manifest, inputs: lazy(4), priority: 'batch', onProposals: (t, p) => proposals.push([t, p]), onProgress: (p) => progress.push(p) }).finished;
    expect(summary).toEqual({ done: 4, total: 4, cancelled: false, backend: 'wasm' });
    expect(proposals.map(([t, p]) => `${t}=${p[0]?.classCode}`)).toEqual(['s0=sah.present', 's1=sah.present', 's2=sah.absent', 's3=sah.absent']);
    expect(progress.map((p) => p.done)).toEqual([0, 1, 2, 3, 4]);
    expect(progress[0]?.msLeft).toBeUndefined();
    expect(progress.slice(1).every((p) => typeof p.msLeft === 'number' && p.msLeft >= 0)).toBe(true);
    expect(progress[4]?.msLeft).toBe(0);
    await client.run({ manifest, inputs: lazy(1), priority: 'interactive' }).finished;
    expect(fetched).toEqual([manifest.files.kind === 'single' ? manifest.files.model.sha256 : '']);
  });

  it('cancels a run between slices: what is queued is dropped and finished says so', async () => {
    const { client, manifest } = clientWith(meanClassifier(4));
    let done = 0;
    const handle = client.run({
      manifest,
      inputs: lazy(12),
      priority: 'batch',
      onProgress: (p) => {
        done = p.done;
        if (p.done === 2) handle.cancel();
      },
    });
    const summary = await handle.finished;
    expect(summary.cancelled).toBe(true);
    expect(summary.done).toBe(done);
    // The slice running and at most the read-ahead may still finish after the click on cancel.
    expect(summary.done).toBeGreaterThanOrEqual(2);
    expect(summary.done).toBeLessThanOrEqual(4);
  });

  it('rejects with the worker’s code and sentence when an image does not fit, or cannot be read', async () => {
    const { client, manifest } = clientWith(meanClassifier(4, { width: 8, height: 8 }));
    const wrongSize = client.run({ manifest, inputs: [async () => slice('big', 0, 16)], priority: 'batch' }).finished;
    await expect(wrongSize).rejects.toThrow(InferenceError);
    await expect(wrongSize).rejects.toMatchObject({ code: 'input_mismatch' });
    const unreadable = client.run({ manifest, inputs: [async () => slice('ok', 0), () => Promise.reject(new Error('the file is truncated'))], priority: 'batch' }).finished;
    await expect(unreadable).rejects.toMatchObject({ code: 'failed', message: 'Image 2 of 2 could not be read: the file is truncated' });
  });

  it('rejects a model the runtime cannot load, naming the operator', async () => {
    const { client, manifest } = clientWith(unknownOperator());
    await expect(client.run({ manifest, inputs: lazy(1), priority: 'batch' }).finished).rejects.toMatchObject({ code: 'operator_unsupported', message: expect.stringContaining('NoSuchOperator') });
  });

  it('loads a built-in model without fetching a file, and runs its prompts for the chosen class', async () => {
    const { client, fetched } = clientWith(meanClassifier(4));
    const grower = regionGrowerJson as ModelManifest;
    expect(await client.preload(grower)).toEqual({ backend: 'builtin', threads: 1, simd: false });
    const proposals: ProposalDraft[] = [];
    const summary = await client.run({
      manifest: grower,
      inputs: [async () => slice('s', 60)],
      priority: 'interactive',
      prompts: [{ kind: 'point', point: [4, 4], positive: true }],
      target: { questionId: 'bleed', classCode: 'bleed.subarachnoid' },
      onProposals: (_target, drafts) => proposals.push(...drafts),
    }).finished;
    expect(summary).toEqual({ done: 1, total: 1, cancelled: false, backend: 'builtin' });
    expect(proposals.map((p) => [p.type, p.questionId, p.classCode])).toEqual([['shape', 'bleed', 'bleed.subarachnoid']]);
    await client.unload(grower);
    expect(fetched).toEqual([]);
  });

  it('sends a frame as its file for the worker to decode, the Blob itself and nothing transferred, and a slice with its pixels transferred', async () => {
    const { client, sent } = clientWith(meanClassifier(4));
    const grower = regionGrowerJson as ModelManifest;
    const image = rawImageFile(2, 2, new Uint8ClampedArray(16).fill(200));
    const ct = slice('s', 60);
    const targets: string[] = [];
    await client.run({
      manifest: grower,
      inputs: [async () => ({ kind: 'encodedImage', targetId: 'frame-1', image, recordedWidth: 4 }), async () => ct],
      priority: 'interactive',
      prompts: [{ kind: 'point', point: [1, 1], positive: true }],
      target: { questionId: 'bleed', classCode: 'bleed.subarachnoid' },
      onProposals: (targetId) => targets.push(targetId),
    }).finished;
    const runs = sent.flatMap(({ request, transfer }) => (request.type === 'run' ? [{ input: request.inputs[0], transfer }] : []));
    expect(runs[0]?.input).toEqual({ kind: 'encodedImage', targetId: 'frame-1', image, recordedWidth: 4 });
    expect(runs[0]?.input?.kind === 'encodedImage' && runs[0].input.image).toBe(image);
    expect(runs[0]?.transfer).toEqual([]);
    expect(runs[1]?.transfer).toEqual([ct.kind === 'ctSlice' && ct.hu.buffer]);
    expect(targets).toEqual(['frame-1', 's']);
  });

  it('unloads a model; the next run loads it again', async () => {
    const { client, manifest, fetched } = clientWith(meanClassifier(4));
    expect(await client.preload(manifest)).toEqual({ backend: 'wasm', threads: 1, simd: true, fallbackReason: 'no WebGPU in Node' });
    await client.unload(manifest);
    await client.run({ manifest, inputs: lazy(1), priority: 'batch' }).finished;
    expect(fetched).toHaveLength(2);
  });
});

import { describe, expect, it, vi } from 'vitest';
import type { ModelInput } from '../core/models/modelInput';
import { modelRunOf } from '../core/models/modelRun';
import type { ProposalDraft } from '../core/models/proposalDraft';
import { TEST_SAH_MANIFEST } from '../core/testing/models';
import { InferenceError } from './client';
import { startProposalRun, timeLeft, type ProposalRunState, type RunInput } from './runController';
import { inProcessClient } from './testing/inProcessClient';

const slice = (n: number): ModelInput => ({ kind: 'ctSlice', targetId: `slice-${n}`, width: 2, height: 1, hu: new Float32Array([n * 10, 0]), spacing: [1, 1] });
const inputs = (count: number): RunInput[] => Array.from({ length: count }, (_, i) => ({ read: async () => slice(i + 1) }));
/** A "model": a slice is present when its first pixel is at least 30 HU. */
const infer = (_: unknown, input: ModelInput): ProposalDraft[] =>
  input.kind === 'ctSlice' ? [{ type: 'label', questionId: 'sah', targetId: input.targetId, classCode: (input.hu[0] ?? 0) >= 30 ? 'sah.present' : 'sah.absent', score: 0.9 }] : [];

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('a proposal run', () => {
  it('applies each input’s proposals as they come and counts done/total with the time left', async () => {
    let clock = 0;
    const applied: (readonly ProposalDraft[])[] = [];
    const states: ProposalRunState[] = [];
    const client = inProcessClient({
      infer,
      gate: async () => {
        clock += 100;
      },
    });
    const run = startProposalRun({
      client,
      manifest: TEST_SAH_MANIFEST,
      run: modelRunOf(TEST_SAH_MANIFEST, 'run-1'),
      inputs: inputs(4),
      apply: (drafts) => {
        applied.push(drafts);
        return drafts.length;
      },
      onState: (state) => states.push(state),
      now: () => clock,
    });
    const last = await run.finished;
    expect(last).toMatchObject({ status: 'finished', done: 4, total: 4, proposals: 4, msLeft: 0 });
    expect(applied.map((d) => d[0]?.classCode)).toEqual(['sah.absent', 'sah.absent', 'sah.present', 'sah.present']);
    const progress = states.filter((s, i) => s.status === 'running' && s.msLeft !== undefined && s.done !== states[i - 1]?.done);
    // 100 ms per slice: after one, three left (300 ms); after three, one (100 ms).
    expect(progress.map((s) => [s.done, s.msLeft])).toEqual([
      [1, 300],
      [2, 200],
      [3, 100],
      [4, 0],
    ]);
    expect(states[0]).toMatchObject({ status: 'running', done: 0, total: 4 });
    expect(client.runs[0]).toMatchObject({ priority: 'batch', threshold: 0.5 });
  });

  it('cancels between inputs: what came in stays, nothing more is applied', async () => {
    const hold = deferred();
    const applied: string[] = [];
    const client = inProcessClient({ infer, gate: (i) => (i === 2 ? hold.promise : Promise.resolve()) });
    const states: ProposalRunState[] = [];
    const run = startProposalRun({
      client,
      manifest: TEST_SAH_MANIFEST,
      run: modelRunOf(TEST_SAH_MANIFEST, 'run-1'),
      inputs: inputs(5),
      apply: (drafts) => {
        applied.push(...drafts.map((d) => d.targetId));
        return drafts.length;
      },
      onState: (state) => states.push(state),
    });
    await vi.waitFor(() => expect(applied).toHaveLength(2));
    run.cancel();
    hold.resolve();
    const last = await run.finished;
    expect(last).toMatchObject({ status: 'cancelled', done: 2, total: 5, proposals: 2 });
    expect(applied).toEqual(['slice-1', 'slice-2']);
    expect(states.at(-1)?.status).toBe('cancelled');
  });

  it('reports the runtime’s sentence when the run fails', async () => {
    const client = inProcessClient({
      infer: () => {
        throw new InferenceError('operator_unsupported', 'This model uses an operator the browser runtime cannot run.');
      },
    });
    const last = await startProposalRun({ client, manifest: TEST_SAH_MANIFEST, run: modelRunOf(TEST_SAH_MANIFEST, 'r'), inputs: inputs(2), apply: () => 0, onState: () => {} }).finished;
    expect(last).toMatchObject({ status: 'failed', failure: { kind: 'runtime.operator_unsupported', detail: 'This model uses an operator the browser runtime cannot run.' } });
  });

  it('stops when the document refuses the proposals, and says why', async () => {
    const client = inProcessClient({ infer });
    const last = await startProposalRun({
      client,
      manifest: TEST_SAH_MANIFEST,
      run: modelRunOf(TEST_SAH_MANIFEST, 'r'),
      inputs: inputs(3),
      apply: () => {
        throw new Error('proposal/addMany: unknown class "x"');
      },
      onState: () => {},
    }).finished;
    expect(last).toMatchObject({ status: 'failed', failure: { kind: 'refused', detail: 'proposal/addMany: unknown class "x"' }, proposals: 0 });
    expect(last.done).toBeLessThan(3);
  });

  it('tells each report which region it covers, in order, though every region names the same slide', async () => {
    const region = (x: number): RunInput => ({
      read: async () => ({ kind: 'rgbaImage', targetId: 'slide-1', width: 1, height: 1, rgba: new Uint8ClampedArray(4), origin: [x, 0], scale: 1 }),
      covered: { targetId: 'slide-1', box: { minX: x, minY: 0, maxX: x + 99, maxY: 99 } },
    });
    const seen: number[] = [];
    await startProposalRun({
      client: inProcessClient({ infer: () => [] }),
      manifest: TEST_SAH_MANIFEST,
      run: modelRunOf(TEST_SAH_MANIFEST, 'r'),
      inputs: [region(0), region(100), region(200)],
      apply: (_, covered) => {
        seen.push(covered?.box.minX ?? -1);
        return 0;
      },
      onState: () => {},
    }).finished;
    expect(seen).toEqual([0, 100, 200]);
  });
});

describe('time left', () => {
  it('is unknown before the first input and follows the average pace after', () => {
    expect(timeLeft(500, 0, 10)).toBeUndefined();
    expect(timeLeft(500, 5, 10)).toBe(500);
    expect(timeLeft(900, 10, 10)).toBe(0);
  });
});

describe('the run’s provenance', () => {
  it('names the model file’s hash, or the built-in implementation', () => {
    expect(modelRunOf(TEST_SAH_MANIFEST, 'r1', 0.7)).toEqual({ runId: 'r1', modelId: 'sah-net', version: '1.1.0', contentHash: 'c'.repeat(64), threshold: 0.7 });
    const grower = { ...TEST_SAH_MANIFEST, files: { kind: 'builtin', implementation: 'regionGrower' } as const };
    expect(modelRunOf(grower, 'r2').contentHash).toBe('builtin:regionGrower');
  });
});

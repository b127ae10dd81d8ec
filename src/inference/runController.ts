/**
 * One model run over an item as the page sees it: the inference client's progress turned into
 * proposals entering the document step by step, a done/total count with the time left, and
 * cancel. Knows nothing of React or the store: `apply` is where proposals go, `onState` what the
 * progress bar shows, `now` the clock (milliseconds).
 */
import type { Box } from '../core/bounds';
import type { ModelManifest } from '../core/models/manifest';
import type { ModelRun, ProposalDraft } from '../core/models/proposalDraft';
import type { InputToRun } from '../../workers/inference/encodedImage';
import type { InferenceClient, RunHandle } from './client';
import { runFailureOf, type RunFailure } from './runFailure';

export type RunStatus = 'running' | 'finished' | 'cancelled' | 'failed';

export interface ProposalRunState {
  readonly run: ModelRun;
  readonly status: RunStatus;
  /** Inputs done (slices, slide regions) of `total`. */
  readonly done: number;
  readonly total: number;
  /** Estimated from the inputs done so far; absent until the first one is. */
  readonly msLeft?: number;
  /** Proposals that entered the document so far. */
  readonly proposals: number;
  /** Why the run failed: the runtime's, the model cache's or the document's refusal. */
  readonly failure?: RunFailure;
}

/** One input to read and the area it covers (a slide region), for replacing an earlier run's proposals there. */
export interface RunInput {
  readonly read: () => Promise<InputToRun>;
  readonly covered?: { readonly targetId: string; readonly box: Box };
}

export interface ProposalRunOptions {
  readonly client: InferenceClient;
  readonly manifest: ModelManifest;
  readonly run: ModelRun;
  readonly inputs: readonly RunInput[];
  /** Puts one input's proposals into the document; returns how many it added, or throws when refused. */
  readonly apply: (drafts: readonly ProposalDraft[], covered: RunInput['covered']) => number;
  readonly onState: (state: ProposalRunState) => void;
  readonly now?: () => number;
}

export interface ProposalRun {
  cancel(): void;
  /** The last state (finished, cancelled or failed); never rejects. */
  readonly finished: Promise<ProposalRunState>;
}

/** Milliseconds left at the average pace of the inputs done so far. */
export function timeLeft(elapsedMs: number, done: number, total: number): number | undefined {
  if (done <= 0) return undefined;
  return Math.max(0, Math.round((elapsedMs / done) * (total - done)));
}

export function startProposalRun(options: ProposalRunOptions): ProposalRun {
  const { client, manifest, run, inputs, apply, onState } = options;
  const now = options.now ?? (() => performance.now());
  const started = now();
  let state: ProposalRunState = { run, status: 'running', done: 0, total: inputs.length, proposals: 0 };
  const publish = (next: Partial<ProposalRunState>) => {
    state = { ...state, ...next };
    onState(state);
  };
  publish({});
  /**
   * Inputs read and not yet reported, in order. The runtime reads inputs one after another and
   * reports each once, in the same order (a slide's regions all name the slide as their target,
   * so the order, not the target, says which region a report is about).
   */
  const awaiting: { readonly targetId: string; readonly input: RunInput }[] = [];
  const reads = inputs.map((input) => async () => {
    const read = await input.read();
    awaiting.push({ targetId: read.targetId, input });
    return read;
  });
  const reported = (targetId: string): RunInput | undefined => {
    const at = awaiting.findIndex((entry) => entry.targetId === targetId);
    return at < 0 ? undefined : awaiting.splice(0, at + 1)[at]?.input;
  };
  let handle: RunHandle | null = null;
  let refusal: string | null = null;
  /** Set by cancel: an input already in flight is dropped, not applied after the person said stop. */
  let stopped = false;
  handle = client.run({
    manifest,
    inputs: reads,
    priority: 'batch',
    threshold: run.threshold,
    onProposals: (targetId, drafts) => {
      const input = reported(targetId);
      if (refusal !== null || stopped) return;
      try {
        publish({ proposals: state.proposals + apply(drafts, input?.covered) });
      } catch (error) {
        // The document refused them (a model whose output does not fit the label set): stop here.
        refusal = error instanceof Error ? error.message : String(error);
        handle?.cancel();
      }
    },
    onProgress: ({ done, total }) => {
      if (stopped) return;
      const msLeft = timeLeft(now() - started, done, total);
      publish({ done, total, ...(msLeft === undefined ? {} : { msLeft }) });
    },
  });
  const finished = handle.finished.then(
    (summary): ProposalRunState => {
      if (refusal !== null) return { ...state, status: 'failed', failure: { kind: 'refused', detail: refusal } };
      if (stopped || summary.cancelled) return { ...state, status: 'cancelled' };
      return { ...state, done: summary.done, total: summary.total, msLeft: 0, status: 'finished' };
    },
    (error: unknown): ProposalRunState => {
      return { ...state, status: 'failed', failure: refusal !== null ? { kind: 'refused', detail: refusal } : runFailureOf(error) };
    },
  );
  return {
    cancel: () => {
      stopped = true;
      handle?.cancel();
    },
    finished: finished.then((last) => {
      publish(last);
      return last;
    }),
  };
}

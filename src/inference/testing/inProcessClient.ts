/**
 * An `InferenceClient` that runs in the test's own thread: it reads inputs lazily one at a time,
 * "infers" with a plain function, reports each input once in order (proposals, then progress), and
 * honours cancel between inputs, as the worker client does. `gate` lets a test hold an input.
 */
import type { ModelManifest } from '../../core/models/manifest';
import type { ModelInput } from '../../core/models/modelInput';
import type { ProposalDraft } from '../../core/models/proposalDraft';
import { decodedInput, type DecodeImage } from '../../../workers/inference/encodedImage';
import { InferenceError, type InferenceClient, type RunHandle, type RunRequest } from '../client';

export interface InProcessClientOptions {
  /** The model: one input's proposals (throw an `InferenceError` to fail the run). */
  readonly infer: (manifest: ModelManifest, input: ModelInput, threshold: number) => readonly ProposalDraft[];
  /** Awaited before each input is inferred (index from 0): a test holds the run here. */
  readonly gate?: (index: number) => Promise<void>;
  /** Decodes an image file sent to run (a frame), as the worker does; without it such an input fails. */
  readonly decodeImage?: DecodeImage;
}

const noDecoder: DecodeImage = () => Promise.reject(new Error('this test client decodes no image files'));

export function inProcessClient(options: InProcessClientOptions): InferenceClient & { readonly runs: RunRequest[]; readonly unloaded: string[] } {
  const runs: RunRequest[] = [];
  const unloaded: string[] = [];
  return {
    runs,
    unloaded,
    run(request): RunHandle {
      runs.push(request);
      let cancelled = false;
      const total = request.inputs.length;
      const finished = (async () => {
        let done = 0;
        for (const [index, read] of request.inputs.entries()) {
          await options.gate?.(index);
          if (cancelled) break;
          const input = await decodedInput(await read(), options.decodeImage ?? noDecoder);
          const drafts = options.infer(request.manifest, input, request.threshold ?? request.manifest.decode.threshold);
          done += 1;
          request.onProposals?.(input.targetId, drafts);
          request.onProgress?.({ done, total });
        }
        return { done, total, cancelled, backend: 'wasm' as const };
      })();
      return {
        cancel: () => {
          cancelled = true;
        },
        finished,
      };
    },
    async unload(manifest) {
      unloaded.push(manifest.id);
    },
    dispose() {},
  };
}

export { InferenceError };

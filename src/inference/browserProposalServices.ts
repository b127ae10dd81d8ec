/**
 * The proposal workflow's services in the browser: the registry over HTTP with the signed-in
 * user's token, model files through the Cache API by sha256, and one inference worker started on
 * first use.
 */
import { listModelsKept } from './modelList';
import { browserModelFileSource, loadModelFile } from './modelFiles';
import type { InferenceClient } from './client';
import type { ProposalServices } from './proposalServices';
import { createInferenceClient } from './workerClient';

export function browserProposalServices(getToken: () => string | null): ProposalServices {
  const transport = { getToken };
  const files = browserModelFileSource(transport);
  let client: InferenceClient | null = null;
  return {
    async listModels(filter) {
      const models = await listModelsKept(files, filter);
      return models.map(({ manifest, builtin }) => ({ manifest, builtin }));
    },
    inference: () => (client ??= createInferenceClient({ loadModelFile: (sha256) => loadModelFile(sha256, files) })),
  };
}

import type { ModelManifest } from './manifest';
import type { PromptTarget } from './modelInput';

/**
 * What a promptable model's outline answers: the person's chosen question and class when given
 * (they override the mapping), else the manifest's first mapped class, else nothing.
 */
export function promptTargetOf(manifest: ModelManifest, target?: PromptTarget): PromptTarget | null {
  if (target) return target;
  const mapping = manifest.outputsToLabels[0];
  const classCode = mapping?.classes[0]?.classCode;
  return mapping && classCode ? { questionId: mapping.questionId, classCode } : null;
}

/**
 * A model proposal's provenance as exports write it: flat, named for a reader outside the app
 * (a QuPath user, a statistician with the CSV), so an exported outline or label still says which
 * model, version and weights proposed it, at what threshold and score, and what a person decided.
 */
import type { Provenance } from '../annotation';

export interface ExportedProvenance {
  readonly origin: 'model';
  readonly modelId: string;
  readonly modelVersion: string;
  /** sha256 of the model file that ran (`builtin:…` for a built-in implementation). */
  readonly modelSha256: string;
  readonly runId: string;
  readonly threshold: number | null;
  readonly score: number | null;
  readonly decision: 'pending' | 'accepted' | 'edited' | 'rejected';
  readonly decidedBy: string | null;
  readonly authors: readonly string[];
}

/** The export form of a model-origin record's provenance; null for a person's record. */
export function exportedProvenance(provenance: Provenance): ExportedProvenance | null {
  const { origin } = provenance;
  if (origin.kind !== 'model') return null;
  return {
    origin: 'model',
    modelId: origin.modelId,
    modelVersion: origin.version,
    modelSha256: origin.contentHash,
    runId: origin.runId,
    threshold: origin.threshold ?? null,
    score: origin.score ?? null,
    decision: provenance.decision ?? 'pending',
    decidedBy: provenance.decidedBy ?? null,
    authors: provenance.authors,
  };
}

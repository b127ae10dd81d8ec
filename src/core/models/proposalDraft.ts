/**
 * What a model run proposes, before it becomes records: the decoded answer for one target (a
 * slice's class, an outline on a slide) with the model's score. `proposal/addMany` turns drafts
 * into pending model-sourced records carrying the run's provenance (see annotation.ts).
 */
import type { Geometry } from '../annotation';

export type ProposalDraft =
  | {
      readonly type: 'label';
      readonly questionId: string;
      readonly targetId: string;
      readonly classCode: string;
      /** In [0, 1]. */
      readonly score: number;
    }
  | {
      readonly type: 'shape';
      readonly questionId: string;
      readonly targetId: string;
      readonly classCode: string;
      /** In the item's own pixel frame (level-0 px on a slide). */
      readonly geometry: Geometry;
      readonly score: number;
    };

/** One run of one model on one item: what every proposal it makes records as its origin. */
export interface ModelRun {
  readonly runId: string;
  readonly modelId: string;
  readonly version: string;
  /** sha256 of the model file (the encoder's, for an encoder + decoder pair). */
  readonly contentHash: string;
  readonly threshold: number;
}

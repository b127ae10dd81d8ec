import type { DifferingUnit } from '../agreement';
import type { ConsensusDecision, ConsensusRecord, DecidedUnit } from '../consensus';

/** A reader whose handed-in work the adjudication compares. */
export interface AdjudicationReader {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly state: 'submitted' | 'approved';
}

/** A unit where the readers differ, every reader's answer on it, and the lead's current decision. */
export interface AdjudicationUnit extends DifferingUnit {
  /** Null while undecided; a pick of a reader no longer handed in counts as undecided (`settled: false`). */
  readonly decision: DecidedUnit | null;
  readonly settled: boolean;
}

/** GET /api/items/:id/adjudication (ADJUDICATE_ROLES, never a reader of the item). */
export interface AdjudicationView {
  readonly itemId: string;
  readonly datasetId: string;
  readonly title: string;
  readonly labelSetId: string;
  readonly labelSetVersion: number;
  /** The item's slices or frames in order: unit `targetKey`s are these (or `targetId/classCode`). */
  readonly targetIds: readonly string[];
  readonly readers: readonly AdjudicationReader[];
  /** Readers still at work on the item (assigned, in progress, returned): not compared yet. */
  readonly readersAtWork: number;
  readonly units: readonly AdjudicationUnit[];
  readonly settledUnits: number;
  /** At least two readers handed in and every differing unit is settled. */
  readonly complete: boolean;
}

/**
 * PUT /api/items/:id/adjudication/decisions with `If-Match: "<version>"`: the version of the
 * unit's decision the lead saw ("0" for none). → 200 DecidedUnit; 412 when the unit was
 * decided since (read the adjudication again).
 */
export interface DecideRequest {
  readonly questionId: string;
  readonly targetKey: string;
  readonly decision: ConsensusDecision;
}

/** GET /api/items/:id/consensus → the item's consensus record set (409 while units are undecided). */
export interface ConsensusRecordSet {
  readonly itemId: string;
  readonly readers: readonly string[];
  readonly records: readonly ConsensusRecord[];
}

/** POST /api/datasets/:id/bulk-approve: what approving every item whose handed-in readers all agree did. */
export interface BulkApproveResult {
  readonly itemsChecked: number;
  /** Items whose submitted documents were approved now. */
  readonly itemsApproved: number;
  readonly documentsApproved: number;
  /** Items with two or more handed-in readers who differ somewhere: for adjudication. */
  readonly itemsDiffering: number;
}

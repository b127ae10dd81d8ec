import type { ClassCount, LabelSetMapping, MigrationChange, MigrationPlan } from '../labelSets/migrationPlan';

/** POST /api/datasets/:id/label-set-migration/plan { toVersion, mapping? } → MigrationPlanAnswer (read-only) */
export interface MigrationPlanAnswer {
  readonly mapping: LabelSetMapping;
  readonly counts: readonly ClassCount[];
  readonly plan: MigrationPlan | null;
  readonly refusals: readonly string[];
}

/**
 * One label-set migration run on a dataset, as applied (POST …/label-set-migration/apply
 * { toVersion, mapping } answers it; a refused mapping answers 400 with the planner's reasons)
 * and as GET …/label-set-migration lists the last one.
 */
export interface LabelSetMigrationRun {
  readonly id: string;
  readonly datasetId: string;
  readonly labelSetId: string;
  readonly fromVersion: number;
  readonly toVersion: number;
  readonly mapping: LabelSetMapping;
  /** The planner's count per old class, at the time of applying. */
  readonly changes: readonly MigrationChange[];
  /** Records given a new version (question or class changed). */
  readonly recordsRewritten: number;
  /** Records that kept a class the new version no longer has: flagged by a review thread on their document. */
  readonly recordsForReview: number;
  /** Documents with records flagged (one open review thread each). */
  readonly documentsFlagged: number;
  readonly appliedBy: string;
  readonly appliedAt: string;
  readonly undoneAt: string | null;
  /** Not undone, and no release of the dataset made since: POST …/label-set-migration/undo may revert it. */
  readonly undoable: boolean;
}

/** GET /api/datasets/:id/label-set-migration → the dataset's last migration run, if any */
export interface LabelSetMigrationStatus {
  readonly last: LabelSetMigrationRun | null;
}

/** POST /api/datasets/:id/label-set-migration/undo → what the revert did */
export interface LabelSetMigrationUndo {
  readonly migrationId: string;
  /** The version the dataset is pinned to again. */
  readonly labelSetVersion: number;
  readonly recordsRestored: number;
}

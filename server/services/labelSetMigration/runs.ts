/** Reading migration runs back: the dataset's last one, and whether it may still be undone. */
import type { Kysely, Selectable } from 'kysely';
import type { LabelSetMigrationRun } from '../../../src/core/api';
import type { MigrationChange } from '../../../src/core/labelSets/migrationPlan';
import { toNumber } from '../../db/dialect';
import type { Database, LabelSetMigrationsTable } from '../../db/schema';

/** What a run stored in `counts` once it finished. */
interface StoredCounts {
  readonly changes?: readonly MigrationChange[];
  readonly recordsRewritten?: number;
  readonly recordsForReview?: number;
  readonly documentsFlagged?: number;
}

export function runOf(row: Selectable<LabelSetMigrationsTable>, undoable: boolean): LabelSetMigrationRun {
  const counts = JSON.parse(row.counts) as StoredCounts;
  return {
    id: row.id,
    datasetId: row.dataset_id,
    labelSetId: row.label_set_id,
    fromVersion: toNumber(row.from_version),
    toVersion: toNumber(row.to_version),
    mapping: JSON.parse(row.mapping) as LabelSetMigrationRun['mapping'],
    changes: counts.changes ?? [],
    recordsRewritten: counts.recordsRewritten ?? 0,
    recordsForReview: counts.recordsForReview ?? 0,
    documentsFlagged: counts.documentsFlagged ?? 0,
    appliedBy: row.applied_by,
    appliedAt: row.applied_at,
    undoneAt: row.undone_at,
    undoable,
  };
}

/** Why the run cannot be undone, or null when it can: not undone yet, and no release of the dataset since it was applied. */
export async function undoRefusal(db: Kysely<Database>, row: Selectable<LabelSetMigrationsTable>): Promise<string | null> {
  if (row.undone_at !== null) return `the last migration of dataset ${row.dataset_id} was undone already`;
  const release = await db
    .selectFrom('releases')
    .select('number')
    .where('dataset_id', '=', row.dataset_id)
    .where('created_at', '>=', row.applied_at)
    .orderBy('number')
    .executeTakeFirst();
  return release ? `release ${toNumber(release.number)} of dataset ${row.dataset_id} was made after the migration; undo is allowed only until the next release` : null;
}

export async function lastRun(db: Kysely<Database>, datasetId: string): Promise<Selectable<LabelSetMigrationsTable> | undefined> {
  return db.selectFrom('label_set_migrations').selectAll().where('dataset_id', '=', datasetId).orderBy('applied_at', 'desc').limit(1).executeTakeFirst();
}

export async function lastRunStatus(db: Kysely<Database>, datasetId: string): Promise<LabelSetMigrationRun | null> {
  const row = await lastRun(db, datasetId);
  return row ? runOf(row, (await undoRefusal(db, row)) === null) : null;
}

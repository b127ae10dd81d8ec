/**
 * The model registry's rows: models by (id, version) with their manifest and files, the listing
 * users see (newest version of each model), and per-model proposal counts from the records.
 */
import { sql, type Kysely } from 'kysely';
import type { ProposalDecision } from '../../src/core/annotation';
import type { ModelManifest } from '../../src/core/models/manifest';
import type { ModelStats, ModelSummary } from '../../src/core/models/registryApi';
import { compareSemver } from '../../src/core/models/semver';
import { dialectOf, toNumber } from '../db/dialect';
import type { Database } from '../db/schema';
import { manifestFiles } from './checkModel';

export interface ModelRow {
  readonly manifest: ModelManifest;
  readonly builtin: boolean;
  readonly enabled: boolean;
  readonly uploadedBy: string | null;
  readonly createdAt: string;
}

export interface ModelFilter {
  /** Admins see disabled models too. */
  readonly includeDisabled: boolean;
  readonly labelSetId?: string;
  readonly itemKind?: string;
}

type Row = Database['models'];

function rowOf(row: Row): ModelRow {
  return {
    manifest: JSON.parse(row.manifest) as ModelManifest,
    builtin: row.builtin === 1,
    enabled: row.enabled === 1,
    uploadedBy: row.uploaded_by,
    createdAt: row.created_at,
  };
}

export function summaryOf(row: ModelRow): ModelSummary {
  return { manifest: row.manifest, builtin: row.builtin, enabled: row.enabled };
}

/** The newest visible version of each model, by id. The registry holds tens of models: read whole. */
export async function listModels(db: Kysely<Database>, filter: ModelFilter): Promise<ModelRow[]> {
  let query = db.selectFrom('models').selectAll();
  if (!filter.includeDisabled) query = query.where('enabled', '=', 1);
  const rows = (await query.execute()).map(rowOf).filter(
    (row) =>
      (filter.labelSetId === undefined || row.manifest.labelSetId === filter.labelSetId) &&
      (filter.itemKind === undefined || (row.manifest.itemKinds as readonly string[]).includes(filter.itemKind)),
  );
  const newest = new Map<string, ModelRow>();
  for (const row of rows) {
    const seen = newest.get(row.manifest.id);
    if (!seen || compareSemver(row.manifest.version, seen.manifest.version) > 0) newest.set(row.manifest.id, row);
  }
  return [...newest.values()].sort((a, b) => a.manifest.id.localeCompare(b.manifest.id));
}

export async function findModel(db: Kysely<Database>, id: string, version: string): Promise<ModelRow | null> {
  const row = await db.selectFrom('models').selectAll().where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return row ? rowOf(row) : null;
}

export async function modelExists(db: Kysely<Database>, id: string): Promise<boolean> {
  return (await db.selectFrom('models').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}

/** Inserts the model and its file rows; the files' blobs must be recorded already (`blobs` rows). */
export async function insertModel(
  db: Kysely<Database>,
  manifest: ModelManifest,
  options: { readonly builtin: boolean; readonly enabled: boolean; readonly uploadedBy: string | null; readonly at: string },
): Promise<ModelRow> {
  await db
    .insertInto('models')
    .values({
      id: manifest.id,
      version: manifest.version,
      manifest: JSON.stringify(manifest),
      builtin: options.builtin ? 1 : 0,
      enabled: options.enabled ? 1 : 0,
      uploaded_by: options.uploadedBy,
      created_at: options.at,
    })
    .execute();
  await insertModelFiles(db, manifest);
  return { manifest, builtin: options.builtin, enabled: options.enabled, uploadedBy: options.uploadedBy, createdAt: options.at };
}

/** One row per file the manifest names (none for a built-in implementation). */
async function insertModelFiles(db: Kysely<Database>, manifest: ModelManifest): Promise<void> {
  const files = manifestFiles(manifest);
  if (files.length === 0) return;
  await db
    .insertInto('model_files')
    .values(files.map(({ role, file }) => ({ model_id: manifest.id, model_version: manifest.version, role, sha256: file.sha256 })))
    .execute();
}

/** Replaces a built-in model's manifest (the app's own files changed without a new version); its enabled state stays. */
export async function replaceBuiltinManifest(db: Kysely<Database>, manifest: ModelManifest): Promise<void> {
  await db.updateTable('models').set({ manifest: JSON.stringify(manifest) }).where('id', '=', manifest.id).where('version', '=', manifest.version).execute();
  await db.deleteFrom('model_files').where('model_id', '=', manifest.id).where('model_version', '=', manifest.version).execute();
  await insertModelFiles(db, manifest);
}

export async function setModelEnabled(db: Kysely<Database>, id: string, version: string, enabled: boolean): Promise<void> {
  await db.updateTable('models').set({ enabled: enabled ? 1 : 0 }).where('id', '=', id).where('version', '=', version).execute();
}

/** Removes the model and its file rows; records it proposed keep naming it. Its files' blobs go at the next blob collection unless another model names them. */
export async function deleteModel(db: Kysely<Database>, id: string, version: string): Promise<void> {
  await db.deleteFrom('model_files').where('model_id', '=', id).where('model_version', '=', version).execute();
  await db.deleteFrom('models').where('id', '=', id).where('version', '=', version).execute();
}

/** Whether `sha256` is a file of a registered model the caller may fetch (enabled, unless an admin asks). */
export async function isServableModelFile(db: Kysely<Database>, sha256: string, includeDisabled: boolean): Promise<boolean> {
  let query = db
    .selectFrom('model_files')
    .innerJoin('models', (join) => join.onRef('models.id', '=', 'model_files.model_id').onRef('models.version', '=', 'model_files.model_version'))
    .select('model_files.sha256')
    .where('model_files.sha256', '=', sha256);
  if (!includeDisabled) query = query.where('models.enabled', '=', 1);
  return (await query.executeTakeFirst()) !== undefined;
}

const DECISIONS: readonly ProposalDecision[] = ['pending', 'accepted', 'edited', 'rejected'];

/**
 * Live (not deleted) records whose origin is model `modelId`, counted by decision. A report: one
 * scan of the records in one query, JSON read by each dialect's own functions.
 */
export async function modelStats(db: Kysely<Database>, modelId: string): Promise<ModelStats> {
  const query =
    dialectOf(db) === 'postgres'
      ? sql<{ decision: string | null; n: number | string }>`
          select body::jsonb #>> '{provenance,decision}' as decision, count(*) as n
          from annotation_records
          where deleted = 0 and body::jsonb #>> '{provenance,origin,kind}' = 'model'
            and body::jsonb #>> '{provenance,origin,modelId}' = ${modelId}
          group by 1`
      : sql<{ decision: string | null; n: number | string }>`
          select json_extract(body, '$.provenance.decision') as decision, count(*) as n
          from annotation_records
          where deleted = 0 and json_extract(body, '$.provenance.origin.kind') = 'model'
            and json_extract(body, '$.provenance.origin.modelId') = ${modelId}
          group by 1`;
  const counts: Record<ProposalDecision, number> = { pending: 0, accepted: 0, edited: 0, rejected: 0 };
  for (const row of (await query.execute(db)).rows) {
    // A proposal nobody has looked at may carry no decision yet: it is pending.
    const decision = (row.decision ?? 'pending') as ProposalDecision;
    if (DECISIONS.includes(decision)) counts[decision] += toNumber(row.n);
  }
  return { modelId, counts };
}

/** Reading releases back: summaries with their files, and a release's file by name. */
import type { Kysely } from 'kysely';
import type { ReleaseFile, ReleaseSummary } from '../../../src/core/api';
import { toNumber } from '../../db/dialect';
import type { Database } from '../../db/schema';

export const MANIFEST_FILE_NAME = 'manifest.json';
const MANIFEST_MEDIA_TYPE = 'application/json';

function releases(db: Kysely<Database>) {
  return db
    .selectFrom('releases')
    .innerJoin('blobs', 'blobs.sha256', 'releases.manifest_sha256')
    .selectAll('releases')
    .select('blobs.size as manifest_size');
}

type ReleaseRow = Awaited<ReturnType<ReturnType<typeof releases>['execute']>>[number];

async function summariesOf(db: Kysely<Database>, rows: readonly ReleaseRow[]): Promise<ReleaseSummary[]> {
  if (rows.length === 0) return [];
  const fileRows = await db
    .selectFrom('release_files')
    .selectAll()
    .where('release_id', 'in', rows.map((row) => row.id))
    .orderBy('name')
    .execute();
  const filesOf = new Map<string, ReleaseFile[]>();
  for (const file of fileRows) {
    const list = filesOf.get(file.release_id) ?? [];
    list.push({ name: file.name, mediaType: file.media_type, sha256: file.sha256, size: toNumber(file.size) });
    filesOf.set(file.release_id, list);
  }
  return rows.map((row) => ({
    id: row.id,
    datasetId: row.dataset_id,
    number: toNumber(row.number),
    createdAt: row.created_at,
    createdBy: row.created_by,
    labelSetId: row.label_set_id,
    labelSetVersion: toNumber(row.label_set_version),
    itemCount: toNumber(row.item_count),
    recordCount: toNumber(row.record_count),
    manifest: { name: MANIFEST_FILE_NAME, mediaType: MANIFEST_MEDIA_TYPE, sha256: row.manifest_sha256, size: toNumber(row.manifest_size) },
    files: filesOf.get(row.id) ?? [],
  }));
}

/** A dataset's releases, newest first. */
export async function listReleases(db: Kysely<Database>, datasetId: string): Promise<ReleaseSummary[]> {
  return summariesOf(db, await releases(db).where('releases.dataset_id', '=', datasetId).orderBy('releases.number', 'desc').execute());
}

export async function readReleaseSummary(db: Kysely<Database>, id: string): Promise<ReleaseSummary | null> {
  const [summary] = await summariesOf(db, await releases(db).where('releases.id', '=', id).execute());
  return summary ?? null;
}

/** One file of a release by name, the manifest included; null when the release has none of that name. */
export function releaseFile(summary: ReleaseSummary, name: string): ReleaseFile | null {
  if (name === MANIFEST_FILE_NAME) return summary.manifest;
  return summary.files.find((file) => file.name === name) ?? null;
}

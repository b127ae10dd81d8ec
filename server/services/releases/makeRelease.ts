/**
 * Making a release: in one transaction, the dataset's next number, its approved work streamed into
 * the export files (blobs), then the manifest (a blob too) naming every file by sha256 and size,
 * and the rows that point at them. Nothing here or anywhere else updates or deletes a release, so
 * a later edit (even one approved again) can only show up in a later release.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { ReleaseFile, ReleaseManifest, ReleaseSummary } from '../../../src/core/api';
import type { BlobStore } from '../../blobs/blobStore';
import { dialectOf, isUniqueViolation } from '../../db/dialect';
import type { Database } from '../../db/schema';
import { conflict, notFound } from '../../http/errors';
import { writeAudit } from '../audit';
import { recordBlob } from '../blobs';
import { labelSetStore } from '../labelSets';
import { approvedReaders } from './approvedWork';
import { IMAGE_EXPORTS, imageExportKinds, releaseImageExports } from './imageExports';
import { ReleaseTally, releaseLabelsCsv, releaseRecordsJson, type ReleaseHeader } from './exports';
import { Pseudonyms } from './pseudonyms';
import { tarArchive } from './tar';
import { releaseAgreement } from './releaseAgreement';
import { readReleaseSummary } from './reads';

async function storeFile(trx: Transaction<Database>, blobs: BlobStore, name: string, mediaType: string, bytes: AsyncIterable<Uint8Array>, at: string): Promise<ReleaseFile> {
  const blob = await blobs.put(bytes);
  await recordBlob(trx, blob, at);
  return { name, mediaType, sha256: blob.sha256, size: blob.size };
}

async function* once(text: string): AsyncGenerator<Uint8Array> {
  yield new TextEncoder().encode(text);
}

async function nextNumber(trx: Transaction<Database>, datasetId: string): Promise<number> {
  const row = await trx.selectFrom('releases').select((eb) => eb.fn.max('number').as('last')).where('dataset_id', '=', datasetId).executeTakeFirst();
  return Number(row?.last ?? 0) + 1;
}

export async function makeRelease(db: Kysely<Database>, blobs: BlobStore, datasetId: string, actorId: string | null, at: string): Promise<ReleaseSummary> {
  // Repeatable read on PostgreSQL: both export passes and the manifest see the same approved work.
  const transaction = dialectOf(db) === 'postgres' ? db.transaction().setIsolationLevel('repeatable read') : db.transaction();
  try {
    const id = await transaction.execute(async (trx) => {
      const dataset = await trx.selectFrom('datasets').selectAll().where('id', '=', datasetId).executeTakeFirst();
      if (!dataset) throw notFound(`no dataset ${datasetId}`);
      const readerIds = await approvedReaders(trx, datasetId);
      if (readerIds.length === 0) throw conflict('nothing_approved', 'this dataset has no approved work yet, so there is nothing to release');
      const labelSet = await labelSetStore(trx).get(dataset.label_set_id, dataset.label_set_version);
      if (!labelSet) throw new Error(`dataset ${datasetId} names label set ${dataset.label_set_id}@${dataset.label_set_version}, which is not stored`);

      const number = await nextNumber(trx, datasetId);
      const header: ReleaseHeader = {
        release: number,
        dataset: { id: dataset.id, name: dataset.name },
        labelSet: { id: labelSet.id, version: labelSet.version },
        createdAt: at,
      };
      const names = new Pseudonyms(readerIds);
      const tally = new ReleaseTally();
      const files = [
        await storeFile(trx, blobs, 'records.json', 'application/json', releaseRecordsJson(trx, datasetId, labelSet, header, names, tally), at),
        await storeFile(trx, blobs, 'labels.csv', 'text/csv; charset=utf-8', releaseLabelsCsv(trx, datasetId, labelSet, names), at),
      ];
      const kinds = await imageExportKinds(trx, datasetId);
      for (const { name, kind } of IMAGE_EXPORTS) {
        if (kinds.has(kind)) files.push(await storeFile(trx, blobs, name, 'application/x-tar', tarArchive(releaseImageExports(trx, datasetId, kind, labelSet, names, at), new Date(at)), at));
      }
      files.sort((a, b) => (a.name < b.name ? -1 : 1)); // name order, as the summary lists them
      const manifest: ReleaseManifest = {
        format: 'mejirushi-release',
        formatVersion: 1,
        ...header,
        items: tally.items,
        questions: labelSet.questions,
        counts: { items: tally.items.length, records: tally.records, byQuestion: tally.byQuestion },
        readers: names.readers,
        files,
        agreement: await releaseAgreement(trx, datasetId, labelSet, names, at),
      };
      const manifestFile = await storeFile(trx, blobs, 'manifest.json', 'application/json', once(`${JSON.stringify(manifest, null, 2)}\n`), at);

      const id = randomUUID();
      await trx
        .insertInto('releases')
        .values({
          id,
          dataset_id: datasetId,
          number,
          created_at: at,
          created_by: actorId,
          label_set_id: labelSet.id,
          label_set_version: labelSet.version,
          item_count: tally.items.length,
          record_count: tally.records,
          manifest_sha256: manifestFile.sha256,
        })
        .execute();
      await trx
        .insertInto('release_files')
        .values(files.map((file) => ({ release_id: id, name: file.name, media_type: file.mediaType, sha256: file.sha256, size: file.size })))
        .execute();
      await writeAudit(trx, {
        at,
        userId: actorId,
        action: 'release.create',
        entity: 'release',
        entityId: id,
        detail: { datasetId, number, manifestSha256: manifestFile.sha256 },
      });
      return id;
    });
    const summary = await readReleaseSummary(db, id);
    if (!summary) throw new Error(`release ${id} vanished after it was made`);
    return summary;
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict('release_in_progress', 'another release of this dataset was made at the same time; try again');
    throw error;
  }
}

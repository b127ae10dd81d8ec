/**
 * Upgrading a foundation-era database through the server's start path: whole-document bodies
 * become versioned records with op rows (0004), label sets take the question shape, DICOM bytes
 * move from rows to the blob store (0003 and the start-up step), and the sync protocol and file
 * downloads work on the result.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import type { AnnotationRecord } from '../../src/core/annotation';
import type { BatchResult, ChangeFeed, RecordConflictBody, RecordPage, RevisionInfo } from '../../src/core/api';
import { PREVIOUS_BUILTIN_LABEL_SETS, SAH_SLICE_LABEL_SET } from '../../src/core/labelSets/builtin';
import { targetIdsOf } from '../../src/core/targets';
import { seriesItem } from '../../src/core/testing/records';
import { buildApp } from '../app';
import { prepareStorage } from '../bootstrap';
import { generateHeadCtPhantom } from '../demo/phantom';
import { createSession } from '../services/sessions';
import { createUser } from '../services/users';
import { humanBy, label, put } from '../testing/documents';
import { blobStoreIn } from '../blobs/diskBlobStore';
import { openTestDatabase, testDialects, type TestDatabase } from '../testing/testDatabase';
import { migrateBefore, MIGRATIONS } from './migrations';
import type { Database } from './schema';

const AT = '2025-11-01T10:00:00.000Z';
/** The foundation's schema: every migration before the blob store (0003). */
const AFTER_FOUNDATION = '0003';

/** The SAH label set as the foundation stored it: one implicit question at the top level. */
const LEGACY_SAH = (() => {
  const question = SAH_SLICE_LABEL_SET.questions[0]!;
  return { id: 'sah-slice', version: 1, name: SAH_SLICE_LABEL_SET.name, target: 'slice', choice: 'single', classes: question.classes, itemAnswer: question.itemAnswer };
})();

async function migrateToFoundation(db: Kysely<Database>): Promise<void> {
  await migrateBefore(db, AFTER_FOUNDATION);
}

interface Foundation {
  readonly annId: string;
  readonly ottoId: string;
  readonly itemId: string;
  readonly slices: string[];
  /** DICOM bytes per file id, as the foundation kept them in `item_files.bytes`. */
  readonly files: ReadonlyMap<string, Buffer>;
}

/** A foundation database: one series of 4 slices, ann's document at revision 3 (a human label, an accepted model label), otto's empty one. */
async function seedFoundation(db: Kysely<Database>): Promise<Foundation> {
  // any: these tables are written as migration 0002 left them, not as today's typed schema.
  const old = db as unknown as Kysely<any>;
  const ann = await createUser(db, { username: 'ann', displayName: 'Ann', password: 'a long password', roles: ['annotator'], mustChangePassword: false }, null, AT);
  const otto = await createUser(db, { username: 'otto', displayName: 'Otto', password: 'a long password', roles: ['annotator', 'reviewer'], mustChangePassword: false }, null, AT);
  await old.insertInto('label_sets').values({ id: 'sah-slice', version: 1, body: JSON.stringify(LEGACY_SAH) }).execute();
  const datasetId = randomUUID();
  await old.insertInto('datasets').values({ id: datasetId, name: 'old', description: '', label_set_id: 'sah-slice', label_set_version: 1, created_at: AT }).execute();
  const itemId = randomUUID();
  const series = seriesItem(4, itemId);
  // File ids are UUIDs, as the importer makes them (the file route checks).
  const item = series.content.kind === 'series' ? { ...series, content: { ...series.content, slices: series.content.slices.map((s) => ({ ...s, fileId: randomUUID() })) } } : series;
  const slices = targetIdsOf(item);
  await old
    .insertInto('items')
    .values({ id: itemId, dataset_id: datasetId, title: 'Series', kind: 'series', content: JSON.stringify(item.content), target_ids: JSON.stringify(slices), target_count: slices.length, source_key: null, sort_key: 'series', created_at: AT, updated_at: AT })
    .execute();
  for (const user of [ann, otto]) await old.insertInto('assignments').values({ item_id: itemId, user_id: user.id, state: 'inProgress', updated_at: AT }).execute();
  const files = new Map<string, Buffer>();
  const phantom = generateHeadCtPhantom({ sliceCount: 6 });
  for (const [i, slice] of (item.content.kind === 'series' ? item.content.slices : []).entries()) {
    const bytes = Buffer.from(phantom.files[i]!.bytes);
    files.set(slice.fileId, bytes);
    await old
      .insertInto('item_files')
      .values({ id: slice.fileId, item_id: itemId, dataset_id: datasetId, sop_instance_uid: slice.sopInstanceUid, meta: '{}', bytes, sha256: createHash('sha256').update(bytes).digest('hex'), size: bytes.length, name: `${i}.dcm`, created_at: AT })
      .execute();
  }
  const v1 = (targetId: string, code: string, source: object, acceptedBy?: string) => ({
    type: 'label',
    id: `label:${targetId}`,
    targetId,
    classCodes: [code],
    provenance: { authorId: ann.id, createdAt: AT, updatedAt: AT, source, ...(acceptedBy ? { acceptedBy } : {}) },
  });
  const annRecords = [v1(slices[0]!, 'sah.present', { kind: 'human' }), v1(slices[1]!, 'sah.absent', { kind: 'model', name: 'sah-net', version: '0.9' }, ann.id)];
  const docs = [
    { id: randomUUID(), user: ann.id, revision: 3, records: annRecords },
    { id: randomUUID(), user: otto.id, revision: 1, records: [] },
  ];
  for (const doc of docs) {
    const body = JSON.stringify({ itemId, annotatorId: doc.user, labelSetId: 'sah-slice', labelSetVersion: 1, records: Object.fromEntries(doc.records.map((r) => [r.id, r])) });
    await old.insertInto('annotation_docs').values({ id: doc.id, item_id: itemId, annotator_id: doc.user, revision: doc.revision, body, labelled: doc.records.length, updated_at: AT }).execute();
    await old.insertInto('doc_revisions').values({ doc_id: doc.id, item_id: itemId, annotator_id: doc.user, revision: doc.revision, body, author_id: doc.user, op_id: `old-${doc.revision}`, created_at: AT }).execute();
  }
  return { annId: ann.id, ottoId: otto.id, itemId, slices, files };
}

describe.each(testDialects('records migration'))('records migration on %s', (dialect) => {
  let database: TestDatabase | undefined;
  afterEach(async () => {
    await database?.dispose();
    database = undefined;
  });

  it('turns foundation documents into versioned records, op rows and heads, moves the DICOM bytes to the blob store, and syncs on them', async () => {
    database = await openTestDatabase(dialect);
    const { db } = database;
    await migrateToFoundation(db);
    const { annId, ottoId, itemId, slices, files } = await seedFoundation(db);
    const blobs = blobStoreIn(database.dataDir);
    // Every migration after the foundation's two runs, 0003 and 0004 among them.
    expect(await prepareStorage(db, blobs)).toEqual(Object.keys(MIGRATIONS).filter((name) => name >= '0003'));
    expect(Object.keys(MIGRATIONS)).toEqual(expect.arrayContaining(['0003_blob_store', '0004_records']));

    // The foundation's documents were read with version 1 of the set, which stays stored as it was.
    const labelSet = JSON.parse((await db.selectFrom('label_sets').select('body').where('id', '=', 'sah-slice').where('version', '=', 1).executeTakeFirstOrThrow()).body) as unknown;
    expect(labelSet).toEqual(PREVIOUS_BUILTIN_LABEL_SETS.find((set) => set.id === 'sah-slice' && set.version === 1));

    const heads = await db.selectFrom('annotation_docs').selectAll().orderBy('revision').execute();
    expect(heads.map((h) => [h.annotator_id, Number(h.revision), Number(h.record_count), Number(h.labelled), Number(h.migrated_revision)])).toEqual([
      [ottoId, 1, 0, 0, 1],
      [annId, 3, 2, 2, 3],
    ]);
    expect(Object.keys(heads[0] ?? {})).not.toContain('body');

    const rows = await db.selectFrom('annotation_records').selectAll().orderBy('record_id').execute();
    expect(rows.map((r) => [r.record_id, Number(r.version), Number(r.schema), r.question_id, r.class_code, Number(r.settled)])).toEqual([
      [`label:sah:${slices[0]}`, 1, 2, 'sah', 'sah.present', 1],
      [`label:sah:${slices[1]}`, 1, 2, 'sah', 'sah.absent', 1],
    ]);
    const [human, model] = rows.map((r) => JSON.parse(r.body ?? 'null') as AnnotationRecord);
    expect(human?.provenance).toEqual({ origin: { kind: 'human' }, createdAt: AT, updatedAt: AT, authors: [annId] });
    expect(model?.provenance).toMatchObject({ origin: { kind: 'model', modelId: 'sah-net', version: '0.9' }, authors: [annId], decision: 'accepted', decidedBy: annId });
    const ops = await db.selectFrom('annotation_ops').selectAll().orderBy('seq').execute();
    expect(ops.map((op) => [op.record_id, Number(op.revision), Number(op.version), op.kind, op.op_id, op.author_id])).toEqual([
      [`label:sah:${slices[0]}`, 3, 1, 'put', 'migration', annId],
      [`label:sah:${slices[1]}`, 3, 1, 'put', 'migration', annId],
    ]);

    // The protocol on the migrated database.
    let clock = Date.parse('2026-02-01T08:00:00.000Z');
    const app = await buildApp({ db, blobs, now: () => new Date(clock) });
    try {
      const { token } = await createSession(db, annId, new Date(clock), 3_600_000);
      const auth = { authorization: `Bearer ${token}` };
      for (const [fileId, bytes] of files) {
        const download = await app.inject({ method: 'GET', url: `/api/items/${itemId}/files/${fileId}`, headers: auth });
        expect(download.statusCode, download.body.slice(0, 200)).toBe(200);
        expect(download.rawPayload.equals(bytes)).toBe(true);
      }
      const url = `/api/items/${itemId}/annotations/me`;
      const patch = (key: string, payload: object) => app.inject({ method: 'PATCH', url, headers: { ...auth, 'idempotency-key': key }, payload });

      const page = (await app.inject({ method: 'GET', url: `${url}/records`, headers: auth })).json() as RecordPage;
      expect(page.revision).toBe(3);
      expect(page.records.map((r) => r.record)).toEqual([human, model]);
      const feed = (await app.inject({ method: 'GET', url: '/api/changes', headers: auth })).json() as ChangeFeed;
      expect(feed.changes.map((c) => [c.revision, c.record.id, c.record.version])).toEqual([
        [3, `label:sah:${slices[0]}`, 1],
        [3, `label:sah:${slices[1]}`, 1],
      ]);

      // Unsent whole-document edits made on revision 2 conflict whole; on revision 3 they apply, once.
      const legacyOps = [put(label(slices[2]!, 'sah.absent', humanBy(annId, AT))), put({ ...human!, classCodes: ['sah.uncertain'] } as AnnotationRecord, 1)];
      const stale = await patch('legacy-1', { ops: legacyOps, legacyBaseRevision: 2 });
      expect(stale.statusCode).toBe(412);
      expect((stale.json() as RecordConflictBody).conflicts.map((c) => [c.id, c.version])).toEqual([
        [`label:sah:${slices[2]}`, 0],
        [`label:sah:${slices[0]}`, 1],
      ]);
      const current = await patch('legacy-2', { ops: legacyOps, legacyBaseRevision: 3 });
      expect(current.statusCode, current.body).toBe(200);
      expect((current.json() as BatchResult).revision).toBe(4);
      clock += 1000;
      const late = await patch('legacy-3', { ops: [put(label(slices[3]!, 'sah.absent', humanBy(annId, AT)))], legacyBaseRevision: 3 });
      expect(late.statusCode).toBe(412);

      const next = await patch('new-1', { ops: [put(label(slices[3]!, 'sah.absent', humanBy(annId, AT)))] });
      expect(next.statusCode).toBe(200);
      const revisions = (await app.inject({ method: 'GET', url: `${url}/revisions`, headers: auth })).json() as RevisionInfo[];
      expect(revisions.map((r) => [r.revision, r.opId, r.opCount])).toEqual([
        [3, 'migration', 2],
        [4, 'legacy-2', 2],
        [5, 'new-1', 1],
      ]);
      const head = await db.selectFrom('annotation_docs').select(['labelled', 'record_count']).where('annotator_id', '=', annId).executeTakeFirstOrThrow();
      expect([Number(head.labelled), Number(head.record_count)]).toEqual([4, 4]);
    } finally {
      await app.close();
    }
  });
});

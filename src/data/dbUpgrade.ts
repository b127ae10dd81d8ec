/**
 * IndexedDB version 1 → 2: whole-document drafts become one row per record, and unsent work goes
 * out as one batch based on the draft's whole-document revision (`legacyBaseRevision`), so the
 * server turns it into per-record conflicts if it moved on meanwhile. Nothing local is dropped.
 */
import type { Transaction } from 'dexie';
import type { AnnotationRecord } from '../core/annotation';
import { sameRecord } from '../core/diff';
import { legacyQuestionId } from '../core/migrations/labelSetShape';
import { upgradeRecord } from '../core/migrations/recordSchema';
import type { HeadRow, OutboxRow, RecordRow } from './db';
import { newOpId } from './opId';
import { compactRow } from './sync/recordRows';

/** A version-1 document: records of schema 1 by id. */
interface DocumentV1 {
  readonly labelSetId: string;
  readonly labelSetVersion: number;
  readonly records: Readonly<Record<string, unknown>>;
}

interface DraftRowV1 {
  readonly itemId: string;
  readonly annotatorId: string;
  readonly doc: DocumentV1;
  readonly baseRevision: number;
  readonly baseDoc: DocumentV1 | null;
  readonly updatedAt: number;
}

/** The server's migration gives every record of a foundation-era document version 1. */
const MIGRATED_VERSION = 1;

function upgradedRecords(doc: DocumentV1 | null, questionId: string): Map<string, AnnotationRecord> {
  const out = new Map<string, AnnotationRecord>();
  for (const body of Object.values(doc?.records ?? {})) {
    const record = upgradeRecord(body, 1, questionId);
    out.set(record.id, record);
  }
  return out;
}

/** Record rows, head and (when something is unsent) an outbox batch of one version-1 draft. */
export function draftToRecords(draft: DraftRowV1): { records: RecordRow[]; head: HeadRow; batch: OutboxRow | null } {
  const questionId = legacyQuestionId(draft.doc.labelSetId);
  const local = upgradedRecords(draft.doc, questionId);
  const base = upgradedRecords(draft.baseDoc, questionId);
  const records: RecordRow[] = [];
  for (const id of new Set([...local.keys(), ...base.keys()])) {
    const record = local.get(id) ?? null;
    const server = base.get(id) ?? null;
    const dirty = !sameRecord(record, server);
    records.push(
      compactRow({
        itemId: draft.itemId,
        annotatorId: draft.annotatorId,
        id,
        record,
        base: server,
        baseVersion: server ? MIGRATED_VERSION : 0,
        state: dirty ? 'dirty' : 'synced',
      }),
    );
  }
  const head: HeadRow = {
    itemId: draft.itemId,
    annotatorId: draft.annotatorId,
    revision: draft.baseRevision,
    loaded: true,
    labelSetId: draft.doc.labelSetId,
    labelSetVersion: draft.doc.labelSetVersion,
    progress: null,
    updatedAt: draft.updatedAt,
  };
  const unsent = records.some((row) => row.state === 'dirty');
  const batch: OutboxRow | null = unsent
    ? {
        opId: newOpId(),
        itemId: draft.itemId,
        annotatorId: draft.annotatorId,
        seq: 0,
        legacyBaseRevision: draft.baseRevision,
        attempts: 0,
        nextAttemptAt: 0,
      }
    : null;
  return { records, head, batch };
}

/** Dexie upgrade of version 2; runs before the `drafts` table is dropped. */
export async function upgradeToRecords(tx: Transaction): Promise<void> {
  const drafts = (await tx.table('drafts').toArray()) as DraftRowV1[];
  // Version-1 outbox rows carried whole documents, all of it in the drafts: replaced by batches.
  await tx.table('outbox').clear();
  // The foundation's feed checkpoints were numbers of another feed.
  await tx.table('meta').where('key').startsWith('changes:').delete();
  for (const draft of drafts) {
    const { records, head, batch } = draftToRecords(draft);
    await tx.table('records').bulkPut(records);
    await tx.table('heads').put(head);
    if (batch) await tx.table('outbox').put(batch);
  }
}

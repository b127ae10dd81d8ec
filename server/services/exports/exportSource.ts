/**
 * What every derived-object export of one item (SEG, SR) starts from: whose document it is and
 * whether the caller may see it, its records of the questions exported, and the source series'
 * header the object copies its patient and study from.
 */
import type { Kysely } from 'kysely';
import type { User } from '../../../src/core/api';
import type { AnnotationRecord, RecordType } from '../../../src/core/annotation';
import { readSourceHeader, type SourceHeader } from '../../../src/core/exchange/seg/segSource';
import type { Item, SeriesItem } from '../../../src/core/item';
import type { LabelSet, Question } from '../../../src/core/labelSet';
import { readWholeBlob, type BlobStore } from '../../blobs/blobStore';
import type { Database } from '../../db/schema';
import { badRequest, conflict, forbidden, notFound } from '../../http/errors';
import { ADJUDICATE_ROLES, hasRole, seesReaderWork } from '../../http/rolePolicy';
import { adjudicatedItem, hasCompleteConsensus, itemAdjudication, type ItemAdjudication } from '../consensus/itemConsensus';

/** Whose records: the caller's own, another reader's (by user id), or the item's consensus. */
export type ExportDocument = { readonly kind: 'reader'; readonly annotatorId: string } | { readonly kind: 'consensus' };

export interface ExportRequest {
  readonly user: User;
  readonly item: Item;
  /** Whether the caller reads this item themself (blinding). */
  readonly readsItem: boolean;
  readonly labelSet: LabelSet;
  /** The item's dataset: the reading programme whoever verifies a document answers to (an SR's Verifying Organization). */
  readonly datasetName: string;
  /** A region question's id; absent: the label set's only region question. */
  readonly questionId: string | undefined;
  readonly document: ExportDocument;
}

/** The item's series, or 400: only a CT or MR series has a derived DICOM object. */
export function seriesOf(item: Item, what: string): SeriesItem {
  if (item.content.kind !== 'series') throw badRequest(`only a CT or MR series has a ${what}`);
  return item.content;
}

export function regionQuestion(labelSet: LabelSet, questionId: string | undefined): Question {
  const regions = labelSet.questions.filter((q) => q.target === 'region');
  if (questionId !== undefined) {
    const question = regions.find((q) => q.id === questionId);
    if (!question) throw badRequest(`"${questionId}" is not a region question of label set ${labelSet.id}`);
    return question;
  }
  if (regions.length !== 1) throw badRequest(`label set ${labelSet.id} has ${regions.length} region questions: name one with ?question=`);
  return regions[0]!;
}

/** A document's records of the questions exported. */
export interface DocumentRecords {
  readonly records: AnnotationRecord[];
  /** The consensus's adjudication (its readers and the lead's decisions); null for a reader's document. */
  readonly adjudication: ItemAdjudication | null;
}

/** The records of `types` answering `questionIds` in the requested document, after its access checks. */
export async function documentRecords(
  db: Kysely<Database>,
  request: ExportRequest,
  types: readonly RecordType[],
  questionIds: readonly string[],
): Promise<DocumentRecords> {
  const { item, user, document } = request;
  if (document.kind === 'consensus') {
    if (request.readsItem || !hasRole(user, ADJUDICATE_ROLES)) throw forbidden("the consensus is for the item's WG lead, not its readers");
    const adjudication = await itemAdjudication(db, await adjudicatedItem(db, item.id));
    if (!hasCompleteConsensus(adjudication)) throw conflict('no_consensus', 'this item has no complete consensus yet: every difference between its readers must be settled first');
    const records = adjudication.consensus.records.map((entry) => entry.record).filter((r) => types.includes(r.type) && questionIds.includes(r.questionId));
    return { records, adjudication };
  }
  if (!seesReaderWork(user, document.annotatorId, request.readsItem)) {
    throw forbidden(request.readsItem ? "you read this item yourself, so its other readers' work stays hidden from you" : "only reviewers, WG leads and admins export another reader's work");
  }
  if (types.length === 0 || questionIds.length === 0) return { records: [], adjudication: null };
  const rows = await db
    .selectFrom('annotation_records')
    .select('body')
    .where('item_id', '=', item.id)
    .where('annotator_id', '=', document.annotatorId)
    .where('question_id', 'in', questionIds)
    .where('type', 'in', types)
    .where('deleted', '=', 0)
    .execute();
  return { records: rows.map((row) => JSON.parse(row.body ?? 'null') as AnnotationRecord), adjudication: null };
}

/**
 * Whose document it is, as a derived object's Series Description says it: the reader's login name
 * or "consensus", the same whoever exports it (the same state must make the same object).
 */
export async function documentAuthor(db: Kysely<Database>, document: ExportDocument): Promise<string> {
  if (document.kind === 'consensus') return 'consensus';
  const row = await db.selectFrom('users').select('username').where('id', '=', document.annotatorId).executeTakeFirst();
  if (!row) throw notFound(`no user ${document.annotatorId}`);
  return row.username;
}

/** The whole bytes of one of the item's files. */
export async function itemFileBytes(db: Kysely<Database>, blobs: BlobStore, itemId: string, fileId: string): Promise<Buffer> {
  const file = await db.selectFrom('item_files').select('sha256').where('id', '=', fileId).where('item_id', '=', itemId).executeTakeFirst();
  if (!file) throw notFound(`file ${fileId} of item ${itemId} is missing`);
  return readWholeBlob(blobs, file.sha256);
}

/** The patient, study and frame of reference a derived object copies, from the series' first slice. */
export async function seriesSourceHeader(db: Kysely<Database>, blobs: BlobStore, itemId: string, series: SeriesItem): Promise<SourceHeader> {
  const first = series.slices[0];
  if (!first) throw badRequest('the series has no slices');
  return readSourceHeader(await itemFileBytes(db, blobs, itemId, first.fileId));
}

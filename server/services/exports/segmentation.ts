/**
 * The DICOM SEG of one item's masks: a reader's document (their own, or any reader's for those who
 * oversee the item without reading it) or the item's complete consensus, for one region question.
 */
import type { Kysely } from 'kysely';
import type { User } from '../../../src/core/api';
import type { Mask } from '../../../src/core/annotation';
import { exportSegmentation, type SegExport } from '../../../src/core/exchange/seg/segExport';
import { readSourceHeader } from '../../../src/core/exchange/seg/segSource';
import { newDicomUid } from '../../../src/core/exchange/seg/dicomUid';
import type { Item } from '../../../src/core/item';
import type { LabelSet, Question } from '../../../src/core/labelSet';
import { readWholeBlob, type BlobStore } from '../../blobs/blobStore';
import type { Database } from '../../db/schema';
import { badRequest, conflict, forbidden, notFound } from '../../http/errors';
import { ADJUDICATE_ROLES, hasRole, seesReaderWork } from '../../http/rolePolicy';
import { adjudicatedItem, hasCompleteConsensus, itemAdjudication } from '../consensus/itemConsensus';

/** Whose masks: the caller's own, another reader's (by user id), or the item's consensus. */
export type SegSourceDocument = { readonly kind: 'reader'; readonly annotatorId: string } | { readonly kind: 'consensus' };

export interface SegRequest {
  readonly user: User;
  readonly item: Item;
  /** Whether the caller reads this item themself (blinding). */
  readonly readsItem: boolean;
  readonly labelSet: LabelSet;
  /** A region question's id; absent: the label set's only region question. */
  readonly questionId: string | undefined;
  readonly document: SegSourceDocument;
}

function regionQuestion(labelSet: LabelSet, questionId: string | undefined): Question {
  const regions = labelSet.questions.filter((q) => q.target === 'region');
  if (questionId !== undefined) {
    const question = regions.find((q) => q.id === questionId);
    if (!question) throw badRequest(`"${questionId}" is not a region question of label set ${labelSet.id}`);
    return question;
  }
  if (regions.length !== 1) throw badRequest(`label set ${labelSet.id} has ${regions.length} region questions: name one with ?question=`);
  return regions[0]!;
}

async function readerMasks(db: Kysely<Database>, itemId: string, annotatorId: string, questionId: string): Promise<Mask[]> {
  const rows = await db
    .selectFrom('annotation_records')
    .select('body')
    .where('item_id', '=', itemId)
    .where('annotator_id', '=', annotatorId)
    .where('question_id', '=', questionId)
    .where('type', '=', 'mask')
    .where('deleted', '=', 0)
    .execute();
  return rows.map((row) => JSON.parse(row.body ?? 'null') as Mask);
}

async function consensusMasks(db: Kysely<Database>, itemId: string, questionId: string): Promise<Mask[]> {
  const adjudication = await itemAdjudication(db, await adjudicatedItem(db, itemId));
  if (!hasCompleteConsensus(adjudication)) throw conflict('no_consensus', 'this item has no complete consensus yet: every difference between its readers must be settled first');
  return adjudication.consensus.records.map((entry) => entry.record).filter((r): r is Mask => r.type === 'mask' && r.questionId === questionId);
}

export async function segmentationOf(db: Kysely<Database>, blobs: BlobStore, request: SegRequest, now: Date): Promise<SegExport> {
  const { item, user, document } = request;
  const content = item.content;
  if (content.kind !== 'series') throw badRequest('only a CT or MR series has a DICOM SEG');
  const question = regionQuestion(request.labelSet, request.questionId);
  let masks: Mask[];
  if (document.kind === 'consensus') {
    if (request.readsItem || !hasRole(user, ADJUDICATE_ROLES)) throw forbidden("the consensus is for the item's WG lead, not its readers");
    masks = await consensusMasks(db, item.id, question.id);
  } else {
    if (!seesReaderWork(user, document.annotatorId, request.readsItem)) {
      throw forbidden(request.readsItem ? "you read this item yourself, so its other readers' work stays hidden from you" : "only reviewers, WG leads and admins export another reader's work");
    }
    masks = await readerMasks(db, item.id, document.annotatorId, question.id);
  }
  const first = content.slices[0];
  if (!first) throw badRequest('the series has no slices');
  const file = await db.selectFrom('item_files').select('sha256').where('id', '=', first.fileId).where('item_id', '=', item.id).executeTakeFirst();
  if (!file) throw notFound(`the first slice's file of item ${item.id} is missing`);
  const source = readSourceHeader(await readWholeBlob(blobs, file.sha256));
  const who = document.kind === 'consensus' ? 'consensus' : document.annotatorId === user.id ? 'own reading' : 'reader';
  const result = exportSegmentation({
    series: content,
    source,
    question,
    masks,
    seriesDescription: `Mejirushi ${question.name.en} (${who})`.slice(0, 64),
    now,
    newUid: newDicomUid,
  });
  if (!result.ok) throw conflict('nothing_to_export', result.errors.join('; '));
  return result.value;
}

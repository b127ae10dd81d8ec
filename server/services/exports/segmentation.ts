/**
 * The DICOM SEG of one item's masks: a reader's document (their own, or any reader's for those who
 * oversee the item without reading it) or the item's complete consensus, for one region question.
 * The same masks always make the same instance: its UIDs are named by what it holds and its dates
 * are those of its newest mask, so the SEG downloaded twice, by anyone, is one object, and the SR
 * of the same document names it without being handed its UIDs.
 */
import type { Kysely } from 'kysely';
import type { Mask } from '../../../src/core/annotation';
import { exportSegmentation, SEG_WRITER_VERSION, type SegExport } from '../../../src/core/exchange/seg/segExport';
import type { SourceHeader } from '../../../src/core/exchange/seg/segSource';
import type { SeriesItem } from '../../../src/core/item';
import type { Question } from '../../../src/core/labelSet';
import type { Result } from '../../../src/core/result';
import type { BlobStore } from '../../blobs/blobStore';
import type { Database } from '../../db/schema';
import { conflict } from '../../http/errors';
import { nameBasedUids } from './derivedUids';
import { documentAuthor, documentRecords, regionQuestion, seriesOf, seriesSourceHeader, type ExportRequest } from './exportSource';

/** What a SEG is made of, beyond the source series it copies. */
export interface SegContent {
  readonly series: SeriesItem;
  readonly source: SourceHeader;
  readonly question: Question;
  /** The document's masks (of any question: others are left out). */
  readonly masks: readonly Mask[];
  /** The document's author as `documentAuthor` names them. */
  readonly author: string;
  /** When the export was asked for: the dates of a SEG without masks (which is refused anyway). */
  readonly now: Date;
}

/** The SEG of `content` in `request`'s document, its UIDs and dates following from the masks. */
export function segmentationOfMasks(request: ExportRequest, content: SegContent): Result<SegExport> {
  const { series, source, question, author } = content;
  const masks = content.masks.filter((m) => m.questionId === question.id).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  // Compared as instants: ISO strings with and without milliseconds do not sort as text.
  const newest = masks.reduce<number | null>((at, m) => Math.max(at ?? -Infinity, Date.parse(m.provenance.updatedAt)), null);
  const seriesDescription = `Mejirushi ${question.name.en} (${author})`.slice(0, 64);
  // Everything the SEG holds besides the source series' header, which the item fixes.
  const name = JSON.stringify({
    writer: SEG_WRITER_VERSION,
    item: request.item.id,
    series: series.seriesInstanceUid,
    document: request.document.kind === 'consensus' ? 'consensus' : request.document.annotatorId,
    labelSet: `${request.labelSet.id}@${request.labelSet.version}`,
    question: question.id,
    seriesDescription,
    masks: masks.map((m) => [m.id, m.targetId, m.classCode, m.width, m.height, m.runs, m.provenance.updatedAt]),
  });
  return exportSegmentation({
    series,
    source,
    question,
    masks,
    seriesDescription,
    now: newest === null ? content.now : new Date(newest),
    newUid: nameBasedUids(name),
  });
}

export async function segmentationOf(db: Kysely<Database>, blobs: BlobStore, request: ExportRequest, now: Date): Promise<SegExport> {
  const series = seriesOf(request.item, 'DICOM SEG');
  const question = regionQuestion(request.labelSet, request.questionId);
  const { records } = await documentRecords(db, request, ['mask'], [question.id]);
  const result = segmentationOfMasks(request, {
    series,
    source: await seriesSourceHeader(db, blobs, request.item.id, series),
    question,
    masks: records.filter((r): r is Mask => r.type === 'mask'),
    author: await documentAuthor(db, request.document),
    now,
  });
  if (!result.ok) throw conflict('nothing_to_export', result.errors.join('; '));
  return result.value;
}

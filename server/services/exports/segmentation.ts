/**
 * The DICOM SEG of one item's masks: a reader's document (their own, or any reader's for those who
 * oversee the item without reading it) or the item's complete consensus, for one region question.
 */
import type { Kysely } from 'kysely';
import type { Mask } from '../../../src/core/annotation';
import { exportSegmentation, type SegExport } from '../../../src/core/exchange/seg/segExport';
import { newDicomUid } from '../../../src/core/exchange/seg/dicomUid';
import type { BlobStore } from '../../blobs/blobStore';
import type { Database } from '../../db/schema';
import { conflict } from '../../http/errors';
import { documentRecords, regionQuestion, seriesOf, seriesSourceHeader, type ExportRequest } from './exportSource';

export async function segmentationOf(db: Kysely<Database>, blobs: BlobStore, request: ExportRequest, now: Date): Promise<SegExport> {
  const { item, user, document } = request;
  const series = seriesOf(item, 'DICOM SEG');
  const question = regionQuestion(request.labelSet, request.questionId);
  const masks = (await documentRecords(db, request, ['mask'], [question.id])).filter((r): r is Mask => r.type === 'mask');
  const source = await seriesSourceHeader(db, blobs, item.id, series);
  const who = document.kind === 'consensus' ? 'consensus' : document.annotatorId === user.id ? 'own reading' : 'reader';
  const result = exportSegmentation({
    series,
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

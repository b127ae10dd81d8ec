/**
 * The DICOM SR (TID 1500 measurement report) of one reader's reading of a series: the slices they
 * labelled with a coded finding, and the volume and mean HU of each segment they drew, with the
 * reader and the reviewer who approved the reading as observers. One reader's reading only: a
 * consensus has several readers and an adjudicator, which TID 1500's observer context does not say.
 */
import type { Kysely } from 'kysely';
import type { Mask, TargetLabel } from '../../../src/core/annotation';
import { newDicomUid } from '../../../src/core/exchange/seg/dicomUid';
import { readDicomFile } from '../../../src/core/exchange/seg/dicomFile';
import { nativeHu } from '../../../src/core/exchange/sr/nativeHu';
import { segmentFigures } from '../../../src/core/exchange/sr/segmentFigures';
import { sliceFindings } from '../../../src/core/exchange/sr/sliceFindings';
import { exportStructuredReport, type SrExport, type SrObserver } from '../../../src/core/exchange/sr/srExport';
import type { SeriesItem } from '../../../src/core/item';
import { decodeRuns } from '../../../src/core/mask';
import { voxelSizeOf } from '../../../src/core/masks/volumeStats';
import type { BlobStore } from '../../blobs/blobStore';
import type { Database } from '../../db/schema';
import { badRequest, conflict, notFound } from '../../http/errors';
import { documentRecords, itemFileBytes, regionQuestion, seriesOf, seriesSourceHeader, type ExportRequest } from './exportSource';

export interface SrRequest extends ExportRequest {
  /** The SEG of the same masks (its SOP Instance and Series Instance UIDs), when the caller has written one. */
  readonly segmentation: { readonly sopInstanceUid: string; readonly seriesInstanceUid: string } | null;
}

async function observerOf(db: Kysely<Database>, userId: string): Promise<SrObserver> {
  const row = await db.selectFrom('users').select(['username', 'display_name']).where('id', '=', userId).executeTakeFirst();
  if (!row) throw notFound(`no user ${userId}`);
  return { name: row.display_name, loginName: row.username };
}

/**
 * Who approved the reader's document, when it stands approved: the author of the latest review
 * decision on it (workflow.ts audits each as `item.approve` / `item.return` on the assignment).
 */
async function approvingReviewer(db: Kysely<Database>, itemId: string, annotatorId: string, state: string | undefined): Promise<string | null> {
  if (state !== 'approved') return null;
  const latest = await db
    .selectFrom('audit_log')
    .select(['user_id', 'action'])
    .where('entity', '=', 'assignment')
    .where('entity_id', '=', `${itemId}/${annotatorId}`)
    .where('action', 'in', ['item.approve', 'item.return'])
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  return latest?.action === 'item.approve' ? latest.user_id : null;
}

/** HU of each slice under a non-empty mask, read from its file; null where its pixels are not native. */
async function sliceHu(db: Kysely<Database>, blobs: BlobStore, itemId: string, series: SeriesItem, masks: readonly Mask[]): Promise<Map<string, Float32Array | null>> {
  const needed = new Set(masks.filter((m) => decodeRuns(m.runs, m.width * m.height).includes(1)).map((m) => m.targetId));
  const hu = new Map<string, Float32Array | null>();
  const files = new Map<string, ReturnType<typeof readDicomFile>>();
  for (const slice of series.slices) {
    if (!needed.has(slice.targetId)) continue;
    const file = files.get(slice.fileId) ?? readDicomFile(await itemFileBytes(db, blobs, itemId, slice.fileId));
    files.set(slice.fileId, file);
    hu.set(slice.targetId, nativeHu(file.dataSet, file.transferSyntaxUid, slice.frame ?? 1));
  }
  return hu;
}

export async function structuredReportOf(db: Kysely<Database>, blobs: BlobStore, request: SrRequest, now: Date): Promise<SrExport> {
  const { item, user, document, labelSet } = request;
  const series = seriesOf(item, 'DICOM SR');
  if (document.kind === 'consensus') throw badRequest("an SR reports one reader's reading: name the reader with ?reader=");
  const sliceQuestions = labelSet.questions.filter((q) => q.target === 'slice');
  const hasRegions = labelSet.questions.some((q) => q.target === 'region');
  const region = request.questionId !== undefined || hasRegions ? regionQuestion(labelSet, request.questionId) : null;
  const records = await documentRecords(db, request, ['label', 'mask'], [...sliceQuestions, ...(region ? [region] : [])].map((q) => q.id));
  const labels = records.filter((r): r is TargetLabel => r.type === 'label');
  const masks = records.filter((r): r is Mask => r.type === 'mask');
  const voxel = voxelSizeOf(series);
  if (region && masks.length > 0 && !voxel) throw conflict('nothing_to_export', 'the series has no complete geometry (pixel spacing and slice positions): segment volumes could not be measured');
  const hu = region && voxel ? await sliceHu(db, blobs, item.id, series, masks) : new Map<string, Float32Array | null>();
  const segments = region && voxel ? segmentFigures(region, masks, voxel, (targetId) => hu.get(targetId) ?? null) : [];
  const assignment = await db.selectFrom('assignments').select('state').where('item_id', '=', item.id).where('user_id', '=', document.annotatorId).executeTakeFirst();
  const reviewerId = await approvingReviewer(db, item.id, document.annotatorId, assignment?.state);
  const result = exportStructuredReport({
    series,
    source: await seriesSourceHeader(db, blobs, item.id, series),
    findings: sliceFindings(series, sliceQuestions, labels),
    segments,
    segmentation: request.segmentation,
    reader: await observerOf(db, document.annotatorId),
    reviewer: reviewerId ? await observerOf(db, reviewerId) : null,
    complete: assignment?.state === 'submitted' || assignment?.state === 'approved',
    seriesDescription: `Mejirushi measurement report (${document.annotatorId === user.id ? 'own reading' : 'reader'})`.slice(0, 64),
    now,
    newUid: newDicomUid,
  });
  if (!result.ok) throw conflict('nothing_to_export', result.errors.join('; '));
  return result.value;
}

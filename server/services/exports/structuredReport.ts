/**
 * The DICOM SR (TID 1500 measurement report) of one reading of a series, or of its readers'
 * complete consensus: the slices labelled with a coded finding, and the volume and mean HU of each
 * segment drawn, each segment named in the SEG of the same masks (the very instance the SEG export
 * writes: its UIDs follow from the masks; the SR's own UIDs and dates follow from what it holds). Observers: the reader (every reader of a consensus)
 * performing, and whoever verified it (verification.ts) verifying; VERIFIED only then.
 */
import type { Kysely } from 'kysely';
import type { Mask, TargetLabel } from '../../../src/core/annotation';
import { readDicomFile } from '../../../src/core/exchange/seg/dicomFile';
import { nativeHu } from '../../../src/core/exchange/sr/nativeHu';
import { segmentFigures } from '../../../src/core/exchange/sr/segmentFigures';
import { sliceFindings } from '../../../src/core/exchange/sr/sliceFindings';
import { exportStructuredReport, type SrExport, type SrObserver, type SrVerifier } from '../../../src/core/exchange/sr/srExport';
import type { SeriesItem } from '../../../src/core/item';
import { decodeRuns } from '../../../src/core/mask';
import { voxelSizeOf } from '../../../src/core/masks/volumeStats';
import type { BlobStore } from '../../blobs/blobStore';
import type { Database } from '../../db/schema';
import { conflict, notFound } from '../../http/errors';
import type { ItemAdjudication } from '../consensus/itemConsensus';
import { documentAuthor, documentRecords, itemFileBytes, regionQuestion, seriesOf, seriesSourceHeader, type ExportDocument, type ExportRequest } from './exportSource';
import { nameBasedUids } from './derivedUids';
import { segmentationOfMasks } from './segmentation';
import { consensusVerification, readingApproval, type Verification } from './verification';

/** Names the writer in an SR's UID names: a changed writer writes new instances, never new bytes under old UIDs. */
const SR_WRITER_VERSION = 'mejirushi-sr-1';

async function observerOf(db: Kysely<Database>, userId: string): Promise<SrObserver> {
  const row = await db.selectFrom('users').select(['username', 'display_name']).where('id', '=', userId).executeTakeFirst();
  if (!row) throw notFound(`no user ${userId}`);
  return { name: row.display_name, loginName: row.username };
}

async function verifierOf(db: Kysely<Database>, verification: Verification): Promise<SrVerifier> {
  return { ...(await observerOf(db, verification.userId)), at: new Date(verification.at) };
}

/** Who performed and who verified the document, and whether it is handed in (Completion Flag). */
interface Observed {
  readonly readerIds: readonly string[];
  readonly verifications: readonly Verification[];
  readonly complete: boolean;
}

async function observed(db: Kysely<Database>, itemId: string, document: ExportDocument, adjudication: ItemAdjudication | null): Promise<Observed> {
  // A consensus is complete (documentRecords refuses any other) and made from every handed-in reading.
  if (adjudication) {
    const readerIds = adjudication.work.map((w) => w.readerId);
    return { readerIds, verifications: await consensusVerification(db, itemId, readerIds, adjudication.decisions), complete: true };
  }
  if (document.kind === 'consensus') throw new Error('a consensus is read with its adjudication');
  const assignment = await db.selectFrom('assignments').select('state').where('item_id', '=', itemId).where('user_id', '=', document.annotatorId).executeTakeFirst();
  const approval = await readingApproval(db, itemId, document.annotatorId);
  return { readerIds: [document.annotatorId], verifications: approval ? [approval] : [], complete: assignment?.state === 'submitted' || assignment?.state === 'approved' };
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

export async function structuredReportOf(db: Kysely<Database>, blobs: BlobStore, request: ExportRequest, now: Date): Promise<SrExport> {
  const { item, document, labelSet } = request;
  const series = seriesOf(item, 'DICOM SR');
  const sliceQuestions = labelSet.questions.filter((q) => q.target === 'slice');
  const hasRegions = labelSet.questions.some((q) => q.target === 'region');
  const region = request.questionId !== undefined || hasRegions ? regionQuestion(labelSet, request.questionId) : null;
  const { records, adjudication } = await documentRecords(db, request, ['label', 'mask'], [...sliceQuestions, ...(region ? [region] : [])].map((q) => q.id));
  const labels = records.filter((r): r is TargetLabel => r.type === 'label');
  const masks = records.filter((r): r is Mask => r.type === 'mask');
  const voxel = voxelSizeOf(series);
  if (region && masks.length > 0 && !voxel) throw conflict('nothing_to_export', 'the series has no complete geometry (pixel spacing and slice positions): segment volumes could not be measured');
  const hu = region && voxel ? await sliceHu(db, blobs, item.id, series, masks) : new Map<string, Float32Array | null>();
  const segments = region && voxel ? segmentFigures(region, masks, voxel, (targetId) => hu.get(targetId) ?? null) : [];
  const source = await seriesSourceHeader(db, blobs, item.id, series);
  const author = await documentAuthor(db, document);
  // The SEG the SEG export writes of the same masks; where none can be written, the source series stands in.
  const seg = region && segments.length > 0 ? segmentationOfMasks(request, { series, source, question: region, masks, author, now }) : null;

  const { readerIds, verifications, complete } = await observed(db, item.id, document, adjudication);
  // Everything the SR holds, so that its UIDs follow from it (derivedUids.ts): the same document pushed to a PACS twice is one instance.
  const content = {
    series,
    source,
    findings: sliceFindings(series, sliceQuestions, labels),
    segments,
    segmentation: seg?.ok ? { sopInstanceUid: seg.value.sopInstanceUid, seriesInstanceUid: seg.value.seriesInstanceUid } : null,
    readers: await Promise.all(readerIds.map((id) => observerOf(db, id))),
    verifiers: await Promise.all(verifications.map((v) => verifierOf(db, v))),
    organization: request.datasetName,
    complete,
    seriesDescription: `Mejirushi measurement report (${author})`.slice(0, 64),
  };
  // Dated by its newest record or verification, as the SEG is; without either, by the request, and then named by it too.
  const instants = [...records.map((r) => Date.parse(r.provenance.updatedAt)), ...verifications.map((v) => Date.parse(v.at))];
  const dated = instants.length > 0 ? new Date(Math.max(...instants)) : now;
  const name = JSON.stringify({ writer: SR_WRITER_VERSION, item: item.id, labelSet: `${labelSet.id}@${labelSet.version}`, at: dated.toISOString(), ...content });
  const result = exportStructuredReport({ ...content, now: dated, newUid: nameBasedUids(name) });
  if (!result.ok) throw conflict('nothing_to_export', result.errors.join('; '));
  if (seg && !seg.ok) return { ...result.value, warnings: [...result.value.warnings, `the segments name the source series, not a SEG: ${seg.errors.join('; ')}`] };
  return result.value;
}

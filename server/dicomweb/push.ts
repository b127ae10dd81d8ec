/**
 * Pushes a dataset's derived objects (each item's DICOM SEG and SR, the very bytes the export
 * routes give) to a DICOMweb server (a PACS) by STOW-RS, one page of items per call: the caller
 * asks again after the page's `next`, so no answer waits on the whole dataset and nothing is held
 * between calls (the password least of all). The objects' UIDs follow from what they hold
 * (services/exports/derivedUids.ts), so an object the PACS already has is found by a QIDO-RS of its
 * SOP Instance UID and not sent again: a rerun after a refusal or a dropped connection sends only
 * what is missing, and the PACS keeps one copy.
 */
import type { DicomwebPushAnswer, DicomwebPushRequest, PushedObject, PushOutcome, PushProgress, User } from '../../src/core/api';
import type { DerivedObject } from '../../src/core/exchange/seg/dicomAttributes';
import type { AppContext } from '../http/context';
import { badRequest, HttpError } from '../http/errors';
import { exportRequestOf } from '../services/exports/exportRequestOf';
import type { ExportRequest } from '../services/exports/exportSource';
import { segmentationOf } from '../services/exports/segmentation';
import { structuredReportOf } from '../services/exports/structuredReport';
import { multipartBody, multipartContentType, newBoundary } from './multipart';
import { pacsFailure, pacsHeaders } from './pacsQuery';
import { serviceRoot } from './pull';
import { readStoreAnswer } from './storeAnswer';

/** Items one call pushes: each may cost a SEG, an SR and four requests to the PACS. */
export const PUSH_PAGE_ITEMS = 20;

type PushContext = Pick<AppContext, 'db' | 'blobs' | 'labelSets' | 'now'>;

/** A written object on its way to the PACS. */
interface Written {
  readonly sopInstanceUid: string;
  readonly bytes: Uint8Array;
}

const writers: Readonly<Record<PushedObject, (ctx: PushContext, request: ExportRequest) => Promise<DerivedObject & { readonly sopInstanceUid: string }>>> = {
  seg: (ctx, request) => segmentationOf(ctx.db, ctx.blobs, request, ctx.now()),
  sr: (ctx, request) => structuredReportOf(ctx.db, ctx.blobs, request, ctx.now()),
};

/** Refusals that only say an item has nothing of this kind yet: skipped when every item is pushed, reported when the item was named. */
const NOTHING_YET = new Set(['nothing_to_export', 'no_consensus']);

export async function pushToPacs(ctx: PushContext, admin: User, datasetId: string, request: DicomwebPushRequest): Promise<DicomwebPushAnswer> {
  const base = serviceRoot(request.baseUrl);
  const headers = pacsHeaders(request);
  const objects = (['seg', 'sr'] as const).filter((object) => request.objects.includes(object));
  const named = request.itemIds !== undefined;
  const page = await itemPage(ctx, datasetId, request.itemIds, request.after);
  const outcomes: PushOutcome[] = [];
  for (const itemId of page) {
    const exportOf = await exportRequestOf(ctx, admin, itemId, { reader: request.reader, question: request.question });
    for (const object of objects) {
      let written: Written;
      try {
        written = await writers[object](ctx, exportOf);
      } catch (error) {
        if (!(error instanceof HttpError) || error.statusCode >= 500) throw error;
        if (!named && (NOTHING_YET.has(error.code) || error.message.startsWith('only a CT or MR series'))) continue;
        outcomes.push({ itemId, object, sopInstanceUid: null, status: 'refused', reason: error.message });
        continue;
      }
      outcomes.push({ itemId, object, sopInstanceUid: written.sopInstanceUid, ...(await sendToPacs(base, headers, written)) });
    }
  }
  const next = page.length === PUSH_PAGE_ITEMS ? (page[page.length - 1] ?? null) : null;
  return { outcomes, next, items: await itemsGoneThrough(ctx, datasetId, request.itemIds, next) };
}

/** The push's items (the dataset's, or those named) and how many of them lie up to `next` (all when it is null): the form's "12 of 43 items". */
async function itemsGoneThrough(ctx: PushContext, datasetId: string, itemIds: readonly string[] | undefined, next: string | null): Promise<PushProgress> {
  if (itemIds !== undefined && itemIds.length === 0) return { done: 0, total: 0 };
  const row = await ctx.db
    .selectFrom('items')
    .select((eb) => [eb.fn.countAll<number | string>().as('total'), eb.fn.countAll<number | string>().filterWhere('id', '<=', next ?? '').as('done')])
    .where('dataset_id', '=', datasetId)
    .$if(itemIds !== undefined, (q) => q.where('id', 'in', itemIds ?? []))
    .executeTakeFirstOrThrow();
  // PostgreSQL answers counts as strings.
  const total = Number(row.total);
  return { done: next === null ? total : Number(row.done), total };
}

/** The page's item ids in id order; 400 when a named item is not of the dataset. */
async function itemPage(ctx: PushContext, datasetId: string, itemIds: readonly string[] | undefined, after: string | undefined): Promise<string[]> {
  if (itemIds !== undefined && itemIds.length > 0) {
    const known = await ctx.db.selectFrom('items').select('id').where('dataset_id', '=', datasetId).where('id', 'in', itemIds).execute();
    const missing = itemIds.filter((id) => !known.some((row) => row.id === id));
    if (missing.length > 0) throw badRequest(`not items of dataset ${datasetId}: ${missing.join(', ')}`);
  }
  if (itemIds !== undefined && itemIds.length === 0) return [];
  const rows = await ctx.db
    .selectFrom('items')
    .select('id')
    .where('dataset_id', '=', datasetId)
    .$if(itemIds !== undefined, (q) => q.where('id', 'in', itemIds ?? []))
    .$if(after !== undefined, (q) => q.where('id', '>', after ?? ''))
    .orderBy('id')
    .limit(PUSH_PAGE_ITEMS)
    .execute();
  return rows.map((row) => row.id);
}

type Sent = { readonly status: 'stored' | 'alreadyThere' } | { readonly status: 'refused'; readonly reason: string };

/** One object to the PACS, unless a QIDO-RS finds it there already; every failure is a refusal of this object only. */
async function sendToPacs(base: string, headers: Record<string, string>, written: Written): Promise<Sent> {
  if (await isStored(base, headers, written.sopInstanceUid)) return { status: 'alreadyThere' };
  const boundary = newBoundary();
  try {
    const body = Buffer.concat(await multipartBody(boundary, [{ contentType: 'application/dicom', body: () => [written.bytes] }]).toArray());
    const response = await fetch(`${base}/studies`, {
      method: 'POST',
      headers: { ...headers, 'content-type': multipartContentType(boundary, 'application/dicom'), accept: 'application/dicom+json' },
      body,
    });
    const text = await response.text();
    // 409 (every instance refused) and 202 (some) carry a store response naming the refusal; other failures only a status.
    if (!response.ok && response.status !== 409) return { status: 'refused', reason: `the PACS answered ${response.status} ${response.statusText} to the store` };
    const answer = readStoreAnswer(text === '' ? {} : JSON.parse(text));
    const failure = answer.failed.get(written.sopInstanceUid);
    if (failure !== undefined) return { status: 'refused', reason: failure };
    if (answer.referenced.has(written.sopInstanceUid)) return { status: 'stored' };
    return { status: 'refused', reason: `the PACS answered ${response.status} to the store without naming the instance` };
  } catch (error) {
    return { status: 'refused', reason: pacsFailure(error, 'the store') };
  }
}

/** Whether the PACS lists the instance (QIDO-RS); false when it cannot say, and the store is tried. */
async function isStored(base: string, headers: Record<string, string>, sopInstanceUid: string): Promise<boolean> {
  try {
    const response = await fetch(`${base}/instances?SOPInstanceUID=${encodeURIComponent(sopInstanceUid)}&includefield=00080018`, { headers: { ...headers, accept: 'application/dicom+json' } });
    if (response.status !== 200) {
      await response.body?.cancel();
      return false;
    }
    const found = (await response.json()) as unknown;
    return Array.isArray(found) && found.length > 0;
  } catch {
    return false;
  }
}

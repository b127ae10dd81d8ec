/**
 * A series' thumbnail: its middle slice (in patient order) rendered small through the WADO-RS
 * rendered path (modality LUT, the file's own window, JPEG). Rendered here rather than in the
 * browser, whose loader would have to fetch and decode a whole slice of every other series
 * (≈ 0.5 MB each for 512² CT) to draw a picture of a few KB.
 */
import type { Kysely } from 'kysely';
import type { SeriesItem, SliceRef } from '../../src/core/item';
import { readWholeBlob, type BlobStore } from '../blobs/blobStore';
import { decodeFrames, type DecodedFrame } from '../dicom/decode/pixels';
import type { Database, ItemRow } from '../db/schema';
import { greyscaleHeader, renderFrame } from '../dicomweb/rendered';

/** Longest side of a thumbnail, px: the study panel shows it at half that on a 2× screen. */
export const THUMBNAIL_PX = 128;

/** The slice a series is shown by: its middle one. */
export function middleSlice(series: SeriesItem): SliceRef | null {
  return series.slices[Math.floor(series.slices.length / 2)] ?? null;
}

/** The stored file a series' thumbnail is drawn from (its hash is the thumbnail's ETag); null when it has none. */
export async function thumbnailSource(db: Kysely<Database>, item: ItemRow): Promise<{ readonly slice: SliceRef; readonly sha256: string } | null> {
  if (item.kind !== 'series') return null;
  const slice = middleSlice(JSON.parse(item.content) as SeriesItem);
  if (!slice) return null;
  const file = await db.selectFrom('item_files').select('sha256').where('id', '=', slice.fileId).where('item_id', '=', item.id).executeTakeFirst();
  return file ? { slice, sha256: file.sha256 } : null;
}

export async function renderThumbnail(blobs: BlobStore, source: { readonly slice: SliceRef; readonly sha256: string }): Promise<Buffer> {
  const file = await readWholeBlob(blobs, source.sha256);
  const { dataSet, frames } = await decodeFrames(file, [source.slice.frame ?? 1]);
  return renderFrame(frames[0] as DecodedFrame, greyscaleHeader(dataSet), { type: 'image/jpeg', window: null, quality: 80, viewport: { width: THUMBNAIL_PX, height: THUMBNAIL_PX } });
}

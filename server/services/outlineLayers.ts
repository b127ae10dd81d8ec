/**
 * Read-only outline layers of an item: stored once as a blob in the binary form of
 * `encodeOutlineLayer`, named by a row of `outline_layers`. A layer is never replaced, so its
 * bytes can be cached by clients for good.
 */
import { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { OutlineLayerSummary } from '../../src/core/api';
import { encodeOutlineLayer, type OutlineLayer } from '../../src/core/outlineLayer';
import type { BlobStore } from '../blobs/blobStore';
import { toNumber } from '../db/dialect';
import { LAYER_ID_PATTERN } from '../http/schemas';
import type { Database } from '../db/schema';
import { recordBlob } from './blobs';

export interface StoredOutlineLayer extends OutlineLayerSummary {
  readonly sha256: string;
}

/**
 * Stores `layer` for the item. Storing the same layer again is a no-op; another layer under an
 * id the item already has is refused (clients cache layers by id).
 */
export async function storeOutlineLayer(db: Kysely<Database>, blobs: BlobStore, itemId: string, layer: OutlineLayer, at: string): Promise<StoredOutlineLayer> {
  if (!new RegExp(LAYER_ID_PATTERN).test(layer.id)) throw new Error(`outline layer id "${layer.id}" must be lower-case letters, digits and dashes`);
  const bytes = encodeOutlineLayer(layer.polygons);
  const blob = await blobs.put(Readable.from([bytes]));
  const polygonCount = layer.polygons.classIndex.length;
  const existing = await findOutlineLayer(db, itemId, layer.id);
  if (existing) {
    if (existing.sha256 !== blob.sha256) throw new Error(`item ${itemId} already has an outline layer "${layer.id}" with other outlines`);
    return existing;
  }
  await recordBlob(db, blob, at);
  await db
    .insertInto('outline_layers')
    .values({ item_id: itemId, id: layer.id, name: layer.name, polygon_count: polygonCount, sha256: blob.sha256, size: blob.size, created_at: at })
    .execute();
  return { id: layer.id, name: layer.name, polygonCount, size: blob.size, sha256: blob.sha256 };
}

export async function listOutlineLayers(db: Kysely<Database>, itemId: string): Promise<StoredOutlineLayer[]> {
  const rows = await db.selectFrom('outline_layers').selectAll().where('item_id', '=', itemId).orderBy('id').execute();
  return rows.map(toStored);
}

export async function findOutlineLayer(db: Kysely<Database>, itemId: string, layerId: string): Promise<StoredOutlineLayer | null> {
  const row = await db.selectFrom('outline_layers').selectAll().where('item_id', '=', itemId).where('id', '=', layerId).executeTakeFirst();
  return row ? toStored(row) : null;
}

function toStored(row: { id: string; name: string; polygon_count: number | string; size: number | string; sha256: string }): StoredOutlineLayer {
  return { id: row.id, name: row.name, polygonCount: toNumber(row.polygon_count), size: toNumber(row.size), sha256: row.sha256 };
}

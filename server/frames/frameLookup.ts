/**
 * Where a frame's image and a sprite sheet lie in the blob store, remembered per item: both are
 * immutable under their URL (a frame's file never changes, a sprite version names its sheets by
 * content), so once found they need no database query again. Access is not remembered here; the
 * routes ask the AccessCache or the database for that on every request.
 */
import type { Kysely } from 'kysely';
import type { BlobStore } from '../blobs/blobStore';
import { toNumber } from '../db/dialect';
import type { Database } from '../db/schema';
import type { FrameFileMeta } from './frameSetRows';
import { readSpriteManifest } from './spriteSheets';

export interface FrameImage {
  readonly sha256: string;
  readonly size: number;
  readonly mediaType: string;
}

/** Entries per map, oldest dropped first: a frame entry is ~200 bytes, a sheet list ~70 bytes a sheet. */
const MAX_FRAMES = 50_000;
const MAX_SPRITE_SETS = 1_000;

export class FrameLookup {
  private readonly frames = new Map<string, FrameImage>();
  private readonly spriteSets = new Map<string, readonly string[]>();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly blobs: BlobStore,
  ) {}

  /** The image served for frame `targetId` of the item; null when the item has no such frame. */
  async frame(itemId: string, targetId: string): Promise<FrameImage | null> {
    const key = `${itemId}\n${targetId}`;
    const known = this.frames.get(key);
    if (known) return known;
    // A frame's target id is the id of the file holding its image (importStills.ts, importVideo.ts, importDicomImages.ts).
    const row = await this.db.selectFrom('item_files').select(['sha256', 'size', 'meta']).where('id', '=', targetId).where('item_id', '=', itemId).executeTakeFirst();
    if (!row) return null;
    const meta = JSON.parse(row.meta) as FrameFileMeta | { readonly kind?: undefined };
    // A video's original, a sprite manifest and a DICOM file (a series', a frame set's instance) are files of an item, not frames.
    if (meta.kind !== 'still' && meta.kind !== 'videoFrame' && meta.kind !== 'dicomFrame') return null;
    const image = { sha256: row.sha256, size: toNumber(row.size), mediaType: meta.mediaType };
    remember(this.frames, key, image, MAX_FRAMES);
    return image;
  }

  /** The blob of sheet `sheet` of sprite version `version` of the item; null when the item has no such sheet. */
  async spriteSheet(itemId: string, version: string, sheet: number): Promise<string | null> {
    const key = `${itemId}\n${version}`;
    let sheets = this.spriteSets.get(key);
    if (!sheets) {
      const manifest = await this.db
        .selectFrom('item_files')
        .select('sha256')
        .where('item_id', '=', itemId)
        .where('sop_instance_uid', '=', `sprites:${version}`)
        .executeTakeFirst();
      if (!manifest) return null;
      sheets = await readSpriteManifest(this.blobs, manifest.sha256);
      remember(this.spriteSets, key, sheets, MAX_SPRITE_SETS);
    }
    return sheets[sheet] ?? null;
  }
}

function remember<V>(map: Map<string, V>, key: string, value: V, max: number): void {
  map.set(key, value);
  if (map.size > max) map.delete(map.keys().next().value as string);
}

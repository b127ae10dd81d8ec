/**
 * Sprite sheets of a frame set in the blob store. The sheets are listed, in order, in a small JSON
 * manifest blob; FrameSprites.version is the manifest's SHA-256, so a sprite URL names exactly one
 * manifest, and through it one sheet, whose bytes never change. The manifest is one of the item's
 * files (`spriteManifestFile`), which is how the sprite route knows a version belongs to an item
 * without reading the item's content.
 */
import { Readable } from 'node:stream';
import sharp from 'sharp';
import type { FrameSprites } from '../../src/core/item';
import { readWholeBlob, type BlobStore, type StoredBlob } from '../blobs/blobStore';
import type { FrameFile } from './frameSetRows';
import { CELLS_PER_SHEET, SPRITE_JPEG_QUALITY, SPRITE_LAYOUT, type SpriteCell } from './spriteLayout';

export interface StoredSprites {
  readonly sprites: FrameSprites;
  readonly sheets: readonly StoredBlob[];
  readonly manifest: StoredBlob;
}

interface SpriteManifest {
  readonly sheets: readonly string[];
}

/** Stores the manifest of `sheets` (in order) and names the set. */
export async function storeSprites(blobs: BlobStore, sheets: readonly StoredBlob[]): Promise<StoredSprites> {
  const manifest: SpriteManifest = { sheets: sheets.map((sheet) => sheet.sha256) };
  const stored = await blobs.put(Readable.from([Buffer.from(JSON.stringify(manifest))]));
  return { sprites: { version: stored.sha256, ...SPRITE_LAYOUT, sheets: sheets.length }, sheets, manifest: stored };
}

/** The manifest as a file of the item. */
export function spriteManifestFile(stored: StoredSprites, id: string): FrameFile {
  return { id, key: `sprites:${stored.manifest.sha256}`, blob: stored.manifest, name: 'sprite sheets', meta: { kind: 'spriteManifest', mediaType: 'application/json' } };
}

/** The sheets a sprite version names, in order. */
export async function readSpriteManifest(blobs: BlobStore, version: string): Promise<readonly string[]> {
  const manifest = JSON.parse((await readWholeBlob(blobs, version)).toString('utf8')) as SpriteManifest;
  return manifest.sheets;
}

/**
 * Packs stills' thumbnails into sheets as they come, so memory holds one sheet whatever the
 * number of stills.
 */
export class SpriteSheetWriter {
  private readonly sheets: StoredBlob[] = [];
  private cells: SpriteCell[] = [];

  constructor(private readonly blobs: BlobStore) {}

  async add(cell: SpriteCell): Promise<void> {
    this.cells.push(cell);
    if (this.cells.length === CELLS_PER_SHEET) await this.flush();
  }

  async finish(): Promise<StoredSprites> {
    if (this.cells.length > 0) await this.flush();
    return storeSprites(this.blobs, this.sheets);
  }

  private async flush(): Promise<void> {
    const { cellWidth, cellHeight, columns, rows } = SPRITE_LAYOUT;
    const width = cellWidth * columns;
    const rowBytes = cellWidth * 3;
    // Unused cells of the last sheet stay black, like the letterbox bars.
    const sheet = Buffer.alloc(width * cellHeight * rows * 3);
    this.cells.forEach((cell, i) => {
      const [left, top] = [(i % columns) * cellWidth, Math.floor(i / columns) * cellHeight];
      for (let y = 0; y < cellHeight; y += 1) cell.copy(sheet, ((top + y) * width + left) * 3, y * rowBytes, (y + 1) * rowBytes);
    });
    this.cells = [];
    const jpeg = await sharp(sheet, { raw: { width, height: cellHeight * rows, channels: 3 } }).jpeg({ quality: SPRITE_JPEG_QUALITY }).toBuffer();
    this.sheets.push(await this.blobs.put(Readable.from([jpeg])));
  }
}

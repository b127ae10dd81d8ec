/** Helpers for slide tests: decoded tile colours and a pyramidal TIFF made with Debian's vips. */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import type { Kysely } from 'kysely';
import { readWholeBlob, type BlobStore } from '../blobs/blobStore';
import type { Database } from '../db/schema';
import { TileIndex } from '../slides/tileIndex';
import { pathologySample } from './sampleData';

export interface Decoded {
  readonly width: number;
  readonly height: number;
  /** Interleaved RGB. */
  readonly rgb: Buffer;
}

/** Decodes an image as a standalone file (a browser's view of a JPEG tile), dropping alpha. */
export async function decodeRgb(bytes: Uint8Array | string): Promise<Decoded> {
  const { data, info } = await sharp(bytes).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, rgb: data };
}

/** Mean R, G, B. */
export function meanColour(image: Decoded): [number, number, number] {
  let [r, g, b] = [0, 0, 0];
  for (let i = 0; i < image.rgb.length; i += 3) {
    r += image.rgb[i] as number;
    g += image.rgb[i + 1] as number;
    b += image.rgb[i + 2] as number;
  }
  const n = image.rgb.length / 3;
  return [r / n, g / n, b / n];
}

/** A region of an image file, decoded by sharp (in-process libvips, no OpenSlide). */
export async function decodeRegion(path: string, left: number, top: number, width: number, height: number): Promise<Decoded> {
  const { data, info } = await sharp(path).removeAlpha().extract({ left, top, width, height }).raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, rgb: data };
}

/** The whole of level 0 of a slide as OpenSlide renders it (Debian vips' openslideload), as a PNG file. */
export function renderWithOpenSlide(slide: string, png: string): void {
  // Loading sharp points VIPSHOME at its own libvips, where Debian vips finds no OpenSlide module.
  const { VIPSHOME: _sharpsLibvips, ...env } = process.env;
  execFileSync('vips', ['openslideload', slide, png], { env });
}

/** Mean absolute difference per sample of two same-sized images. */
export function meanAbsDiff(a: Decoded, b: Decoded): number {
  if (a.width !== b.width || a.height !== b.height) throw new Error(`sizes differ: ${a.width}×${a.height} vs ${b.width}×${b.height}`);
  let sum = 0;
  for (let i = 0; i < a.rgb.length; i += 1) sum += Math.abs((a.rgb[i] as number) - (b.rgb[i] as number));
  return sum / a.rgb.length;
}

/** `vips tiffsave --tile --pyramid` of the IHC PNG: a generic pyramidal TIFF with JPEG tiles. */
export function makePyramidalTiff(dir: string): string {
  const path = join(dir, 'ihc-pyramid.tif');
  execFileSync('vips', ['tiffsave', pathologySample('ihc_colon_dab_hematoxylin.png'), path, '--tile', '--pyramid', '--compression', 'jpeg', '--Q', '95', '--tile-width', '128', '--tile-height', '128']);
  return path;
}

/** A slide item's tile pack as stored: its index and a reader of one tile's bytes. */
export async function storedPack(db: Kysely<Database>, blobs: BlobStore, itemId: string): Promise<{ index: TileIndex; tile(level: number, x: number, y: number): Promise<Buffer> }> {
  const row = await db.selectFrom('slides').selectAll().where('item_id', '=', itemId).executeTakeFirstOrThrow();
  const index = TileIndex.decode(await readWholeBlob(blobs, row.index_sha256));
  const pack = await readWholeBlob(blobs, row.pack_sha256);
  return {
    index,
    async tile(level, x, y) {
      const span = index.find(level, x, y);
      if (!span) throw new Error(`no tile ${level}/${x}/${y}`);
      return pack.subarray(span.offset, span.offset + span.length);
    },
  };
}

/**
 * A tiled TIFF whose tiles are whole JFIF JPEGs (as some writers store them: no shared
 * JPEGTables, Photometric YCbCr), cut from the IHC PNG: OpenSlide reads it as a generic TIFF, and
 * its tiles can be served unchanged. 512×512 px in four 256 px tiles.
 */
export async function makeJfifTiledTiff(dir: string): Promise<string> {
  const size = 512;
  const tile = 256;
  const tiles: Buffer[] = [];
  for (const [left, top] of [
    [0, 0],
    [256, 0],
    [0, 256],
    [256, 256],
  ] as const) {
    tiles.push(await sharp(pathologySample('ihc_colon_dab_hematoxylin.png')).removeAlpha().extract({ left, top, width: tile, height: tile }).jpeg({ quality: 92, chromaSubsampling: '4:2:0' }).toBuffer());
  }
  const SHORT = 3;
  const LONG = 4;
  // [tag, type, values]; values longer than 4 bytes go after the directory.
  const entries: [number, number, number[]][] = [
    [256, LONG, [size]],
    [257, LONG, [size]],
    [258, SHORT, [8, 8, 8]],
    [259, SHORT, [7]], // JPEG
    [262, SHORT, [6]], // YCbCr
    [277, SHORT, [3]],
    [284, SHORT, [1]],
    [322, LONG, [tile]],
    [323, LONG, [tile]],
    [324, LONG, [0, 0, 0, 0]], // tile offsets, filled below
    [325, LONG, tiles.map((t) => t.length)],
    [530, SHORT, [2, 2]],
  ];
  const ifdSize = 2 + entries.length * 12 + 4;
  let extra = 8 + ifdSize;
  const extras: { entry: number; at: number }[] = [];
  entries.forEach(([, type, values], i) => {
    const bytes = values.length * (type === SHORT ? 2 : 4);
    if (bytes > 4) {
      extras.push({ entry: i, at: extra });
      extra += bytes;
    }
  });
  let at = extra;
  (entries[9] as [number, number, number[]])[2] = tiles.map((t) => {
    const offset = at;
    at += t.length;
    return offset;
  });
  const head = Buffer.alloc(extra);
  head.write('II', 0, 'latin1');
  head.writeUInt16LE(42, 2);
  head.writeUInt32LE(8, 4);
  head.writeUInt16LE(entries.length, 8);
  const put = (type: number, values: number[], offset: number) =>
    values.forEach((value, i) => (type === SHORT ? head.writeUInt16LE(value, offset + i * 2) : head.writeUInt32LE(value, offset + i * 4)));
  entries.forEach(([tag, type, values], i) => {
    const base = 10 + i * 12;
    head.writeUInt16LE(tag, base);
    head.writeUInt16LE(type, base + 2);
    head.writeUInt32LE(values.length, base + 4);
    const outside = extras.find((e) => e.entry === i);
    if (outside) {
      head.writeUInt32LE(outside.at, base + 8);
      put(type, values, outside.at);
    } else {
      put(type, values, base + 8);
    }
  });
  const path = join(dir, 'jfif-tiles.tif');
  writeFileSync(path, Buffer.concat([head, ...tiles]));
  return path;
}

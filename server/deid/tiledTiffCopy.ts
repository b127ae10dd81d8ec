/**
 * A new little-endian BigTIFF holding only some tiled images of a slide (its pyramid levels), each
 * tile's bytes copied unchanged (no decoding, no re-encoding: the pixels are the scanner's), with
 * only the tags that lay the pixels out plus the text tags the caller gives. Nothing else of the
 * source reaches the copy: not its other images (label, macro, thumbnail), not its other tags, not
 * the bytes between (a TIFF may keep old data no directory points to any more).
 *
 *   await copyTiledImages(source, target, { images: [level0At, level1At], text: new Map([[270, 'Aperio …']]) });
 *
 * The levels follow one another as top-level images (Aperio's and generic pyramidal TIFF's layout,
 * which OpenSlide reads), or the reduced ones are SubIFDs of level 0 (OME-TIFF 6's layout, which
 * Bio-Formats and libvips read as one image with its pyramid).
 */
import { open, type FileHandle } from 'node:fs/promises';
import { tiffDirectories } from './tiffDirectories';

const enum FieldType {
  Ascii = 2,
  Short = 3,
  Long = 4,
  Rational = 5,
  Undefined = 7,
  Long8 = 16,
  Ifd8 = 18,
}

/** Layout tags a tiled image keeps, with the type the copy writes each as. */
const LAYOUT_TAGS: ReadonlyMap<number, FieldType> = new Map([
  [254, FieldType.Long], // NewSubfileType
  [256, FieldType.Long], // ImageWidth
  [257, FieldType.Long], // ImageLength
  [258, FieldType.Short], // BitsPerSample
  [259, FieldType.Short], // Compression
  [262, FieldType.Short], // PhotometricInterpretation
  [274, FieldType.Short], // Orientation
  [277, FieldType.Short], // SamplesPerPixel
  [282, FieldType.Rational], // XResolution
  [283, FieldType.Rational], // YResolution
  [284, FieldType.Short], // PlanarConfiguration
  [296, FieldType.Short], // ResolutionUnit
  [317, FieldType.Short], // Predictor
  [322, FieldType.Long], // TileWidth
  [323, FieldType.Long], // TileLength
  [338, FieldType.Short], // ExtraSamples
  [339, FieldType.Short], // SampleFormat
  [347, FieldType.Undefined], // JPEGTables
  [530, FieldType.Short], // YCbCrSubSampling
  [531, FieldType.Short], // YCbCrPositioning
  [532, FieldType.Rational], // ReferenceBlackWhite
]);

const NEW_SUBFILE_TYPE = 254;
const SUBFILE_REDUCED = 1;
const TILE_WIDTH = 322;
const TILE_OFFSETS = 324;
const TILE_BYTE_COUNTS = 325;
const SUB_IFDS = 330;
const BYTES_OF: Readonly<Record<FieldType, number>> = { 2: 1, 3: 2, 4: 4, 5: 8, 7: 1, 16: 8, 18: 8 };

export type PyramidLayout = 'consecutive' | 'subIfds';

export interface TiledCopyOptions {
  /** Byte offsets of the tiled image directories to copy (tiffDirectories.ts), level 0 first. */
  readonly images: readonly number[];
  /** How the copy lays the levels out (see above); consecutive unless said. */
  readonly layout?: PyramidLayout;
  /** ASCII tags written on the first copied image (ImageDescription, Make, Model), by tag number. */
  readonly text?: ReadonlyMap<number, string>;
  /** Tile bytes copied so far of all to copy. */
  readonly onProgress?: (done: number, total: number) => void;
  /** Aborting it stops the copy at the next tile (it throws the signal's reason). */
  readonly signal?: AbortSignal;
}

interface Field {
  readonly tag: number;
  readonly type: FieldType;
  /** Numbers (a rational as numerator, denominator pairs), or raw bytes. */
  readonly values: readonly number[] | Uint8Array;
}

interface CopiedImage {
  readonly layout: Field[];
  readonly offsets: readonly number[];
  readonly byteCounts: readonly number[];
}

/** The tiled images' layout fields and tiles; throws when one of them is not tiled. */
async function imagesOf(source: string, offsets: readonly number[]): Promise<CopiedImage[]> {
  const directories = await tiffDirectories(source);
  const copied: CopiedImage[] = [];
  for (const at of offsets) {
    const directory = await directories.at(at);
    if (!directory.hasTag(TILE_WIDTH)) throw new Error(`the image at byte ${at} is not tiled`);
    const layout: Field[] = [];
    for (const [tag, type] of LAYOUT_TAGS) {
      if (!directory.hasTag(tag)) continue;
      const value: unknown = await directory.loadValue(tag);
      if (typeof value === 'number') layout.push({ tag, type, values: [value] });
      else if (value instanceof Uint8Array && type === FieldType.Undefined) layout.push({ tag, type, values: Uint8Array.from(value) });
      else if (ArrayBuffer.isView(value)) layout.push({ tag, type, values: Array.from(value as unknown as ArrayLike<number>, Number) });
    }
    const offsets = Array.from((await directory.loadValue(TILE_OFFSETS)) as ArrayLike<number>, Number);
    const byteCounts = Array.from((await directory.loadValue(TILE_BYTE_COUNTS)) as ArrayLike<number>, Number);
    copied.push({ layout, offsets, byteCounts });
  }
  return copied;
}

export async function copyTiledImages(source: string, target: string, options: TiledCopyOptions): Promise<void> {
  const images = await imagesOf(source, options.images);
  const total = images.reduce((sum, image) => sum + image.byteCounts.reduce((a, b) => a + b, 0), 0);
  const input = await open(source, 'r');
  const output = await open(target, 'w');
  try {
    // Header: "II", 43, offset size 8, 0, first IFD (written last, once the tiles have their places).
    let position = 16;
    let done = 0;
    const placed: { offsets: number[]; image: CopiedImage }[] = [];
    for (const image of images) {
      const offsets: number[] = [];
      for (const [i, offset] of image.offsets.entries()) {
        options.signal?.throwIfAborted();
        const size = image.byteCounts[i] ?? 0;
        // A tile the scanner never wrote (sparse TIFF) stays unwritten.
        if (size === 0) {
          offsets.push(0);
          continue;
        }
        const tile = Buffer.alloc(size);
        const { bytesRead } = await input.read(tile, 0, size, offset);
        if (bytesRead !== size) throw new Error(`a tile of the slide runs past its end (byte ${offset + size})`);
        await output.write(tile, 0, size, position);
        offsets.push(position);
        position += size;
        done += size;
        options.onProgress?.(done, total);
      }
      placed.push({ offsets, image });
    }
    const firstIfd = await writeDirectories(output, position, placed, options.text ?? new Map(), options.layout ?? 'consecutive');
    const header = Buffer.alloc(16);
    header.write('II', 0, 'latin1');
    header.writeUInt16LE(43, 2);
    header.writeUInt16LE(8, 4);
    header.writeBigUInt64LE(BigInt(firstIfd), 8);
    await output.write(header, 0, 16, 0);
  } finally {
    await input.close();
    await output.close();
  }
}

/**
 * The directories, one after another from `start` (word-aligned), each followed by its out-of-line
 * values; the first's offset. In the SubIFD layout only level 0 is in the top-level chain, marked
 * full-resolution, and lists the others, each marked reduced.
 */
async function writeDirectories(
  output: FileHandle,
  start: number,
  placed: readonly { offsets: number[]; image: CopiedImage }[],
  text: ReadonlyMap<number, string>,
  layout: PyramidLayout,
): Promise<number> {
  const subIfds = layout === 'subIfds' && placed.length > 1;
  const fieldsOf = (subIfdOffsets: readonly number[]) =>
    placed.map(({ offsets, image }, index): Field[] => {
      const layoutFields = subIfds ? image.layout.filter((field) => field.tag !== NEW_SUBFILE_TYPE) : image.layout;
      return [
        ...layoutFields,
        ...(subIfds ? [{ tag: NEW_SUBFILE_TYPE, type: FieldType.Long, values: [index === 0 ? 0 : SUBFILE_REDUCED] }] : []),
        { tag: TILE_OFFSETS, type: FieldType.Long8, values: offsets },
        { tag: TILE_BYTE_COUNTS, type: FieldType.Long8, values: image.byteCounts },
        ...(subIfds && index === 0 ? [{ tag: SUB_IFDS, type: FieldType.Ifd8, values: subIfdOffsets }] : []),
        ...(index === 0 ? [...text].map(([tag, value]) => ({ tag, type: FieldType.Ascii, values: Buffer.from(`${value}\u0000`, 'utf8') })) : []),
      ].sort((a, b) => a.tag - b.tag);
    });
  // A directory's size depends on how many SubIFDs it lists, not where they are: place, then fill in.
  const positions: number[] = [];
  let position = start + (start % 2);
  for (const fields of fieldsOf(placed.slice(1).map(() => 0))) {
    positions.push(position);
    position += directorySizeOf(fields);
  }
  for (const [index, fields] of fieldsOf(positions.slice(1)).entries()) {
    const next = subIfds || index + 1 >= placed.length ? 0 : (positions[index + 1] as number);
    await writeDirectory(output, positions[index] as number, fields, next);
  }
  return positions[0] as number;
}

/** A directory's entries and its values that do not fit in an entry, each padded to a word. */
function directorySizeOf(fields: readonly Field[]): number {
  const outOfLine = fields.map((field) => encode(field).length).filter((length) => length > 8);
  return 8 + fields.length * 20 + 8 + outOfLine.reduce((sum, length) => sum + length + (length % 2), 0);
}

async function writeDirectory(output: FileHandle, position: number, fields: readonly Field[], next: number): Promise<void> {
  const directorySize = 8 + fields.length * 20 + 8;
  let outOfLine = position + directorySize;
  const directory = Buffer.alloc(directorySize);
  directory.writeBigUInt64LE(BigInt(fields.length), 0);
  const extra: Buffer[] = [];
  for (const [i, field] of fields.entries()) {
    const value = encode(field);
    const entry = 8 + i * 20;
    directory.writeUInt16LE(field.tag, entry);
    directory.writeUInt16LE(field.type, entry + 2);
    directory.writeBigUInt64LE(BigInt(countOf(field)), entry + 4);
    if (value.length <= 8) value.copy(directory, entry + 12);
    else {
      directory.writeBigUInt64LE(BigInt(outOfLine), entry + 12);
      const padded = value.length % 2 === 0 ? value : Buffer.concat([value, Buffer.alloc(1)]);
      extra.push(padded);
      outOfLine += padded.length;
    }
  }
  directory.writeBigUInt64LE(BigInt(next), directorySize - 8);
  await output.write(directory, 0, directory.length, position);
  await output.write(Buffer.concat(extra), 0, outOfLine - position - directorySize, position + directorySize);
}

function countOf(field: Field): number {
  if (field.type === FieldType.Rational) return field.values.length / 2;
  return field.values.length;
}

function encode(field: Field): Buffer {
  if (field.values instanceof Uint8Array) return Buffer.from(field.values);
  const size = BYTES_OF[field.type];
  const bytes = Buffer.alloc(field.values.length * (field.type === FieldType.Rational ? 4 : size));
  for (const [i, value] of field.values.entries()) {
    if (field.type === FieldType.Short) bytes.writeUInt16LE(value, i * 2);
    else if (field.type === FieldType.Long8 || field.type === FieldType.Ifd8) bytes.writeBigUInt64LE(BigInt(value), i * 8);
    else bytes.writeUInt32LE(value, i * 4);
  }
  return bytes;
}

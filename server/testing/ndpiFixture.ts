/**
 * A small Hamamatsu NDPI written by hand, so the NDPI import path runs in tests without a vendor
 * file. It is what OpenSlide's NDPI reader (openslide-vendor-hamamatsu.c) asks of a file:
 * - a little-endian TIFF whose directories each hold one JPEG in one strip (RowsPerStrip = height),
 *   with 8-byte "next directory" offsets, as NDPI writes them (classic readers take the low half);
 * - tag 65420 (NDPI format flag) in the first directory; 65421 (source lens, FLOAT) in every one:
 *   the objective magnification for a pyramid level, −1 for the macro image; 65422–65424 (x/y
 *   offset from the slide centre in nm, focal plane) as SLONG; levels widest first;
 * - pyramid JPEGs with a restart marker after every run of MCUs that divides a row evenly (OpenSlide
 *   reads each run as one tile), and tag 65426 listing where each run's data starts, relative to
 *   the strip, so OpenSlide decodes one run at a time instead of the whole level;
 * - XResolution/YResolution in pixels per centimetre (ResolutionUnit 3): OpenSlide's mpp-x is
 *   10000 / XResolution.
 * sharp cannot write restart markers, so each restart interval is encoded as its own JPEG of one
 * MCU row with the same tables (same quality, standard Huffman tables), and their entropy-coded
 * data are joined with RSTn markers under one header: exactly the stream a restart-interval encoder
 * writes, since every interval restarts its DC predictions and ends byte-aligned.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import type { Decoded } from './slides';

type Rgb = readonly [number, number, number];

/** The synthetic H&E slide: level-0 size, scan facts and the colours of its four regions. */
export const NDPI_FIXTURE = {
  width: 3072,
  height: 2304,
  /** Downsample of each stored pyramid level, level 0 first. */
  downsamples: [1, 4, 16],
  micronsPerPixel: 0.4536,
  objectivePower: 20,
  /** Where the regions meet, level-0 px (origin top-left): not on a tile or restart-interval edge. */
  split: { x: 1200, y: 900 },
  colours: {
    /** Eosin-pink stroma. */
    topLeft: [232, 160, 196],
    /** Haematoxylin-purple nuclei. */
    topRight: [112, 76, 160],
    /** Glass. */
    bottomLeft: [244, 240, 246],
    /** Dense eosinophilic tissue. */
    bottomRight: [196, 96, 150],
  },
  macroSize: { width: 600, height: 200 },
  /** A macro (slide overview) photo is green-tinted here, a colour no tissue region has. */
  macroColour: [40, 200, 90],
  /**
   * A made-up name from the slide label, where a real NDPI carries it: in the macro photo (here in
   * its JPEG comment) and the Reference tag. It must never reach an annotator.
   */
  patientName: 'YAMADA Hanako 1957-03-14',
} as const satisfies {
  width: number;
  height: number;
  downsamples: readonly number[];
  micronsPerPixel: number;
  objectivePower: number;
  split: { x: number; y: number };
  colours: Record<string, Rgb>;
  macroSize: { width: number; height: number };
  macroColour: Rgb;
  patientName: string;
};

/** The fixture's colour at level-0 pixel (x, y). */
export function ndpiFixtureColour(x: number, y: number): Rgb {
  const { split, colours } = NDPI_FIXTURE;
  if (y < split.y) return x < split.x ? colours.topLeft : colours.topRight;
  return x < split.x ? colours.bottomLeft : colours.bottomRight;
}

/** Level sizes as stored in the file (each a whole number of MCUs). */
export function ndpiFixtureLevels(): { width: number; height: number; downsample: number }[] {
  return NDPI_FIXTURE.downsamples.map((downsample) => ({ width: NDPI_FIXTURE.width / downsample, height: NDPI_FIXTURE.height / downsample, downsample }));
}

/** Writes the fixture as `<dir>/<name>` and returns its path. */
export async function writeNdpiFixture(dir: string, name = 'synthetic-he.ndpi'): Promise<string> {
  const levels = ndpiFixtureLevels();
  const images: StripImage[] = [];
  for (const level of levels) images.push(await restartIntervalJpeg(level.width, level.height, level.downsample));
  images.push({ jpeg: await macroJpeg(), width: NDPI_FIXTURE.macroSize.width, height: NDPI_FIXTURE.macroSize.height, mcuStarts: [] });
  const lenses = [...levels.map(() => NDPI_FIXTURE.objectivePower), -1];
  const path = join(dir, name);
  writeFileSync(path, ndpiFile(images, lenses));
  return path;
}

interface StripImage {
  readonly jpeg: Buffer;
  readonly width: number;
  readonly height: number;
  /** Byte offsets, relative to the JPEG's start, of each restart interval's data; empty without restart markers. */
  readonly mcuStarts: readonly number[];
}

/**
 * MCU of 4:4:4 JPEG: 8×8 px. Not 4:2:0: OpenSlide 3.4 decodes one restart interval as a whole
 * image, and libjpeg's fancy 4:2:0 upsampling then reads on into the next interval and fails.
 */
const MCU = 8;
/** Restart intervals of at most 64 MCUs: level 0 is read in 512×8 px tiles. */
const MAX_INTERVAL_MCUS = 64;
const QUALITY = 88;

async function restartIntervalJpeg(width: number, height: number, downsample: number): Promise<StripImage> {
  const mcusPerRow = width / MCU;
  let interval = Math.min(MAX_INTERVAL_MCUS, mcusPerRow);
  while (mcusPerRow % interval !== 0) interval -= 1;
  const tileWidth = interval * MCU;
  const raw = ndpiFixtureRegion(0, 0, width, height, downsample).rgb;

  let header: Buffer | null = null;
  let sosAt = 0;
  const data: Buffer[] = [];
  for (let top = 0; top < height; top += MCU) {
    const row: Promise<Buffer>[] = [];
    for (let left = 0; left < width; left += tileWidth) row.push(encodeRegion(raw, width, left, top, tileWidth, MCU));
    for (const segment of await Promise.all(row)) {
      const parts = splitJpeg(segment, width, height);
      if (header === null) [header, sosAt] = [parts.header, parts.sosAt];
      else if (!parts.header.equals(header)) throw new Error('restart intervals were encoded with different JPEG tables');
      data.push(parts.data);
    }
  }
  if (header === null) throw new Error('an empty level');

  const restart = Buffer.from([0xff, 0xdd, 0x00, 0x04, interval >> 8, interval & 0xff]);
  const chunks: Buffer[] = [header.subarray(0, sosAt), restart, header.subarray(sosAt)];
  let at = header.length + restart.length;
  const mcuStarts: number[] = [];
  data.forEach((segment, i) => {
    if (i > 0) {
      chunks.push(Buffer.from([0xff, 0xd0 + ((i - 1) % 8)]));
      at += 2;
    }
    mcuStarts.push(at);
    chunks.push(segment);
    at += segment.length;
  });
  chunks.push(Buffer.from([0xff, 0xd9]));
  return { jpeg: Buffer.concat(chunks), width, height, mcuStarts };
}

/**
 * The fixture's pixels over a region of the level of `downsample`, in that level's px (origin
 * top-left): each pixel the colour at its centre in level-0 px.
 */
export function ndpiFixtureRegion(left: number, top: number, width: number, height: number, downsample = 1): Decoded {
  const rgb = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) rgb.set(ndpiFixtureColour((left + x + 0.5) * downsample, (top + y + 0.5) * downsample), (y * width + x) * 3);
  }
  return { width, height, rgb };
}

function encodeRegion(raw: Buffer, rawWidth: number, left: number, top: number, width: number, height: number): Promise<Buffer> {
  const region = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y += 1) raw.copy(region, y * width * 3, ((top + y) * rawWidth + left) * 3, ((top + y) * rawWidth + left + width) * 3);
  return sharp(region, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: QUALITY, chromaSubsampling: '4:4:4', optimiseCoding: false })
    .toBuffer();
}

/**
 * A baseline JPEG's markers up to and including SOS, with the frame size (SOF0) rewritten to the
 * whole level's; where its SOS segment starts; and its entropy-coded data (without EOI).
 */
function splitJpeg(jpeg: Buffer, width: number, height: number): { header: Buffer; sosAt: number; data: Buffer } {
  const header = Buffer.from(jpeg);
  let at = 2; // after SOI
  for (;;) {
    const marker = header[at + 1] as number;
    const length = header.readUInt16BE(at + 2);
    if (marker === 0xc0) {
      header.writeUInt16BE(height, at + 5);
      header.writeUInt16BE(width, at + 7);
    }
    if (marker === 0xda) {
      if (jpeg.readUInt16BE(jpeg.length - 2) !== 0xffd9) throw new Error('a JPEG without EOI');
      return { header: header.subarray(0, at + 2 + length), sosAt: at, data: jpeg.subarray(at + 2 + length, jpeg.length - 2) };
    }
    at += 2 + length;
  }
}

/** The macro photo: a plain green JPEG with the patient's name in a comment (COM) marker. */
async function macroJpeg(): Promise<Buffer> {
  const { width, height } = NDPI_FIXTURE.macroSize;
  const [r, g, b] = NDPI_FIXTURE.macroColour;
  const jpeg = await sharp({ create: { width, height, channels: 3, background: { r, g, b } } })
    .jpeg({ quality: QUALITY })
    .toBuffer();
  const text = Buffer.from(`Patient: ${NDPI_FIXTURE.patientName}`, 'latin1');
  const comment = Buffer.alloc(4);
  comment.writeUInt16BE(0xfffe, 0);
  comment.writeUInt16BE(text.length + 2, 2);
  return Buffer.concat([jpeg.subarray(0, 2), comment, text, jpeg.subarray(2)]);
}

// TIFF field types.
const ASCII = 2;
const SHORT = 3;
const LONG = 4;
const RATIONAL = 5;
const SLONG = 9;
const FLOAT = 11;

type Entry = readonly [tag: number, type: number, values: readonly number[] | string];

/** NDPI's own tags, as OpenSlide names them. */
const NDPI_FORMAT_FLAG = 65420;
const NDPI_SOURCELENS = 65421;
const NDPI_XOFFSET = 65422;
const NDPI_YOFFSET = 65423;
const NDPI_FOCAL_PLANE = 65424;
const NDPI_MCU_STARTS = 65426;
const NDPI_REFERENCE = 65427;

/** The whole file: header, every directory, then the image data in directory order. */
function ndpiFile(images: readonly StripImage[], lenses: readonly number[]): Buffer {
  // Pixels per centimetre, as a rational with three decimals.
  const resolution = [Math.round((10_000 / NDPI_FIXTURE.micronsPerPixel) * 1000), 1000];
  const entriesOf = (image: StripImage, index: number, stripOffset: number): Entry[] => {
    const entries: Entry[] = [
      [256, LONG, [image.width]],
      [257, LONG, [image.height]],
      [258, SHORT, [8, 8, 8]],
      [259, SHORT, [7]], // JPEG
      [262, SHORT, [6]], // YCbCr
      [271, ASCII, 'Hamamatsu'],
      [272, ASCII, 'Mejirushi test fixture'],
      [273, LONG, [stripOffset]],
      [277, SHORT, [3]],
      [278, LONG, [image.height]],
      [279, LONG, [image.jpeg.length]],
      [282, RATIONAL, resolution],
      [283, RATIONAL, resolution],
      [296, SHORT, [3]], // centimetre
      [305, ASCII, 'NDP.scan (synthetic)'],
      [NDPI_FORMAT_FLAG, LONG, [1]],
      [NDPI_SOURCELENS, FLOAT, [lenses[index] as number]],
      [NDPI_XOFFSET, SLONG, [-1_250_000]],
      [NDPI_YOFFSET, SLONG, [480_000]],
      [NDPI_FOCAL_PLANE, SLONG, [0]],
    ];
    if (image.mcuStarts.length > 1) entries.push([NDPI_MCU_STARTS, LONG, image.mcuStarts]);
    // The slide's reference as the scanner read it off the label: the same name the macro shows.
    if (index === 0) entries.push([NDPI_REFERENCE, ASCII, NDPI_FIXTURE.patientName]);
    return entries;
  };

  const HEADER = 16; // "II", 42, first directory offset as 8 bytes, padding
  const sizes = images.map((image, i) => directory(entriesOf(image, i, 0), 0).length);
  const directoriesEnd = HEADER + sizes.reduce((sum, size) => sum + size, 0);
  const stripOffsets: number[] = [];
  let dataAt = directoriesEnd;
  for (const image of images) {
    stripOffsets.push(dataAt);
    dataAt += image.jpeg.length;
  }
  const head = Buffer.alloc(HEADER);
  head.write('II', 0, 'latin1');
  head.writeUInt16LE(42, 2);
  head.writeBigUInt64LE(BigInt(HEADER), 4);
  const directories: Buffer[] = [];
  let at = HEADER;
  images.forEach((image, i) => {
    const next = i + 1 < images.length ? at + (sizes[i] as number) : 0;
    directories.push(directory(entriesOf(image, i, stripOffsets[i] as number), at, next));
    at += sizes[i] as number;
  });
  return Buffer.concat([head, ...directories, ...images.map((image) => image.jpeg)]);
}

/** One directory at byte `at`, its values that do not fit in an entry right after it. */
function directory(entries: readonly Entry[], at: number, next = 0): Buffer {
  const sorted = [...entries].sort((a, b) => a[0] - b[0]);
  const tableSize = 2 + sorted.length * 12 + 8;
  const encoded = sorted.map(([, type, values]) => encodeValues(type, values));
  const outside = encoded.reduce((sum, bytes) => sum + (bytes.length > 4 ? bytes.length + (bytes.length % 2) : 0), 0);
  const buffer = Buffer.alloc(tableSize + outside);
  buffer.writeUInt16LE(sorted.length, 0);
  let valueAt = tableSize;
  sorted.forEach(([tag, type, values], i) => {
    const bytes = encoded[i] as Buffer;
    const base = 2 + i * 12;
    buffer.writeUInt16LE(tag, base);
    buffer.writeUInt16LE(type, base + 2);
    buffer.writeUInt32LE(typeof values === 'string' ? bytes.length : type === RATIONAL ? values.length / 2 : values.length, base + 4);
    if (bytes.length <= 4) {
      bytes.copy(buffer, base + 8);
    } else {
      buffer.writeUInt32LE(at + valueAt, base + 8);
      bytes.copy(buffer, valueAt);
      valueAt += bytes.length + (bytes.length % 2);
    }
  });
  // NDPI's next-directory offset is 8 bytes; the high half stays 0 below 4 GiB.
  buffer.writeBigUInt64LE(BigInt(next), 2 + sorted.length * 12);
  return buffer;
}

function encodeValues(type: number, values: readonly number[] | string): Buffer {
  if (typeof values === 'string') return Buffer.from(`${values}\u0000`, 'latin1');
  const size = type === SHORT ? 2 : 4;
  const bytes = Buffer.alloc(values.length * size);
  values.forEach((value, i) => {
    if (type === SHORT) bytes.writeUInt16LE(value, i * 2);
    else if (type === SLONG) bytes.writeInt32LE(value, i * 4);
    else if (type === FLOAT) bytes.writeFloatLE(value, i * 4);
    else bytes.writeUInt32LE(value, i * 4);
  });
  return bytes;
}

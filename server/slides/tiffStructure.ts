/**
 * What the TIFF structure itself says, read with geotiff (tags and raw tile offsets only, no
 * decoding): whether the file is whole, and whether its level-0 tiles are complete JPEGs a
 * browser can be sent unchanged.
 */
import { open } from 'node:fs/promises';
import { fromFile, type GeoTIFFImage } from 'geotiff';
import { SlideRefusal } from './refusal';

/**
 * Level-0 tiles that are whole JPEG streams (no shared JPEGTables) which a standalone decoder (a
 * browser) reads with the right colours: YCbCr, as JFIF says or the TIFF tags do.
 */
export interface WholeJpegTiles {
  readonly tileSize: number;
  readonly offsets: readonly number[];
  readonly byteCounts: readonly number[];
  /**
   * TIFF Photometric says RGB, yet JFIF means YCbCr: libtiff-style decoders (vips, Pillow) take
   * the YCbCr samples for RGB and show green/magenta. A standalone JPEG decoder is right.
   */
  readonly photometricSaysRgb: boolean;
}

export interface TiffStructure {
  readonly width: number;
  readonly height: number;
  readonly imageDescription: string | null;
  /** Level 0 is stored in tiles (a slide), not in strips (an ordinary picture). */
  readonly tiled: boolean;
  /** Sizes of the reduced-resolution images stored after level 0, level 0 first. */
  readonly storedLevels: readonly { readonly width: number; readonly height: number }[];
  /** The size of every image in the file, in file order (levels, label, macro…). */
  readonly imageSizes: readonly { readonly width: number; readonly height: number }[];
  readonly wholeJpegTiles: WholeJpegTiles | null;
}

const COMPRESSION_JPEG = 7;
const PHOTOMETRIC_RGB = 2;
const PHOTOMETRIC_YCBCR = 6;
const SUBFILE_REDUCED = 1;

/**
 * Refuses a file that is not a TIFF or is cut short; otherwise its level-0 structure, or null when
 * its directories do not parse as standard TIFF (NDPI bends the format; OpenSlide still reads it,
 * and the caller decides).
 */
export async function readTiffStructure(path: string, fileSize: number): Promise<TiffStructure | null> {
  const firstIfd = await firstIfdOffset(path);
  if (firstIfd === null) throw new SlideRefusal('slideUnreadable', 'not a TIFF file: its first bytes are not a TIFF header');
  if (firstIfd >= fileSize) throw new SlideRefusal('slideTruncated', `the file is cut short: its first image directory lies at byte ${firstIfd}, past its end (${fileSize} bytes)`);
  // 32-bit offsets cannot reach past 4 GiB: such a classic TIFF is an NDPI with 64-bit offsets
  // (8-byte directory links, high bits implied), which geotiff reads as garbage. OpenSlide reads it.
  if (fileSize > 2 ** 32 && !(await isBigTiff(path))) return null;
  let image: GeoTIFFImage;
  let images: GeoTIFFImage[];
  try {
    const tiff = await fromFile(path);
    const count = await tiff.getImageCount();
    images = [];
    for (let i = 0; i < count; i += 1) images.push(await tiff.getImage(i));
    image = images[0] as GeoTIFFImage;
  } catch {
    return null;
  }
  const directory = image.fileDirectory;
  const tiled = image.isTiled;
  const { offsets, byteCounts } = await dataOf(image);
  // Every image's data, not only level 0's: a file cut inside a lower level or the macro image
  // (NDPI stores them after level 0) is as damaged as one cut inside level 0.
  let end = 0;
  for (const other of images) {
    const data = other === image ? { offsets, byteCounts } : await dataOf(other).catch(() => {
      throw new SlideRefusal('slideTruncated', 'the file is cut short or damaged: its image directories cannot be read');
    });
    for (let i = 0; i < data.offsets.length; i += 1) end = Math.max(end, Number(data.offsets[i]) + Number(data.byteCounts[i] ?? 0));
  }
  if (end > fileSize) throw new SlideRefusal('slideTruncated', `the file is cut short: its image data runs to byte ${end}, past its end (${fileSize} bytes)`);

  const description: unknown = await directory.loadValue('ImageDescription');
  const width = image.getWidth();
  const storedLevels = images
    .filter((other, i) => i === 0 || (Number(other.fileDirectory.getValue('NewSubfileType') ?? 0) & SUBFILE_REDUCED) !== 0)
    .map((other) => ({ width: other.getWidth(), height: other.getHeight() }))
    .filter((level) => level.width <= width);
  return {
    width,
    height: image.getHeight(),
    imageDescription: typeof description === 'string' ? description : null,
    tiled,
    storedLevels,
    imageSizes: images.map((other) => ({ width: other.getWidth(), height: other.getHeight() })),
    wholeJpegTiles: await wholeJpegTilesOf(path, image, offsets, byteCounts),
  };
}

/** Where an image's tiles (or strips) lie in the file. */
async function dataOf(image: GeoTIFFImage): Promise<{ offsets: ArrayLike<number>; byteCounts: ArrayLike<number> }> {
  const directory = image.fileDirectory;
  const tiled = image.isTiled;
  const offsets = ((await directory.loadValue(tiled ? 'TileOffsets' : 'StripOffsets')) ?? []) as ArrayLike<number>;
  const byteCounts = ((await directory.loadValue(tiled ? 'TileByteCounts' : 'StripByteCounts')) ?? []) as ArrayLike<number>;
  return { offsets, byteCounts };
}

async function wholeJpegTilesOf(path: string, image: GeoTIFFImage, offsets: ArrayLike<number>, byteCounts: ArrayLike<number>): Promise<WholeJpegTiles | null> {
  const directory = image.fileDirectory;
  if (!image.isTiled || directory.getValue('Compression') !== COMPRESSION_JPEG || directory.hasTag('JPEGTables')) return null;
  const tileSize = image.getTileWidth();
  if (tileSize !== image.getTileHeight() || offsets.length === 0) return null;
  // The first tile tells how the writer wrote them all. A standalone decoder takes three
  // components as YCbCr; the TIFF says so (Photometric YCbCr) or the tile itself does (JFIF).
  // Photometric RGB without JFIF is true RGB (Aperio's tiles): a browser would show it wrong.
  const head = await readAt(path, Number(offsets[0]), 11);
  if (head[0] !== 0xff || head[1] !== 0xd8) return null;
  const jfif = head[2] === 0xff && head[3] === 0xe0 && head.subarray(6, 11).toString('latin1') === 'JFIF\u0000';
  const photometric = directory.getValue('PhotometricInterpretation');
  if (!jfif && photometric !== PHOTOMETRIC_YCBCR) return null;
  return {
    tileSize,
    offsets: Array.from(offsets, Number),
    byteCounts: Array.from(byteCounts, Number),
    photometricSaysRgb: photometric === PHOTOMETRIC_RGB,
  };
}

/** The offset of the first image directory, or null when the file is no (Big)TIFF. */
async function firstIfdOffset(path: string): Promise<number | null> {
  const head = await readAt(path, 0, 16);
  const little = head[0] === 0x49 && head[1] === 0x49;
  const big = head[0] === 0x4d && head[1] === 0x4d;
  if (!little && !big) return null;
  const magic = little ? head.readUInt16LE(2) : head.readUInt16BE(2);
  if (magic === 42 && head.length >= 8) return little ? head.readUInt32LE(4) : head.readUInt32BE(4);
  if (magic === 43 && head.length >= 16) return Number(little ? head.readBigUInt64LE(8) : head.readBigUInt64BE(8));
  return null;
}

async function isBigTiff(path: string): Promise<boolean> {
  const head = await readAt(path, 0, 4);
  return (head[0] === 0x49 ? head.readUInt16LE(2) : head.readUInt16BE(2)) === 43;
}

export async function readAt(path: string, position: number, length: number): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, position);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/**
 * A TIFF's image directories by byte offset, read with geotiff (tags only): the top-level chain in
 * file order, each with the offsets of its SubIFDs (an OME-TIFF 6 pyramid keeps its reduced levels
 * there, where geotiff's own image list does not look).
 */
import { fromFile, type GeoTIFF, type ImageFileDirectory } from 'geotiff';

export interface TiffDirectory {
  /** Where the directory starts in the file. */
  readonly offset: number;
  readonly directory: ImageFileDirectory;
  /** Offsets of the directories its SubIFDs tag (330) lists; empty without one. */
  readonly subIfds: readonly number[];
}

export interface TiffDirectories {
  readonly littleEndian: boolean;
  readonly topLevel: readonly TiffDirectory[];
  /** The directory at `offset` (a top-level one or a SubIFD). */
  at(offset: number): Promise<ImageFileDirectory>;
}

const SUB_IFDS = 330;
/** More directories than any slide has: a chain that loops or never ends is refused. */
const MAX_DIRECTORIES = 4096;

export async function tiffDirectories(path: string): Promise<TiffDirectories> {
  const tiff: GeoTIFF = await fromFile(path);
  const topLevel: TiffDirectory[] = [];
  const seen = new Set<number>();
  for (let offset = tiff.firstIFDOffset; offset !== 0; ) {
    if (seen.has(offset) || seen.size >= MAX_DIRECTORIES) throw new Error('the TIFF directory chain loops or has no end');
    seen.add(offset);
    const directory = await tiff.parser.parseFileDirectoryAt(offset);
    const subIfds = directory.hasTag(SUB_IFDS) ? Array.from((await directory.loadValue(SUB_IFDS)) as ArrayLike<number | bigint>, Number) : [];
    topLevel.push({ offset, directory, subIfds });
    offset = directory.nextIFDByteOffset;
  }
  return { littleEndian: tiff.littleEndian, topLevel, at: (offset) => tiff.parser.parseFileDirectoryAt(offset) };
}

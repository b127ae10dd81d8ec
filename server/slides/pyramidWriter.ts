/**
 * How a slide reader hands over the served pyramid (see `SlideItem` in src/core/item.ts): tiles
 * of level k (downsample 2^k, level 0 at full resolution) in any order, each the bytes a browser
 * decodes as they are. Readers of TIFF-family files (OpenSlide, libvips) and of DICOM WSI write
 * into the same writer, which packs them into the blob store.
 */
import type { SlideLevel, TileFormat } from '../../src/core/item';
import type { WorkDirs } from '../workDirs/workDirs';

export interface PyramidWriter {
  /** Adds tile (x, y) of `level`; each tile once. */
  put(level: number, x: number, y: number, bytes: Uint8Array): Promise<void>;
}

/** The pyramid a reader wrote: what the slide item's content says about its tiles. */
export interface PyramidShape {
  readonly levels: readonly SlideLevel[];
  readonly tileSize: number;
  readonly tileFormat: TileFormat;
}

/** What the scanner recorded, kept with the slide (the served content carries a subset). */
export interface SlideFacts {
  /** Micrometres per level-0 px, x then y; null when not recorded. */
  readonly micronsPerPixel: readonly [number, number] | null;
  readonly objectivePower: number | null;
  /** e.g. "Aperio", "Hamamatsu", "DICOM WSI (Manufacturer model)"; null when unknown. */
  readonly scanner: string | null;
  /** The levels as stored in the file (any downsamples), level 0 first. */
  readonly sourceLevels: readonly SlideLevel[];
  /** Associated images the file carries (label, macro, thumbnail…): kept out of what annotators see. */
  readonly associatedImages: readonly string[];
}

/** progress(done, total) as tiles are written; total is known before the first tile. */
export type PyramidProgress = (done: number, total: number) => void;

/** How one pyramid build runs. */
export interface PyramidBuild {
  readonly onProgress?: PyramidProgress;
  /** Where a reader that needs one cuts the pyramid (under the server's data folder). */
  readonly workDirs: WorkDirs;
  /** Aborting stops the build at its next tile (or kills its tiler), which then rejects with the signal's reason. */
  readonly signal?: AbortSignal;
}

/** One slide, opened by a reader: its facts now, its pyramid on demand . */
export interface SlideReader {
  readonly facts: SlideFacts;
  writePyramid(writer: PyramidWriter, build: PyramidBuild): Promise<PyramidShape>;
}

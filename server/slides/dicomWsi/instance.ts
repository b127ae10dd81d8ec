/**
 * One instance of a DICOM VL Whole Slide Microscopy Image: what the pyramid needs of its header
 * (where it sits, how it is tiled, what it shows) and its frames as stored. Only the header is
 * held; frames are read from the file on demand (frames.ts); nothing is decoded here.
 */
import type { DataSet } from 'dicom-parser';
import { numbers, readNumberOfFrames, text } from '../../dicom/values';
import { NATIVE_TRANSFER_SYNTAXES } from '../../dicom/uids';
import type { ByteSource } from './byteSource';
import { encapsulatedFrameReader, nativeFrameReader } from './frames';
import { readWsiHeader } from './header';
import { WsiError } from './wsiError';

export const VL_WHOLE_SLIDE_MICROSCOPY_IMAGE_STORAGE = '1.2.840.10008.5.1.4.1.1.77.1.6';
export const JPEG_BASELINE = '1.2.840.10008.1.2.4.50';

/** ImageType value 3: what the instance shows. Only VOLUME instances are pyramid levels. */
export type WsiImageFlavor = 'VOLUME' | 'LABEL' | 'OVERVIEW' | 'THUMBNAIL';

/** Column then row of a frame's top-left pixel in the total pixel matrix, 0-based. */
export type FramePosition = readonly [number, number];

export interface WsiInstance {
  readonly sopInstanceUid: string;
  readonly seriesInstanceUid: string;
  /** PyramidUID, else the series: instances sharing it are levels of one pyramid. */
  readonly pyramidKey: string;
  readonly flavor: WsiImageFlavor;
  /** TotalPixelMatrixColumns / Rows: the whole level, px. */
  readonly totalColumns: number;
  readonly totalRows: number;
  /** Columns / Rows: one frame (tile), px. */
  readonly tileColumns: number;
  readonly tileRows: number;
  readonly numberOfFrames: number;
  readonly transferSyntaxUid: string;
  readonly photometricInterpretation: string;
  readonly samplesPerPixel: number;
  /** µm per px, x then y, from the shared pixel measures or the imaged volume; null when neither is recorded. */
  readonly micronsPerPixel: readonly [number, number] | null;
  readonly objectivePower: number | null;
  /** "Manufacturer model", '' when neither is recorded. */
  readonly scanner: string;
  /**
   * Where each frame lies, for the first focal plane and optical path only; frames of other
   * planes or paths are absent. TILED_FULL frames run row by row from the
   * ConcatenationFrameOffsetNumber.
   */
  readonly framePositions: ReadonlyMap<number, FramePosition>;
  /** Frame `index` (0-based) as stored, read from the file: a JPEG stream when encapsulated, raw samples when native. */
  frame(index: number): Promise<Uint8Array>;
}

export { WsiError };

const SHARED_FUNCTIONAL_GROUPS = 'x52009229';
const PER_FRAME_FUNCTIONAL_GROUPS = 'x52009230';
const PIXEL_MEASURES = 'x00289110';
const PLANE_POSITION_SLIDE = 'x0048021a';
const OPTICAL_PATH_IDENTIFICATION_SEQUENCE = 'x00480207';
const OPTICAL_PATH = 'x00480105';
const OPTICAL_PATH_IDENTIFICATION = 'x00480106';

/** Reads one instance's header from `source`; throws WsiError with a sentence saying what is wrong. */
export async function readWsiInstance(source: ByteSource): Promise<WsiInstance> {
  const header = await readWsiHeader(source);
  const { ds, transferSyntaxUid } = header;
  const sopClass = text(ds, 'x00080016');
  if (sopClass !== VL_WHOLE_SLIDE_MICROSCOPY_IMAGE_STORAGE) throw new WsiError(`not a whole-slide microscopy image (SOP class ${sopClass || 'missing'})`);
  const sopInstanceUid = text(ds, 'x00080018');
  const seriesInstanceUid = text(ds, 'x0020000e');
  const flavor = flavorOf(text(ds, 'x00080008'));
  const totalColumns = ds.uint32('x00480006') ?? 0;
  const totalRows = ds.uint32('x00480007') ?? 0;
  const tileRows = ds.uint16('x00280010') ?? 0;
  const tileColumns = ds.uint16('x00280011') ?? 0;
  const numberOfFrames = readNumberOfFrames(ds);
  if (!sopInstanceUid || !seriesInstanceUid) throw new WsiError('the instance has no SOP Instance UID or Series Instance UID');
  if (totalColumns <= 0 || totalRows <= 0) throw new WsiError('the instance does not say the size of its total pixel matrix');
  if (tileColumns <= 0 || tileRows <= 0) throw new WsiError('the instance does not say the size of its tiles (Rows, Columns)');
  if (numberOfFrames === null) throw new WsiError('its Number of Frames is unusable');
  const samplesPerPixel = ds.uint16('x00280002') ?? 1;
  const bitsAllocated = ds.uint16('x00280100') ?? 8;
  const native = NATIVE_TRANSFER_SYNTAXES.has(transferSyntaxUid);
  if (native && bitsAllocated !== 8) throw new WsiError(`its uncompressed tiles have ${bitsAllocated} bits per sample; slides need 8`);
  if (native && samplesPerPixel === 3 && (ds.uint16('x00280006') ?? 0) !== 0) throw new WsiError('its uncompressed tiles store colour planes one after the other, which is not supported');
  const tilesAcross = Math.ceil(totalColumns / tileColumns);
  const tilesDown = Math.ceil(totalRows / tileRows);
  const organization = text(ds, 'x00209311');
  const framePositions =
    organization === 'TILED_FULL' || (organization === '' && !ds.elements[PER_FRAME_FUNCTIONAL_GROUPS])
      ? fullTilePositions(ds, numberOfFrames, tilesAcross, tilesDown, tileColumns, tileRows)
      : sparseTilePositions(ds, numberOfFrames);
  return {
    sopInstanceUid,
    seriesInstanceUid,
    pyramidKey: text(ds, 'x00080019') || seriesInstanceUid,
    flavor,
    totalColumns,
    totalRows,
    tileColumns,
    tileRows,
    numberOfFrames,
    transferSyntaxUid,
    photometricInterpretation: text(ds, 'x00280004'),
    samplesPerPixel,
    micronsPerPixel: micronsPerPixelOf(ds, totalColumns, totalRows),
    objectivePower: objectivePowerOf(ds),
    scanner: [text(ds, 'x00080070'), text(ds, 'x00081090')].filter((part) => part !== '').join(' '),
    framePositions,
    frame: native ? nativeFrameReader(source, header, tileColumns * tileRows * samplesPerPixel, numberOfFrames) : await encapsulatedFrameReader(source, header, numberOfFrames),
  };
}

function flavorOf(imageType: string): WsiImageFlavor {
  const value = imageType.split('\\')[2]?.trim().toUpperCase() ?? '';
  if (value === 'LABEL' || value === 'OVERVIEW' || value === 'THUMBNAIL') return value;
  if (value === 'VOLUME') return 'VOLUME';
  throw new WsiError(`its Image Type "${imageType}" names no whole-slide flavour (VOLUME, LABEL, OVERVIEW or THUMBNAIL)`);
}

/** TILED_FULL: frames fill the matrix row by row, then focal planes, then optical paths; only the first plane and path are kept. */
function fullTilePositions(ds: DataSet, frames: number, across: number, down: number, tileColumns: number, tileRows: number): Map<number, FramePosition> {
  const offset = ds.uint32('x00209228') ?? 0;
  const positions = new Map<number, FramePosition>();
  for (let index = 0; index < frames; index += 1) {
    const tile = offset + index;
    if (tile >= across * down) break;
    positions.set(index, [(tile % across) * tileColumns, Math.floor(tile / across) * tileRows]);
  }
  return positions;
}

/** TILED_SPARSE: each frame names its position (1-based) in its Plane Position (Slide) item. */
function sparseTilePositions(ds: DataSet, frames: number): Map<number, FramePosition> {
  const items = ds.elements[PER_FRAME_FUNCTIONAL_GROUPS]?.items ?? [];
  if (items.length !== frames) throw new WsiError(`its per-frame functional groups describe ${items.length} frames, not the ${frames} it holds`);
  const firstPath = firstOpticalPath(ds);
  const positions = new Map<number, FramePosition>();
  const seen = new Set<string>();
  items.forEach((item, index) => {
    const group = item.dataSet;
    const plane = group?.elements[PLANE_POSITION_SLIDE]?.items?.[0]?.dataSet;
    if (!group || !plane) throw new WsiError(`frame ${index + 1} has no Plane Position (Slide)`);
    const column = plane.int32('x0048021e');
    const row = plane.int32('x0048021f');
    if (column === undefined || row === undefined) throw new WsiError(`frame ${index + 1} does not say where it lies in the total pixel matrix`);
    if (!onPath(group, firstPath)) return;
    const key = `${column},${row}`;
    // Several focal planes repeat a position: the first listed is served.
    if (seen.has(key)) return;
    seen.add(key);
    positions.set(index, [column - 1, row - 1]);
  });
  return positions;
}

/** A frame of another optical path than the first (per-frame Optical Path Identification) is not served. */
function onPath(group: DataSet, firstPath: string | null): boolean {
  const identification = group.elements[OPTICAL_PATH_IDENTIFICATION_SEQUENCE]?.items?.[0]?.dataSet;
  const path = identification ? text(identification, OPTICAL_PATH_IDENTIFICATION) : '';
  return path === '' || firstPath === null || path === firstPath;
}

function firstOpticalPath(ds: DataSet): string | null {
  const item = ds.elements[OPTICAL_PATH]?.items?.[0]?.dataSet;
  return item ? text(item, OPTICAL_PATH_IDENTIFICATION) || null : null;
}

function micronsPerPixelOf(ds: DataSet, totalColumns: number, totalRows: number): readonly [number, number] | null {
  const measures = ds.elements[SHARED_FUNCTIONAL_GROUPS]?.items?.[0]?.dataSet?.elements[PIXEL_MEASURES]?.items?.[0]?.dataSet;
  // PixelSpacing is row spacing (y) then column spacing (x), in mm.
  const spacing = measures ? numbers(measures, 'x00280030', 2) : null;
  if (spacing && spacing[0]! > 0 && spacing[1]! > 0) return [spacing[1]! * 1000, spacing[0]! * 1000];
  const width = ds.float('x00480001');
  const height = ds.float('x00480002');
  if (width && height && width > 0 && height > 0) return [(width * 1000) / totalColumns, (height * 1000) / totalRows];
  return null;
}

function objectivePowerOf(ds: DataSet): number | null {
  const path = ds.elements[OPTICAL_PATH]?.items?.[0]?.dataSet;
  const power = path ? numbers(path, 'x00480112', 1) : null;
  return power && power[0]! > 0 ? power[0]! : null;
}

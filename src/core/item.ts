/**
 * Items are the things a user labels. Every kind this product will handle is modelled here,
 * even where its screens come later, so label sets, annotations and sync stay kind-agnostic.
 */

/** Patient coordinates in millimetres (DICOM LPS). */
export type Vec3 = readonly [number, number, number];

/** ImageOrientationPatient: row then column direction cosines (LPS). */
export type Orientation = readonly [number, number, number, number, number, number];

/** One slice of a CT/MR series, as stored on the server. */
export interface SliceRef {
  /** Target id of the slice: its SOPInstanceUID (plus `#frame` for multi-frame instances). */
  readonly targetId: string;
  /** Server file holding the DICOM bytes. */
  readonly fileId: string;
  readonly sopInstanceUid: string;
  /** 1-based frame number inside a multi-frame instance; absent for single-frame files. */
  readonly frame?: number;
  readonly instanceNumber: number | null;
  /** ImagePositionPatient (mm, LPS); null when the file carries no geometry. */
  readonly position: Vec3 | null;
}

export interface SeriesItem {
  readonly kind: 'series';
  readonly modality: string;
  readonly studyInstanceUid: string;
  readonly seriesInstanceUid: string;
  readonly seriesDescription: string;
  /** Row then column direction cosines (ImageOrientationPatient); null when absent. */
  readonly orientation: Orientation | null;
  /** Slices ordered along the slice normal (feet → head for axial), never by file name. */
  readonly slices: readonly SliceRef[];
  readonly rows: number;
  readonly columns: number;
  /** Row spacing then column spacing, mm per image px. */
  readonly pixelSpacing: readonly [number, number] | null;
}

export interface SlideLevel {
  /** Size of this level in its own px. */
  readonly width: number;
  readonly height: number;
  /** Level-0 px per px of this level (1 for level 0). */
  readonly downsample: number;
}

/** Encoding of a slide's served tiles. */
export type TileFormat = 'jpeg' | 'png';

/**
 * A whole-slide image as served: a pyramid whose level k has downsample 2^k (level 0 at full
 * resolution, the last level fitting one tile), each cut into `tileSize` squares (edge tiles
 * smaller), fetched from `GET /api/items/:id/tiles/:tileVersion/:level/:x/:y`. What the scanner
 * stored (other downsamples, label and macro images) stays with the server.
 */
export interface SlideItem {
  readonly kind: 'slide';
  readonly levels: readonly SlideLevel[];
  /** Micrometres per level-0 px, x then y; null when the scanner did not record it. */
  readonly micronsPerPixel: readonly [number, number] | null;
  readonly tileSize: number;
  readonly tileFormat: TileFormat;
  /**
   * Names the served pyramid (the first 16 hex digits of its tile pack's SHA-256): a slide rebuilt
   * under the same item (a DICOM WSI whose instances came in later uploads) gets a new one, so
   * tile URLs, which name it, never show a tile of the old pyramid.
   */
  readonly tileVersion: string;
  /** Objective magnification of level 0 (20 for ×20), when the scanner recorded it. */
  readonly objectivePower: number | null;
  /** Scanner or source format as the file names it (e.g. "Aperio", "Hamamatsu", "DICOM WSI"); null when unknown. */
  readonly scanner: string | null;
}

/**
 * One frame of a frame set. A frame's image is served at `GET /api/items/:id/frames/:targetId`
 * (JPEG or PNG); nothing here names the file it came from (file names and EXIF can carry patient
 * data: only an admin's import report names files).
 */
export interface FrameRef {
  /** Target id of the frame (stable across reorderings). */
  readonly targetId: string;
  /** Server file holding the frame's served image (a still as imported less its metadata, or a video frame decoded at import). */
  readonly fileId: string;
  /** 0-based frame index inside the video (decoding order, every frame counted), or null for a still image. */
  readonly videoFrame: number | null;
  /** Size of the served image in px (origin top-left; an EXIF orientation is not applied). */
  readonly width: number;
  readonly height: number;
}

/**
 * Thumbnails of every frame, packed into JPEG sprite sheets of `columns` × `rows` cells of
 * `cellWidth` × `cellHeight` px: frame i (in `frames` order) is in sheet ⌊i / (columns·rows)⌋, at
 * cell i mod (columns·rows), filled row by row. Each thumbnail is letterboxed: scaled to fit the
 * cell with its aspect kept, centred on black. Sheets are fetched from
 * `GET /api/items/:id/sprites/:version/:sheet` (0-based sheet), every sheet the same size.
 */
export interface FrameSprites {
  /** Names the sheets (the SHA-256 of their manifest): sprite URLs never change their bytes. */
  readonly version: string;
  readonly cellWidth: number;
  readonly cellHeight: number;
  readonly columns: number;
  readonly rows: number;
  /** How many sheets there are. */
  readonly sheets: number;
}

/** Stills (JPEG/PNG photographs) or the frames of one video, labelled frame by frame. */
export interface FrameSetItem {
  readonly kind: 'frameSet';
  readonly source: 'images' | 'video';
  /** Stills in natural file-name order; a video's frames in order. */
  readonly frames: readonly FrameRef[];
  /** Frames per second of a video (its average rate); absent for stills. */
  readonly fps?: number;
  /** Thumbnails for a grid; absent where none were made. */
  readonly sprites?: FrameSprites;
}

export type ItemContent = SeriesItem | SlideItem | FrameSetItem;

export type ItemKind = ItemContent['kind'];

export interface Item {
  readonly id: string;
  readonly datasetId: string;
  readonly title: string;
  readonly content: ItemContent;
}

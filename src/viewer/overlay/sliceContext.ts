/**
 * What the corners of the viewport say about the slice on screen, from its DICOM metadata only
 * (series description, geometry, window, zoom), never the patient's identity. Pure, so each line
 * is tested from known metadata; the component translates the labels.
 */
import type { Orientation, Vec3 } from '../../core/item';
import { sliceNormal } from '../../core/seriesRegularity';

/** The metadata of one slice the corners read (Cornerstone's image plane and series modules). */
export interface SliceMetadata {
  readonly seriesDescription: string | null;
  readonly imagePositionPatient: Vec3 | null;
  readonly imageOrientationPatient: Orientation | null;
  /** SliceLocation (0020,1041), mm: used only when position and orientation are absent. */
  readonly sliceLocation: number | null;
  /** SliceThickness (0018,0050), mm. */
  readonly sliceThickness: number | null;
}

/**
 * Slice location in mm along the slice normal: the position's projection on it, which holds for
 * tilted stacks where the vendor's SliceLocation may count along the table instead.
 */
export function sliceLocationMm(metadata: SliceMetadata): number | null {
  const { imagePositionPatient: position, imageOrientationPatient: orientation } = metadata;
  if (position && orientation) {
    const n = sliceNormal(orientation);
    return position[0] * n[0] + position[1] * n[1] + position[2] * n[2];
  }
  return metadata.sliceLocation;
}

/** Screen px per image px as a percentage (CSS px; 100 % = one image pixel per CSS pixel). */
export function zoomPercent(imagePxPerScreenPx: number): number {
  return Math.round(100 / imagePxPerScreenPx);
}

/** A number read from DICOM metadata (DS may arrive as a string), or null. */
export function metadataNumber(value: unknown): number | null {
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof number === 'number' && Number.isFinite(number) ? number : null;
}

export function metadataVector<N extends 3 | 6>(value: unknown, size: N): (N extends 3 ? Vec3 : Orientation) | null {
  if (!Array.isArray(value) || value.length !== size) return null;
  const numbers = value.map(metadataNumber);
  if (numbers.some((n) => n === null)) return null;
  return numbers as unknown as N extends 3 ? Vec3 : Orientation;
}

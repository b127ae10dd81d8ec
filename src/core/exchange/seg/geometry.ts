/**
 * Patient ↔ image mapping for the slices of a series (DICOM Image Plane module). Image px: origin
 * at the top-left corner of the top-left pixel, x right along a row, y down a column, so pixel
 * (c, r) covers [c, c + 1) × [r, r + 1) and DICOM's ImagePositionPatient (the centre of the first
 * pixel) is image point (0.5, 0.5). Patient: mm, DICOM LPS.
 */
import type { Orientation, SeriesItem, Vec3 } from '../../item';
import { sliceNormal } from '../../seriesOrder';

/** Where one slice lies in the patient. */
export interface SlicePlane {
  /** ImagePositionPatient: centre of the first pixel, mm. */
  readonly position: Vec3;
  readonly orientation: Orientation;
  /** PixelSpacing: distance between rows, then between columns, mm. */
  readonly spacing: readonly [number, number];
}

function dot(a: Vec3, b: Vec3): number {
  return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}

function rowDirection(o: Orientation): Vec3 {
  return [o[0], o[1], o[2]];
}

function columnDirection(o: Orientation): Vec3 {
  return [o[3], o[4], o[5]];
}

/** Image point (px) on `plane` → patient point (mm). */
export function imageToPatient(plane: SlicePlane, point: readonly [number, number]): Vec3 {
  const [rowSpacing, columnSpacing] = plane.spacing;
  const along = (point[0] - 0.5) * columnSpacing;
  const down = (point[1] - 0.5) * rowSpacing;
  const r = rowDirection(plane.orientation);
  const c = columnDirection(plane.orientation);
  const p = plane.position;
  return [p[0] + r[0] * along + c[0] * down, p[1] + r[1] * along + c[1] * down, p[2] + r[2] * along + c[2] * down];
}

/** Patient point (mm) → image point (px) on `plane`, projected onto it, with its distance from the plane (mm, signed along the normal). */
export function patientToImage(plane: SlicePlane, point: Vec3): { readonly point: readonly [number, number]; readonly offset: number } {
  const d: Vec3 = [point[0] - plane.position[0], point[1] - plane.position[1], point[2] - plane.position[2]];
  const [rowSpacing, columnSpacing] = plane.spacing;
  return {
    point: [dot(d, rowDirection(plane.orientation)) / columnSpacing + 0.5, dot(d, columnDirection(plane.orientation)) / rowSpacing + 0.5],
    offset: dot(d, sliceNormal(plane.orientation)),
  };
}

/**
 * Each slice's plane, in the series' order; null where the series lacks the geometry (no
 * orientation, spacing or position), so callers that need it can say why.
 */
export function slicePlanes(series: SeriesItem): SlicePlane[] | null {
  const { orientation, pixelSpacing } = series;
  if (!orientation || !pixelSpacing) return null;
  const planes: SlicePlane[] = [];
  for (const slice of series.slices) {
    if (!slice.position) return null;
    planes.push({ position: slice.position, orientation, spacing: pixelSpacing });
  }
  return planes;
}

/**
 * The index of the slice whose plane is nearest `point`, or -1 when none is within `tolerance`
 * mm: contours and frames that name no instance find their slice so.
 */
export function sliceAt(planes: readonly SlicePlane[], point: Vec3, tolerance: number): number {
  let best = -1;
  let bestDistance = Infinity;
  planes.forEach((plane, index) => {
    const distance = Math.abs(patientToImage(plane, point).offset);
    if (distance < bestDistance) {
      best = index;
      bestDistance = distance;
    }
  });
  return bestDistance <= tolerance ? best : -1;
}

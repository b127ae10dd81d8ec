/**
 * Image px → patient coordinates for one slice. Units: image px with origin at the centre of the
 * top-left pixel (row down, column right); world in mm (DICOM LPS).
 */

export type Point3 = [number, number, number];

/** The parts of the DICOM Image Plane module needed to place a pixel. */
export interface ImagePlane {
  /** ImagePositionPatient: centre of the first transmitted pixel, mm. */
  readonly imagePositionPatient: readonly [number, number, number];
  /** Direction of increasing column index (along a row): ImageOrientationPatient[0..2]. */
  readonly rowCosines: readonly [number, number, number];
  /** Direction of increasing row index (down a column): ImageOrientationPatient[3..5]. */
  readonly columnCosines: readonly [number, number, number];
  /** Distance between rows (vertical), mm: PixelSpacing[0]. */
  readonly rowPixelSpacing: number;
  /** Distance between columns (horizontal), mm: PixelSpacing[1]. */
  readonly columnPixelSpacing: number;
}

export function imagePixelToWorld(plane: ImagePlane, row: number, col: number): Point3 {
  const p = plane.imagePositionPatient;
  const r = plane.rowCosines;
  const c = plane.columnCosines;
  const x = col * plane.columnPixelSpacing;
  const y = row * plane.rowPixelSpacing;
  return [p[0] + r[0] * x + c[0] * y, p[1] + r[1] * x + c[1] * y, p[2] + r[2] * x + c[2] * y];
}

/** Stored pixel value → modality value (HU for CT); `scaled` means the loader already applied it. */
export function storedToModality(
  stored: number,
  rescale: { readonly slope: number; readonly intercept: number; readonly scaled: boolean },
): number {
  return rescale.scaled ? stored : stored * rescale.slope + rescale.intercept;
}

/** Row-major index of an image pixel; throws outside the image so a test hook never reads garbage. */
export function pixelIndex(row: number, col: number, rows: number, columns: number): number {
  if (!Number.isInteger(row) || !Number.isInteger(col) || row < 0 || col < 0 || row >= rows || col >= columns) {
    throw new RangeError(`Pixel (row ${row}, col ${col}) is outside the ${rows}×${columns} image`);
  }
  return row * columns + col;
}

/** Real geometry of the GE head CT in ../shared/data/radiology/ct-head-series-ge (dcmdump), for pure tests without the files. */
import type { Orientation, Vec3 } from '../item';

/** ImagePositionPatient z of the 28 slices (x, y are −125, −123.5404569): 4.22 mm apart, then 1.14, then 7.38. */
export const GE_Z = [
  5.8360586, 10.0560586, 14.2760586, 18.4960586, 22.7160586, 26.9360586, 31.1560586, 35.3760586, 39.5960586, 43.8160586, 48.0360586,
  52.2560586, 56.4760586, 60.6960586, 61.8360586, 69.2160586, 76.5960586, 83.9760586, 91.3560586, 98.7360586, 106.1160586, 113.4960586,
  120.8760586, 128.2560586, 135.6360586, 143.0160586, 150.3960586, 157.7760586,
] as const;
export const GE_POSITIONS: readonly Vec3[] = GE_Z.map((z) => [-125, -123.5404569, z]);
/** Its ImageOrientationPatient: gantry tilt +18.5°. */
export const GE_ORIENTATION: Orientation = [1, 0, 0, 0, 0.9483237, -0.3173047];
/** PixelSpacing, mm (rows and columns alike). */
export const GE_PIXEL_SPACING = 0.48828125;

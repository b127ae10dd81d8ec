/**
 * Orientation letters at the edges of a slice, from its direction cosines (DICOM LPS: +x is the
 * patient's left, +y posterior, +z superior). Letters follow the usual radiology convention: the
 * strongest direction first, then any other component large enough to matter on an oblique plane.
 */
import type { Orientation, Vec3 } from '../../core/item';

export interface EdgeMarkers {
  readonly top: string;
  readonly bottom: string;
  readonly left: string;
  readonly right: string;
}

/** A component below this (about 15° off an axis) is not named; 18.5° gantry tilt is. */
const MIN_COMPONENT = 0.25;

const AXES: ReadonlyArray<readonly [positive: string, negative: string]> = [
  ['L', 'R'],
  ['P', 'A'],
  ['S', 'I'],
];

/** The letters of the direction a vector points to, e.g. [0, 0.95, −0.32] → "PI". */
export function directionLetters(vector: Vec3): string {
  return [0, 1, 2]
    .map((axis) => ({ axis, value: vector[axis] ?? 0 }))
    .filter(({ value }) => Math.abs(value) >= MIN_COMPONENT)
    .sort((a, b) => Math.abs(b.value) - Math.abs(a.value))
    .map(({ axis, value }) => {
      const [positive, negative] = AXES[axis] as readonly [string, string];
      return value > 0 ? positive : negative;
    })
    .join('');
}

function negate(v: Vec3): Vec3 {
  return [-v[0], -v[1], -v[2]];
}

/**
 * Letters at each edge of an unrotated, unflipped slice: the row direction points right, the
 * column direction down (the viewer has no rotate or flip, so the screen is the image).
 */
export function edgeMarkers(orientation: Orientation): EdgeMarkers {
  const row: Vec3 = [orientation[0], orientation[1], orientation[2]];
  const column: Vec3 = [orientation[3], orientation[4], orientation[5]];
  return {
    right: directionLetters(row),
    left: directionLetters(negate(row)),
    bottom: directionLetters(column),
    top: directionLetters(negate(column)),
  };
}

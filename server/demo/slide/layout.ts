/**
 * Where things are on the demo slide, in level-0 px (origin top-left): three biopsy fragments of
 * tissue on white glass, and the lesions inside them whose outlines are the ground truth. Pure
 * functions of position, shared by the tile renderer, the nuclei and the ground truth.
 */
import type { SlideItem } from '../../../src/core/item';

export const DEMO_SLIDE_WIDTH = 51_200;
export const DEMO_SLIDE_HEIGHT = 40_960;
export const DEMO_SLIDE_TILE = 256;
/** Bump when the picture changes, so tiles cached by an older version (on disk, in browsers) are not shown. */
export const DEMO_SLIDE_VERSION = 1;
/** The demo slide's SlideItem.tileVersion: no tile pack to hash, the picture's version names it. */
export const DEMO_SLIDE_TILE_VERSION = `demo-v${DEMO_SLIDE_VERSION}`;
/** ×20 scan: 0.5 µm per level-0 px. */
export const DEMO_SLIDE_MICRONS_PER_PIXEL = 0.5;

/** A biopsy fragment: a rotated ellipse with a wavy rim. */
interface Fragment {
  readonly cx: number;
  readonly cy: number;
  readonly rx: number;
  readonly ry: number;
  /** Radians, clockwise on screen (y grows downwards). */
  readonly angle: number;
  /** Phase of the rim's waves. */
  readonly phase: number;
}

const FRAGMENTS = (
  [
    { cx: 14_000, cy: 21_000, rx: 9_500, ry: 4_300, angle: 0.35, phase: 0.4 },
    { cx: 30_500, cy: 13_500, rx: 10_500, ry: 3_900, angle: -0.2, phase: 2.1 },
    { cx: 37_000, cy: 29_000, rx: 9_000, ry: 4_600, angle: 0.55, phase: 4.0 },
  ] satisfies Fragment[]
).map((f) => ({ ...f, cos: Math.cos(f.angle), sin: Math.sin(f.angle) }));

/** Relative rim radius at polar angle `theta` of a fragment: waves of ±13 % around the ellipse. */
function rim(theta: number, phase: number): number {
  return 1 + 0.08 * Math.sin(3 * theta + phase) + 0.05 * Math.sin(7 * theta + 2 * phase);
}

/**
 * How far inside the tissue (x, y) lies, in px, approximately: positive inside a fragment,
 * negative outside. The rim is where it crosses 0.
 */
export function tissueDepth(x: number, y: number): number {
  let best = -Infinity;
  for (const f of FRAGMENTS) {
    const dx = x - f.cx;
    const dy = y - f.cy;
    const u = (dx * f.cos + dy * f.sin) / f.rx;
    const v = (-dx * f.sin + dy * f.cos) / f.ry;
    const rho = Math.hypot(u, v);
    const depth = (rim(Math.atan2(v, u), f.phase) - rho) * f.ry;
    if (depth > best) best = depth;
  }
  return best;
}

export type LesionClass = 'lesion.carcinoma' | 'lesion.adenoma';

export interface DemoLesion {
  readonly id: string;
  /** Code of the class in the `lesion` question of the `gastric-biopsy` label set. */
  readonly classCode: LesionClass;
  /** Closed ring (first vertex not repeated), level-0 px. */
  readonly ring: readonly (readonly [number, number])[];
}

interface LesionShape {
  readonly id: string;
  readonly classCode: LesionClass;
  readonly cx: number;
  readonly cy: number;
  readonly radius: number;
  readonly phase: number;
}

const LESION_SHAPES: readonly LesionShape[] = [
  { id: 'carcinoma-1', classCode: 'lesion.carcinoma', cx: 28_000, cy: 14_200, radius: 2_600, phase: 1.3 },
  { id: 'carcinoma-2', classCode: 'lesion.carcinoma', cx: 39_500, cy: 30_000, radius: 1_700, phase: 3.7 },
  { id: 'adenoma-1', classCode: 'lesion.adenoma', cx: 11_500, cy: 20_000, radius: 2_100, phase: 5.2 },
];

const LESION_VERTICES = 32;

/** Lesion radius (px) at polar angle `theta`: irregular, as an invasive front is. */
function lesionRadius(shape: LesionShape, theta: number): number {
  return shape.radius * (1 + 0.18 * Math.sin(2 * theta + shape.phase) + 0.1 * Math.sin(5 * theta + 2 * shape.phase));
}

/** The ground truth: each lesion's outline. */
export const DEMO_LESIONS: readonly DemoLesion[] = LESION_SHAPES.map((shape) => ({
  id: shape.id,
  classCode: shape.classCode,
  ring: Array.from({ length: LESION_VERTICES }, (_, i) => {
    const theta = (2 * Math.PI * i) / LESION_VERTICES;
    const r = lesionRadius(shape, theta);
    return [Math.round(shape.cx + r * Math.cos(theta)), Math.round(shape.cy + r * Math.sin(theta))] as const;
  }),
}));

/** The lesion whose outline holds (x, y), or null. */
export function lesionAt(x: number, y: number): DemoLesion | null {
  for (const [i, shape] of LESION_SHAPES.entries()) {
    const dx = x - shape.cx;
    const dy = y - shape.cy;
    if (dx * dx + dy * dy > (shape.radius * 1.3) ** 2) continue;
    if (insideRing(DEMO_LESIONS[i]!.ring, x, y)) return DEMO_LESIONS[i]!;
  }
  return null;
}

/** Even-odd rule. */
export function insideRing(ring: readonly (readonly [number, number])[], x: number, y: number): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i, i += 1) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** The served pyramid: downsample 2^k down to one tile. */
export function demoSlideContent(): SlideItem {
  const levels = [];
  for (let k = 0; ; k += 1) {
    const downsample = 2 ** k;
    const width = Math.ceil(DEMO_SLIDE_WIDTH / downsample);
    const height = Math.ceil(DEMO_SLIDE_HEIGHT / downsample);
    levels.push({ width, height, downsample });
    if (width <= DEMO_SLIDE_TILE && height <= DEMO_SLIDE_TILE) break;
  }
  return {
    kind: 'slide',
    levels,
    micronsPerPixel: [DEMO_SLIDE_MICRONS_PER_PIXEL, DEMO_SLIDE_MICRONS_PER_PIXEL],
    tileSize: DEMO_SLIDE_TILE,
    tileFormat: 'jpeg',
    tileVersion: DEMO_SLIDE_TILE_VERSION,
    objectivePower: 20,
    scanner: 'Mejirushi synthetic slide',
  };
}

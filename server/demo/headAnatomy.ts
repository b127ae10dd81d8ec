/**
 * A simple head in HU, one axial section at a time: scalp, a cortical skull ring, a thin CSF rim,
 * grey and white matter, lateral ventricles, skull-base bone, and optionally a subarachnoid bleed.
 * Edges are hard (no partial volume), so every pixel holds exactly one of the HU values below.
 *
 * Height is `t` in [0, 1]: 0 at the skull base, 1 at the vertex.
 */
import { fillAnnulus, fillEllipse, fillSegment, type SliceGrid } from './raster';

export const HU = {
  air: -1000,
  softTissue: 40,
  bone: 1000,
  csf: 5,
  greyMatter: 38,
  whiteMatter: 28,
  blood: 70,
} as const;

/** Where blood lies in a bleed slice: basal cisterns low down, fissures and sulci higher up. */
export type Bleed = 'none' | 'basal' | 'convexity';

const SCALP_MM = 5;
const CSF_RIM_MM = 1.5;
const GREY_MM = 4;

/** Lateral ventricles: centres at (±x, y) mm, present for t in [from, to]. */
export const VENTRICLES = { x: 11, y: -8, a: 5, b: 18, from: 0.45, to: 0.68 } as const;
/** Suprasellar cistern ring around (0, y) mm, filled with blood in basal bleed slices. */
export const CISTERN = { x: 0, y: -12, inner: 7, outer: 13 } as const;
/** Pool of blood at the medial end of each Sylvian fissure, radius mm. */
export const SYLVIAN_POOL_RADIUS_MM = 4;

const INTRACRANIAL_SOFT: ReadonlySet<number> = new Set([HU.csf, HU.greyMatter, HU.whiteMatter]);

export interface HeadSection {
  /** Outer semi-axes of the head, mm: a left-right, b front-back. */
  readonly a: number;
  readonly b: number;
  readonly skullMm: number;
  /** Semi-axes of the inner skull surface, mm. */
  readonly innerA: number;
  readonly innerB: number;
}

export function headSection(t: number): HeadSection {
  // Narrower at the skull base, widest at t = 0.35, a dome up to the vertex.
  const scale = t <= 0.35 ? 0.82 + 0.18 * (t / 0.35) : Math.sqrt(Math.max(0, 1 - ((t - 0.35) / 0.68) ** 2));
  const a = 74 * scale;
  const b = 92 * scale;
  const skullMm = t < 0.22 ? 11 : 6;
  return { a, b, skullMm, innerA: a - SCALP_MM - skullMm, innerB: b - SCALP_MM - skullMm };
}

/** Size factor of the ventricles at height t (0 outside their range). */
export function ventricleScale(t: number): number {
  if (t < VENTRICLES.from || t > VENTRICLES.to) return 0;
  return 0.6 + 0.4 * Math.sin((Math.PI * (t - VENTRICLES.from)) / (VENTRICLES.to - VENTRICLES.from));
}

/** Centre of the Sylvian pool on one side (side -1 = image left / patient right). */
export function sylvianPool(section: HeadSection, side: -1 | 1): { x: number; y: number } {
  return { x: side * (section.innerA - 26), y: -18 };
}

/** Noise-free HU of one axial section, row-major `grid.rows × grid.columns`. */
export function paintHeadSlice(grid: SliceGrid, t: number, bleed: Bleed): Int16Array {
  const hu = new Int16Array(grid.rows * grid.columns).fill(HU.air);
  const section = headSection(t);
  const at = (inset: number) => ({ cx: 0, cy: 0, a: section.a - inset, b: section.b - inset });

  fillEllipse(grid, hu, at(0), HU.softTissue);
  fillEllipse(grid, hu, at(SCALP_MM), HU.bone);
  const insideSkull = SCALP_MM + section.skullMm;
  fillEllipse(grid, hu, at(insideSkull), HU.csf);
  fillEllipse(grid, hu, at(insideSkull + CSF_RIM_MM), HU.greyMatter);
  fillEllipse(grid, hu, at(insideSkull + CSF_RIM_MM + GREY_MM), HU.whiteMatter);

  const vs = ventricleScale(t);
  if (vs > 0) {
    for (const side of [-1, 1]) {
      fillEllipse(grid, hu, { cx: side * VENTRICLES.x, cy: VENTRICLES.y, a: VENTRICLES.a * vs, b: VENTRICLES.b * vs }, HU.csf);
    }
  }

  if (t < 0.22) paintSkullBase(grid, hu);
  if (bleed !== 'none') paintBleed(grid, hu, section, bleed);
  return hu;
}

/** Clivus and petrous ridges: bone across the middle of the lowest sections. */
function paintSkullBase(grid: SliceGrid, hu: Int16Array): void {
  fillEllipse(grid, hu, { cx: 0, cy: 8, a: 7, b: 12 }, HU.bone);
  for (const side of [-1, 1]) {
    fillSegment(grid, hu, { x1: side * 12, y1: 12, x2: side * 42, y2: 28, width: 6 }, HU.bone);
  }
}

/** Hyperdense blood in the subarachnoid spaces; it never covers bone, scalp or air. */
function paintBleed(grid: SliceGrid, hu: Int16Array, section: HeadSection, bleed: Exclude<Bleed, 'none'>): void {
  const over = INTRACRANIAL_SOFT;
  for (const side of [-1, 1] as const) {
    const pool = sylvianPool(section, side);
    fillSegment(grid, hu, { x1: side * (section.innerA - 1), y1: -12, x2: pool.x, y2: pool.y, width: 2.5 }, HU.blood, over);
    fillEllipse(grid, hu, { cx: pool.x, cy: pool.y, a: SYLVIAN_POOL_RADIUS_MM, b: SYLVIAN_POOL_RADIUS_MM }, HU.blood, over);
  }
  if (bleed === 'basal') {
    fillAnnulus(grid, hu, { cx: CISTERN.x, cy: CISTERN.y, inner: CISTERN.inner, outer: CISTERN.outer }, HU.blood, over);
    return;
  }
  // Interhemispheric fissure (anterior) and four convexity sulci.
  fillSegment(grid, hu, { x1: 0, y1: -(section.innerB - 1), x2: 0, y2: -(section.innerB - 30), width: 2 }, HU.blood, over);
  for (const degrees of [35, 145, 215, 325]) {
    const angle = (degrees * Math.PI) / 180;
    const x = (section.innerA - 1) * Math.cos(angle);
    const y = (section.innerB - 1) * Math.sin(angle);
    const inward = 10 / Math.hypot(x, y);
    fillSegment(grid, hu, { x1: x, y1: y, x2: x * (1 - inward), y2: y * (1 - inward), width: 1.5 }, HU.blood, over);
  }
}

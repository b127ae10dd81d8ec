/**
 * Varied head-CT phantoms with their own ground truth, for evaluating slice-level SAH detectors
 * honestly: the same anatomy as the demo series (headAnatomy), but bleeds of every extent from
 * none to a single tiny sulcal clot, blood from 50 to 90 HU, Gaussian noise of several levels,
 * partial volume (a scanner-like blur, so the skull's inner rim passes through blood values) and
 * calcifications (hyperdense mimics whose blurred halo also does). Pure: no files, deterministic
 * for a spec.
 */
import { HU, headSection, paintHeadSlice, sylvianPool } from './headAnatomy';
import { mulberry32 } from '../../src/core/random';
import type { HuSlice } from './phantomHu';
import { fillEllipse, type SliceGrid } from './raster';

/** How much blood the series holds: the demo's pattern, one Sylvian pool, one small sulcal clot, or none. */
export type BleedExtent = 'extensive' | 'small' | 'tiny' | 'none';

export interface PhantomVariantSpec {
  readonly seed: number;
  readonly sliceCount: number;
  readonly bleed: BleedExtent;
  /** HU of the blood (acute SAH: 50–90). */
  readonly bleedHu: number;
  /** Standard deviation of the Gaussian noise on tissue, HU. */
  readonly noiseSigmaHu: number;
  /** Standard deviation of the blur that stands for the scanner's resolution, px (0: hard edges). */
  readonly blurSigmaPx: number;
  /** Calcified foci (120–600 HU) placed in the brain across the series. */
  readonly calcifications: number;
}

export interface VariantSlice extends HuSlice {
  /** Pixels painted as blood before blur and noise: the slice's ground truth is `> 0`. */
  readonly bloodPixels: number;
}

const SIZE = 512;
const SPACING_MM = 0.45;
const ORIGIN_MM = -((SIZE - 1) / 2) * SPACING_MM;
const GRID: SliceGrid = { rows: SIZE, columns: SIZE, spacing: SPACING_MM, x0: ORIGIN_MM, y0: ORIGIN_MM };
/** What blood and calcifications may be painted over: CSF, grey and white matter. */
const INTRACRANIAL: ReadonlySet<number> = new Set([HU.csf, HU.greyMatter, HU.whiteMatter]);

export function generatePhantomVariant(spec: PhantomVariantSpec): VariantSlice[] {
  const random = mulberry32(spec.seed);
  const n = spec.sliceCount;
  const heightOf = (index: number) => (index + 0.5) / n;
  const bleeds = planBleed(spec, random);
  const calcified = Array.from({ length: spec.calcifications }, () => planCalcification(n, random));
  const slices: VariantSlice[] = [];
  for (let index = 0; index < n; index += 1) {
    const t = heightOf(index);
    const painted = paintHeadSlice(GRID, t, bleeds.pattern(index));
    // The anatomy paints blood at HU.blood; this series' blood has its own density.
    for (let i = 0; i < painted.length; i += 1) if (painted[i] === HU.blood) painted[i] = spec.bleedHu;
    bleeds.extra(index, t, painted);
    for (const c of calcified) if (c.sliceIndex === index) fillEllipse(GRID, painted, { cx: c.x * headSection(t).innerA, cy: c.y * headSection(t).innerB, a: c.radiusMm, b: c.radiusMm }, c.hu, INTRACRANIAL);
    let bloodPixels = 0;
    for (const value of painted) if (value === spec.bleedHu) bloodPixels += 1;
    const hu = blurred(Float32Array.from(painted), spec.blurSigmaPx);
    addGaussianNoise(hu, painted, spec.noiseSigmaHu, random);
    slices.push({ width: SIZE, height: SIZE, hu, spacing: [SPACING_MM, SPACING_MM], bloodPixels });
  }
  return slices;
}

interface BleedPlan {
  /** The anatomy's own bleed pattern for a slice. */
  pattern(index: number): 'none' | 'basal' | 'convexity';
  /** Paints any further blood of this series into a slice. */
  extra(index: number, t: number, hu: Int16Array): void;
}

function planBleed(spec: PhantomVariantSpec, random: () => number): BleedPlan {
  const n = spec.sliceCount;
  const none: BleedPlan = { pattern: () => 'none', extra: () => undefined };
  if (spec.bleed === 'none') return none;
  if (spec.bleed === 'extensive') {
    const start = Math.round(n * 0.25) + Math.floor(random() * 5) - 2;
    const count = Math.max(2, Math.round(n / 3) - Math.floor(random() * 3));
    return {
      pattern: (index) => (index < start || index >= start + count ? 'none' : index - start < Math.ceil(count / 2) ? 'basal' : 'convexity'),
      extra: () => undefined,
    };
  }
  if (spec.bleed === 'small') {
    // One Sylvian pool, 3–4.5 mm across, over two or three slices at mid height.
    const first = Math.round(n * (0.3 + 0.15 * random()));
    const count = 2 + Math.floor(random() * 2);
    const side = random() < 0.5 ? -1 : 1;
    const radiusMm = 3 + 1.5 * random();
    return {
      pattern: () => 'none',
      extra: (index, t, hu) => {
        if (index < first || index >= first + count) return;
        const pool = sylvianPool(headSection(t), side);
        fillEllipse(GRID, hu, { cx: pool.x, cy: pool.y, a: radiusMm, b: radiusMm }, spec.bleedHu, INTRACRANIAL);
      },
    };
  }
  // Tiny: one clot 1–2 mm in radius in a convexity sulcus, 4–8 mm inside the skull, on one or two slices.
  const first = Math.round(n * (0.35 + 0.3 * random()));
  const count = 1 + Math.floor(random() * 2);
  const angle = 2 * Math.PI * random();
  const depthMm = 4 + 4 * random();
  const radiusMm = 1 + random();
  return {
    pattern: () => 'none',
    extra: (index, t, hu) => {
      if (index < first || index >= first + count) return;
      const section = headSection(t);
      const cx = (section.innerA - depthMm) * Math.cos(angle);
      const cy = (section.innerB - depthMm) * Math.sin(angle);
      fillEllipse(GRID, hu, { cx, cy, a: radiusMm, b: radiusMm }, spec.bleedHu, INTRACRANIAL);
    },
  };
}

interface Calcification {
  readonly sliceIndex: number;
  /** Position as a fraction of the inner skull's semi-axes (so it stays intracranial at any height). */
  readonly x: number;
  readonly y: number;
  readonly radiusMm: number;
  readonly hu: number;
}

function planCalcification(n: number, random: () => number): Calcification {
  const angle = 2 * Math.PI * random();
  const reach = 0.7 * Math.sqrt(random());
  return {
    sliceIndex: Math.round(n * (0.25 + 0.55 * random())),
    x: reach * Math.cos(angle),
    y: reach * Math.sin(angle),
    radiusMm: 1 + 1.5 * random(),
    hu: Math.round(120 + 480 * random()),
  };
}

/** A separable Gaussian blur (edges clamped); sigma 0 returns the input. */
function blurred(image: Float32Array, sigma: number): Float32Array {
  if (sigma <= 0) return image;
  const radius = Math.ceil(3 * sigma);
  const kernel = Array.from({ length: 2 * radius + 1 }, (_, i) => Math.exp(-((i - radius) ** 2) / (2 * sigma * sigma)));
  const total = kernel.reduce((a, b) => a + b, 0);
  const weights = kernel.map((w) => w / total);
  const pass = (from: Float32Array, step: number, along: number): Float32Array => {
    const to = new Float32Array(from.length);
    for (let i = 0; i < from.length; i += 1) {
      const position = step === 1 ? i % SIZE : Math.floor(i / SIZE);
      let sum = 0;
      for (let k = -radius; k <= radius; k += 1) {
        const p = Math.min(along - 1, Math.max(0, position + k));
        sum += weights[k + radius]! * from[i + (p - position) * step]!;
      }
      to[i] = sum;
    }
    return to;
  };
  return pass(pass(image, 1, SIZE), SIZE, SIZE);
}

/** Gaussian noise (Box–Muller) on every pixel that was not air before the blur. */
function addGaussianNoise(hu: Float32Array, painted: Int16Array, sigma: number, random: () => number): void {
  for (let i = 0; i < hu.length; i += 1) {
    if (painted[i] === HU.air) continue;
    const u = 1 - random();
    hu[i] = hu[i]! + sigma * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
  }
}

/**
 * The evaluation set: `count` series with every bleed extent in turn and densities, noise, blur
 * and mimics drawn from the seed. The demo series (seed 1) is the calibration set and is not in it.
 */
export function phantomVariantSet(count: number, seed: number): PhantomVariantSpec[] {
  const random = mulberry32(seed);
  const extents: readonly BleedExtent[] = ['extensive', 'small', 'tiny', 'none'];
  return Array.from({ length: count }, (_, i) => ({
    seed: seed * 1000 + i,
    sliceCount: 24,
    bleed: extents[i % extents.length]!,
    bleedHu: Math.round(50 + 40 * random()),
    noiseSigmaHu: 2 + 8 * random(),
    blurSigmaPx: 0.5 + 0.7 * random(),
    calcifications: Math.floor(4 * random()),
  }));
}

/**
 * The demo dataset: a synthetic head CT with a subarachnoid bleed in known slices, written as real
 * CT Image Storage files (stored values are HU: signed 16 bit, slope 1, intercept 0). Deterministic
 * for a seed, so its ground truth can be kept and checked by later tests.
 *
 * Layout for the default 24 slices (0-based slice index = patient order, feet → head):
 * - z = −40 mm + 5 mm × index, axial, 512 × 512 at 0.45 mm; slice 0 is the skull base, 23 the vertex.
 * - bleed (70 HU) in slices 6–13: basal cisterns + Sylvian fissures in 6–9, interhemispheric
 *   fissure, convexity sulci + Sylvian fissures in 10–13. No other slice has any voxel in 60–80 HU.
 * - noise: uniform integer ±3 HU on every non-air pixel, except a quiet disc of radius 3 px around
 *   each probe point, so a probe and its 8 neighbours hold exact HU.
 */
import { createHash } from 'node:crypto';
import { writeDicom, type DicomElement } from '../dicom/write';
import { CT_IMAGE_STORAGE } from '../dicom/uids';
import { CISTERN, HU, VENTRICLES, headSection, paintHeadSlice, sylvianPool, type Bleed } from './headAnatomy';
import { pixelOf, type SliceGrid } from './raster';
import { mulberry32 } from '../../src/core/random';

export type PhantomTissue = 'air' | 'bone' | 'brain' | 'csf' | 'blood';

export interface PhantomProbe {
  /** 0-based, in patient (position) order. */
  readonly sliceIndex: number;
  /** Image px, origin top-left. */
  readonly row: number;
  readonly column: number;
  /** Exact stored value (= HU): probes sit in noise-free patches. */
  readonly hu: number;
  readonly tissue: PhantomTissue;
}

export interface PhantomTruth {
  readonly sliceCount: number;
  readonly rows: number;
  readonly columns: number;
  /** Row then column spacing, mm per px. */
  readonly pixelSpacing: readonly [number, number];
  readonly sliceSpacingMm: number;
  readonly studyInstanceUid: string;
  readonly seriesInstanceUid: string;
  /** 0-based, in patient (position) order: the slices that contain blood. */
  readonly sahSliceIndices: readonly number[];
  /** In patient order. */
  readonly sopInstanceUids: readonly string[];
  /** Points whose HU is exact (no noise), for viewer pixel tests. */
  readonly probes: readonly PhantomProbe[];
  /** Inclusive HU range that only blood voxels fall in. */
  readonly bloodHuRange: readonly [number, number];
  /** Noise amplitude, HU: every non-air, non-probe pixel is its tissue's HU ± this. */
  readonly noiseHu: number;
}

export interface PhantomFile {
  readonly name: string;
  readonly bytes: Uint8Array;
}

export interface PhantomOptions {
  readonly seed?: number;
  readonly sliceCount?: number;
  /** Which series of the seed's study this is; default series 1 with the demo's description. */
  readonly series?: PhantomSeries;
}

/** A series of the phantom's study: the same seed makes the same study, a number other than 1 another series in it. */
export interface PhantomSeries {
  /** SeriesNumber (≥ 1); it also names the series' UIDs, so two numbers never share an instance. */
  readonly number: number;
  readonly description: string;
}

export const PHANTOM_PATIENT = { name: 'PHANTOM^HEAD', id: 'MJR-DEMO-0001' } as const;
export const PHANTOM_SERIES_DESCRIPTION = 'Synthetic head CT (Mejirushi demo)';

const SIZE = 512;
const SPACING_MM = 0.45;
const SLICE_MM = 5;
const FIRST_Z_MM = -40;
const NOISE_HU = 3;
const QUIET_RADIUS_PX = 3;
const BLOOD_RANGE: readonly [number, number] = [60, 80];

/** Where the phantom's slices lie and which hold which bleed: one definition for its pixels and its ground truth. */
interface PhantomLayout {
  readonly sliceCount: number;
  readonly grid: SliceGrid;
  /** Height t in [0, 1] of slice `index` (see headAnatomy.ts). */
  readonly heightOf: (index: number) => number;
  readonly sahSliceIndices: readonly number[];
  readonly bleedOf: (index: number) => Bleed;
}

function phantomLayout(options: PhantomOptions): PhantomLayout {
  const sliceCount = options.sliceCount ?? 24;
  if (!Number.isInteger(sliceCount) || sliceCount < 6 || sliceCount > 400) {
    throw new Error(`sliceCount must be an integer from 6 to 400, got ${sliceCount}`);
  }
  // Pixel centres symmetric about the isocentre: pixel 255.5 lies at x = y = 0.
  const origin = -((SIZE - 1) / 2) * SPACING_MM;
  const grid: SliceGrid = { rows: SIZE, columns: SIZE, spacing: SPACING_MM, x0: origin, y0: origin };
  const sahStart = Math.round(sliceCount * 0.25);
  const sahCount = Math.max(2, Math.round(sliceCount / 3));
  const sahSliceIndices = Array.from({ length: sahCount }, (_, i) => sahStart + i);
  const bleedOf = (index: number): Bleed => {
    const k = index - sahStart;
    if (k < 0 || k >= sahCount) return 'none';
    return k < Math.ceil(sahCount / 2) ? 'basal' : 'convexity';
  };
  return { sliceCount, grid, heightOf: (index) => (index + 0.5) / sliceCount, sahSliceIndices, bleedOf };
}

/** Noise-free HU of slice `index`, row-major. */
function noiseFreeSlice(layout: PhantomLayout, index: number): Int16Array {
  return paintHeadSlice(layout.grid, layout.heightOf(index), layout.bleedOf(index));
}

/**
 * The bleed's ground truth: per slice in patient order, row-major, 1 where the phantom holds blood
 * (the voxels whose stored HU lies in `truth.bloodHuRange`), from the same geometry the generator paints.
 */
export function phantomBleedMasks(options: PhantomOptions = {}): Uint8Array[] {
  const layout = phantomLayout(options);
  return Array.from({ length: layout.sliceCount }, (_, index) => {
    if (layout.bleedOf(index) === 'none') return new Uint8Array(SIZE * SIZE);
    return Uint8Array.from(noiseFreeSlice(layout, index), (hu) => (hu === HU.blood ? 1 : 0));
  });
}

export function generateHeadCtPhantom(options: PhantomOptions = {}): { files: PhantomFile[]; truth: PhantomTruth } {
  const seed = options.seed ?? 1;
  const layout = phantomLayout(options);
  const { sliceCount, grid, heightOf, sahSliceIndices } = layout;
  const origin = grid.x0;

  const series = options.series ?? { number: 1, description: PHANTOM_SERIES_DESCRIPTION };
  // Series 1 keeps the names its UIDs always had, so the demo's ground truth stays as it was.
  const inSeries = series.number === 1 ? '' : `series-${series.number}-`;
  const studyInstanceUid = derivedUid(seed, 'study');
  const seriesInstanceUid = derivedUid(seed, series.number === 1 ? 'series' : `series-${series.number}`);
  const frameOfReferenceUid = derivedUid(seed, 'frame-of-reference');
  const sopInstanceUids = Array.from({ length: sliceCount }, (_, i) => derivedUid(seed, `${inSeries}slice-${i}`));
  const probeSpots = chooseProbes(grid, sliceCount, heightOf, sahSliceIndices);

  const random = mulberry32(seed);
  const probes: PhantomProbe[] = [];
  const files: PhantomFile[] = [];
  for (let index = 0; index < sliceCount; index++) {
    const base = noiseFreeSlice(layout, index);
    const spots = probeSpots.filter((spot) => spot.sliceIndex === index);
    for (const spot of spots) probes.push({ ...spot, hu: base[spot.row * SIZE + spot.column] ?? HU.air });
    const pixels = addNoise(base, quietMask(spots), random);
    const z = FIRST_Z_MM + SLICE_MM * index;
    const sopInstanceUid = sopInstanceUids[index] ?? '';
    const elements = sliceElements({ index, z, origin, pixels, studyInstanceUid, seriesInstanceUid, frameOfReferenceUid, series });
    files.push({
      // A series asked for by number is named so, apart from the files of a default phantom beside it.
      name: `${options.series ? `series-${series.number}-` : ''}slice-${String(index + 1).padStart(2, '0')}.dcm`,
      bytes: writeDicom(elements, { sopClassUid: CT_IMAGE_STORAGE, sopInstanceUid }),
    });
  }

  return {
    files: shuffled(files, mulberry32(seed ^ 0x5eed)),
    truth: {
      sliceCount,
      rows: SIZE,
      columns: SIZE,
      pixelSpacing: [SPACING_MM, SPACING_MM],
      sliceSpacingMm: SLICE_MM,
      studyInstanceUid,
      seriesInstanceUid,
      sahSliceIndices,
      sopInstanceUids,
      probes,
      bloodHuRange: BLOOD_RANGE,
      noiseHu: NOISE_HU,
    },
  };
}

type ProbeSpot = Omit<PhantomProbe, 'hu'>;

/** One or two probe points per tissue, each well inside its structure (≥ 3 px from an edge). */
function chooseProbes(
  grid: SliceGrid,
  sliceCount: number,
  heightOf: (index: number) => number,
  sahSliceIndices: readonly number[],
): ProbeSpot[] {
  const nearestTo = (t: number) => Math.min(sliceCount - 1, Math.max(0, Math.round(t * sliceCount - 0.5)));
  const upper = nearestTo(0.73);
  const upperSection = headSection(heightOf(upper));
  const ventricular = nearestTo(0.6);
  const firstSah = sahSliceIndices[0] ?? 0;
  const lastSah = sahSliceIndices[sahSliceIndices.length - 1] ?? 0;
  const spot = (sliceIndex: number, tissue: PhantomTissue, x: number, y: number): ProbeSpot => ({
    sliceIndex,
    tissue,
    ...pixelOf(grid, x, y),
  });
  return [
    { sliceIndex: 0, tissue: 'air', row: 4, column: 4 },
    spot(upper, 'bone', upperSection.a - 5 - upperSection.skullMm / 2, 0),
    spot(upper, 'brain', -30, 20),
    spot(upper, 'brain', -(upperSection.innerA - 1.5 - 2), 0),
    spot(ventricular, 'csf', VENTRICLES.x, VENTRICLES.y),
    spot(firstSah, 'blood', CISTERN.x, CISTERN.y - (CISTERN.inner + CISTERN.outer) / 2),
    spot(lastSah, 'blood', sylvianPool(headSection(heightOf(lastSah)), -1).x, sylvianPool(headSection(heightOf(lastSah)), -1).y),
  ];
}

function quietMask(spots: readonly ProbeSpot[]): Set<number> {
  const quiet = new Set<number>();
  for (const { row, column } of spots) {
    for (let dr = -QUIET_RADIUS_PX; dr <= QUIET_RADIUS_PX; dr++) {
      for (let dc = -QUIET_RADIUS_PX; dc <= QUIET_RADIUS_PX; dc++) {
        if (dr * dr + dc * dc <= QUIET_RADIUS_PX * QUIET_RADIUS_PX) quiet.add((row + dr) * SIZE + column + dc);
      }
    }
  }
  return quiet;
}

function addNoise(base: Int16Array, quiet: ReadonlySet<number>, random: () => number): Int16Array {
  const out = new Int16Array(base.length);
  for (let i = 0; i < base.length; i++) {
    const value = base[i] ?? HU.air;
    out[i] = value === HU.air || quiet.has(i) ? value : value + Math.floor(random() * (2 * NOISE_HU + 1)) - NOISE_HU;
  }
  return out;
}

interface SliceInput {
  readonly index: number;
  readonly z: number;
  readonly origin: number;
  readonly pixels: Int16Array;
  readonly studyInstanceUid: string;
  readonly seriesInstanceUid: string;
  readonly frameOfReferenceUid: string;
  readonly series: PhantomSeries;
}

function sliceElements(s: SliceInput): DicomElement[] {
  return [
    { tag: 0x00080008, vr: 'CS', value: ['DERIVED', 'SECONDARY', 'AXIAL'] },
    { tag: 0x00080012, vr: 'DA', value: '20260101' },
    { tag: 0x00080013, vr: 'TM', value: '090000' },
    { tag: 0x00080020, vr: 'DA', value: '20260101' },
    { tag: 0x00080030, vr: 'TM', value: '090000' },
    { tag: 0x00080050, vr: 'SH', value: '' },
    { tag: 0x00080060, vr: 'CS', value: 'CT' },
    { tag: 0x00080070, vr: 'LO', value: 'Mejirushi' },
    { tag: 0x00080090, vr: 'PN', value: '' },
    { tag: 0x00081030, vr: 'LO', value: 'Demo head CT (synthetic phantom)' },
    { tag: 0x0008103e, vr: 'LO', value: s.series.description },
    { tag: 0x00100010, vr: 'PN', value: PHANTOM_PATIENT.name },
    { tag: 0x00100020, vr: 'LO', value: PHANTOM_PATIENT.id },
    { tag: 0x00100030, vr: 'DA', value: '' },
    { tag: 0x00100040, vr: 'CS', value: 'O' },
    { tag: 0x00180050, vr: 'DS', value: SLICE_MM },
    { tag: 0x00180060, vr: 'DS', value: 120 },
    { tag: 0x00185100, vr: 'CS', value: 'HFS' },
    { tag: 0x0020000d, vr: 'UI', value: s.studyInstanceUid },
    { tag: 0x0020000e, vr: 'UI', value: s.seriesInstanceUid },
    { tag: 0x00200010, vr: 'SH', value: '1' },
    { tag: 0x00200011, vr: 'IS', value: s.series.number },
    { tag: 0x00200013, vr: 'IS', value: s.index + 1 },
    { tag: 0x00200032, vr: 'DS', value: [s.origin, s.origin, s.z] },
    { tag: 0x00200037, vr: 'DS', value: [1, 0, 0, 0, 1, 0] },
    { tag: 0x00200052, vr: 'UI', value: s.frameOfReferenceUid },
    { tag: 0x00201040, vr: 'LO', value: '' },
    { tag: 0x00201041, vr: 'DS', value: s.z },
    { tag: 0x00280002, vr: 'US', value: 1 },
    { tag: 0x00280004, vr: 'CS', value: 'MONOCHROME2' },
    { tag: 0x00280010, vr: 'US', value: SIZE },
    { tag: 0x00280011, vr: 'US', value: SIZE },
    { tag: 0x00280030, vr: 'DS', value: [SPACING_MM, SPACING_MM] },
    { tag: 0x00280100, vr: 'US', value: 16 },
    { tag: 0x00280101, vr: 'US', value: 16 },
    { tag: 0x00280102, vr: 'US', value: 15 },
    { tag: 0x00280103, vr: 'US', value: 1 },
    { tag: 0x00281050, vr: 'DS', value: 40 },
    { tag: 0x00281051, vr: 'DS', value: 80 },
    { tag: 0x00281052, vr: 'DS', value: 0 },
    { tag: 0x00281053, vr: 'DS', value: 1 },
    { tag: 0x00281054, vr: 'LO', value: 'HU' },
    { tag: 0x7fe00010, vr: 'OW', value: s.pixels },
  ];
}

/** A 2.25 UID (UUID-sized decimal) fixed by the seed and what it names. */
function derivedUid(seed: number, what: string): string {
  const digest = createHash('sha256').update(`mejirushi-phantom:${seed}:${what}`).digest('hex');
  return `2.25.${BigInt(`0x${digest.slice(0, 32)}`).toString()}`;
}

/** Files in a seeded random order, so consumers must order slices by position, not list order. */
function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

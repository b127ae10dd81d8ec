/**
 * Window/level in the radiologist's terms (width and centre, in the modality's units: HU for CT)
 * and the value range Cornerstone takes. Pure, so presets and the display mapping are testable.
 */

export interface WindowLevel {
  readonly width: number;
  readonly center: number;
}

/** Cornerstone's `voiRange`: the modality values shown as black (`lower`) and white (`upper`). */
export interface VoiRange {
  readonly lower: number;
  readonly upper: number;
}

/** The same range, within floating-point noise (Cornerstone reports back what it was given, recomputed). */
export function sameRange(a: VoiRange, b: VoiRange): boolean {
  return Math.abs(a.lower - b.lower) < 1e-6 && Math.abs(a.upper - b.upper) < 1e-6;
}

export type PresetName = 'default' | 'brain' | 'subdural' | 'stroke' | 'softTissue' | 'bone';

/** Fixed CT presets (HU). `default` is the file's own window and is resolved per image. */
export const CT_PRESETS: Readonly<Record<Exclude<PresetName, 'default'>, WindowLevel>> = {
  brain: { width: 80, center: 40 },
  subdural: { width: 200, center: 75 },
  /** Narrow, for the grey–white contrast lost early in ischaemic stroke. */
  stroke: { width: 40, center: 40 },
  softTissue: { width: 400, center: 40 },
  bone: { width: 2800, center: 600 },
};

export const PRESET_NAMES: readonly PresetName[] = ['default', 'brain', 'subdural', 'stroke', 'softTissue', 'bone'];

export function isPresetName(value: string): value is PresetName {
  return (PRESET_NAMES as readonly string[]).includes(value);
}

export function sameWindow(a: WindowLevel, b: WindowLevel): boolean {
  return Math.abs(a.width - b.width) < 1e-6 && Math.abs(a.center - b.center) < 1e-6;
}

/** A window of width 1 would give an empty range; keep it a hair wide so the mapping stays defined. */
const MIN_SPAN = 1e-3;

/**
 * DICOM's linear VOI function (PS3.3 C.11.2.1.2): values at or below `c - 0.5 - (w - 1) / 2`
 * are black, above `c - 0.5 + (w - 1) / 2` white. Cornerstone maps `lower`/`upper` the same way,
 * so a file's WindowWidth/WindowCenter reads back unchanged.
 */
export function windowToRange({ width, center }: WindowLevel): VoiRange {
  const half = Math.max(width - 1, MIN_SPAN) / 2;
  return { lower: center - 0.5 - half, upper: center - 0.5 + half };
}

export function rangeToWindow({ lower, upper }: VoiRange): WindowLevel {
  return { width: upper - lower + 1, center: (lower + upper) / 2 + 0.5 };
}

/** `data-voi` and corner text: whole numbers unless the window is narrower than a few units. */
export function formatWindow({ width, center }: WindowLevel): string {
  return `${roundForDisplay(width)}/${roundForDisplay(center)}`;
}

function roundForDisplay(value: number): number {
  return Math.abs(value) >= 10 ? Math.round(value) : Math.round(value * 100) / 100;
}

/** The grey (0–255) the linear window gives a modality value; MONOCHROME1 is shown inverted. */
export function greyForValue(value: number, window: WindowLevel, invert = false): number {
  const { lower, upper } = windowToRange(window);
  const fraction = Math.min(1, Math.max(0, (value - lower) / (upper - lower)));
  const grey = Math.round(fraction * 255);
  return invert ? 255 - grey : grey;
}

/**
 * A file's own window (WindowCenter/WindowWidth may be multi-valued; the first pair is the
 * primary one). Null when the file gives none or a width that is not positive.
 */
export function firstWindow(
  center: number | readonly number[] | undefined,
  width: number | readonly number[] | undefined,
): WindowLevel | null {
  const c = Array.isArray(center) ? center[0] : center;
  const w = Array.isArray(width) ? width[0] : width;
  if (typeof c !== 'number' || typeof w !== 'number' || !Number.isFinite(c) || !(w > 0)) return null;
  return { width: w, center: c };
}

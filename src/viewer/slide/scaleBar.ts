/**
 * The scale bar: the longest round length (1, 2 or 5 × 10^n µm) that fits in the room given,
 * and its label in µm or mm. Pure, so the choice is tested without a browser.
 */

export interface ScaleBar {
  /** Length of the bar on screen, CSS px. */
  readonly px: number;
  /** The length it stands for, µm. */
  readonly microns: number;
  /** "500 µm", "2 mm". */
  readonly label: string;
}

const MANTISSAS = [5, 2, 1] as const;

/**
 * `micronsPerScreenPx`: µm covered by one CSS px now (µm/px of level 0 ÷ screen px per level-0
 * px); `maxPx`: the most room the bar may take. Null when no round length fits (never for sane input).
 */
export function scaleBarFor(micronsPerScreenPx: number, maxPx: number): ScaleBar | null {
  if (!(micronsPerScreenPx > 0) || !(maxPx > 0) || !Number.isFinite(micronsPerScreenPx)) return null;
  const room = micronsPerScreenPx * maxPx;
  let power = 10 ** Math.floor(Math.log10(room));
  // Floating log10 can land just under an exact power (log10(1000) = 2.9999…).
  if (power * 10 <= room) power *= 10;
  for (const mantissa of MANTISSAS) {
    const microns = mantissa * power;
    if (microns <= room) return { px: microns / micronsPerScreenPx, microns, label: formatLength(microns) };
  }
  return null;
}

export function formatLength(microns: number): string {
  if (microns >= 1000) return `${trim(microns / 1000)} mm`;
  return `${trim(microns)} µm`;
}

/** 0.5, 2, 10 — no trailing zeros, no binary residue. */
function trim(value: number): string {
  return String(Number(value.toPrecision(6)));
}

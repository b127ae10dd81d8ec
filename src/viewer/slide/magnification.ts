/**
 * Magnification as a pathologist reads it: "×20" means the slide is shown as through a ×20
 * objective. At one screen px per level-0 px the slide is at its scanning objective (`objectivePower`);
 * zooming by s multiplies that by s. Scanners that record no objective power but a pixel size get
 * the usual equivalence ×10 ≈ 1 µm/px (×20 ≈ 0.5 µm/px, ×40 ≈ 0.25 µm/px).
 */
import type { SlideItem } from '../../core/item';

/** The steps offered by keys and the menu, lowest first. */
export const MAGNIFICATION_STEPS = [1.25, 2.5, 5, 10, 20, 40] as const;

/** µm/px × objective of the common scanner equivalence (×10 at 1 µm/px). */
const MICRONS_AT_X1 = 10;

/** Magnification shown at one screen px per level-0 px; null when the slide says nothing about it. */
export function baseMagnification(slide: Pick<SlideItem, 'objectivePower' | 'micronsPerPixel'>): number | null {
  if (slide.objectivePower !== null && slide.objectivePower > 0) return slide.objectivePower;
  const mpp = slide.micronsPerPixel?.[0];
  return mpp !== undefined && mpp > 0 ? MICRONS_AT_X1 / mpp : null;
}

/** The steps a slide can be shown at: up to its own magnification (beyond it pixels are only enlarged). */
export function stepsFor(base: number): readonly number[] {
  // A small tolerance: a ×19.99 scan (derived from 0.5003 µm/px) still offers ×20.
  return MAGNIFICATION_STEPS.filter((step) => step <= base * 1.01);
}

/** Magnification on screen at `scale` screen px per level-0 px. */
export function magnificationAt(scale: number, base: number): number {
  return scale * base;
}

/** Screen px per level-0 px that shows the slide at `magnification`. */
export function scaleFor(magnification: number, base: number): number {
  return magnification / base;
}

/**
 * The step after (`+1`) or before (`-1`) the current magnification; null past either end. A view
 * between steps (after a wheel zoom) goes to the nearest step in that direction.
 */
export function nextStep(current: number, direction: 1 | -1, steps: readonly number[]): number | null {
  // Relative tolerance: floating zoom rarely lands exactly on a step.
  const epsilon = current * 1e-3;
  if (direction === 1) return steps.find((step) => step > current + epsilon) ?? null;
  return [...steps].reverse().find((step) => step < current - epsilon) ?? null;
}

/** "×20", "×2.5", "×1.25", "×0.63": whole numbers from ×10, three significant digits below. */
export function formatMagnification(magnification: number): string {
  if (magnification >= 10) return `×${Math.round(magnification)}`;
  return `×${Number(magnification.toPrecision(3))}`;
}

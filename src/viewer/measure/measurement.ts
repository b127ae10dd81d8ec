/**
 * A measurement made while reading: a reading aid kept for the session, not an annotation record
 * (nothing of it is saved or synced). Cornerstone's tools draw it and compute its statistics;
 * this is the app's own reading of their `cachedStats`, so the list beside the viewer does not
 * depend on Cornerstone's shapes.
 */
import type { MeasurementTool } from './readingTools';

interface MeasurementBase {
  /** Cornerstone's annotation UID: how the list removes one. */
  readonly uid: string;
  /** 0-based slice of the series it was drawn on. */
  readonly sliceIndex: number;
}

export type Measurement =
  | (MeasurementBase & { readonly tool: 'length'; readonly length: number; readonly unit: string })
  | (MeasurementBase & { readonly tool: 'angle'; readonly degrees: number })
  | (MeasurementBase & {
      readonly tool: 'ellipse' | 'rectangle';
      readonly area: number;
      /** mm² when the slice has pixel spacing, else px². */
      readonly areaUnit: string;
      readonly mean: number;
      readonly stdDev: number;
      readonly min: number;
      readonly max: number;
      /** HU for CT. */
      readonly valueUnit: string;
    });

type Stats = Readonly<Record<string, unknown>>;

function finite(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function text(value: unknown, fallback: string): string {
  return typeof value === 'string' && value !== '' ? value : fallback;
}

/**
 * One of Cornerstone's annotations as a measurement, or null while its statistics are not yet
 * computed (a shape still being drawn, or one reaching off the image).
 */
export function measurementFrom(tool: MeasurementTool, uid: string, sliceIndex: number, stats: Stats | undefined): Measurement | null {
  if (!stats) return null;
  const base = { uid, sliceIndex };
  switch (tool) {
    case 'length': {
      const length = finite(stats.length);
      return length === null ? null : { ...base, tool, length, unit: text(stats.unit, 'px') };
    }
    case 'angle': {
      const degrees = finite(stats.angle);
      return degrees === null ? null : { ...base, tool, degrees };
    }
    case 'ellipse':
    case 'rectangle': {
      const area = finite(stats.area);
      const mean = finite(stats.mean);
      const stdDev = finite(stats.stdDev);
      const min = finite(stats.min);
      const max = finite(stats.max);
      if (area === null || mean === null || stdDev === null || min === null || max === null) return null;
      return { ...base, tool, area, areaUnit: text(stats.areaUnit, 'px²'), mean, stdDev, min, max, valueUnit: text(stats.modalityUnit, '') };
    }
  }
}

/**
 * Volume and mean density of each segment, kept per slice so an edit costs the one slice it
 * changed: a slice's partial sums (pixels set, their summed HU) are computed from that slice's
 * runs and HU values when its record changes, and the segment's totals move by the difference.
 * Nothing ever re-reads the whole series for one stroke.
 */
import type { SeriesItem } from '../item';
import { sliceSpacings } from '../seriesOrder';

/** What one slice adds to one segment. */
export interface SlicePartial {
  readonly pixels: number;
  /** Sum of the modality values (HU) of those pixels. */
  readonly huSum: number;
}

export interface SegmentStats {
  readonly pixels: number;
  /** Millilitres: pixels × pixel area (mm²) × slice spacing (mm) / 1000. */
  readonly volumeMl: number;
  /** Mean HU of the segment's pixels; null when it has none. */
  readonly meanHu: number | null;
}

/** The set pixels of `runs` and their summed HU, in O(set pixels). */
export function slicePartial(runs: readonly number[], hu: ArrayLike<number>): SlicePartial {
  let offset = 0;
  let pixels = 0;
  let huSum = 0;
  for (let i = 0; i < runs.length; i++) {
    const run = runs[i]!;
    if (i % 2 === 1) {
      for (let j = offset; j < offset + run; j++) huSum += hu[j]!;
      pixels += run;
    }
    offset += run;
  }
  return { pixels, huSum };
}

/** Geometry of a voxel: pixel spacing (row, column) and the spacing between slices, in mm. */
export interface VoxelSize {
  readonly pixelSpacing: readonly [number, number];
  readonly sliceSpacing: number;
}

/** Voxel size of a series: its pixel spacing and its mean slice spacing (null without geometry). */
export function voxelSizeOf(series: SeriesItem | null): VoxelSize | null {
  if (!series?.pixelSpacing) return null;
  const spacings = sliceSpacings(series.slices, series.orientation);
  if (!spacings || spacings.length === 0) return null;
  return { pixelSpacing: series.pixelSpacing, sliceSpacing: spacings.reduce((a, b) => a + b, 0) / spacings.length };
}

/** Per-segment totals over per-slice partials, updated one slice at a time. */
export class VolumeStats {
  private readonly partials = new Map<string, Map<string, SlicePartial>>();
  private readonly totals = new Map<string, { pixels: number; huSum: number }>();

  /** Records what slice `targetId` adds to segment `segment` now (null: nothing, its mask is gone). */
  set(segment: string, targetId: string, partial: SlicePartial | null): void {
    const slices = this.partials.get(segment) ?? new Map<string, SlicePartial>();
    this.partials.set(segment, slices);
    const total = this.totals.get(segment) ?? { pixels: 0, huSum: 0 };
    this.totals.set(segment, total);
    const before = slices.get(targetId);
    if (before) {
      total.pixels -= before.pixels;
      total.huSum -= before.huSum;
    }
    if (partial && partial.pixels > 0) {
      slices.set(targetId, partial);
      total.pixels += partial.pixels;
      total.huSum += partial.huSum;
    } else {
      slices.delete(targetId);
    }
    // Sums of integers stay exact; an empty segment starts again from exact zeros.
    if (slices.size === 0) this.totals.set(segment, { pixels: 0, huSum: 0 });
  }

  /** The segment's volume and mean HU now, in O(1). */
  stats(segment: string, voxel: VoxelSize): SegmentStats {
    const total = this.totals.get(segment);
    if (!total || total.pixels === 0) return { pixels: 0, volumeMl: 0, meanHu: null };
    const voxelMl = (voxel.pixelSpacing[0] * voxel.pixelSpacing[1] * voxel.sliceSpacing) / 1000;
    return { pixels: total.pixels, volumeMl: total.pixels * voxelMl, meanHu: total.huSum / total.pixels };
  }
}

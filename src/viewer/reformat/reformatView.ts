import type { Orientation, Vec3 } from '../../core/item';
import type { WindowLevel } from '../windowing';
import type { ReformatPlane } from './reformat';
import type { FramedVolume } from './cornerstoneVolume';

/** What either reformat view (the app's canvas, Cornerstone's volume viewport) is given. */
export interface ReformatViewProps {
  readonly source: FramedVolume;
  readonly plane: ReformatPlane;
  readonly index: number;
  /** The acquired slices' orientation (the reformat's screen axes follow from it). */
  readonly orientation: Orientation;
  /** Height / width of one reformat pixel (slice step over in-plane spacing). */
  readonly aspect: number;
  readonly window: WindowLevel;
  /** CSS px. */
  readonly width: number;
  /** Where the acquired slice on screen lies in the volume: a fractional plane index (0 the lowest), drawn as a line; null for none (the axial plane is parallel to it). */
  readonly slicePlane: number | null;
  /** A click or drag on the plane, at this patient point (mm, LPS). */
  readonly onPick: (point: Vec3) => void;
}

/**
 * What end-to-end tests read back from a shown reformat, whichever view draws it, for voxel
 * (column, row, plane); null while the plane is not drawn yet or the voxel is not on it.
 */
export interface ReformatReadBack {
  /** Grey 0–255 on the view's canvas. */
  readGrey(voxel: Vec3): number | null;
  /** Where it is drawn on the page, CSS px from the viewport's top-left (for a click). */
  clientPoint(voxel: Vec3): [number, number] | null;
}

/** `window.__mejirushiReformat`: the mounted reformat views, by plane. */
export type ReformatTestHook = Partial<Record<ReformatPlane, ReformatReadBack>>;

declare global {
  interface Window {
    __mejirushiReformat?: ReformatTestHook;
  }
}

/** Registers a view's read-back while it is mounted; returns the unregistering. */
export function exposeReformat(plane: ReformatPlane, entry: ReformatReadBack): () => void {
  const hook = (window.__mejirushiReformat ??= {});
  hook[plane] = entry;
  return () => {
    if (hook[plane] === entry) delete hook[plane];
  };
}

/** Mean of R, G, B at canvas px (x, y) (device px), or null outside the canvas. */
export function canvasGrey(canvas: HTMLCanvasElement, x: number, y: number): number | null {
  const px = Math.floor(x);
  const py = Math.floor(y);
  if (px < 0 || py < 0 || px >= canvas.width || py >= canvas.height) return null;
  const data = canvas.getContext('2d')?.getImageData(px, py, 1, 1).data;
  return data ? ((data[0] ?? 0) + (data[1] ?? 0) + (data[2] ?? 0)) / 3 : null;
}

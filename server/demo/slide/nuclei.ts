/**
 * The nuclei of the demo slide: at most one per cell of a 56 px grid, placed, sized and shaped
 * by hashes of the cell, denser, larger and darker (atypical) inside lesions. The same outlines
 * are painted into the tiles and served as the slide's nuclei layer, so pixels and outlines agree.
 * Every nucleus lies inside its own cell, so none overlap and a region's nuclei are those of its cells.
 * About 100,000 nuclei; built once per process (under a second) and kept in typed arrays.
 */
import type { PackedPolygons } from '../../../src/core/outlineLayer';
import { unit } from './hash';
import { DEMO_SLIDE_HEIGHT, DEMO_SLIDE_WIDTH, lesionAt, tissueDepth } from './layout';

export const NUCLEUS_CELL = 56;
export const CELLS_ACROSS = Math.ceil(DEMO_SLIDE_WIDTH / NUCLEUS_CELL);
export const CELLS_DOWN = Math.ceil(DEMO_SLIDE_HEIGHT / NUCLEUS_CELL);

/** Class index 0: an ordinary nucleus of the stroma and glands; 1: an atypical nucleus inside a lesion. */
export const NUCLEUS_CLASSES = [
  { code: 'nucleus', color: '#5b3a8e' },
  { code: 'nucleus.atypical', color: '#c0392b' },
] as const;

export interface DemoNuclei {
  readonly polygons: PackedPolygons;
  /** Nucleus index in cell (cx, cy) at `cy * CELLS_ACROSS + cx`, or −1. */
  readonly byCell: Int32Array;
}

/** Chance that a cell holds a nucleus. */
const DENSITY = { stroma: 0.82, lesion: 0.97 } as const;

let built: DemoNuclei | null = null;

export function demoNuclei(): DemoNuclei {
  built ??= buildNuclei();
  return built;
}

function buildNuclei(): DemoNuclei {
  const byCell = new Int32Array(CELLS_ACROSS * CELLS_DOWN).fill(-1);
  const coords: number[] = [];
  const starts: number[] = [0];
  const classIndex: number[] = [];
  for (let cy = 0; cy < CELLS_DOWN; cy += 1) {
    for (let cx = 0; cx < CELLS_ACROSS; cx += 1) {
      const atypical = nucleusIn(cx, cy, coords);
      if (atypical === null) continue;
      byCell[cy * CELLS_ACROSS + cx] = classIndex.length;
      classIndex.push(atypical ? 1 : 0);
      starts.push(coords.length / 2);
    }
  }
  return {
    polygons: { coords: Float32Array.from(coords), starts: Uint32Array.from(starts), classIndex: Uint8Array.from(classIndex), classes: NUCLEUS_CLASSES },
    byCell,
  };
}

/** Appends the ring of cell (cx, cy)'s nucleus to `coords` and says whether it is atypical; null when the cell has none. */
function nucleusIn(cx: number, cy: number, coords: number[]): boolean | null {
  const centreX = (cx + 0.5) * NUCLEUS_CELL;
  const centreY = (cy + 0.5) * NUCLEUS_CELL;
  if (tissueDepth(centreX, centreY) < NUCLEUS_CELL) return null;
  const atypical = lesionAt(centreX, centreY) !== null;
  if (unit(cx, cy, 1) >= (atypical ? DENSITY.lesion : DENSITY.stroma)) return null;
  const radius = atypical ? 8 + 3.5 * unit(cx, cy, 2) : 4.5 + 2.5 * unit(cx, cy, 2);
  // The whole nucleus stays inside its cell: no two overlap.
  const room = NUCLEUS_CELL / 2 - radius * 1.2 - 1;
  const x = centreX + (2 * unit(cx, cy, 3) - 1) * room;
  const y = centreY + (2 * unit(cx, cy, 4) - 1) * room;
  const vertices = 8 + Math.floor(5 * unit(cx, cy, 5));
  const angle = Math.PI * unit(cx, cy, 6);
  const elongation = 0.65 + 0.3 * unit(cx, cy, 7);
  for (let i = 0; i < vertices; i += 1) {
    const t = (2 * Math.PI * i) / vertices;
    const r = radius * (0.9 + 0.2 * unit(cx * 16 + i, cy, 8));
    const u = r * Math.cos(t);
    const v = r * elongation * Math.sin(t);
    coords.push(x + u * Math.cos(angle) - v * Math.sin(angle), y + u * Math.sin(angle) + v * Math.cos(angle));
  }
  return atypical;
}

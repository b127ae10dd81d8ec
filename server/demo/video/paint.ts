/**
 * Paints one frame of the demo endoscopy video as RGB24 (DEMO_VIDEO_WIDTH × DEMO_VIDEO_HEIGHT,
 * row-major): pink mucosa with folds drifting as the scope moves, a dark red blotch while it
 * bleeds, a pale round polyp while one is in view, and a washed-out smooth picture while the view
 * is blurred. Deterministic: the same frame is always the same pixels.
 */
import { BLEEDING_SPOT, DEMO_VIDEO_HEIGHT, DEMO_VIDEO_WIDTH, eventAt, POLYP_DOME } from './truth';

const MUCOSA: readonly [number, number, number] = [214, 132, 128];
const BLOOD: readonly [number, number, number] = [140, 8, 16];
const POLYP: readonly [number, number, number] = [238, 196, 176];

export function paintDemoFrame(frame: number): Buffer {
  const pixels = Buffer.alloc(DEMO_VIDEO_WIDTH * DEMO_VIDEO_HEIGHT * 3);
  const blurred = eventAt(frame, 'event.notAssessable');
  const bleeding = eventAt(frame, 'event.bleeding');
  const polyp = eventAt(frame, 'event.polyp');
  // A blurred view keeps only the coarsest shading: the folds' contrast is what blur takes away.
  const folds = blurred ? 0.04 : 0.22;
  const t = frame * 0.12;
  // The shading is separable into per-column, per-row and per-diagonal terms: tabled once per frame.
  const across = Float64Array.from({ length: DEMO_VIDEO_WIDTH }, (_, x) => Math.sin(x * 0.11 + t));
  const down = Float64Array.from({ length: DEMO_VIDEO_HEIGHT }, (_, y) => Math.sin(y * 0.09 - t * 0.7));
  const ripple = Float64Array.from({ length: DEMO_VIDEO_WIDTH + DEMO_VIDEO_HEIGHT }, (_, d) => (blurred ? 0 : 0.08 * Math.sin(d * 0.35 + t * 2)));
  for (let y = 0; y < DEMO_VIDEO_HEIGHT; y += 1) {
    for (let x = 0; x < DEMO_VIDEO_WIDTH; x += 1) {
      const shade = 1 + folds * (across[x] ?? 0) * (down[y] ?? 0) + (ripple[x + y] ?? 0);
      let colour = MUCOSA;
      let scale = shade;
      if (bleeding && within(x, y, BLEEDING_SPOT)) {
        colour = BLOOD;
        scale = 1;
      }
      if (polyp && within(x, y, POLYP_DOME)) {
        colour = POLYP;
        scale = 1 - (distance(x, y, POLYP_DOME) / POLYP_DOME.radius) * 0.25;
      }
      const at = (y * DEMO_VIDEO_WIDTH + x) * 3;
      // A Buffer wraps values past 255 (bright folds of the mucosa): clamp them; shading never goes below 0.7.
      pixels[at] = Math.min(255, Math.round(colour[0] * scale));
      pixels[at + 1] = Math.min(255, Math.round(colour[1] * scale));
      pixels[at + 2] = Math.min(255, Math.round(colour[2] * scale));
    }
  }
  return pixels;
}

function distance(x: number, y: number, centre: { readonly x: number; readonly y: number }): number {
  return Math.hypot(x - centre.x, y - centre.y);
}

function within(x: number, y: number, disc: { readonly x: number; readonly y: number; readonly radius: number }): boolean {
  return distance(x, y, disc) <= disc.radius;
}

/**
 * The outlines of labelled components, traced along pixel edges (crack following): every ring's
 * vertices lie on pixel corners, so a ring encloses exactly its component's pixels. Each edge is
 * walked with the component on its right, which makes outer rings clockwise on screen (positive
 * area with y down) and holes anticlockwise. Where two pixels of one component meet only at a
 * corner, the walk crosses over to the other pixel (8-connectivity, as components.ts labels).
 * Only corners (where the direction turns) become vertices.
 */
import type { Point } from '../../annotation';
import { signedRingArea } from '../../geometry/measure';

export interface TracedRing {
  /** Component number in the label image. */
  readonly label: number;
  readonly points: Point[];
  /** True for an outer boundary, false for a hole's. */
  readonly outer: boolean;
}

// Directions: right, down, left, up (y down); bit = 1 << direction.
const DX = [1, 0, -1, 0] as const;
const DY = [0, 1, 0, -1] as const;

/** Every boundary ring of every component of `labels` (0 = background), `width` × `height` px. */
export function traceContours(labels: Int32Array, width: number, height: number): TracedRing[] {
  const stride = width + 1;
  const edges = new Uint8Array(stride * (height + 1));
  const at = (x: number, y: number) => (x < 0 || y < 0 || x >= width || y >= height ? 0 : labels[y * width + x]!);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const label = labels[y * width + x]!;
      if (label === 0) continue;
      if (at(x, y - 1) !== label) edges[y * stride + x]! |= 1 << 0;
      if (at(x + 1, y) !== label) edges[y * stride + x + 1]! |= 1 << 1;
      if (at(x, y + 1) !== label) edges[(y + 1) * stride + x + 1]! |= 1 << 2;
      if (at(x - 1, y) !== label) edges[(y + 1) * stride + x]! |= 1 << 3;
    }
  }
  const all = edges.slice();
  const rings: TracedRing[] = [];
  for (let start = 0; start < edges.length; start += 1) {
    while (edges[start] !== 0) rings.push(walk(start, edges, all, stride, at));
  }
  return rings;
}

function walk(start: number, edges: Uint8Array, all: Uint8Array, stride: number, at: (x: number, y: number) => number): TracedRing {
  const first = lowestBit(edges[start]!);
  const points: Point[] = [];
  let vertex = start;
  let direction = first;
  let previous = -1;
  for (;;) {
    if (direction !== previous) points.push([vertex % stride, Math.floor(vertex / stride)]);
    edges[vertex]! &= ~(1 << direction);
    vertex += DX[direction]! + DY[direction]! * stride;
    previous = direction;
    direction = nextDirection(all[vertex]!, previous);
    if (vertex === start && direction === first) break;
  }
  // Drop the start if the walk closed along a straight line through it.
  if (previous === first && points.length > 1) points.shift();
  const [x0, y0] = [start % stride, Math.floor(start / stride)];
  const label = rightPixel(x0, y0, first, at);
  return { label, points, outer: signedRingArea(points) > 0 };
}

/** The outgoing edge at a vertex: the only one, or at a corner where two meet, the one that turns left (crossing to the diagonal pixel). */
function nextDirection(bits: number, incoming: number): number {
  if ((bits & (bits - 1)) === 0) return lowestBit(bits);
  return (incoming + 3) % 4;
}

function lowestBit(bits: number): number {
  return 31 - Math.clz32(bits & -bits);
}

/** The pixel on the right of the edge leaving (x, y) in `direction`: the component it bounds. */
function rightPixel(x: number, y: number, direction: number, at: (x: number, y: number) => number): number {
  if (direction === 0) return at(x, y);
  if (direction === 1) return at(x - 1, y);
  if (direction === 2) return at(x - 1, y - 1);
  return at(x, y - 1);
}

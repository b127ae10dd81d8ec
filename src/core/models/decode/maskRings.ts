/**
 * Outlines of a binary mask as polygons with holes, traced along pixel edges: vertices sit on
 * pixel corners (mask px, origin at the top-left corner of pixel 0), so a traced square of n×n
 * pixels has area n². Objects are 4-connected (pixels touching at a corner are separate), so each
 * component gives one outer ring and one ring per hole. O(width × height).
 */
import type { PolygonRings, Point } from '../../annotation';
import { labelComponents } from './components';

/** Directions of a pixel edge, clockwise on screen (y down): east, south, west, north. */
const DX: readonly number[] = [1, 0, -1, 0];
const DY: readonly number[] = [0, 1, 0, -1];

export function maskRings(mask: Uint8Array, width: number, height: number): PolygonRings[] {
  const { labels, count } = labelComponents(mask, width, height, 4);
  const stride = width + 1;
  const cornerCount = stride * (height + 1);
  /** Bit d set: an edge leaves this corner in direction d. */
  const outgoing = new Uint8Array(cornerCount);
  const used = new Uint8Array(cornerCount);

  // Each set pixel's edge facing an unset neighbour (or the border), oriented so the pixel lies on its right.
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      if (mask[row + x] === 0) continue;
      if (y === 0 || mask[row - width + x] === 0) outgoing[y * stride + x]! |= 1;
      if (x === width - 1 || mask[row + x + 1] === 0) outgoing[y * stride + x + 1]! |= 2;
      if (y === height - 1 || mask[row + width + x] === 0) outgoing[(y + 1) * stride + x + 1]! |= 4;
      if (x === 0 || mask[row + x - 1] === 0) outgoing[(y + 1) * stride + x]! |= 8;
    }
  }

  const outers = new Map<number, Point[]>();
  const holes = new Map<number, Point[][]>();
  for (let corner = 0; corner < cornerCount; corner++) {
    for (let direction = 0; direction < 4; direction++) {
      const bit = 1 << direction;
      if ((outgoing[corner]! & bit) === 0 || (used[corner]! & bit) !== 0) continue;
      const ring = traceRing(outgoing, used, stride, corner, direction);
      const label = labels[edgePixel(corner, direction, stride, width)] ?? 0;
      if (ringSignedArea(ring) > 0) outers.set(label, ring);
      else holes.set(label, [...(holes.get(label) ?? []), ring]);
    }
  }
  return Array.from({ length: count }, (_, k) => k + 1).flatMap((label) => {
    const points = outers.get(label);
    if (!points) return [];
    const inner = holes.get(label);
    return [inner ? { points, holes: inner } : { points }];
  });
}

/** Follows edges from one start edge back to it, keeping only the corners where it turns. */
function traceRing(outgoing: Uint8Array, used: Uint8Array, stride: number, startCorner: number, startDirection: number): Point[] {
  const ring: Point[] = [];
  let corner = startCorner;
  let direction = startDirection;
  let previous = -1;
  do {
    used[corner]! |= 1 << direction;
    if (direction !== previous) ring.push([corner % stride, Math.floor(corner / stride)]);
    previous = direction;
    corner += DX[direction]! + DY[direction]! * stride;
    const exits = outgoing[corner]!;
    // Where two objects meet at a corner, turning right keeps to the object being traced.
    const right = (direction + 1) % 4;
    direction = (exits & (1 << right)) !== 0 ? right : exits & 1 ? 0 : exits & 2 ? 1 : exits & 4 ? 2 : 3;
  } while (corner !== startCorner || direction !== startDirection);
  if (ring.length > 1 && previous === startDirection) ring.shift();
  return ring;
}

/** The set pixel whose edge this is (the pixel on the edge's right). */
function edgePixel(corner: number, direction: number, stride: number, width: number): number {
  const cx = corner % stride;
  const cy = Math.floor(corner / stride);
  const [x, y] = direction === 0 ? [cx, cy] : direction === 1 ? [cx - 1, cy] : direction === 2 ? [cx - 1, cy - 1] : [cx, cy - 1];
  return y * width + x;
}

/** Positive for rings clockwise on screen (outer boundaries), negative for holes. */
function ringSignedArea(ring: readonly Point[]): number {
  let sum = 0;
  for (let i = 0; i < ring.length; i++) {
    const [x1, y1] = ring[i]!;
    const [x2, y2] = ring[(i + 1) % ring.length]!;
    sum += x1 * y2 - x2 * y1;
  }
  return sum / 2;
}

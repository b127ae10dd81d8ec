/**
 * Outlines of a page of records packed into one Float64Array, so a slide of 10^5 outlines holds
 * a few typed arrays per page instead of ~25 arrays per outline: the garbage collector's work
 * on a first open (bench/records-scale) was promoting and tracing those vertex pairs.
 *
 * A packed outline is still a plain `Geometry` to every reader: its `points` is an own getter
 * that builds the ring when read (so JSON, structured clone, spread and `jsonEqual` see exactly
 * the geometry the server sent). Hot readers (bounds, hit test, drawing) ask `packedRingOf` and
 * read the coordinates in place. An edit builds a new plain geometry from `points`: copy on
 * write, so undo keeps the packed one and the edit costs O(its vertices).
 */
import type { AnnotationRecord, Geometry, Point, Ring } from './annotation';
import type { Box } from './bounds';
import type { StoredRecord } from './records';

const PAGE = Symbol('packedRings.page');
const RING = Symbol('packedRings.ring');

/**
 * `points` of every packed outline: an own, enumerable getter (spread, JSON and structured clone
 * read it as a plain ring), one shared descriptor. Defined on each object rather than written in
 * an object literal, which makes a new getter function per outline: parse + pack of 10^5
 * outlines in Node (min of 6 rounds, under load) 1.06 s this way, 1.24 s with the literal, 1.42 s
 * for the parse alone keeping every vertex pair.
 */
const POINTS: PropertyDescriptor = {
  get(this: PackedPolygon): Ring {
    return this[PAGE].points(this[RING]);
  },
  enumerable: true,
  configurable: false,
};

/** One ring in a page: vertices `from … to - 1` of `page.coords` (x at 2i, y at 2i + 1), image px. */
export interface PackedRing {
  readonly coords: Float64Array;
  readonly from: number;
  readonly to: number;
}

interface PackedPolygon {
  readonly type: 'polygon';
  readonly points: Ring;
  readonly [PAGE]: PackedRings;
  readonly [RING]: number;
}

/** The rings of one page: coordinates, where each ring starts, and each ring's box. */
export class PackedRings {
  /** Each geometry that points into ring i, so a copy that took the hidden keys along (a spread) is told apart. */
  private readonly owners: Geometry[] = [];

  constructor(
    /** x0, y0, x1, y1, … of every ring, one after another (image px). */
    readonly coords: Float64Array,
    /** Ring i holds vertices `starts[i] … starts[i + 1] - 1`. */
    readonly starts: Uint32Array,
    /** minX, minY, maxX, maxY of ring i at 4i. */
    readonly boxes: Float64Array,
  ) {}

  get count(): number {
    return this.starts.length - 1;
  }

  /** Ring `i` as vertex pairs (a new array each call: what a reader of `points` gets). */
  points(i: number): Point[] {
    const { coords } = this;
    const out: Point[] = [];
    for (let v = this.starts[i]!; v < this.starts[i + 1]!; v += 1) out.push([coords[2 * v]!, coords[2 * v + 1]!]);
    return out;
  }

  box(i: number): Box {
    const at = 4 * i;
    return { minX: this.boxes[at]!, minY: this.boxes[at + 1]!, maxX: this.boxes[at + 2]!, maxY: this.boxes[at + 3]! };
  }

  /** The polygon geometry of ring `i`; each ring has one. */
  geometry(i: number): Geometry {
    const existing = this.owners[i];
    if (existing) return existing;
    const geometry = { type: 'polygon', [PAGE]: this, [RING]: i } as Omit<PackedPolygon, 'points'> as PackedPolygon;
    Object.defineProperty(geometry, 'points', POINTS);
    this.owners[i] = geometry;
    return geometry;
  }

  /** Whether `geometry` is ring `i`'s own (not a copy carrying its hidden keys). */
  owns(geometry: Geometry, i: number): boolean {
    return this.owners[i] === geometry;
  }
}

/** Where a packed outline's vertices lie, or null for any other geometry (plain, edited, or a copy). */
export function packedRingOf(geometry: Geometry): PackedRing | null {
  const page = (geometry as Partial<PackedPolygon>)[PAGE];
  if (!page) return null;
  const ring = (geometry as PackedPolygon)[RING];
  if (!page.owns(geometry, ring)) return null;
  return { coords: page.coords, from: page.starts[ring]!, to: page.starts[ring + 1]! };
}

/** The box of a packed outline as computed while packing, or null for any other geometry. */
export function packedBounds(geometry: Geometry): Box | null {
  const page = (geometry as Partial<PackedPolygon>)[PAGE];
  if (!page) return null;
  const ring = (geometry as PackedPolygon)[RING];
  return page.owns(geometry, ring) ? page.box(ring) : null;
}

/**
 * Only a polygon of exactly `type` and `points` (no holes, no other key) is packed, so its JSON
 * is byte for byte what it was.
 */
function packable(geometry: Geometry): geometry is { type: 'polygon'; points: Ring } {
  if (geometry.type !== 'polygon' || geometry.holes !== undefined) return false;
  let keys = 0;
  for (const key in geometry) if (Object.hasOwn(geometry, key)) keys += 1;
  return keys === 2 && geometry.points.length > 0;
}

/**
 * The same stored records with every packable outline's geometry packed into one page of rings
 * (the records' other fields, key order included, unchanged). The vertex arrays of the parsed
 * page are dropped right after, while they are young: cheap for the collector.
 */
export function packStoredRecords(stored: readonly StoredRecord[]): StoredRecord[] {
  let rings = 0;
  let vertices = 0;
  for (const { record } of stored) {
    if (record?.type === 'shape' && packable(record.geometry)) {
      rings += 1;
      vertices += record.geometry.points.length;
    }
  }
  if (rings === 0) return [...stored];
  const coords = new Float64Array(2 * vertices);
  const starts = new Uint32Array(rings + 1);
  const boxes = new Float64Array(4 * rings);
  const page = new PackedRings(coords, starts, boxes);
  let ring = 0;
  let v = 0;
  return stored.map((entry) => {
    const record = entry.record;
    if (record?.type !== 'shape' || !packable(record.geometry)) return entry;
    const points = record.geometry.points;
    let minX = Infinity;
    let minY = Infinity;
    let maxX = -Infinity;
    let maxY = -Infinity;
    starts[ring] = v;
    for (let i = 0; i < points.length; i += 1) {
      const point = points[i]!;
      const x = point[0];
      const y = point[1];
      coords[2 * v] = x;
      coords[2 * v + 1] = y;
      v += 1;
      if (x < minX) minX = x;
      if (y < minY) minY = y;
      if (x > maxX) maxX = x;
      if (y > maxY) maxY = y;
    }
    starts[ring + 1] = v;
    boxes[4 * ring] = minX;
    boxes[4 * ring + 1] = minY;
    boxes[4 * ring + 2] = maxX;
    boxes[4 * ring + 3] = maxY;
    const packed: AnnotationRecord = { ...record, geometry: page.geometry(ring) };
    ring += 1;
    return { ...entry, record: packed };
  });
}

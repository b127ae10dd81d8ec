/**
 * GeoJSON geometry as QuPath 0.4/0.5 writes and reads it, and its conversion to and from the
 * document's `Geometry`. Coordinates are level-0 px of the slide (origin top-left, y down), with no
 * CRS: QuPath's convention, not RFC 7946's longitude/latitude. Rings are closed by repeating their
 * first position; an outer ring runs counter-clockwise by the signed (shoelace) area of its
 * coordinates as written, holes clockwise (RFC 7946 §3.1.6), which is what GDAL and QuPath expect.
 */
import type { Geometry, Point, PolygonRings, Ring } from '../annotation';
import type { ExportedProvenance } from './exportedProvenance';
import type { Coding } from '../labelSet';

export type Position = readonly [number, number];
/** A closed ring: the last position repeats the first. */
export type LinearRing = readonly Position[];

export type GeoJsonGeometry =
  | { readonly type: 'Point'; readonly coordinates: Position }
  | { readonly type: 'MultiPoint'; readonly coordinates: readonly Position[] }
  | { readonly type: 'LineString'; readonly coordinates: readonly Position[] }
  | { readonly type: 'Polygon'; readonly coordinates: readonly LinearRing[] }
  | { readonly type: 'MultiPolygon'; readonly coordinates: readonly (readonly LinearRing[])[] };

/** QuPath's class of an object: its name and colour (0–255 each). */
export interface QuPathClassification {
  readonly name: string;
  readonly color: readonly [number, number, number];
}

export interface QuPathFeature {
  readonly type: 'Feature';
  /** The record id (QuPath keeps a UUID per object). */
  readonly id: string;
  readonly geometry: GeoJsonGeometry;
  readonly properties: {
    readonly objectType: 'annotation';
    readonly classification: QuPathClassification;
    readonly isLocked: false;
    /** Ours, like the two below (QuPath ignores properties it does not know): the class's code in its label set. */
    readonly classCode: string;
    /** The class's standard code (e.g. SNOMED CT), when the label set gives one. */
    readonly coding?: Coding;
    /** A model proposal's provenance. */
    readonly provenance?: ExportedProvenance;
  };
}

export interface QuPathFeatureCollection {
  readonly type: 'FeatureCollection';
  readonly features: readonly QuPathFeature[];
}

/**
 * Vertices of an exported ellipse. An inscribed regular n-gon keeps n·sin(2π/n)/2π of the
 * ellipse's area: 128 vertices keep 99.96 %, inside the 0.1 % an area check allows.
 */
export const ELLIPSE_VERTICES = 128;

/** Twice the signed area of a ring (positive: counter-clockwise as the coordinates read). */
export function signedArea2(ring: readonly Position[] | Ring): number {
  let sum = 0;
  for (let i = 0, n = ring.length; i < n; i += 1) {
    const [x0, y0] = ring[i]!;
    const [x1, y1] = ring[(i + 1) % n]!;
    sum += x0 * y1 - x1 * y0;
  }
  return sum;
}

/** The ring closed and turned the way GeoJSON wants it: counter-clockwise (outer) or clockwise (hole). */
function closedRing(ring: Ring, counterClockwise: boolean): LinearRing {
  const turned = signedArea2(ring) > 0 === counterClockwise ? [...ring] : [...ring].reverse();
  return [...turned, turned[0]!];
}

function polygonCoordinates(polygon: PolygonRings): LinearRing[] {
  return [closedRing(polygon.points, true), ...(polygon.holes ?? []).map((hole) => closedRing(hole, false))];
}

/** The ellipse as a polygon of `ELLIPSE_VERTICES` points on it (rotation clockwise on screen, y down). */
export function ellipseRing(center: Point, radii: Point, rotation: number): Ring {
  const [cx, cy] = center;
  const [rx, ry] = radii;
  const cos = Math.cos(rotation);
  const sin = Math.sin(rotation);
  return Array.from({ length: ELLIPSE_VERTICES }, (_, i): Point => {
    const t = (2 * Math.PI * i) / ELLIPSE_VERTICES;
    const x = rx * Math.cos(t);
    const y = ry * Math.sin(t);
    return [cx + x * cos - y * sin, cy + x * sin + y * cos];
  });
}

/** A shape's geometry as GeoJSON; rectangles and ellipses become polygons (QuPath reads no others). */
export function toGeoJsonGeometry(geometry: Geometry): GeoJsonGeometry {
  switch (geometry.type) {
    case 'point':
      return { type: 'Point', coordinates: geometry.point };
    case 'polyline':
      return { type: 'LineString', coordinates: geometry.points };
    case 'polygon':
      return { type: 'Polygon', coordinates: polygonCoordinates(geometry) };
    case 'multiPolygon':
      return { type: 'MultiPolygon', coordinates: geometry.polygons.map(polygonCoordinates) };
    case 'rectangle': {
      const [x0, y0] = geometry.topLeft;
      const [x1, y1] = geometry.bottomRight;
      return { type: 'Polygon', coordinates: [closedRing([[x0, y0], [x1, y0], [x1, y1], [x0, y1]], true)] };
    }
    case 'ellipse':
      return { type: 'Polygon', coordinates: [closedRing(ellipseRing(geometry.center, geometry.radii, geometry.rotation), true)] };
  }
}

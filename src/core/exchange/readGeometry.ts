/**
 * One GeoJSON geometry, as another tool wrote it, into the document's geometries (level-0 px,
 * y down). Any ring orientation is accepted; a closing position is dropped (our rings close
 * implicitly). A MultiPoint becomes one point per position (QuPath writes point annotations so).
 * A ring over the record limit is simplified to fit (see simplifyRing.ts) and said so. An outline
 * that crosses itself is left out, as the editor would refuse it (areas on it would be wrong).
 */
import type { Geometry, Point, PolygonRings } from '../annotation';
import { geometryFault } from '../geometry/crossings';
import { RECORD_LIMITS } from '../validation/annotation';
import { signedArea2 } from './geojson';
import { fitRing } from './simplifyRing';

/** Why a feature's geometry is not taken; each is counted and shown in the import summary. */
export type GeometrySkip = 'noGeometry' | 'unsupportedGeometry' | 'badCoordinates' | 'degenerate' | 'tooManyVertices' | 'crossesItself';

export type GeometryRead =
  | { readonly ok: true; readonly geometries: readonly Geometry[]; /** A ring had to be simplified to fit. */ readonly simplified: boolean }
  | { readonly ok: false; readonly skip: GeometrySkip };

/** Positions in one list beyond which a geometry is not even read (no outline is that large). */
const MAX_POSITIONS = 1_000_000;

class Skip extends Error {
  constructor(readonly skip: GeometrySkip) {
    super(skip);
  }
}

/** What reading one geometry found besides its rings. */
interface ReadState {
  simplified: boolean;
}

function position(x: unknown): Point {
  if (!Array.isArray(x) || x.length < 2) throw new Skip('badCoordinates');
  const [px, py] = x as unknown[];
  // A third value (z) may follow; a slide is flat.
  if (typeof px !== 'number' || typeof py !== 'number' || !Number.isFinite(px) || !Number.isFinite(py)) throw new Skip('badCoordinates');
  return [px, py];
}

function positions(x: unknown, max = MAX_POSITIONS): Point[] {
  if (!Array.isArray(x)) throw new Skip('badCoordinates');
  if (x.length > max) throw new Skip('tooManyVertices');
  return x.map(position);
}

/** A ring without its closing position, within the vertex limit; null when it encloses no area. */
function ring(x: unknown, state: ReadState): readonly Point[] | null {
  const points = positions(x);
  const first = points[0];
  const last = points[points.length - 1];
  if (points.length > 1 && first && last && first[0] === last[0] && first[1] === last[1]) points.pop();
  const fitted = fitRing(points, RECORD_LIMITS.maxVertices);
  if (fitted !== points) state.simplified = true;
  return fitted.length >= 3 && signedArea2(fitted) !== 0 ? fitted : null;
}

/** Outer ring and holes; a degenerate hole cuts nothing and is left out. */
function polygon(x: unknown, state: ReadState): PolygonRings | null {
  if (!Array.isArray(x) || x.length === 0) throw new Skip('badCoordinates');
  const [outer, ...rest] = x as unknown[];
  const points = ring(outer, state);
  if (!points) return null;
  const holes = rest.map((hole) => ring(hole, state)).filter((hole): hole is readonly Point[] => hole !== null);
  return holes.length > 0 ? { points, holes } : { points };
}

function simple(geometry: Geometry): Geometry {
  if (geometryFault(geometry)) throw new Skip('crossesItself');
  return geometry;
}

function read(g: Record<string, unknown>, state: ReadState): Geometry[] {
  const coordinates = g.coordinates;
  switch (g.type) {
    case 'Point':
      return [{ type: 'point', point: position(coordinates) }];
    case 'MultiPoint':
      return positions(coordinates).map((point) => ({ type: 'point', point }));
    case 'LineString': {
      const points = positions(coordinates, RECORD_LIMITS.maxVertices);
      if (points.length < 2) throw new Skip('degenerate');
      return [{ type: 'polyline', points }];
    }
    case 'Polygon': {
      const rings = polygon(coordinates, state);
      if (!rings) throw new Skip('degenerate');
      return [simple({ type: 'polygon', ...rings })];
    }
    case 'MultiPolygon': {
      if (!Array.isArray(coordinates)) throw new Skip('badCoordinates');
      const parts = coordinates.map((part) => polygon(part, state)).filter((part): part is PolygonRings => part !== null);
      if (parts.length === 0) throw new Skip('degenerate');
      if (parts.length === 1) return [simple({ type: 'polygon', ...parts[0]! })];
      return [simple({ type: 'multiPolygon', polygons: parts })];
    }
    default:
      throw new Skip('unsupportedGeometry');
  }
}

export function readGeometry(x: unknown): GeometryRead {
  if (x === null || x === undefined) return { ok: false, skip: 'noGeometry' };
  if (typeof x !== 'object' || Array.isArray(x)) return { ok: false, skip: 'unsupportedGeometry' };
  const state: ReadState = { simplified: false };
  try {
    const geometries = read(x as Record<string, unknown>, state);
    return geometries.length > 0 ? { ok: true, geometries, simplified: state.simplified } : { ok: false, skip: 'degenerate' };
  } catch (error) {
    if (error instanceof Skip) return { ok: false, skip: error.skip };
    throw error;
  }
}

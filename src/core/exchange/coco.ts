/**
 * The COCO object-detection format (cocodataset.org/#format-data) as we write and read it, and its
 * geometry in both directions. Coordinates are image px of the frame, origin top-left, x right,
 * y down: COCO's convention and ours. Standard keys keep the published names and types: `bbox` is
 * [x, y, width, height]; `segmentation` a list of polygons, each a flat [x1, y1, x2, y2, …] list,
 * open (the last vertex does not repeat the first); `area` px²; `iscrowd` 0. A mask is uncompressed
 * RLE with `iscrowd` 1 (cocoMask.ts).
 *
 * COCO has no slot for what an image as a whole shows, nor for what its polygons cannot say. Ours:
 * - image-level answers in each image's `attributes` object, question id → class code (an array
 *   for a multiple-choice question), as CVAT puts attributes beside the standard keys;
 * - a `mejirushi` object per annotation: the exact rectangle or ellipse behind its polygon, the
 *   holes of its polygons (COCO polygons have none), and a model proposal's provenance;
 * - one top-level `mejirushi` object: the label set, frame-range answers (first and last image)
 *   and whole-item answers.
 * Readers that follow the standard (pycocotools, CVAT, Label Studio) ignore keys they do not know.
 */
import type { Geometry, Point, PolygonRings, Ring } from '../annotation';
import type { Coding } from '../labelSet';
import { geometryBounds } from '../bounds';
import { geometryArea } from '../geometry/measure';
import type { CocoRle } from './cocoMask';
import type { ExportedProvenance } from './exportedProvenance';
import { ellipseRing } from './geojson';

export interface CocoInfo {
  readonly year: number;
  readonly version: string;
  readonly description: string;
  readonly contributor: string;
  readonly url: string;
  /** ISO-8601 UTC. */
  readonly date_created: string;
}

/** A class code, or the codes of a multiple-choice answer. */
export type CocoAnswer = string | readonly string[];

export interface CocoImage {
  readonly id: number;
  readonly width: number;
  readonly height: number;
  /** The frame's target id: never an original file name, which can carry patient data. */
  readonly file_name: string;
  /** Ours: the image's answers by question id. */
  readonly attributes?: Readonly<Record<string, CocoAnswer>>;
}

export interface CocoCategory {
  readonly id: number;
  /** The class's English name. */
  readonly name: string;
  /** The id of the region question the class belongs to. */
  readonly supercategory: string;
  /** Ours: the class's code in its label set, which an import matches before the name (names change between versions). */
  readonly code?: string;
  /** Ours: the class's standard code (e.g. SNOMED CT), from the label set. */
  readonly coding?: Coding;
}

/** What the standard keys of an annotation cannot carry (a mask's annotation has only `provenance`). */
export interface CocoShapeExtension {
  /** The shape drawn, when the polygon only approximates it (rectangle: exactly `bbox`). */
  readonly shape?: 'rectangle' | 'ellipse';
  readonly ellipse?: { readonly center: Point; readonly radii: Point; readonly rotation: number };
  /** Per polygon of `segmentation`, its holes as flat lists like the polygon's own. */
  readonly holes?: readonly (readonly (readonly number[])[])[];
  readonly provenance?: ExportedProvenance;
}

export type CocoAnnotation = {
  readonly id: number;
  readonly image_id: number;
  readonly category_id: number;
  readonly area: number;
  readonly bbox: readonly [number, number, number, number];
  readonly mejirushi?: CocoShapeExtension;
} & (
  | { readonly segmentation: readonly (readonly number[])[]; readonly iscrowd: 0 }
  /** A labelmap (cocoMask.ts). */
  | { readonly segmentation: CocoRle; readonly iscrowd: 1 }
);

/** A frame-range answer: one record covering the images `first_image_id`…`last_image_id`. */
export interface CocoFrameRange {
  readonly question: string;
  readonly answer: CocoAnswer;
  readonly first_image_id: number;
  readonly last_image_id: number;
}

export interface CocoFile {
  readonly info: CocoInfo;
  readonly licenses: readonly [];
  readonly images: readonly CocoImage[];
  readonly annotations: readonly CocoAnnotation[];
  readonly categories: readonly CocoCategory[];
  readonly mejirushi: {
    readonly labelSet: { readonly id: string; readonly version: number };
    readonly frameRanges: readonly CocoFrameRange[];
    /** Answers about the whole item, by question id. */
    readonly itemAnswers: Readonly<Record<string, CocoAnswer>>;
  };
}

/** The standard keys and our extension of one outline; null for what COCO cannot hold (points, lines). */
export interface CocoShape {
  readonly segmentation: readonly (readonly number[])[];
  readonly area: number;
  readonly bbox: readonly [number, number, number, number];
  readonly mejirushi?: CocoShapeExtension;
}

const flat = (ring: Ring): number[] => ring.flatMap(([x, y]) => [x, y]);

function polygonsOf(polygons: readonly PolygonRings[]): Pick<CocoShape, 'segmentation' | 'mejirushi'> {
  const segmentation = polygons.map((polygon) => flat(polygon.points));
  const hasHoles = polygons.some((polygon) => (polygon.holes ?? []).length > 0);
  return hasHoles ? { segmentation, mejirushi: { holes: polygons.map((polygon) => (polygon.holes ?? []).map(flat)) } } : { segmentation };
}

/** An outline as COCO's polygons, box and area (holes cut out), with the extension it needs. */
export function toCocoShape(geometry: Geometry): CocoShape | null {
  const box = geometryBounds(geometry);
  const standard = { area: geometryArea(geometry), bbox: [box.minX, box.minY, box.maxX - box.minX, box.maxY - box.minY] as const };
  switch (geometry.type) {
    case 'point':
    case 'polyline':
      return null;
    case 'polygon':
      return { ...standard, ...polygonsOf([geometry]) };
    case 'multiPolygon':
      return { ...standard, ...polygonsOf(geometry.polygons) };
    case 'rectangle': {
      const [x0, y0] = geometry.topLeft;
      const [x1, y1] = geometry.bottomRight;
      return { ...standard, segmentation: [[x0, y0, x1, y0, x1, y1, x0, y1]], mejirushi: { shape: 'rectangle' } };
    }
    case 'ellipse': {
      const { center, radii, rotation } = geometry;
      return { ...standard, segmentation: [flat(ellipseRing(center, radii, rotation))], mejirushi: { shape: 'ellipse', ellipse: { center, radii, rotation } } };
    }
  }
}

/** Why an annotation's geometry was not read. */
export type CocoGeometryFault = 'badBbox' | 'badSegmentation';

export type CocoGeometryRead = { readonly ok: true; readonly geometry: Geometry } | { readonly ok: false; readonly fault: CocoGeometryFault; readonly detail: string };

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const isNumber = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

class Fault extends Error {
  constructor(
    readonly fault: CocoGeometryFault,
    detail: string,
  ) {
    super(detail);
  }
}

/** A flat [x1, y1, …] list as an open ring of at least 3 vertices (a repeated closing vertex dropped). */
function ring(x: unknown, what: string): Ring {
  if (!Array.isArray(x) || !x.every(isNumber)) throw new Fault('badSegmentation', `${what} is not a list of numbers`);
  if (x.length % 2 !== 0) throw new Fault('badSegmentation', `${what} has an odd count of coordinates (${x.length})`);
  const points: Point[] = [];
  for (let i = 0; i < x.length; i += 2) points.push([x[i] as number, x[i + 1] as number]);
  const first = points[0];
  const last = points[points.length - 1];
  if (points.length > 3 && first && last && first[0] === last[0] && first[1] === last[1]) points.pop();
  if (points.length < 3) throw new Fault('badSegmentation', `${what} has ${points.length} vertices, a polygon needs 3`);
  return points;
}

function bboxOf(x: unknown): readonly [number, number, number, number] {
  if (!Array.isArray(x) || x.length !== 4 || !x.every(isNumber)) throw new Fault('badBbox', 'bbox is not [x, y, width, height]');
  const [bx, by, w, h] = x as number[];
  if (w! <= 0 || h! <= 0) throw new Fault('badBbox', `bbox has width ${w} and height ${h}; both must be positive`);
  return [bx!, by!, w!, h!];
}

function ellipseOf(x: unknown): Geometry {
  const e = isObject(x) ? x : {};
  const pair = (p: unknown): p is Point => Array.isArray(p) && p.length === 2 && p.every(isNumber);
  if (!pair(e.center) || !pair(e.radii) || !isNumber(e.rotation) || e.radii[0] <= 0 || e.radii[1] <= 0) {
    throw new Fault('badSegmentation', 'mejirushi.ellipse is not { center, radii, rotation }');
  }
  return { type: 'ellipse', center: [e.center[0], e.center[1]], radii: [e.radii[0], e.radii[1]], rotation: e.rotation };
}

function polygons(segmentation: readonly unknown[], holes: unknown): PolygonRings[] {
  const holeLists = Array.isArray(holes) ? holes : [];
  return segmentation.map((part, i) => {
    const points = ring(part, `segmentation[${i}]`);
    const partHoles = holeLists[i];
    if (!Array.isArray(partHoles) || partHoles.length === 0) return { points };
    return { points, holes: partHoles.map((hole, j) => ring(hole, `mejirushi.holes[${i}][${j}]`)) };
  });
}

function read(annotation: Record<string, unknown>): Geometry {
  const extension = isObject(annotation.mejirushi) ? annotation.mejirushi : {};
  const { segmentation } = annotation;
  if (extension.shape === 'ellipse') return ellipseOf(extension.ellipse);
  const noPolygons = segmentation === undefined || (Array.isArray(segmentation) && segmentation.length === 0);
  if (extension.shape === 'rectangle' || noPolygons) {
    // A detection file's box without polygons is a rectangle: COCO's own reading of `bbox`.
    const [x, y, w, h] = bboxOf(annotation.bbox);
    return { type: 'rectangle', topLeft: [x, y], bottomRight: [x + w, y + h] };
  }
  if (isObject(segmentation)) throw new Fault('badSegmentation', 'run-length encoded (RLE) segmentation is a mask, not an outline');
  if (!Array.isArray(segmentation)) throw new Fault('badSegmentation', 'segmentation is not a list of polygons');
  if (annotation.bbox !== undefined) bboxOf(annotation.bbox);
  const parts = polygons(segmentation, extension.holes);
  return parts.length === 1 ? { type: 'polygon', ...parts[0]! } : { type: 'multiPolygon', polygons: parts };
}

/** The outline an annotation describes: its exact shape where our extension names one, else its polygons or box. */
export function readCocoGeometry(annotation: Record<string, unknown>): CocoGeometryRead {
  try {
    return { ok: true, geometry: read(annotation) };
  } catch (error) {
    if (error instanceof Fault) return { ok: false, fault: error.fault, detail: error.message };
    throw error;
  }
}

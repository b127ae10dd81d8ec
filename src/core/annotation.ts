/**
 * Annotations of one item by one annotator, held as a flat record map so every change is a
 * diff of whole records (see diff.ts). Coordinates: slices and frames in image px, slides in
 * level-0 px; origin top-left, x right, y down.
 */

export type AnnotationSource =
  | { readonly kind: 'human' }
  | { readonly kind: 'model'; readonly name: string; readonly version: string };

export interface Provenance {
  readonly authorId: string;
  /** ISO-8601 UTC. */
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly source: AnnotationSource;
  /** Who accepted a model proposal; absent for human work. */
  readonly acceptedBy?: string;
}

/** A class (or classes) given to one target: a slice, a frame or the whole image. */
export interface TargetLabel {
  readonly type: 'label';
  readonly id: string;
  readonly targetId: string;
  readonly classCodes: readonly string[];
  readonly provenance: Provenance;
}

export type Point = readonly [number, number];

export type Geometry =
  | { readonly type: 'point'; readonly point: Point }
  | { readonly type: 'polyline'; readonly points: readonly Point[] }
  | { readonly type: 'polygon'; readonly points: readonly Point[] }
  | { readonly type: 'rectangle'; readonly topLeft: Point; readonly bottomRight: Point }
  | { readonly type: 'ellipse'; readonly center: Point; readonly radii: Point; readonly rotation: number };

export interface Shape {
  readonly type: 'shape';
  readonly id: string;
  readonly targetId: string;
  readonly classCode: string;
  readonly geometry: Geometry;
  readonly provenance: Provenance;
}

/** A labelmap of one slice/frame, run-length encoded row-major (see mask.ts). */
export interface Mask {
  readonly type: 'mask';
  readonly id: string;
  readonly targetId: string;
  readonly classCode: string;
  readonly width: number;
  readonly height: number;
  /** Alternating run lengths, starting with a run of 0s. */
  readonly runs: readonly number[];
  readonly provenance: Provenance;
}

export type AnnotationRecord = TargetLabel | Shape | Mask;

export interface AnnotationDocument {
  readonly itemId: string;
  readonly annotatorId: string;
  readonly labelSetId: string;
  readonly labelSetVersion: number;
  readonly records: Readonly<Record<string, AnnotationRecord>>;
}

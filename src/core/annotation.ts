/**
 * Annotations of one item by one annotator: a set of independent records, each answering one
 * question of the label set. Records are the unit of every change, of storage and of sync (see
 * records.ts). Coordinates: slices and frames in image px, slides in level-0 px; origin top-left,
 * x right, y down.
 */
import type { Box } from './bounds';

/** Where a record came from. A model's proposal names the exact model and run that made it. */
export type RecordOrigin =
  | { readonly kind: 'human' }
  | {
      readonly kind: 'model';
      readonly modelId: string;
      readonly version: string;
      /** sha256 (hex) of the model file that ran. */
      readonly contentHash: string;
      /** One inference run (one item, one model, one set of settings). */
      readonly runId: string;
      /** Score threshold the run used to keep proposals, when it had one. */
      readonly threshold?: number;
      /** The model's score for this record, in [0, 1]. */
      readonly score?: number;
    };

/**
 * What a person decided about a model's proposal: `pending` until someone looks; `accepted` as
 * proposed; `edited` (accepted, then changed); `rejected` (kept, hidden, so acceptance rates can
 * be measured).
 */
export type ProposalDecision = 'pending' | 'accepted' | 'edited' | 'rejected';

/**
 * Where an imported record came from: the file, and the part of it the record was made from (a
 * DICOM SEG segment, an RT Structure Set ROI), so an imported outline still says what it was.
 */
export interface ImportSource {
  readonly format: 'dicomSeg' | 'rtStruct';
  /** The file's name as the importing person chose it (no folder). */
  readonly file: string;
  /** SOP Instance UID of the imported object. */
  readonly sopInstanceUid: string;
  /** Segment Number or ROI Number inside it. */
  readonly number: number;
  /** Segment Label or ROI Name. */
  readonly label: string;
}

export interface Provenance {
  readonly origin: RecordOrigin;
  /** ISO-8601 UTC. */
  readonly createdAt: string;
  readonly updatedAt: string;
  /**
   * Every person who created or changed the record, in the order of their first change: the
   * creator first for human work; empty for a proposal nobody has touched. Never shrinks, so an
   * annotator's contribution survives later edits.
   */
  readonly authors: readonly string[];
  /** Model proposals only. */
  readonly decision?: ProposalDecision;
  /** Who took the decision (absent while pending). */
  readonly decidedBy?: string;
  /** Records made by importing a file (the importing person is their author). */
  readonly imported?: ImportSource;
}

interface RecordBase {
  readonly id: string;
  /** The label-set question this record answers. */
  readonly questionId: string;
  /** The slice, frame or image the record belongs to (the item id for whole-item answers). */
  readonly targetId: string;
  readonly provenance: Provenance;
}

/** The answer of one question for one target: a slice, a frame, the whole item, or a frame range. */
export interface TargetLabel extends RecordBase {
  readonly type: 'label';
  /** Last target of a range (inclusive, in the item's target order); absent for one target. */
  readonly endTargetId?: string;
  readonly classCodes: readonly string[];
}

export type Point = readonly [number, number];

/** A closed ring: first vertex not repeated at the end (it closes implicitly). */
export type Ring = readonly Point[];

/** One polygon with its outer ring and the holes cut out of it (a gland's lumen, a subtracted area). */
export interface PolygonRings {
  readonly points: Ring;
  readonly holes?: readonly Ring[];
}

export type Geometry =
  | { readonly type: 'point'; readonly point: Point }
  | { readonly type: 'polyline'; readonly points: readonly Point[] }
  | ({ readonly type: 'polygon' } & PolygonRings)
  /** Several separate parts of one lesion (what a brush subtraction that splits it leaves). */
  | { readonly type: 'multiPolygon'; readonly polygons: readonly PolygonRings[] }
  | { readonly type: 'rectangle'; readonly topLeft: Point; readonly bottomRight: Point }
  /** `rotation` in radians, clockwise on screen (y points down). */
  | { readonly type: 'ellipse'; readonly center: Point; readonly radii: Point; readonly rotation: number };

export interface Shape extends RecordBase {
  readonly type: 'shape';
  readonly classCode: string;
  readonly geometry: Geometry;
}

/** A labelmap of one slice/frame, run-length encoded row-major (see mask.ts). */
export interface Mask extends RecordBase {
  readonly type: 'mask';
  readonly classCode: string;
  readonly width: number;
  readonly height: number;
  /** Alternating run lengths, starting with a run of 0s. */
  readonly runs: readonly number[];
}

export type AnnotationRecord = TargetLabel | Shape | Mask;

export type RecordType = AnnotationRecord['type'];

/** Which item, annotator and label set a set of records belongs to. */
export interface DocumentKey {
  readonly itemId: string;
  readonly annotatorId: string;
  readonly labelSetId: string;
  readonly labelSetVersion: number;
}

/**
 * A read-only view of the current records of one document. The editor's `RecordStore`
 * implements it with indexes, so reads never scan the whole document.
 */
export interface DocumentView extends DocumentKey {
  readonly size: number;
  get(id: string): AnnotationRecord | undefined;
  /** Every record, in no particular order. */
  records(): IterableIterator<AnnotationRecord>;
  /** Records whose `targetId` is `targetId` (labels, shapes and masks of one slice or frame). */
  recordsAt(targetId: string): readonly AnnotationRecord[];
  /**
   * The live label answering `questionId` on `targetId`. Optional: `labelAt` in targetLabels.ts
   * falls back to `recordsAt`, which on a slide holds every outline; the store answers from an index.
   */
  labelAt?(questionId: string, targetId: string): TargetLabel | undefined;
  /**
   * Live range labels of a question meeting frames `first … last` (indices in the item's order).
   * Only a view that knows the order has it (the store); commands keep ranges apart with it.
   */
  rangesIn?(questionId: string, first: number, last: number): readonly TargetLabel[];
  /**
   * Outlines and masks on `targetId` whose bounding box meets `box` (image px). Optional like
   * `labelAt`: the store answers from its spatial index, so a slide's region is read in O(result).
   */
  recordsIn?(targetId: string, box: Box): readonly AnnotationRecord[];
}

/**
 * A whole document as plain data: frozen copies (a submitted version), exports, tests. Never the
 * unit of an edit or of sync.
 */
export interface DocumentSnapshot extends DocumentKey {
  readonly records: readonly AnnotationRecord[];
}

/** Whether a record is visible work: rejected proposals are kept but hidden everywhere. */
export function isLive(record: AnnotationRecord): boolean {
  return record.provenance.decision !== 'rejected';
}

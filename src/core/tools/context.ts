import type { Point, Shape } from '../annotation';
import { isLive } from '../annotation';
import { geometryBounds, type Box } from '../bounds';
import { boxContains, grownBox, hitsGeometry } from '../geometry/hitTest';
import type { ImageSize } from '../geometry/round';
import type { Question } from '../labelSet';
import type { RecordStore } from '../recordStore';
import type { ToolContext } from './tool';

export interface ToolContextOptions {
  /** The image drawn on (the item id on a slide). */
  readonly targetId: string;
  readonly imageSize: ImageSize;
  /** The region question new outlines answer; its class keys change a selection's class. */
  readonly question: Question;
  /** The class new outlines get. */
  readonly classCode: string;
  readonly imagePxPerScreenPx: number;
  readonly selection: ReadonlySet<string>;
}

/** Drawn later is drawn on top: the most recently changed outline wins, ties by id for a stable answer. */
function isAbove(a: Shape, b: Shape): boolean {
  const at = a.provenance.updatedAt;
  const bt = b.provenance.updatedAt;
  return at !== bt ? at > bt : a.id > b.id;
}

function liveShape(record: ReturnType<RecordStore['get']>): Shape | undefined {
  return record?.type === 'shape' && isLive(record) ? record : undefined;
}

/**
 * What tools read of an open document, answered from the store's R-tree: a hit test or a box
 * selection reads the few outlines whose boxes meet the query, O(log n + k), never the document.
 */
export function createToolContext(store: RecordStore, options: ToolContextOptions): ToolContext {
  const { targetId, question } = options;
  const keys = new Map(question.classes.flatMap((c) => (c.key === undefined ? [] : [[c.key, c.code] as const])));
  return {
    targetId,
    questionId: question.id,
    classCode: options.classCode,
    imagePxPerScreenPx: options.imagePxPerScreenPx,
    imageSize: options.imageSize,
    selection: options.selection,
    classForKey: (key) => keys.get(key),
    shape: (id) => liveShape(store.get(id)),
    shapeAt(point: Point, tolerance: number): Shape | null {
      let top: Shape | null = null;
      for (const record of store.recordsIn(targetId, grownBox({ minX: point[0], minY: point[1], maxX: point[0], maxY: point[1] }, tolerance))) {
        const shape = liveShape(record);
        if (shape && (!top || isAbove(shape, top)) && hitsGeometry(shape.geometry, point, tolerance)) top = shape;
      }
      return top;
    },
    shapesIn(box: Box): readonly Shape[] {
      return store.recordsIn(targetId, box).flatMap((record) => {
        const shape = liveShape(record);
        return shape && boxContains(box, geometryBounds(shape.geometry)) ? [shape] : [];
      });
    },
  };
}

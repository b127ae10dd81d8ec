/**
 * One frame of the reviewer's slide overlay: each shown reader's outlines in view in the reader's
 * colour (one path per reader), then the box of the region under discussion, dashed white so it
 * shows over any stain and any reader's colour. Outlines out of view are skipped by their boxes.
 */
import type { Geometry } from '../../../core/annotation';
import { geometryBounds, intersects, type Box } from '../../../core/bounds';
import type { FrameView, Paint } from '../annotation/paintTarget';
import { toScreen } from '../annotation/paintTarget';
import { traceGeometry } from '../annotation/tracePath';

export interface ReaderLayer {
  readonly color: string;
  readonly geometries: readonly Geometry[];
}

/** A reader's layer with each outline's box, computed once when what is shown changes. */
export interface BoxedLayer {
  readonly color: string;
  readonly shapes: readonly { readonly geometry: Geometry; readonly box: Box }[];
}

/** CSS px. Wider than the annotator's 1-px outlines: two readers' lines must be told apart on top of each other. */
export const READER_WIDTH = 2;
const FOCUS_DASH = [8, 6];
const POINT_SIZE = 6;

export function boxLayers(layers: readonly ReaderLayer[]): BoxedLayer[] {
  return layers.map(({ color, geometries }) => ({ color, shapes: geometries.map((geometry) => ({ geometry, box: geometryBounds(geometry) })) }));
}

/** Draws the frame; answers how many outlines it drew. */
export function drawReaderLayers(paint: Paint, layers: readonly BoxedLayer[], view: FrameView, focus: Box | null): number {
  let drawn = 0;
  paint.lineWidth = READER_WIDTH;
  paint.setLineDash([]);
  for (const layer of layers) {
    paint.strokeStyle = layer.color;
    paint.fillStyle = layer.color;
    paint.beginPath();
    for (const { geometry, box } of layer.shapes) {
      if (!intersects(box, view.box)) continue;
      drawn += 1;
      if (geometry.type === 'point') {
        const [x, y] = toScreen(view, geometry.point);
        paint.fillRect(x - POINT_SIZE / 2, y - POINT_SIZE / 2, POINT_SIZE, POINT_SIZE);
      } else traceGeometry(paint, geometry, view);
    }
    paint.stroke();
  }
  if (focus) {
    const corners = [toScreen(view, [focus.minX, focus.minY]), toScreen(view, [focus.maxX, focus.minY]), toScreen(view, [focus.maxX, focus.maxY]), toScreen(view, [focus.minX, focus.maxY])];
    paint.setLineDash(FOCUS_DASH);
    paint.strokeStyle = '#ffffff';
    paint.beginPath();
    corners.forEach(([x, y], i) => (i === 0 ? paint.moveTo(x, y) : paint.lineTo(x, y)));
    paint.closePath();
    paint.stroke();
    paint.setLineDash([]);
  }
  return drawn;
}

/**
 * A tool at work, over everything else: the outline being drawn or edited, a dragged selection
 * where it will land, vertex handles, the rubber band of a box selection, the brush footprint
 * (solid to add, dashed to subtract), the clicks of a click-prompted outline (+ keep, − leave
 * out) and its box. An edit that would make the outline cross itself is drawn
 * dashed in a warning red: it will snap back on release.
 */
import type { Geometry, Point } from '../../../core/annotation';
import type { Box } from '../../../core/bounds';
import type { ToolPreview } from '../../../core/tools/tool';
import type { FrameView, Paint } from './paintTarget';
import { toScreen } from './paintTarget';
import { traceGeometry } from './tracePath';

/** CSS px. */
const HANDLE_SIZE = 7;
const PROMPT_MARK = 6;
const PROMPT_KEEP = '#2e7d32';
const PROMPT_LEAVE = '#c62828';
const BAND_DASH = [5, 4];
const CROSSING_COLOR = '#d32f2f';

/** A stored outline the preview names (a dragged selection): its geometry and class colour. */
export type OutlineLookup = (id: string) => { readonly geometry: Geometry; readonly color: string } | null;

export function drawPreview(paint: Paint, preview: ToolPreview, view: FrameView, color: string, outline: OutlineLookup = () => null): void {
  paint.setLineDash([]);
  if (preview.moving) {
    const [dx, dy] = preview.moving.delta;
    const t = view.transform;
    const moved: FrameView = { ...view, transform: { ...t, e: t.e + t.a * dx + t.c * dy, f: t.f + t.b * dx + t.d * dy } };
    for (const id of preview.moving.ids) {
      const found = outline(id);
      if (!found) continue;
      paint.beginPath();
      traceGeometry(paint, found.geometry, moved);
      haloStroke(paint, found.color, 2);
    }
  }
  if (preview.geometry) {
    paint.beginPath();
    traceGeometry(paint, preview.geometry, view);
    if (preview.geometry.type === 'point') {
      const [sx, sy] = toScreen(view, preview.geometry.point);
      paint.moveTo(sx + 4, sy);
      paint.arc(sx, sy, 4, 0, 2 * Math.PI);
    }
    if (preview.crossing) paint.setLineDash(BAND_DASH);
    haloStroke(paint, preview.crossing ? CROSSING_COLOR : color, 2);
    paint.setLineDash([]);
  }
  if (preview.box) drawBand(paint, view, preview.box);
  if (preview.brush) {
    const [sx, sy] = toScreen(view, preview.brush.center);
    paint.beginPath();
    paint.arc(sx, sy, preview.brush.radius * view.scale, 0, 2 * Math.PI);
    paint.setLineDash(preview.brush.mode === 'subtract' ? BAND_DASH : []);
    haloStroke(paint, color, 1.5);
    paint.setLineDash([]);
  }
  for (const prompt of preview.prompts ?? []) {
    if (prompt.kind === 'box') {
      drawBand(paint, view, { minX: prompt.topLeft[0], minY: prompt.topLeft[1], maxX: prompt.bottomRight[0], maxY: prompt.bottomRight[1] });
      continue;
    }
    const [sx, sy] = toScreen(view, prompt.point);
    paint.beginPath();
    paint.moveTo(sx - PROMPT_MARK, sy);
    paint.lineTo(sx + PROMPT_MARK, sy);
    if (prompt.positive) {
      paint.moveTo(sx, sy - PROMPT_MARK);
      paint.lineTo(sx, sy + PROMPT_MARK);
    }
    haloStroke(paint, prompt.positive ? PROMPT_KEEP : PROMPT_LEAVE, 2);
  }
  if (preview.handles && preview.handles.length > 0) {
    paint.beginPath();
    for (const handle of preview.handles) {
      const [sx, sy] = toScreen(view, handle);
      paint.rect(sx - HANDLE_SIZE / 2, sy - HANDLE_SIZE / 2, HANDLE_SIZE, HANDLE_SIZE);
    }
    paint.fillStyle = '#ffffff';
    paint.fill();
    paint.strokeStyle = color;
    paint.lineWidth = 1.5;
    paint.stroke();
  }
}

/** A dashed rubber band (a box selection, a box prompt). */
function drawBand(paint: Paint, view: FrameView, { minX, minY, maxX, maxY }: Box): void {
  const corners: Point[] = [[minX, minY], [maxX, minY], [maxX, maxY], [minX, maxY]];
  paint.beginPath();
  corners.forEach((corner, i) => {
    const [sx, sy] = toScreen(view, corner);
    if (i === 0) paint.moveTo(sx, sy);
    else paint.lineTo(sx, sy);
  });
  paint.closePath();
  paint.setLineDash(BAND_DASH);
  haloStroke(paint, '#1565c0', 1);
  paint.setLineDash([]);
}

/** Strokes the current path twice: dark under, colour over, so it shows on pale and dark tissue alike. */
function haloStroke(paint: Paint, color: string, width: number): void {
  paint.strokeStyle = 'rgba(0, 0, 0, 0.6)';
  paint.lineWidth = width + 2;
  paint.stroke();
  paint.strokeStyle = color;
  paint.lineWidth = width;
  paint.stroke();
}

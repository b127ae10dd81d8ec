/**
 * A pathologist outlines lesions on the Aperio sample with the mouse and keys, as the annotator:
 * polygon, freehand and ellipse land on the server where they were drawn; a vertex edit, a brush
 * subtraction, a class change by key and its undo/redo reach the server; a reload finds every
 * outline, drawn on the overlay where its coordinates say; the scale bar measures what it says.
 */
import type { Page } from '@playwright/test';
import type { Geometry, Point, Ring, Shape } from '../src/core/annotation';
import { GASTRIC_BIOPSY_LABEL_SET } from '../src/core/labelSets/builtin';
import { hasPathologySampleData } from '../server/testing/sampleData';
import { byTestId, expect, expectSynced, signIn, test, type Mejirushi } from './fixtures/mejirushi';
import { expectSlideReady, expectViewAtRest, expectViewSettled, imageToPage, imageToScreen, openSlide, serverShapes, singleSlide } from './fixtures/slides';

const SVS = 'CMU-1-Small-Region.svs';

if (!hasPathologySampleData()) console.log(`slide-outlines.spec.ts skipped: no ${SVS} in the sample data (set MEJIRUSHI_SAMPLE_DATA)`);
test.skip(!hasPathologySampleData(), `no ${SVS} in the sample data (set MEJIRUSHI_SAMPLE_DATA)`);

/** The sample's level 0 is 2220 × 2967 px; the view opens on its centre. */
const CENTRE: Point = [1110, 1483.5];
const at = (dx: number, dy: number): Point => [CENTRE[0] + dx, CENTRE[1] + dy];

/**
 * Image px of error allowed at ×20 (one screen px = one image px): clicks land on whole screen px and
 * the view may still have been settling by a pixel when the mouse went down.
 */
const CLICK_TOLERANCE = 3;

const REGION = GASTRIC_BIOPSY_LABEL_SET.questions.find((q) => q.target === 'region');
const classColour = (code: string): string => {
  const colour = REGION?.classes.find((c) => c.code === code)?.color;
  if (!colour) throw new Error(`no colour for ${code}`);
  return colour;
};

const distance = (a: Point, b: Point): number => Math.hypot(a[0] - b[0], a[1] - b[1]);

function distanceToSegment(p: Point, a: Point, b: Point): number {
  const [dx, dy] = [b[0] - a[0], b[1] - a[1]];
  const length2 = dx * dx + dy * dy;
  const t = length2 === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / length2));
  return distance(p, [a[0] + t * dx, a[1] + t * dy]);
}

/** Distance from `p` to the closed ring's edges. */
function distanceToRing(p: Point, ring: Ring): number {
  return Math.min(...ring.map((a, i) => distanceToSegment(p, a, ring[(i + 1) % ring.length]!)));
}

function bounds(points: readonly Point[]): { minX: number; minY: number; maxX: number; maxY: number } {
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  return { minX: Math.min(...xs), minY: Math.min(...ys), maxX: Math.max(...xs), maxY: Math.max(...ys) };
}

/** Moves the mouse to an image point (whole page px, as a hand does). */
async function pagePoint(page: Page, point: Point): Promise<Point> {
  const [x, y] = await imageToPage(page, point);
  return [Math.round(x), Math.round(y)];
}

async function clickAt(page: Page, point: Point): Promise<void> {
  const [x, y] = await pagePoint(page, point);
  await page.mouse.click(x, y);
}

/** Press at the first point, move through the rest, release at the last. */
async function dragThrough(page: Page, points: readonly Point[]): Promise<void> {
  const [first, ...rest] = points;
  if (!first) return;
  const [x0, y0] = await pagePoint(page, first);
  await page.mouse.move(x0, y0);
  await page.mouse.down();
  for (const point of rest) {
    const [x, y] = await pagePoint(page, point);
    await page.mouse.move(x, y, { steps: 4 });
  }
  await page.mouse.up();
}

/** The annotator's outlines as the open editor holds them. */
function localShapes(page: Page): Promise<Shape[]> {
  return page.evaluate(() => {
    const store = window.__mejirushi?.store.getState().openItem?.document;
    if (!store) throw new Error('no open document');
    return store.snapshot().filter((record): record is Shape => record.type === 'shape');
  });
}

async function expectLocalCount(page: Page, count: number): Promise<void> {
  await expect.poll(async () => (await localShapes(page)).length).toBe(count);
}

/** The server's outline of `id` once the badge says everything is there. */
async function serverShape(page: Page, mejirushi: Mejirushi, itemId: string, id: string): Promise<Shape> {
  await expectSynced(page);
  const shape = (await serverShapes(mejirushi, itemId)).find((s) => s.id === id);
  if (!shape) throw new Error(`the server holds no outline ${id}`);
  return shape;
}

function polygonRing(geometry: Geometry): Ring {
  if (geometry.type !== 'polygon') throw new Error(`expected a polygon, found a ${geometry.type}`);
  return geometry.points;
}

/** Selects the outline under `inside` with the select tool (v). */
async function select(page: Page, inside: Point): Promise<void> {
  await page.keyboard.press('v');
  await expect(byTestId(page, 'slide-annotation-layer')).toHaveAttribute('data-tool', 'select');
  await clickAt(page, inside);
  await expect(byTestId(page, 'slide-annotation-layer')).toHaveAttribute('data-selected', '1');
}

async function useTool(page: Page, key: string, tool: string): Promise<void> {
  await page.keyboard.press(key);
  await expect(byTestId(page, 'slide-annotation-layer')).toHaveAttribute('data-tool', tool);
}

/** ×20 (Shift+5): the scan's own resolution, one screen px per image px. */
async function fullResolution(page: Page): Promise<void> {
  await page.keyboard.press('Shift+Digit5');
  await expectViewSettled(page, 'data-magnification', 20);
  await expectViewSettled(page, 'data-zoom', 1);
  await expectViewAtRest(page);
}

/**
 * Whether the overlay canvas shows `colour` within `radius` CSS px of the screen point (an
 * outline one px wide on a fractional position is shared by neighbouring pixels), and the most
 * opaque alpha there.
 */
function overlayPixels(page: Page, screen: Point, colour: string, radius = 2): Promise<{ found: boolean; maxAlpha: number }> {
  return page.evaluate(
    ({ screen: [sx, sy], colour, radius }) => {
      const canvas = document.querySelector<HTMLCanvasElement>('[data-testid="slide-annotation-canvas"]');
      const context = canvas?.getContext('2d');
      if (!canvas || !context) throw new Error('no overlay canvas');
      const ratio = canvas.width / canvas.getBoundingClientRect().width;
      const r = Math.ceil(radius * ratio);
      const [cx, cy] = [Math.round(sx * ratio), Math.round(sy * ratio)];
      const { data } = context.getImageData(cx - r, cy - r, 2 * r + 1, 2 * r + 1);
      const want = [1, 3, 5].map((i) => parseInt(colour.slice(i, i + 2), 16));
      let found = false;
      let maxAlpha = 0;
      for (let i = 0; i < data.length; i += 4) {
        const alpha = data[i + 3]!;
        maxAlpha = Math.max(maxAlpha, alpha);
        // getImageData un-premultiplies: a half-covered pixel still reads the stroke's colour.
        if (alpha >= 96 && want.every((v, k) => Math.abs(data[i + k]! - v) <= 24)) found = true;
      }
      return { found, maxAlpha };
    },
    { screen, colour, radius },
  );
}

/** |drawn length in µm − stated length| / stated length, the stated length read from the bar's label (µm or mm). */
async function scaleBarError(page: Page, micronsPerPx: number): Promise<number> {
  const [a, b] = [await imageToScreen(page, [0, 0]), await imageToScreen(page, [1000, 0])];
  const imagePxPerScreenPx = 1000 / distance(a, b);
  const bar = await page.locator('[data-testid="slide-scale-bar"] .slv-scale-bar').boundingBox();
  if (!bar) throw new Error('the scale bar is not drawn');
  const label = (await byTestId(page, 'slide-scale-bar').innerText()).trim();
  const match = /^([\d.]+)\s*(µm|mm)$/.exec(label);
  if (!match) throw new Error(`the scale bar says ${JSON.stringify(label)}`);
  const stated = Number(match[1]) * (match[2] === 'mm' ? 1000 : 1);
  expect(Number(await byTestId(page, 'slide-scale-bar').getAttribute('data-microns'))).toBe(stated);
  return Math.abs(bar.width * imagePxPerScreenPx * micronsPerPx - stated) / stated;
}

test('a pathologist outlines lesions with the mouse, edits them by tool and key, and finds them drawn after a reload', async ({ page, mejirushi }) => {
  const itemId = await singleSlide(mejirushi, SVS);
  await signIn(page, mejirushi.annotator);
  await openSlide(page, itemId);
  await fullResolution(page);
  const layer = byTestId(page, 'slide-annotation-layer');
  const firstClass = await layer.getAttribute('data-class');
  expect(firstClass).toBe('lesion.carcinoma');

  // Polygon: five clicks, then a double-click on the last vertex closes it.
  const polygonClicks: Point[] = [at(-250, -150), at(-100, -170), at(-60, -60), at(-150, -10), at(-260, -60)];
  await useTool(page, 'p', 'polygon');
  for (const point of polygonClicks) await clickAt(page, point);
  const [lx, ly] = await pagePoint(page, polygonClicks[4]!);
  await page.mouse.dblclick(lx, ly);
  await expectLocalCount(page, 1);
  const polygonId = (await localShapes(page))[0]!.id;

  // Freehand: press, trace a circle, release.
  const freehandCentre = at(150, -90);
  const freehandPath: Point[] = Array.from({ length: 41 }, (_, i) => {
    const angle = (2 * Math.PI * i) / 40;
    return [freehandCentre[0] + 70 * Math.cos(angle), freehandCentre[1] + 70 * Math.sin(angle)];
  });
  await useTool(page, 'f', 'freehand');
  await dragThrough(page, freehandPath);
  await expectLocalCount(page, 2);
  const freehandId = (await localShapes(page)).find((s) => s.id !== polygonId)!.id;

  // Ellipse: drag its bounding box corner to corner.
  await useTool(page, 'e', 'ellipse');
  await dragThrough(page, [at(-120, 40), at(120, 140)]);
  await expectLocalCount(page, 3);
  const ellipseId = (await localShapes(page)).find((s) => s.id !== polygonId && s.id !== freehandId)!.id;

  await expectSynced(page);
  const drawn = await serverShapes(mejirushi, itemId);
  expect(drawn.map((s) => s.id).sort()).toEqual([polygonId, freehandId, ellipseId].sort());
  for (const shape of drawn) expect(shape.classCode).toBe(firstClass);
  const byId = new Map(drawn.map((s) => [s.id, s]));

  const polygon = polygonRing(byId.get(polygonId)!.geometry);
  expect(polygon).toHaveLength(5);
  polygon.forEach((vertex, i) => expect(distance(vertex, polygonClicks[i]!)).toBeLessThanOrEqual(CLICK_TOLERANCE));

  // Freehand is simplified: its vertices are points of the traced path, and the path runs along its edges.
  const freehand = polygonRing(byId.get(freehandId)!.geometry);
  expect(freehand.length).toBeGreaterThanOrEqual(8);
  for (const vertex of freehand) expect(Math.min(...freehandPath.map((p) => distance(vertex, p)))).toBeLessThanOrEqual(CLICK_TOLERANCE);
  for (const p of freehandPath) expect(distanceToRing(p, freehand)).toBeLessThanOrEqual(CLICK_TOLERANCE + 1.5);

  const ellipse = byId.get(ellipseId)!.geometry;
  if (ellipse.type !== 'ellipse') throw new Error(`expected an ellipse, found a ${ellipse.type}`);
  expect(distance(ellipse.center, at(0, 90))).toBeLessThanOrEqual(CLICK_TOLERANCE);
  expect(Math.abs(ellipse.radii[0] - 120)).toBeLessThanOrEqual(CLICK_TOLERANCE);
  expect(Math.abs(ellipse.radii[1] - 50)).toBeLessThanOrEqual(CLICK_TOLERANCE);
  expect(ellipse.rotation).toBe(0);

  // Vertex edit: select the polygon, drag its third vertex's handle.
  await select(page, at(-160, -85));
  const movedTo = at(-30, -30);
  await dragThrough(page, [polygon[2]!, movedTo]);
  await expect.poll(async () => distance(polygonRing((await serverShape(page, mejirushi, itemId, polygonId)).geometry)[2]!, movedTo)).toBeLessThanOrEqual(CLICK_TOLERANCE);
  const edited = polygonRing((await serverShape(page, mejirushi, itemId, polygonId)).geometry);
  expect(edited).toHaveLength(5);
  [0, 1, 3, 4].forEach((i) => expect(edited[i]).toEqual(polygon[i]));

  // Brush subtraction (Alt+drag): across the ellipse cuts it in two; inside the freehand circle, a hole.
  await select(page, at(-80, 90));
  await useTool(page, 'b', 'brush');
  await page.keyboard.down('Alt');
  await dragThrough(page, [at(0, 10), at(0, 170)]);
  await page.keyboard.up('Alt');
  await expect.poll(async () => (await serverShape(page, mejirushi, itemId, ellipseId)).geometry.type).toBe('multiPolygon');
  const split = (await serverShape(page, mejirushi, itemId, ellipseId)).geometry;
  if (split.type !== 'multiPolygon') throw new Error('the ellipse should be in two parts');
  expect(split.polygons).toHaveLength(2);
  const sides = split.polygons.map((part) => bounds(part.points)).sort((a, b) => a.minX - b.minX);
  // The tip is 16 screen px = 16 image px in radius: the cut is 32 px wide about x = centre.
  expect(sides[0]!.maxX).toBeLessThan(CENTRE[0] - 14);
  expect(sides[1]!.minX).toBeGreaterThan(CENTRE[0] + 14);
  expect(sides[0]!.minX).toBeCloseTo(CENTRE[0] - 120, 0);
  expect(sides[1]!.maxX).toBeCloseTo(CENTRE[0] + 120, 0);

  await select(page, at(150, -40));
  await useTool(page, 'b', 'brush');
  await page.keyboard.down('Alt');
  await dragThrough(page, [at(135, -90), at(165, -90)]);
  await page.keyboard.up('Alt');
  await expect.poll(async () => {
    const geometry = (await serverShape(page, mejirushi, itemId, freehandId)).geometry;
    return geometry.type === 'polygon' ? (geometry.holes?.length ?? 0) : -1;
  }).toBe(1);
  const holed = (await serverShape(page, mejirushi, itemId, freehandId)).geometry;
  if (holed.type !== 'polygon' || !holed.holes?.[0]) throw new Error('the freehand outline should have a hole');
  const hole = bounds(holed.holes[0]);
  expect(hole.minX).toBeGreaterThan(freehandCentre[0] - 15 - 16 - 2);
  expect(hole.maxX).toBeLessThan(freehandCentre[0] + 15 + 16 + 2);
  expect(hole.minY).toBeGreaterThan(freehandCentre[1] - 16 - 2);
  expect(hole.maxY).toBeLessThan(freehandCentre[1] + 16 + 2);
  expect(hole.maxX - hole.minX).toBeGreaterThan(2 * 15 + 2 * 16 - 4);

  // Undo and redo of the cut: the outline comes back whole, then with its hole again.
  const holeCount = async () => {
    const geometry = (await serverShape(page, mejirushi, itemId, freehandId)).geometry;
    return geometry.type === 'polygon' ? (geometry.holes?.length ?? 0) : -1;
  };
  await page.keyboard.press('Control+z');
  await expect.poll(holeCount).toBe(0);
  expect((await serverShape(page, mejirushi, itemId, freehandId)).geometry).toEqual(byId.get(freehandId)!.geometry);
  await page.keyboard.press('Control+Shift+z');
  await expect.poll(holeCount).toBe(1);
  expect((await serverShape(page, mejirushi, itemId, freehandId)).geometry).toEqual(holed);

  // Class by key: the polygon becomes an adenoma.
  await select(page, at(-160, -85));
  await page.keyboard.press('a');
  await expect.poll(async () => (await serverShape(page, mejirushi, itemId, polygonId)).classCode).toBe('lesion.adenoma');

  // Undo and redo of that change.
  await page.keyboard.press('Control+z');
  await expect.poll(async () => (await serverShape(page, mejirushi, itemId, polygonId)).classCode).toBe(firstClass);
  await page.keyboard.press('Control+Shift+z');
  await expect.poll(async () => (await serverShape(page, mejirushi, itemId, polygonId)).classCode).toBe('lesion.adenoma');
  await page.keyboard.press('Escape');
  await expect(layer).toHaveAttribute('data-selected', '0');

  // Reload: every outline is there, here as on the server.
  await expectSynced(page);
  const before = (await serverShapes(mejirushi, itemId)).sort((a, b) => a.id.localeCompare(b.id));
  expect(before).toHaveLength(3);
  await page.reload();
  await expectSlideReady(page);
  await expectLocalCount(page, 3);
  expect((await localShapes(page)).sort((a, b) => a.id.localeCompare(b.id))).toEqual(before);
  expect((await serverShapes(mejirushi, itemId)).sort((a, b) => a.id.localeCompare(b.id))).toEqual(before);

  // Pixel check: each outline's colour on the overlay where its coordinates say, nothing far from them.
  await fullResolution(page);
  const finalPolygon = polygonRing(before.find((s) => s.id === polygonId)!.geometry);
  const edgeMiddle: Point = [(finalPolygon[0]![0] + finalPolygon[1]![0]) / 2, (finalPolygon[0]![1] + finalPolygon[1]![1]) / 2];
  const probes: [Point, string][] = [
    [finalPolygon[0]!, 'lesion.adenoma'],
    [finalPolygon[2]!, 'lesion.adenoma'],
    [edgeMiddle, 'lesion.adenoma'],
    [freehand[0]!, firstClass!],
    [at(-120, 90), firstClass!],
  ];
  for (const [point, code] of probes) {
    const screen = await imageToScreen(page, point);
    await expect.poll(async () => (await overlayPixels(page, screen, classColour(code))).found, `${code} drawn at image ${point.join(', ')}`).toBe(true);
  }
  const far = await imageToScreen(page, at(300, 250));
  const canvasBox = await byTestId(page, 'slide-annotation-canvas').boundingBox();
  expect(far[0]).toBeLessThan(canvasBox!.width - 10);
  expect(far[1]).toBeLessThan(canvasBox!.height - 10);
  expect((await overlayPixels(page, far, classColour('lesion.adenoma'), 6)).maxAlpha).toBe(0);

  // Scale bar: drawn length × image px per screen px × µm per px = the length its label states,
  // at two magnification steps and at the whole-slide view (a zoom of no step).
  const micronsPerPx = Number(await byTestId(page, 'slide-viewer').getAttribute('data-microns-per-px'));
  expect(micronsPerPx).toBe(0.499);
  for (const key of ['Shift+Digit5', 'Shift+Digit3', '0']) {
    await page.keyboard.press(key);
    // Polled: while the view springs to its new zoom the bar and the transform may be a frame apart.
    await expect.poll(() => scaleBarError(page, micronsPerPx), `scale bar after ${key}`).toBeLessThanOrEqual(0.01);
  }
});

test('on a rotated slide a rectangle and a point land where they were drawn, and are multi-selected (Shift, box), classed, moved and deleted there', async ({ page, mejirushi }) => {
  const itemId = await singleSlide(mejirushi, SVS);
  await signIn(page, mejirushi.annotator);
  await openSlide(page, itemId);
  await fullResolution(page);
  await page.keyboard.press('Shift+KeyR');
  await expectViewSettled(page, 'data-rotation', 90);
  await expectViewAtRest(page);

  // Rotated a quarter turn, the drag's screen corners are the image rectangle's other two corners.
  await useTool(page, 'r', 'rectangle');
  await dragThrough(page, [at(-150, -100), at(100, 60)]);
  await useTool(page, 't', 'point');
  await clickAt(page, at(200, 150));
  await expectLocalCount(page, 2);
  await expectSynced(page);
  const shapes = await serverShapes(mejirushi, itemId);
  expect(shapes).toHaveLength(2);
  const rectangle = shapes.find((s) => s.geometry.type === 'rectangle')?.geometry;
  const point = shapes.find((s) => s.geometry.type === 'point')?.geometry;
  if (rectangle?.type !== 'rectangle' || point?.type !== 'point') throw new Error(`expected a rectangle and a point, found ${shapes.map((s) => s.geometry.type).join(', ')}`);
  expect(distance(rectangle.topLeft, at(-150, -100))).toBeLessThanOrEqual(CLICK_TOLERANCE);
  expect(distance(rectangle.bottomRight, at(100, 60))).toBeLessThanOrEqual(CLICK_TOLERANCE);
  expect(distance(point.point, at(200, 150))).toBeLessThanOrEqual(CLICK_TOLERANCE);

  // Drawn where it is: the rectangle's corner carries the class colour on the rotated overlay.
  const corner = await imageToScreen(page, [rectangle.bottomRight[0], rectangle.topLeft[1]]);
  await expect.poll(async () => (await overlayPixels(page, corner, classColour('lesion.carcinoma'))).found).toBe(true);

  // Shift+click adds the point to the selected rectangle; one class key changes both.
  const layer = byTestId(page, 'slide-annotation-layer');
  await select(page, at(-25, -20));
  const [px, py] = await pagePoint(page, at(200, 150));
  await page.keyboard.down('Shift');
  await page.mouse.click(px, py);
  await page.keyboard.up('Shift');
  await expect(layer).toHaveAttribute('data-selected', '2');
  await page.keyboard.press('o');
  await expectSynced(page);
  await expect.poll(async () => (await serverShapes(mejirushi, itemId)).map((s) => s.classCode)).toEqual(['lesion.other', 'lesion.other']);

  // Dragging the rectangle moves it by the image px dragged, whatever the rotation.
  await page.keyboard.press('Escape');
  await expect(layer).toHaveAttribute('data-selected', '0');
  await select(page, at(-25, -20));
  await dragThrough(page, [at(-25, -20), at(5, 0)]);
  const rectangleId = shapes.find((s) => s.geometry.type === 'rectangle')!.id;
  const moved = async () => {
    await expectSynced(page);
    const geometry = (await serverShapes(mejirushi, itemId)).find((s) => s.id === rectangleId)?.geometry;
    return geometry?.type === 'rectangle' ? distance(geometry.topLeft, [rectangle.topLeft[0] + 30, rectangle.topLeft[1] + 20]) : Infinity;
  };
  await expect.poll(moved).toBeLessThanOrEqual(CLICK_TOLERANCE);

  // A box dragged from empty slide selects both.
  await page.keyboard.press('Escape');
  await expect(layer).toHaveAttribute('data-selected', '0');
  await dragThrough(page, [at(-200, -150), at(250, 200)]);
  await expect(layer).toHaveAttribute('data-selected', '2');
  await page.keyboard.press('Escape');
  await expect(layer).toHaveAttribute('data-selected', '0');

  // Delete removes the selected point, here and on the server.
  await select(page, at(200, 150));
  await page.keyboard.press('Delete');
  await expectLocalCount(page, 1);
  await expectSynced(page);
  expect((await serverShapes(mejirushi, itemId)).map((s) => s.id)).toEqual([rectangleId]);
});

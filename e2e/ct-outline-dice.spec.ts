/**
 * Issue 12 end to end, against the phantom's ground truth (server/demo/phantom.ts): a scripted
 * annotator outlines the bleed with the threshold brush on a few slices, interpolates the rest,
 * and the masks the server holds overlap the truth with Dice ≥ 0.9 over the volume. Then the
 * contour fill and the flood fill, each checked against the geometry it was given.
 */
import type { Page } from '@playwright/test';
import type { Mask } from '../src/core/annotation';
import { decodeRuns } from '../src/core/mask';
import { MASK_BRUSH_RADIUS } from '../src/core/masks/tools/brushMaskTool';
import { demoPhantomSlices } from '../server/demo/phantomHu';
import { phantomBleedMasks } from '../server/demo/phantom';
import { allRecords } from '../src/data/testing/allRecords';
import { byTestId, expect, expectSliceShown, expectSynced, goToSlice, openDemoItem, serverApi, settled, signIn, test, type Mejirushi } from './fixtures/mejirushi';

const SEGMENT = 'sah.blood';
/** Image px, [column, row]: pixel (c, r) covers [c, c + 1) × [r, r + 1). */
type Pixel = readonly [number, number];

/** Where image pixel (column, row)'s centre lies on the page, by the viewer's own transform. */
async function pagePoint(page: Page, [column, row]: Pixel): Promise<{ x: number; y: number }> {
  const box = await page.locator('.sv-viewport').boundingBox();
  if (!box) throw new Error('the viewport has no box');
  const [x, y] = await page.evaluate(([r, c]) => window.__mejirushiViewer!.imageToCanvas(r, c), [row, column] as const);
  return { x: box.x + x, y: box.y + y };
}

async function stroke(page: Page, from: Pixel, to: Pixel): Promise<void> {
  const a = await pagePoint(page, from);
  const b = await pagePoint(page, to);
  await page.mouse.move(a.x, a.y);
  await page.mouse.down();
  await page.mouse.move(b.x, b.y, { steps: 4 });
  await page.mouse.up();
}

async function click(page: Page, pixel: Pixel): Promise<void> {
  const { x, y } = await pagePoint(page, pixel);
  await page.mouse.click(x, y);
}

/** The segment's pixel count as the panel shows it, once no slice is being measured. */
async function segmentPixels(page: Page): Promise<number> {
  const volume = byTestId(page, `segment-volume-${SEGMENT}`);
  await expect(volume).toHaveAttribute('data-pending', 'false');
  return Number(await volume.getAttribute('data-pixels'));
}

/** Types an HU range into the panel and gives the page the keyboard back (keys typed there stay there). */
async function setHuRange(page: Page, [low, high]: readonly [number, number]): Promise<void> {
  await byTestId(page, 'mask-hu-low').fill(String(low));
  await byTestId(page, 'mask-hu-high').fill(String(high));
  await byTestId(page, 'mask-hu-high').evaluate((input) => (input as HTMLInputElement).blur());
}

async function pickTool(page: Page, key: string, id: string): Promise<void> {
  await page.keyboard.press(key);
  await expect(byTestId(page, `mask-tool-${id}`)).toHaveAttribute('aria-pressed', 'true');
}

/** Presses `]` until the brush tip is at least `radius` image px; answers the tip's radius. */
async function growBrush(page: Page, radius: number): Promise<number> {
  let tip: number = MASK_BRUSH_RADIUS.initial;
  while (tip < radius) {
    await page.keyboard.press(']');
    tip = Math.min(MASK_BRUSH_RADIUS.max, tip * MASK_BRUSH_RADIUS.factor);
  }
  return tip;
}

const count = (labels: Uint8Array) => labels.reduce((n, v) => n + v, 0);

function dice(truth: readonly Uint8Array[], found: readonly Uint8Array[]): number {
  let both = 0;
  let sizes = 0;
  truth.forEach((t, slice) => {
    const f = found[slice]!;
    for (let i = 0; i < t.length; i++) {
      both += t[i]! & f[i]!;
      sizes += t[i]! + f[i]!;
    }
  });
  return (2 * both) / sizes;
}

/**
 * The slices a careful annotator outlines before interpolating: the first and last of each run of
 * bleed slices that look alike (each overlapping the previous with Dice ≥ ½). Shape-based
 * interpolation cannot turn one pattern into another (the phantom's basal cisterns give way to
 * convexity sulci), so each run is outlined at both ends.
 */
function keySlices(truth: readonly Uint8Array[]): number[] {
  const bleed = truth.flatMap((mask, slice) => (count(mask) > 0 ? [slice] : []));
  const keys: number[] = [];
  bleed.forEach((slice, k) => {
    const previous = bleed[k - 1];
    const next = bleed[k + 1];
    const alike = (other: number | undefined) => other !== undefined && Math.abs(other - slice) === 1 && dice([truth[other]!], [truth[slice]!]) >= 0.5;
    if (!alike(previous) || !alike(next)) keys.push(slice);
  });
  return keys;
}

/**
 * Threshold-brush strokes covering every bleed pixel of a slice: one horizontal stroke per band
 * of `radius` rows, from the band's leftmost to its rightmost bleed pixel. A pixel lies at most
 * radius / 2 rows from its band's stroke, well inside the tip.
 */
function coveringStrokes(mask: Uint8Array, width: number, radius: number): [Pixel, Pixel][] {
  const rows = [...Array(mask.length / width).keys()].filter((row) => mask.subarray(row * width, (row + 1) * width).includes(1));
  const strokes: [Pixel, Pixel][] = [];
  for (let top = rows[0]!; top <= rows[rows.length - 1]!; top += radius) {
    let left = width;
    let right = -1;
    for (let row = Math.floor(top); row < Math.min(top + radius, mask.length / width); row++) {
      const line = mask.subarray(row * width, (row + 1) * width);
      if (!line.includes(1)) continue;
      left = Math.min(left, line.indexOf(1));
      right = Math.max(right, line.lastIndexOf(1));
    }
    const middle = Math.round(top + radius / 2);
    if (right >= 0) strokes.push([[left, middle], [right, middle]]);
  }
  return strokes;
}

/** The server's masks of the segment, decoded, by slice index (all 0 where a slice has none). */
async function serverMasks(mejirushi: Mejirushi, itemId: string, sopInstanceUids: readonly string[], pixels: number): Promise<{ masks: Mask[]; bySlice: Uint8Array[] }> {
  const api = await serverApi(mejirushi.url, mejirushi.annotator);
  const masks = (await allRecords(api, itemId)).flatMap(({ record }) => (record?.type === 'mask' && record.classCode === SEGMENT ? [record] : []));
  const bySlice = sopInstanceUids.map((uid) => {
    const mask = masks.find((m) => m.targetId === uid);
    return mask ? decodeRuns(mask.runs, mask.width * mask.height) : new Uint8Array(pixels);
  });
  return { masks, bySlice };
}

test('CT outlining: the threshold brush on key slices, then Interpolate, matches the phantom bleed with Dice ≥ 0.9', async ({ page, mejirushi }) => {
  const { truth } = demoPhantomSlices();
  const bleed = phantomBleedMasks();
  const width = truth.columns;
  const keys = keySlices(bleed);
  // The phantom has two bleed patterns, each outlined at both ends; the slices between are left to Interpolate.
  expect(keys.length).toBe(4);
  expect(truth.sahSliceIndices.length).toBeGreaterThan(keys.length);

  await signIn(page, mejirushi.annotator);
  const itemId = await openDemoItem(page);
  await expect(byTestId(page, 'segmentation-panel')).toBeVisible();
  expect(await segmentPixels(page)).toBe(0);

  await pickTool(page, 'h', 'thresholdBrush');
  await setHuRange(page, truth.bloodHuRange);
  const radius = await growBrush(page, 30);
  let outlined = 0;
  for (const slice of keys) {
    await goToSlice(page, slice);
    await expectSliceShown(page, slice);
    for (const [from, to] of coveringStrokes(bleed[slice]!, width, radius)) await stroke(page, from, to);
    // The threshold brush paints only blood, and the strokes cover all of it: the slice now holds exactly its truth.
    outlined += count(bleed[slice]!);
    await expect.poll(() => segmentPixels(page)).toBe(outlined);
  }

  await byTestId(page, 'mask-interpolate').click();
  await expect.poll(() => segmentPixels(page)).toBeGreaterThan(outlined);
  const total = await segmentPixels(page);
  await settled(page);
  await expectSynced(page);

  const { masks, bySlice } = await serverMasks(mejirushi, itemId, truth.sopInstanceUids, truth.rows * truth.columns);
  // One record per slice: the outlined slices and every slice between them, nothing outside the bleed.
  expect(masks.map((m) => truth.sopInstanceUids.indexOf(m.targetId)).sort((a, b) => a - b)).toEqual(truth.sahSliceIndices);
  expect(bySlice.reduce((n, labels) => n + count(labels), 0)).toBe(total);
  for (const slice of keys) expect(dice([bleed[slice]!], [bySlice[slice]!]), `outlined slice ${slice}`).toBe(1);
  const volumeDice = dice(bleed, bySlice);
  console.log(`DICE ${volumeDice.toFixed(4)}`);
  expect(volumeDice).toBeGreaterThanOrEqual(0.9);
});

/** Twice the signed area of a ring (shoelace), in image px². */
function doubleArea(ring: readonly Pixel[]): number {
  return ring.reduce((sum, [x0, y0], i) => {
    const [x1, y1] = ring[(i + 1) % ring.length]!;
    return sum + x0 * y1 - x1 * y0;
  }, 0);
}

/** Whether point (x, y) lies inside the ring (even–odd rule). */
function inside(ring: readonly Pixel[], x: number, y: number): boolean {
  let odd = false;
  ring.forEach(([x0, y0], i) => {
    const [x1, y1] = ring[(i + 1) % ring.length]!;
    if (y0 > y !== y1 > y && x < x0 + ((y - y0) / (y1 - y0)) * (x1 - x0)) odd = !odd;
  });
  return odd;
}

/** Distance from point (x, y) to the ring's nearest edge, image px. */
function distanceToRing(ring: readonly Pixel[], x: number, y: number): number {
  return Math.min(
    ...ring.map(([x0, y0], i) => {
      const [x1, y1] = ring[(i + 1) % ring.length]!;
      const along = Math.max(0, Math.min(1, ((x - x0) * (x1 - x0) + (y - y0) * (y1 - y0)) / ((x1 - x0) ** 2 + (y1 - y0) ** 2)));
      return Math.hypot(x - (x0 + along * (x1 - x0)), y - (y0 + along * (y1 - y0)));
    }),
  );
}

/** The 4-connected part of `mask` holding pixel `seed` (a breadth-first walk, the test's own oracle). */
function component(mask: Uint8Array, width: number, seed: number): Uint8Array {
  const out = new Uint8Array(mask.length);
  const queue = [seed];
  out[seed] = 1;
  for (let k = 0; k < queue.length; k++) {
    const i = queue[k]!;
    const x = i % width;
    for (const j of [x > 0 ? i - 1 : -1, x < width - 1 ? i + 1 : -1, i - width, i + width]) {
      if (j >= 0 && j < mask.length && mask[j] === 1 && out[j] === 0) {
        out[j] = 1;
        queue.push(j);
      }
    }
  }
  return out;
}

test('CT masks: the contour fill fills the polygon clicked, the flood fill exactly the connected blood around its seed', async ({ page, mejirushi }) => {
  const { slices, truth } = demoPhantomSlices();
  const bleed = phantomBleedMasks();
  const width = truth.columns;
  const seed = truth.probes.find((p) => p.tissue === 'blood')!;
  // A slice above the bleed: the contour's pixels are all its segment holds there.
  const contourSlice = truth.sahSliceIndices[truth.sahSliceIndices.length - 1]! + 2;
  // A convex hexagon through pixel centres, inside the head; vertices are [column, row].
  const hexagon: Pixel[] = [[200, 200], [300, 190], [340, 260], [290, 330], [210, 320], [180, 260]];
  const centres: Pixel[] = hexagon.map(([c, r]) => [c + 0.5, r + 0.5]);
  const area = Math.abs(doubleArea(centres)) / 2;

  await signIn(page, mejirushi.annotator);
  const itemId = await openDemoItem(page);
  await expect(byTestId(page, 'segmentation-panel')).toBeVisible();

  // Contour fill: click the vertices, close on the first.
  await goToSlice(page, contourSlice);
  await expectSliceShown(page, contourSlice);
  await pickTool(page, 'j', 'contourFill');
  for (const vertex of [...hexagon, hexagon[0]!]) await click(page, vertex);
  await expect.poll(() => segmentPixels(page)).toBeGreaterThan(0);
  const contoured = await segmentPixels(page);
  // A click lands on a whole screen px, so each vertex may sit a fraction of an image px off: a few percent.
  expect(Math.abs(contoured - area) / area).toBeLessThan(0.03);

  // Flood fill within the blood range, seeded in the basal cistern's ring of blood.
  await goToSlice(page, seed.sliceIndex);
  await expectSliceShown(page, seed.sliceIndex);
  await pickTool(page, 'q', 'floodFill');
  await setHuRange(page, truth.bloodHuRange);
  await click(page, [seed.column, seed.row]);
  const region = component(bleed[seed.sliceIndex]!, width, seed.row * width + seed.column);
  // The ring is one piece of the slice's bleed, not all of it: the fill must stop where the blood does.
  expect(count(region)).toBeLessThan(count(bleed[seed.sliceIndex]!));
  await expect.poll(() => segmentPixels(page)).toBe(contoured + count(region));

  await settled(page);
  await expectSynced(page);
  const { bySlice } = await serverMasks(mejirushi, itemId, truth.sopInstanceUids, truth.rows * truth.columns);
  const filled = bySlice[contourSlice]!;
  // Every filled pixel's centre lies inside the hexagon, or within a pixel of its edge (the clicks' rounding).
  const centreOf = (i: number) => [(i % width) + 0.5, Math.floor(i / width) + 0.5] as const;
  const outside = [...filled.keys()].filter((i) => filled[i] === 1 && !inside(centres, ...centreOf(i)) && distanceToRing(centres, ...centreOf(i)) > 1);
  expect(outside).toEqual([]);
  expect(count(filled)).toBe(contoured);

  const flooded = bySlice[seed.sliceIndex]!;
  const [low, high] = truth.bloodHuRange;
  const hu = slices[seed.sliceIndex]!.hu;
  expect([...flooded.keys()].filter((i) => flooded[i] === 1 && !(hu[i]! >= low && hu[i]! <= high))).toEqual([]);
  expect([...flooded.keys()].filter((i) => flooded[i] !== region[i])).toEqual([]);
});

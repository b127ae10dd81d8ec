import { existsSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { GE_HEAD_CT_FOLDER, geHeadCtSlices, importGeHeadCt, type GeSlice } from './fixtures/geHeadCt';
import { byTestId, expect, expectDatasetList, expectSliceShown, goToSlice, openDataset, openDemoItem, phantomTruth, signIn, test, waitForItem } from './fixtures/mejirushi';

/** Where image pixel (row, column) of the shown slice lies on the page. */
async function pagePoint(page: Page, row: number, column: number): Promise<{ x: number; y: number }> {
  const box = await page.locator('.sv-viewport').boundingBox();
  if (!box) throw new Error('the viewport has no box');
  const [x, y] = await page.evaluate(([r, c]) => window.__mejirushiViewer!.imageToCanvas(r, c), [row, column] as const);
  return { x: box.x + x, y: box.y + y };
}

async function drag(page: Page, from: { x: number; y: number }, to: { x: number; y: number }): Promise<void> {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(to.x, to.y, { steps: 8 });
  await page.mouse.up();
}

async function statsOf(page: Page, tool: string): Promise<Record<string, number | string>> {
  const item = byTestId(page, `measurement-${tool}`);
  await expect(item).toHaveCount(1);
  return JSON.parse((await item.getAttribute('data-stats')) ?? '{}') as Record<string, number | string>;
}

test('reading context: slice location and thickness, HU probe, length and ROI, presets by key, cine', async ({ page, mejirushi }) => {
  const truth = phantomTruth();
  const firstZ = -40; // the demo generator's first slice (server/demo/phantom.ts), 5 mm apart
  await signIn(page, mejirushi.annotator);
  await openDemoItem(page);
  const viewer = byTestId(page, 'series-viewer');
  const context = byTestId(page, 'viewer-context');

  // Location and thickness, updated when paging.
  await goToSlice(page, 3);
  await expectSliceShown(page, 3);
  await expect(context).toHaveAttribute('data-location', String(firstZ + 3 * truth.sliceSpacingMm));
  await expect(context).toHaveAttribute('data-thickness', '5');
  await expect(byTestId(page, 'viewer-location')).toHaveText('Location −25.0 mm');
  await expect(byTestId(page, 'viewer-thickness')).toHaveText('Thickness 5.0 mm');
  await expect(byTestId(page, 'viewer-marker-left')).toHaveText('R');
  await expect(byTestId(page, 'viewer-marker-top')).toHaveText('A');
  await page.keyboard.press('ArrowDown');
  await expectSliceShown(page, 4);
  await expect(context).toHaveAttribute('data-location', String(firstZ + 4 * truth.sliceSpacingMm));

  // The HU probe reads the phantom's known value under the pointer.
  const probe = truth.probes[0];
  if (!probe) throw new Error('the phantom has no probe');
  await goToSlice(page, probe.sliceIndex);
  await expectSliceShown(page, probe.sliceIndex);
  const at = await pagePoint(page, probe.row, probe.column);
  await page.mouse.move(at.x, at.y);
  const reading = byTestId(page, 'viewer-probe');
  await expect(reading).toHaveAttribute('data-row', String(probe.row));
  await expect(reading).toHaveAttribute('data-column', String(probe.column));
  await expect(reading).toHaveAttribute('data-value', String(probe.hu));
  await expect(reading).toContainText(`${probe.hu} HU`);

  // Length of 200 px = 90 mm at 0.45 mm/px (the tools attach after the first frame: wait for the tool to hold).
  await page.keyboard.press('l');
  await expect(byTestId(page, 'reading-tool-length')).toHaveAttribute('aria-pressed', 'true');
  const left = await pagePoint(page, 256, 156);
  const right = await pagePoint(page, 256, 356);
  await expect(async () => {
    await drag(page, left, right);
    await expect(byTestId(page, 'measurement-length')).toHaveCount(1, { timeout: 2_000 });
  }).toPass();
  // Cornerstone updates a measurement's statistics after the pointer's last event: read them once settled.
  await expect(async () => {
    const length = await statsOf(page, 'length');
    expect(length.unit).toBe('mm');
    // A pointer lands on whole CSS px: within one image px (0.45 mm) of each end.
    expect(Math.abs(Number(length.length) - 200 * truth.pixelSpacing[1])).toBeLessThan(2 * truth.pixelSpacing[1]);
  }).toPass();

  // An ellipse ROI (Cornerstone's is dragged from its centre) 10 px in radius inside the head, clear of the line:
  // area π·(4.5 mm)², HU statistics in order.
  await page.keyboard.press('e');
  await drag(page, await pagePoint(page, 300, 256), await pagePoint(page, 310, 266));
  await expect(async () => {
    const roi = await statsOf(page, 'ellipse');
    expect(roi.valueUnit).toBe('HU');
    expect(roi.areaUnit).toBe('mm²');
    expect(Number(roi.area)).toBeGreaterThan(Math.PI * 4 * 4);
    expect(Number(roi.area)).toBeLessThan(Math.PI * 5 * 5);
    expect(Number(roi.min)).toBeLessThanOrEqual(Number(roi.mean));
    expect(Number(roi.mean)).toBeLessThanOrEqual(Number(roi.max));
    expect(Number(roi.stdDev)).toBeGreaterThanOrEqual(0);
  }).toPass();

  // Window presets by key.
  await page.keyboard.press('b');
  await expect(viewer).toHaveAttribute('data-voi', '80/40');
  await page.keyboard.press('k');
  await expect(viewer).toHaveAttribute('data-voi', '40/40');

  // Corner text hides and returns with I.
  await page.keyboard.press('i');
  await expect(context).toHaveCount(0);
  await page.keyboard.press('i');
  await expect(context).toHaveCount(1);

  // Cine plays through the slices (looping) and stops where it is.
  const cine = byTestId(page, 'cine-toggle');
  const start = Number(await viewer.getAttribute('data-slice-index'));
  await page.keyboard.press('c');
  await expect(cine).toHaveAttribute('data-state', 'playing');
  await expect.poll(async () => Number(await viewer.getAttribute('data-slice-index'))).not.toBe(start);
  await page.keyboard.press('c');
  await expect(cine).toHaveAttribute('data-state', 'paused');
  const stoppedAt = Number(await byTestId(page, 'slice-counter').getAttribute('data-index'));
  await expectSliceShown(page, stoppedAt);
  await expect(byTestId(page, 'slice-counter')).toHaveAttribute('data-index', String(stoppedAt));

  // Reformats of the demo volume (regular: 5 mm steps): axial as the slices lie; coronal and sagittal, one pixel row per slice.
  await page.keyboard.press('m');
  await expect(byTestId(page, 'reformat-regularity')).toHaveAttribute('data-regular', 'true');
  await expect(byTestId(page, 'reformat-axial')).toHaveAttribute('data-width', String(truth.columns));
  await expect(byTestId(page, 'reformat-axial-index')).toHaveValue(String(stoppedAt));
  await expect(byTestId(page, 'reformat-coronal')).toHaveAttribute('data-height', String(truth.sliceCount));
  await expect(byTestId(page, 'reformat-sagittal')).toHaveAttribute('data-width', String(truth.rows));
  await expect(byTestId(page, 'reformat-coronal-marker-top')).toHaveText('S');
  await expect(byTestId(page, 'reformat-sagittal-marker-left')).toHaveText('A');
  await page.keyboard.press('Escape');
  await expect(byTestId(page, 'reformat-notice')).toHaveCount(0);

  // Every key is listed in the help, with the mouse actions.
  await page.keyboard.press('?');
  const help = byTestId(page, 'shortcut-help');
  await expect(help).toContainText('Window preset: Brain');
  await expect(help).toContainText('Left drag: Length');
  await expect(help).toContainText('Right drag');
});

/** Grey levels of one row of a reformat's canvas (its own pixels: one canvas px per volume voxel). */
async function reformatRow(page: Page, plane: 'coronal' | 'sagittal', y: number): Promise<number[]> {
  return page.evaluate(
    ([testId, row]) => {
      const canvas = document.querySelector<HTMLCanvasElement>(`[data-testid="${testId}"] canvas`);
      const context = canvas?.getContext('2d');
      if (!canvas || !context) throw new Error(`no ${testId} canvas`);
      return Array.from(context.getImageData(0, row, canvas.width, 1).data.filter((_, i) => i % 4 === 0));
    },
    [`reformat-${plane}`, y] as const,
  );
}

/** First row (from the front of the head) where a slice's column reaches `hu`. */
function firstRowReaching(slice: GeSlice, column: number, hu: number): number {
  for (let row = 0; row < slice.rows; row++) if ((slice.hu[row * slice.columns + column] ?? -Infinity) >= hu) return row;
  throw new Error(`${slice.name}: nothing reaches ${hu} HU in column ${column}`);
}

test.describe('reformats of the tilted, unevenly spaced GE head CT', () => {
  test.skip(!existsSync(GE_HEAD_CT_FOLDER), `the GE head CT of the shared sample data is not at ${GE_HEAD_CT_FOLDER} (set MEJIRUSHI_SAMPLE_DATA)`);

  test('are resampled onto a regular grid, say so, and put the skull where the acquired slices have it in patient space', async ({ page, mejirushi }) => {
    const dataset = 'GE head CT (tilted)';
    await importGeHeadCt(mejirushi, dataset);
    const slices = geHeadCtSlices();
    // The files' own geometry: the slice normal, and where each slice's first row lies along the
    // column axis (the tilt shifts it slice by slice). The grid starts at the lowest such row.
    const [first] = slices;
    if (!first) throw new Error('no slices');
    const [rx, ry, rz, cx, cy, cz] = first.orientation as [number, number, number, number, number, number];
    const normal = [ry * cz - rz * cy, rz * cx - rx * cz, rx * cy - ry * cx] as const;
    const along = (p: readonly number[], axis: readonly number[]) => p[0]! * axis[0]! + p[1]! * axis[1]! + p[2]! * axis[2]!;
    const rowOf = slices.map((slice) => along(slice.position, [cx, cy, cz]) / slice.pixelSpacing[0]);
    const gridRow0 = Math.min(...rowOf);
    const stepMm = along(slices[1]!.position, normal) - along(first.position, normal);

    await signIn(page, mejirushi.annotator);
    await expectDatasetList(page);
    await openDataset(page, dataset);
    await page.locator('[data-testid^="item-link-"]').click();
    await waitForItem(page);
    // The brain window draws 80 HU and above white: the skull's outer edge is where white starts.
    await page.keyboard.press('b');
    await expect(byTestId(page, 'series-viewer')).toHaveAttribute('data-voi', '80/40');
    const SLICE = 13; // 14.dcm, the last of the 4 mm run: 13 grid steps above 01.dcm
    await goToSlice(page, SLICE);
    await expectSliceShown(page, SLICE);

    await page.keyboard.press('m');
    await expect(byTestId(page, 'reformat-regularity')).toHaveAttribute('data-source', 'resampled');
    const notice = byTestId(page, 'reformat-resampled');
    await expect(notice).toContainText('Resampled, not acquired slices: tilt 18.5°, spacing 1.1–7.0 mm → 4.0 mm');
    // Every slice is read (28 files of 526 kB) and 37 planes of 611 × 512 resampled: slow on a loaded machine.
    await expect(byTestId(page, 'reformat-views')).toBeVisible({ timeout: 300_000 });
    const coronal = byTestId(page, 'reformat-coronal');
    const sagittal = byTestId(page, 'reformat-sagittal');
    await expect(coronal).toBeVisible();
    await expect(sagittal).toBeVisible();
    await expect(page.locator('.reformat-view figcaption').filter({ hasText: 'Resampled' })).toHaveCount(3);
    // 37 planes 4.0 mm apart along the normal; the grid holds every slice whole (the shear adds rows).
    const planes = Number(await sagittal.getAttribute('data-height'));
    expect(planes).toBe(Math.floor((along(slices[27]!.position, normal) - along(first.position, normal)) / stepMm + 1e-3) + 1);
    const gridRows = Number(await sagittal.getAttribute('data-width'));
    expect(gridRows).toBe(first.rows + Math.ceil(Math.max(...rowOf) - gridRow0 - 1e-3));
    await expect(coronal).toHaveAttribute('data-width', String(first.columns));
    // The axial plane is a grid plane: the slices' own axes, as many rows as the grid.
    await expect(byTestId(page, 'reformat-axial')).toHaveAttribute('data-width', String(first.columns));
    await expect(byTestId(page, 'reformat-axial')).toHaveAttribute('data-height', String(gridRows));
    // The grid keeps the slices' tilted axes: up is their normal (mostly superior, 18.5° posterior).
    await expect(byTestId(page, 'reformat-coronal-marker-top')).toHaveText('SP');
    await expect(byTestId(page, 'reformat-sagittal-marker-left')).toHaveText(/^A/);
    // The slice on screen is marked on both planes where it lies along the normal.
    const slicePlane = (along(slices[SLICE]!.position, normal) - along(first.position, normal)) / stepMm;
    for (const plane of ['coronal', 'sagittal']) {
      expect(Math.abs(Number(await byTestId(page, `reformat-${plane}-slice-line`).getAttribute('data-plane')) - slicePlane)).toBeLessThan(1e-6);
    }
    // The axial plane opens on the grid plane nearest it.
    await expect(byTestId(page, 'reformat-axial-index')).toHaveValue(String(Math.round(slicePlane)));

    // The sagittal plane through the middle column: x is the grid row (anterior left), y the plane from the top.
    // Each slice's skull edge lies at its own row plus its shift along the column axis: in patient space,
    // not where a plain stack of the slices (no shift) would put it.
    const column = Math.floor(first.columns / 2);
    await expect(byTestId(page, 'reformat-sagittal-index')).toHaveValue(String(column));
    for (const [index, plane] of [
      [0, 0],
      [SLICE, SLICE],
    ] as const) {
      const slice = slices[index]!;
      const shift = rowOf[index]! - gridRow0;
      const expected = firstRowReaching(slice, column, 80) + shift;
      const greys = await reformatRow(page, 'sagittal', planes - 1 - plane);
      const shown = greys.findIndex((grey) => grey === 255);
      // Within the px the in-plane interpolation may move a threshold by.
      expect(Math.abs(shown - expected), `${slice.name}: skull edge at x ${shown}, expected ${expected.toFixed(2)} (shift ${shift.toFixed(2)} rows)`).toBeLessThanOrEqual(1.5);
      expect(shift).toBeGreaterThan(index === 0 ? 90 : 50);
      // 20 rows (1 cm) in front of the edge is air, as in the acquired slice.
      expect(slice.hu[(Math.round(expected - shift) - 20) * slice.columns + column]).toBeLessThan(-900);
      expect(greys[Math.round(expected) - 20]).toBe(0);
    }

    await page.keyboard.press('Escape');
    await expect(byTestId(page, 'reformat-notice')).toHaveCount(0);
  });
});

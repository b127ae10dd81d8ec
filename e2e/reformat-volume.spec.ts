import type { CDPSession, Page } from '@playwright/test';
import { RENDER_MODE_KEY, type RenderMode } from '../src/viewer/cornerstone/renderMode';
import { REFORMAT_VIEW_KEY, type ReformatViewKind } from '../src/viewer/reformat/reformatViewChoice';
import { byTestId, expect, expectSliceShown, goToSlice, openDemoItem, phantomTruth, readPixel, signIn, test } from './fixtures/mejirushi';

type Plane = 'axial' | 'coronal' | 'sagittal';
type Voxel = readonly [number, number, number];

const PLANES: readonly Plane[] = ['axial', 'coronal', 'sagittal'];
/** The stack viewport's canvas (Cornerstone's own class). */
const STACK = '[data-testid="series-viewer"] canvas.cornerstone-canvas';
/** Each plane's share of lit px at the least (the head covers much more of every plane through its middle, and of the lowest slice). */
const LIT_PLANE = 0.1;

/** Grey drawn at a voxel (column, row, plane) of a shown reformat, by whichever view draws it. */
function greyAt(page: Page, plane: Plane, voxel: Voxel): Promise<number | null> {
  return page.evaluate(([p, v]) => window.__mejirushiReformat?.[p]?.readGrey([...v]) ?? null, [plane, voxel] as const);
}

/** Share of a canvas' px brighter than near-black (the first canvas `selector` finds): a black frame gives 0. */
function litShare(page: Page, selector: string): Promise<number> {
  return page.evaluate((query) => {
    const canvas = document.querySelector<HTMLCanvasElement>(query);
    const data = canvas && canvas.width > 0 && canvas.height > 0 ? canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data : undefined;
    if (!data) return 0;
    let lit = 0;
    for (let i = 0; i < data.length; i += 4) if ((data[i] ?? 0) + (data[i + 1] ?? 0) + (data[i + 2] ?? 0) > 30) lit += 1;
    return lit / (data.length / 4);
  }, selector);
}

async function clickAt(page: Page, plane: Plane, voxel: Voxel): Promise<void> {
  const at = await page.evaluate(([p, v]) => window.__mejirushiReformat?.[p]?.clientPoint([...v]) ?? null, [plane, voxel] as const);
  if (!at) throw new Error(`voxel ${voxel.join(',')} is not on the ${plane} plane shown`);
  await page.mouse.click(at[0], at[1]);
}

/** Waits until a plane is drawn at `index` (the volume viewport says which plane it drew; the canvas draws at once). */
async function expectPlaneShown(page: Page, plane: Plane, index: number): Promise<void> {
  await expect(byTestId(page, `reformat-${plane}-index`)).toHaveValue(String(index));
  if ((await byTestId(page, `reformat-${plane}`).getAttribute('data-view')) === 'volume-viewport') await expect(byTestId(page, `reformat-${plane}`)).toHaveAttribute('data-shown-index', String(index));
}

async function showPlane(page: Page, plane: Plane, index: number): Promise<void> {
  await byTestId(page, `reformat-${plane}-index`).fill(String(index));
  await expectPlaneShown(page, plane, index);
}

/** JS heap used plus ArrayBuffer backing stores after a full collection, bytes (where the reformat volume's voxels live). */
async function heldBytes(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  const usage = await cdp.send('Runtime.getHeapUsage');
  return usage.usedSize + (usage.backingStorageSize ?? 0);
}

function reformatCache(page: Page): Promise<{ volumes: number; cacheBytes: number } | null> {
  return page.evaluate(() => window.__mejirushiReformatCache?.() ?? null);
}

async function openPanel(page: Page): Promise<void> {
  await page.keyboard.press('m');
  await expect(byTestId(page, 'reformat-views')).toBeVisible();
}

async function closePanel(page: Page): Promise<void> {
  await page.keyboard.press('Escape');
  await expect(byTestId(page, 'reformat-notice')).toHaveCount(0);
}

interface Mode {
  readonly render: RenderMode;
  /** `?reformat=` as asked for (kept per tab); null for the default. */
  readonly requested: ReformatViewKind | null;
  /** The view that draws the planes. */
  readonly view: 'canvas' | 'volume-viewport';
}

// Headless Chromium has only SwiftShader, so CPU rendering is the default here; `?render=gpu` asks for WebGL.
// With GPU rendering Cornerstone's volume viewport is the default; `?reformat=canvas` asks for the canvas views.
const MODES: readonly Mode[] = [
  { render: 'gpu', requested: null, view: 'volume-viewport' },
  { render: 'cpu', requested: null, view: 'canvas' },
  { render: 'gpu', requested: 'canvas', view: 'canvas' },
];

for (const mode of MODES) {
  test(`reformats of the demo CT in ${mode.render} rendering, ${mode.view} views: three planes drawn at once, skull where it is, letters, crosshairs, all let go at close`, async ({ page, mejirushi }) => {
    const truth = phantomTruth();
    const bone = truth.probes.find((probe) => probe.tissue === 'bone');
    const air = truth.probes.find((probe) => probe.tissue === 'air');
    if (!bone || !air) throw new Error('the phantom has no bone or air probe');
    await page.addInitScript(
      ([renderKey, render, viewKey, view]) => {
        sessionStorage.setItem(renderKey, render);
        if (view) sessionStorage.setItem(viewKey, view);
      },
      [RENDER_MODE_KEY, mode.render, REFORMAT_VIEW_KEY, mode.requested] as const,
    );
    await signIn(page, mejirushi.annotator);
    await openDemoItem(page);
    await expect(byTestId(page, 'series-viewer')).toHaveAttribute('data-render-mode', mode.render);
    await goToSlice(page, 0);
    await expectSliceShown(page, 0);
    const stackLit = await litShare(page, STACK);
    expect(stackLit, 'lit share of the stack').toBeGreaterThan(0);

    // A first opening reads every slice into the viewer's cache; what a second holds beyond that is the reformat's own.
    await openPanel(page);
    await closePanel(page);
    const cdp = await page.context().newCDPSession(page);
    const closedBytes = await heldBytes(cdp);
    const closedCache = await reformatCache(page);

    await openPanel(page);
    await expect(byTestId(page, 'reformat-renderer')).toHaveAttribute('data-render-mode', mode.render);
    await expect(byTestId(page, 'reformat-renderer')).toContainText(mode.view === 'volume-viewport' ? 'volume viewport' : mode.render === 'cpu' ? 'WebGL' : 'Drawn by this app');
    // Every plane's first frame shows the head (no black frame), and the stack behind still shows its slice.
    for (const plane of PLANES) {
      await expect(byTestId(page, `reformat-${plane}`)).toHaveAttribute('data-view', mode.view);
      const index = Number(await byTestId(page, `reformat-${plane}-index`).inputValue());
      await expectPlaneShown(page, plane, index);
      expect(await litShare(page, `[data-testid="reformat-${plane}"] canvas`), `lit share of the ${plane} plane's first frame`).toBeGreaterThan(LIT_PLANE);
    }
    await expect(byTestId(page, 'reformat-axial-index')).toHaveValue('0');
    expect(await litShare(page, STACK), 'lit share of the stack behind the open panel').toBeGreaterThan(0.9 * stackLit);

    const voxelBytes = truth.sliceCount * truth.rows * truth.columns * Float32Array.BYTES_PER_ELEMENT;
    // The check below can fail: the open panel holds at least the volume's voxels.
    expect(await heldBytes(cdp), 'bytes held with the panel open').toBeGreaterThan(closedBytes + 0.9 * voxelBytes);
    if (mode.view === 'volume-viewport') expect((await reformatCache(page))?.volumes ?? 0, 'reformat volumes in the Cornerstone cache').toBeGreaterThan(0);

    await expect(byTestId(page, 'reformat-coronal')).toHaveAttribute('data-height', String(truth.sliceCount));
    await expect(byTestId(page, 'reformat-axial')).toHaveAttribute('data-height', String(truth.rows));
    await expect(byTestId(page, 'reformat-axial-marker-top')).toHaveText('A');
    await expect(byTestId(page, 'reformat-axial-marker-left')).toHaveText('R');
    await expect(byTestId(page, 'reformat-coronal-marker-top')).toHaveText('S');
    await expect(byTestId(page, 'reformat-coronal-marker-left')).toHaveText('R');
    await expect(byTestId(page, 'reformat-sagittal-marker-left')).toHaveText('A');
    await expect(byTestId(page, 'reformat-sagittal-marker-top')).toHaveText('S');
    // The acquired slice on screen (0, the lowest) is marked on the coronal and sagittal; the axial plane lies in it.
    await expect(byTestId(page, 'reformat-coronal-slice-line')).toHaveAttribute('data-plane', '0');
    await expect(byTestId(page, 'reformat-axial-slice-line')).toHaveCount(0);

    // Through the skull probe: bone is white in the brain window, air in the corner (as at the air probe) black.
    const boneVoxel: Voxel = [bone.column, bone.row, bone.sliceIndex];
    await showPlane(page, 'axial', bone.sliceIndex);
    await showPlane(page, 'coronal', bone.row);
    await showPlane(page, 'sagittal', bone.column);
    for (const plane of PLANES) {
      await expect.poll(() => greyAt(page, plane, boneVoxel), { message: `bone on the ${plane} plane` }).toBeGreaterThan(250);
    }
    await showPlane(page, 'coronal', air.row);
    await expect.poll(() => greyAt(page, 'coronal', [air.column, air.row, bone.sliceIndex]), { message: 'air on the coronal plane' }).toBeLessThan(5);

    // Crosshairs: a click on the coronal plane at the skull probe shows its slice in the stack and the other two planes through it.
    await showPlane(page, 'coronal', bone.row);
    await showPlane(page, 'sagittal', 0);
    await showPlane(page, 'axial', 0);
    await clickAt(page, 'coronal', boneVoxel);
    await expectSliceShown(page, bone.sliceIndex);
    await expectPlaneShown(page, 'sagittal', bone.column);
    await expectPlaneShown(page, 'axial', bone.sliceIndex);
    await expect(byTestId(page, 'reformat-coronal-slice-line')).toHaveAttribute('data-plane', String(bone.sliceIndex));
    await expect.poll(async () => (await readPixel(page, bone.row, bone.column)).grey, { message: 'the stack behind, at the skull probe' }).toBeGreaterThan(250);
    // And one on the axial plane moves the coronal and sagittal planes through its point.
    await showPlane(page, 'coronal', 0);
    await showPlane(page, 'sagittal', 0);
    await clickAt(page, 'axial', boneVoxel);
    await expectPlaneShown(page, 'coronal', bone.row);
    await expectPlaneShown(page, 'sagittal', bone.column);
    await expectSliceShown(page, bone.sliceIndex);

    // Closing lets the volume go: our buffer and, for the volume viewport, Cornerstone's cache entries.
    await closePanel(page);
    expect(await heldBytes(cdp), 'bytes held after the panel closed').toBeLessThan(closedBytes + 0.25 * voxelBytes);
    expect(await reformatCache(page), 'Cornerstone cache after the panel closed').toEqual(mode.view === 'volume-viewport' ? { volumes: 0, cacheBytes: closedCache?.cacheBytes } : closedCache);
  });
}

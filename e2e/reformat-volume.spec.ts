import type { Page } from '@playwright/test';
import { RENDER_MODE_KEY, type RenderMode } from '../src/viewer/cornerstone/renderMode';
import { byTestId, expect, expectSliceShown, goToSlice, openDemoItem, phantomTruth, signIn, test } from './fixtures/mejirushi';

type Voxel = readonly [number, number, number];

/** Grey drawn at a voxel (column, row, plane) of a shown reformat, by whichever view draws it. */
function greyAt(page: Page, plane: 'coronal' | 'sagittal', voxel: Voxel): Promise<number | null> {
  return page.evaluate(([p, v]) => window.__mejirushiReformat?.[p]?.readGrey([...v]) ?? null, [plane, voxel] as const);
}

async function clickAt(page: Page, plane: 'coronal' | 'sagittal', voxel: Voxel): Promise<void> {
  const at = await page.evaluate(([p, v]) => window.__mejirushiReformat?.[p]?.clientPoint([...v]) ?? null, [plane, voxel] as const);
  if (!at) throw new Error(`voxel ${voxel.join(',')} is not on the ${plane} plane shown`);
  await page.mouse.click(at[0], at[1]);
}

/** Moves a plane's slider and waits until that plane is drawn (the volume viewport says which; the canvas draws at once). */
async function showPlane(page: Page, plane: 'coronal' | 'sagittal', index: number): Promise<void> {
  await byTestId(page, `reformat-${plane}-index`).fill(String(index));
  if ((await byTestId(page, `reformat-${plane}`).getAttribute('data-view')) === 'volume-viewport') await expect(byTestId(page, `reformat-${plane}`)).toHaveAttribute('data-shown-index', String(index));
}

// Cornerstone's volume viewport is opt-in (`?reformat=volume`, see reformatViewChoice.ts): both modes draw canvas views by default.
const VIEW: Record<RenderMode, string> = { gpu: 'canvas', cpu: 'canvas' };

for (const mode of ['gpu', 'cpu'] as const) {
  test(`reformats of the demo CT in ${mode} rendering: ${VIEW[mode]} views, skull where it is, letters, crosshairs`, async ({ page, mejirushi }) => {
    const truth = phantomTruth();
    const bone = truth.probes.find((probe) => probe.tissue === 'bone');
    const air = truth.probes.find((probe) => probe.tissue === 'air');
    if (!bone || !air) throw new Error('the phantom has no bone or air probe');
    // Headless Chromium has only SwiftShader, so the default is CPU; `?render=gpu` is kept per tab like this.
    if (mode === 'gpu') await page.addInitScript(([key]) => sessionStorage.setItem(key, 'gpu'), [RENDER_MODE_KEY] as const);
    await signIn(page, mejirushi.annotator);
    await openDemoItem(page);
    await expect(byTestId(page, 'series-viewer')).toHaveAttribute('data-render-mode');
    await goToSlice(page, 0);
    await expectSliceShown(page, 0);

    await page.keyboard.press('m');
    await expect(byTestId(page, 'reformat-renderer')).toHaveAttribute('data-render-mode');
    await expect(byTestId(page, 'reformat-renderer')).toContainText(mode === 'cpu' ? 'WebGL' : 'Drawn by this app');
    const coronal = byTestId(page, 'reformat-coronal');
    const sagittal = byTestId(page, 'reformat-sagittal');
    await expect(coronal).toHaveAttribute('data-view', VIEW[mode]);
    await expect(sagittal).toHaveAttribute('data-view', VIEW[mode]);
    await expect(coronal).toHaveAttribute('data-height', String(truth.sliceCount));
    await expect(byTestId(page, 'reformat-coronal-marker-top')).toHaveText('S');
    await expect(byTestId(page, 'reformat-coronal-marker-left')).toHaveText('R');
    await expect(byTestId(page, 'reformat-sagittal-marker-left')).toHaveText('A');
    await expect(byTestId(page, 'reformat-sagittal-marker-top')).toHaveText('S');
    // The acquired slice on screen (0, the lowest) is marked on both.
    await expect(byTestId(page, 'reformat-coronal-slice-line')).toHaveAttribute('data-plane', '0');

    // Through the skull probe: bone is white in the brain window, air in the corner (as at the air probe) black.
    const boneVoxel: Voxel = [bone.column, bone.row, bone.sliceIndex];
    await showPlane(page, 'coronal', bone.row);
    await showPlane(page, 'sagittal', bone.column);
    for (const plane of ['coronal', 'sagittal'] as const) {
      await expect.poll(() => greyAt(page, plane, boneVoxel), { message: `bone on the ${plane} plane` }).toBeGreaterThan(250);
    }
    await showPlane(page, 'coronal', air.row);
    await expect.poll(() => greyAt(page, 'coronal', [air.column, air.row, bone.sliceIndex]), { message: 'air on the coronal plane' }).toBeLessThan(5);

    // Crosshairs: a click on the coronal plane at the skull probe shows its slice in the stack and the sagittal plane through it.
    await showPlane(page, 'coronal', bone.row);
    await showPlane(page, 'sagittal', 0);
    await clickAt(page, 'coronal', boneVoxel);
    await expectSliceShown(page, bone.sliceIndex);
    await expect(byTestId(page, 'reformat-sagittal-index')).toHaveValue(String(bone.column));
    await expect(byTestId(page, 'reformat-coronal-slice-line')).toHaveAttribute('data-plane', String(bone.sliceIndex));
  });
}

import type { Page } from '@playwright/test';
import type { PhantomProbe } from '../server/demo/phantom';
import { BRAIN_WINDOW as BRAIN, expect, expectSliceShown, goToSlice, greyForValue, localState, openDemoItem, phantomTruth, readPixel, signIn, test } from './fixtures/mejirushi';

async function showSlice(page: Page, index: number): Promise<void> {
  await goToSlice(page, index);
  await expectSliceShown(page, index);
  await expect(page.getByTestId('series-viewer')).toHaveAttribute('data-voi', `${BRAIN.width}/${BRAIN.center}`);
}

test('the displayed slice is the right image: known HU and brain-window greys at the phantom probes', async ({ page, mejirushi }) => {
  const truth = phantomTruth();
  await signIn(page, mejirushi.annotator);
  await openDemoItem(page);
  await page.getByTestId('viewer-preset-brain').click();
  await expect(page.getByTestId('series-viewer')).toHaveAttribute('data-voi', `${BRAIN.width}/${BRAIN.center}`);

  // Slices are in patient order: the strip's (and viewer's) slice i is the phantom's slice i.
  expect((await localState(page)).targetIds).toEqual(truth.sopInstanceUids);

  const greys = new Map<PhantomProbe['tissue'], number[]>();
  for (const probe of truth.probes) {
    await showSlice(page, probe.sliceIndex);
    const shown = await readPixel(page, probe.row, probe.column);
    expect(shown.hu, `HU of ${probe.tissue} at slice ${probe.sliceIndex} (${probe.row}, ${probe.column})`).toBe(probe.hu);
    expect(Math.abs(shown.grey - greyForValue(probe.hu, BRAIN)), `grey of ${probe.tissue}: ${shown.grey}`).toBeLessThanOrEqual(2);
    greys.set(probe.tissue, [...(greys.get(probe.tissue) ?? []), shown.grey]);
  }
  const grey = (tissue: PhantomProbe['tissue'], pick: (values: number[]) => number) => pick(greys.get(tissue) ?? [Number.NaN]);
  expect(grey('air', (v) => Math.max(...v))).toBe(0);
  expect(grey('bone', (v) => Math.min(...v))).toBe(255);
  expect(grey('csf', (v) => Math.max(...v))).toBeLessThan(grey('brain', (v) => Math.min(...v)));
  expect(grey('brain', (v) => Math.max(...v))).toBeLessThan(grey('blood', (v) => Math.min(...v)));
  expect(grey('blood', (v) => Math.max(...v))).toBeLessThan(255);

  // The bleed is only where the truth puts it: the slices next to a blood probe show none at that spot.
  const [low, high] = truth.bloodHuRange;
  for (const probe of truth.probes.filter((p) => p.tissue === 'blood')) {
    for (const neighbour of [probe.sliceIndex - 1, probe.sliceIndex + 1].filter((i) => !truth.sahSliceIndices.includes(i))) {
      await showSlice(page, neighbour);
      const { hu } = await readPixel(page, probe.row, probe.column);
      expect(hu >= low && hu <= high, `slice ${neighbour} (${probe.row}, ${probe.column}) is ${hu} HU`).toBe(false);
    }
  }
});

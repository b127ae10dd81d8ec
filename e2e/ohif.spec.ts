/**
 * Issue 11: an unmodified OHIF viewer (the published `@ohif/app` build, fixtures/ohifDist.ts),
 * served from its own origin with a standard DICOMweb data source, browses the demo CT study of a
 * dataset through the dataset server's DICOMweb service: the study list, series metadata and
 * pixels, with the reader's bearer token handed over the way OHIF 3.11 takes one without an
 * OpenID provider (`?token=` on a viewer URL; OHIF keeps it for the session and strips it from
 * the address). Without a token, or with one that cannot see the dataset, OHIF gets nothing.
 */
import type { Page, Response } from '@playwright/test';
import { PHANTOM_SERIES_DESCRIPTION } from '../server/demo/phantom';
import { annotator } from './fixtures/review';
import { startOhif } from './fixtures/ohifServer';
import { bearerToken, DEMO_DATASET_NAME, expect, serverApi, test } from './fixtures/mejirushi';

const SLICES = 24;
/** OHIF's bundles are large: on a busy machine it takes minutes from navigation to its first query. */
const OHIF_START = { timeout: 300_000 };
const cy = (page: Page, id: string) => page.locator(`[data-cy="${id}"]`);

/** The next answer of the dataset server to a QIDO-RS query for studies. */
const studiesQuery = (page: Page, root: string): Promise<Response> =>
  page.waitForResponse((response) => new URL(response.url()).pathname === `${new URL(root).pathname}/studies` && response.request().method() === 'GET', OHIF_START);

/** Share of the viewport canvas's pixels brighter than `grey` (the phantom's bone is white in OHIF's CT window). */
function brightShare(page: Page, grey: number): Promise<number> {
  return cy(page, 'viewport-pane')
    .locator('canvas')
    .first()
    .evaluate((canvas: HTMLCanvasElement, threshold) => {
      const context = canvas.getContext('2d');
      if (!context) throw new Error('the viewport canvas is not a 2D canvas');
      const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
      let bright = 0;
      for (let i = 0; i < data.length; i += 4) if ((data[i] as number) > threshold) bright += 1;
      return bright / (data.length / 4);
    }, grey);
}

test('an unmodified OHIF on another origin lists, opens and renders the demo CT over DICOMweb with a reader token, and shows nothing without one', async ({ page, mejirushi }) => {
  // Three cold starts of OHIF's build (about 190 MB of bundles): a hang, not a busy machine, should fail it.
  test.slow();
  const admin = await serverApi(mejirushi.url, mejirushi.admin);
  const dataset = (await admin.listDatasets()).find((d) => d.name === DEMO_DATASET_NAME);
  if (!dataset) throw new Error('the fresh server should have made the demo dataset');
  const root = `${mejirushi.url}/api/dicomweb/datasets/${dataset.id}`;
  const readerToken = await bearerToken(mejirushi.url, mejirushi.annotator);
  const outsider = await annotator(admin, mejirushi.url, 'outsider');
  const outsiderToken = await bearerToken(mejirushi.url, outsider.account);
  // The study's UID, as a QIDO-RS client learns it.
  const studies = (await (await fetch(`${root}/studies`, { headers: { authorization: `Bearer ${readerToken}` } })).json()) as { '0020000D': { Value: [string] } }[];
  expect(studies).toHaveLength(1);
  const study = studies[0]!['0020000D'].Value[0];

  const ohif = await startOhif(root);
  // A reader who has seen OHIF's first-visit tour of the viewer: its overlay would take the clicks.
  await page.addInitScript(() => localStorage.setItem('shownTours', JSON.stringify(['basicViewerTour'])));
  try {
    expect(new URL(ohif.url).origin).not.toBe(new URL(mejirushi.url).origin);

    await test.step('without a token the study list stays empty: the service answers 401', async () => {
      const answered = studiesQuery(page, root);
      await page.goto(`${ohif.url}/`);
      expect((await answered).status()).toBe(401);
      await expect(page.getByText('Data Source Connection Error')).toBeVisible();
      await expect(cy(page, 'num-studies')).toHaveText('0');
    });

    await test.step('a reader of another dataset gets no study either: the service answers 404, OHIF says something went wrong', async () => {
      const statuses: number[] = [];
      const record = (response: Response) => {
        if (response.url().startsWith(`${root}/`)) statuses.push(response.status());
      };
      page.on('response', record);
      const answered = studiesQuery(page, root);
      await page.goto(`${ohif.url}/viewer?StudyInstanceUIDs=${study}&token=${outsiderToken}`);
      expect((await answered).status()).toBe(404);
      await expect(page.getByText('Sorry, something went wrong there')).toBeVisible();
      await expect(cy(page, 'study-browser-thumbnail')).toHaveCount(0);
      const listed = studiesQuery(page, root);
      await cy(page, 'return-to-work-list').click();
      expect((await listed).status()).toBe(404);
      await expect(cy(page, 'num-studies')).toHaveText('0');
      page.off('response', record);
      expect(statuses.filter((status) => status < 400)).toEqual([]);
    });

    await test.step('the reader opens the study by link: OHIF loads the series metadata and renders a slice', async () => {
      const metadata = page.waitForResponse((response) => response.url().endsWith('/metadata'), OHIF_START);
      await page.goto(`${ohif.url}/viewer?StudyInstanceUIDs=${study}&token=${readerToken}`);
      expect((await metadata).status()).toBe(200);
      await expect(page).not.toHaveURL(/token=/);
      await expect(cy(page, 'viewport-overlay-top-left')).toContainText(PHANTOM_SERIES_DESCRIPTION);
      await expect(cy(page, 'viewport-overlay-bottom-right')).toContainText(`(1/${SLICES})`);
      await expect(cy(page, 'study-browser-thumbnail')).toHaveCount(1);
      await expect.poll(() => brightShare(page, 200)).toBeGreaterThan(0.01);
    });

    await test.step('back on OHIF’s study list the reader sees the study, with no patient identity', async () => {
      const answered = studiesQuery(page, root);
      await cy(page, 'return-to-work-list').click();
      expect((await answered).status()).toBe(200);
      await expect(cy(page, 'num-studies')).toHaveText('1');
      const row = cy(page, study);
      await expect(row).toContainText('Demo head CT (synthetic phantom)');
      await expect(row).toContainText('CT');
      await expect(row).toContainText(String(SLICES));
      const [patientName, mrn] = await row.locator('td').allInnerTexts();
      expect([patientName?.trim(), mrn?.trim()]).toEqual(['', '']);
      await expect(cy(page, 'study-list-results')).not.toContainText('PHANTOM');
      await expect(cy(page, 'study-list-results')).not.toContainText('MJR-DEMO');
    });

    await test.step('and opens it in OHIF’s Basic Viewer from the list', async () => {
      await cy(page, study).click();
      await cy(page, `mode-viewer-${study}`).click();
      await expect(cy(page, 'viewport-overlay-bottom-right')).toContainText(`(1/${SLICES})`);
      await expect.poll(() => brightShare(page, 200)).toBeGreaterThan(0.01);
    });
  } finally {
    await ohif.close();
  }
});

/**
 * GeoJSON exchange on a slide, as the annotator: outlines drawn with the mouse go out through the
 * workspace's Export button and GDAL's `ogrinfo` (a reader we did not write) finds them with their
 * classes and areas; a file of a few hundred outlines comes in through Import with its progress,
 * a class mapping step for classes the label set lacks, a summary, and its outlines on the server.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { hasPathologySampleData } from '../server/testing/sampleData';
import { isLive, type Point, type Shape } from '../src/core/annotation';
import { geometryArea } from '../src/core/geometry/measure';
import { byTestId, expect, expectSynced, signIn, test, type Mejirushi } from './fixtures/mejirushi';
import { openSlide, pageOnSlide, serverShapes, slideDataset } from './fixtures/slides';

const SVS = 'CMU-1-Small-Region.svs';

const hasGdal = !spawnSync('ogrinfo', ['--version']).error;
const missing = !hasPathologySampleData() ? `no ${SVS} in the sample data (set MEJIRUSHI_SAMPLE_DATA)` : !hasGdal ? 'ogrinfo (Debian gdal-bin) is not installed' : null;
if (missing) console.log(`slide-exchange.spec.ts skipped: ${missing}`);
test.skip(missing !== null, missing ?? '');

/** Image px → page px as `page.mouse` takes them, where nothing floats over the slide. */
async function pageOf(page: Page, point: Point): Promise<{ x: number; y: number }> {
  const [x, y] = await pageOnSlide(page, point);
  return { x, y };
}

/** Presses a class key and a tool key, as a pathologist does before outlining. */
async function choose(page: Page, classKey: string, classCode: string, toolKey: string, tool: string): Promise<void> {
  const layer = byTestId(page, 'slide-annotation-layer');
  await page.keyboard.press(classKey);
  await expect(layer).toHaveAttribute('data-class', classCode);
  await page.keyboard.press(toolKey);
  await expect(layer).toHaveAttribute('data-tool', tool);
}

/** The Aperio sample imported and assigned to the annotator (through the admin API): its item id. */
async function aperioSlide(mejirushi: Mejirushi): Promise<string> {
  const [itemId] = await slideDataset(mejirushi, [SVS]);
  if (!itemId) throw new Error(`${SVS} made no slide item`);
  return itemId;
}

async function liveShapes(mejirushi: Mejirushi, itemId: string): Promise<Shape[]> {
  return (await serverShapes(mejirushi, itemId)).filter(isLive);
}

const ogrinfo = (...args: string[]) => execFileSync('ogrinfo', ['-ro', ...args], { encoding: 'utf8' });

/** The features of an `ogrinfo` SQL answer, each as field → value text. */
function sqlRows(output: string): Record<string, string>[] {
  const rows: Record<string, string>[] = [];
  for (const line of output.split('\n')) {
    if (line.startsWith('OGRFeature(')) rows.push({});
    const field = /^ {2}(\w+) \(\w+\) = (.*)$/.exec(line);
    if (field && rows.length > 0) rows[rows.length - 1]![field[1]!] = field[2]!;
  }
  return rows;
}

let dir = '';
test.beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mejirushi-exchange-'));
});
test.afterEach(() => rmSync(dir, { recursive: true, force: true }));

test('outlines drawn on a slide export as GeoJSON that GDAL reads with their classes and areas', async ({ page, mejirushi }) => {
  const itemId = await aperioSlide(mejirushi);
  await signIn(page, mejirushi.annotator);
  await openSlide(page, itemId);

  // A carcinoma dragged as a rectangle, an adenoma clicked as a pentagon (closed with Enter).
  await choose(page, 'c', 'lesion.carcinoma', 'r', 'rectangle');
  const from = await pageOf(page, [400, 1100]);
  const to = await pageOf(page, [1100, 1900]);
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 4 });
  await page.mouse.move(to.x, to.y, { steps: 4 });
  await page.mouse.up();
  await expect.poll(async () => (await liveShapes(mejirushi, itemId)).length).toBe(1);

  await choose(page, 'a', 'lesion.adenoma', 'p', 'polygon');
  for (const point of [[1300, 1900], [1800, 2000], [1900, 2400], [1550, 2700], [1200, 2400]] as const) {
    const at = await pageOf(page, point);
    await page.mouse.click(at.x, at.y);
  }
  await page.keyboard.press('Enter');
  await expectSynced(page);
  const shapes = await liveShapes(mejirushi, itemId);
  expect(shapes.map((s) => [s.classCode, s.geometry.type]).sort()).toEqual([
    ['lesion.adenoma', 'polygon'],
    ['lesion.carcinoma', 'rectangle'],
  ]);
  const areaOf = (code: string) => geometryArea(shapes.find((s) => s.classCode === code)!.geometry);
  // The drawn outlines are about where the mouse went (screen px rounded to image px).
  expect(Math.abs(areaOf('lesion.carcinoma') - 700 * 800) / (700 * 800)).toBeLessThan(0.02);
  expect(areaOf('lesion.adenoma')).toBeGreaterThan(0);

  const downloading = page.waitForEvent('download');
  await byTestId(page, 'geojson-export').click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/\.geojson$/);
  const file = join(dir, 'exported.geojson');
  await download.saveAs(file);

  const summary = ogrinfo('-al', '-so', file);
  expect(summary).toMatch(/using driver `GeoJSON' successful/);
  expect(summary).toMatch(/^Feature Count: 2$/m);
  const sql =
    "SELECT json_extract(classification, '$.name') AS cls, COUNT(*) AS n, SUM(ST_Area(geometry)) AS area, SUM(ST_IsValid(geometry)) AS valid " +
    'FROM exported GROUP BY cls ORDER BY cls';
  const rows = sqlRows(ogrinfo('-q', '-dialect', 'SQLite', '-sql', sql, file));
  expect(rows.map((row) => [row.cls, Number(row.n), Number(row.valid)])).toEqual([
    ['Adenoma', 1, 1],
    ['Carcinoma', 1, 1],
  ]);
  for (const [name, code] of [['Adenoma', 'lesion.adenoma'], ['Carcinoma', 'lesion.carcinoma']] as const) {
    const gdal = Number(rows.find((row) => row.cls === name)?.area);
    const ours = areaOf(code);
    expect(Math.abs(gdal - ours) / ours, `${name}: GDAL ${gdal} px², the server's outline ${ours} px²`).toBeLessThan(0.001);
  }
  const total = rows.reduce((sum, row) => sum + Number(row.area), 0);
  const expectedTotal = shapes.reduce((sum, s) => sum + geometryArea(s.geometry), 0);
  expect(Math.abs(total - expectedTotal) / expectedTotal).toBeLessThan(0.001);
});

/** A square outline of side `side` at (x, y), as QuPath writes it (closed ring, clockwise in image space). */
function squareFeature(x: number, y: number, side: number, name: string, color: readonly [number, number, number]) {
  const ring = [[x, y], [x + side, y], [x + side, y + side], [x, y + side], [x, y]];
  return { type: 'Feature', geometry: { type: 'Polygon', coordinates: [ring] }, properties: { objectType: 'annotation', classification: { name, color } } };
}

test('a file of a few hundred outlines imports with progress, a class mapping step and a summary, and reaches the server', async ({ page, mejirushi }) => {
  const itemId = await aperioSlide(mejirushi);
  // 300 carcinomas (a class of the label set), 40 "Tumor" (mapped to Adenoma here), 25 "Stroma" (skipped).
  const features = [
    ...Array.from({ length: 300 }, (_, i) => squareFeature(20 + (i % 20) * 100, 20 + Math.floor(i / 20) * 100, 60, 'Carcinoma', [214, 39, 40])),
    ...Array.from({ length: 40 }, (_, i) => squareFeature(30 + (i % 20) * 100, 1_620 + Math.floor(i / 20) * 100, 50, 'Tumor', [200, 0, 0])),
    ...Array.from({ length: 25 }, (_, i) => squareFeature(30 + (i % 20) * 100, 2_020 + Math.floor(i / 20) * 100, 40, 'Stroma', [0, 150, 0])),
  ];
  const file = join(dir, 'lesions.geojson');
  writeFileSync(file, JSON.stringify({ type: 'FeatureCollection', features }));

  await signIn(page, mejirushi.annotator);
  await openSlide(page, itemId);
  // Every phase the exchange panel shows, recorded as they render. (How far the progress bar got
  // depends on how fast the worker reads: its events are tested in src/core/exchange.)
  await page.evaluate(() => {
    const seen = { phases: [] as string[] };
    (window as unknown as { __exchangeSeen: typeof seen }).__exchangeSeen = seen;
    const panel = document.querySelector('[data-testid="geojson-exchange"]');
    if (!panel) throw new Error('no GeoJSON exchange panel');
    const note = () => {
      const phase = panel.getAttribute('data-phase') ?? '';
      if (seen.phases.at(-1) !== phase) seen.phases.push(phase);
    };
    new MutationObserver(note).observe(panel, { attributes: true, childList: true, subtree: true });
    note();
  });

  const choosing = page.waitForEvent('filechooser');
  await byTestId(page, 'geojson-import').click();
  await (await choosing).setFiles(file);

  const mapping = byTestId(page, 'geojson-import-mapping');
  await expect(mapping).toBeVisible();
  const choices = mapping.locator('[data-testid="geojson-class-choice"]');
  await expect(choices).toHaveCount(2);
  await expect(mapping).toContainText('Tumor');
  await expect(mapping).toContainText('Stroma');
  await mapping.locator('[data-source-class="Tumor"]').selectOption({ label: 'Adenoma' });
  // Stroma stays on its default: skipped.
  await expect(mapping.locator('[data-source-class="Stroma"]')).toHaveValue('');
  await byTestId(page, 'geojson-import-confirm').click();

  const summary = byTestId(page, 'geojson-import-summary');
  await expect(summary).toHaveAttribute('data-imported', '340');
  await expect(summary).toContainText('340');
  await expect(summary).toContainText('25');
  await expect(summary).toContainText('Stroma');
  const seen = await page.evaluate(() => (window as unknown as { __exchangeSeen: { phases: string[] } }).__exchangeSeen);
  expect(seen.phases).toEqual(['idle', 'reading', 'mapping', 'finished']);

  await expectSynced(page);
  const shapes = await liveShapes(mejirushi, itemId);
  const count = (code: string) => shapes.filter((s) => s.classCode === code).length;
  expect([shapes.length, count('lesion.carcinoma'), count('lesion.adenoma')]).toEqual([340, 300, 40]);
  const area = (code: string) => shapes.filter((s) => s.classCode === code).reduce((sum, s) => sum + geometryArea(s.geometry), 0);
  expect(area('lesion.carcinoma')).toBeCloseTo(300 * 60 * 60, 6);
  expect(area('lesion.adenoma')).toBeCloseTo(40 * 50 * 50, 6);
});

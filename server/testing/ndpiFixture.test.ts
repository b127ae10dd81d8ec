/** The generated NDPI is a Hamamatsu slide to OpenSlide itself: its vendor, facts, levels, macro and pixels. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTool } from '../processes/runTool';
import { parseProperties } from '../slides/processes';
import { NDPI_FIXTURE, ndpiFixtureRegion, writeNdpiFixture } from './ndpiFixture';
import { decodeRegion, meanAbsDiff, renderWithOpenSlide } from './slides';

describe('the generated NDPI fixture', () => {
  let dir: string;
  let path: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mejirushi-ndpi-'));
    path = await writeNdpiFixture(dir);
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('opens in OpenSlide as a Hamamatsu slide with the objective, µm/px and levels written', async () => {
    const result = await runTool('openslide-show-properties', [path], { tmpDir: dir });
    expect(result.stderr).toBe('');
    const properties = parseProperties(result.stdout);
    expect(properties.get('openslide.vendor')).toBe('hamamatsu');
    expect(properties.get('openslide.objective-power')).toBe('20');
    expect(Number(properties.get('openslide.mpp-x'))).toBeCloseTo(NDPI_FIXTURE.micronsPerPixel, 6);
    expect(Number(properties.get('openslide.mpp-y'))).toBeCloseTo(NDPI_FIXTURE.micronsPerPixel, 6);
    expect(properties.get('tiff.ResolutionUnit')).toBe('centimeter');
    expect([properties.get('openslide.level[0].width'), properties.get('openslide.level[0].height')]).toEqual(['3072', '2304']);
    // The stored levels (downsample 4 and 16) are among OpenSlide's; restart markers make it read them in 512 px tiles.
    const levels = Array.from({ length: Number(properties.get('openslide.level-count')) }, (_, i) => properties.get(`openslide.level[${i}].width`));
    expect(levels).toEqual(expect.arrayContaining(['768', '192']));
    expect(properties.get('openslide.level[0].tile-width')).toBe('512');
  });

  it('carries a macro image OpenSlide lists as associated', async () => {
    const result = await runTool('vipsheader', ['-a', path], { tmpDir: dir });
    expect(parseProperties(result.stdout).get('slide-associated-images')).toBe('macro');
  });

  it('renders the known pattern through OpenSlide, restart interval by restart interval', async () => {
    const png = join(dir, 'level0.png');
    renderWithOpenSlide(path, png);
    const { split } = NDPI_FIXTURE;
    // Windows on each region, on the meeting point of all four, and across a restart-interval edge (x = 512).
    for (const [left, top] of [
      [0, 0],
      [split.x - 64, split.y - 64],
      [480, 1500],
      [2900, 2200],
    ] as const) {
      const rendered = await decodeRegion(png, left, top, 128, 64);
      expect(meanAbsDiff(rendered, ndpiFixtureRegion(left, top, 128, 64)), `${left},${top}`).toBeLessThan(3);
    }
  });
});

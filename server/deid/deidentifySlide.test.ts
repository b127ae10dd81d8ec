import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fromFile } from 'geotiff';
import { afterAll, describe, expect, it } from 'vitest';
import { makePhiSvs } from '../testing/phiSlide';
import { phiIn } from '../testing/phiSearch';
import { hasPathologySampleData } from '../testing/sampleData';
import { parseProperties } from '../slides/processes';
import { openTiffSlide } from '../slides/tiffReader';
import { deidentifySlide } from './deidentifySlide';
import { nonStructuralTags, tiffTagsOf } from './slideTags';

/** The level-0 tiles' bytes, in tile order. */
async function level0Tiles(path: string): Promise<string[]> {
  const directory = (await (await fromFile(path)).getImage(0)).fileDirectory;
  const offsets = Array.from((await directory.loadValue('TileOffsets')) as ArrayLike<number>, Number);
  const counts = Array.from((await directory.loadValue('TileByteCounts')) as ArrayLike<number>, Number);
  const bytes = readFileSync(path);
  return offsets.map((offset, i) => createHash('sha256').update(bytes.subarray(offset, offset + (counts[i] ?? 0))).digest('hex'));
}

/** OpenSlide's view of a file, as `openslide-show-properties` lists it. */
function openSlideProperties(path: string): Map<string, string> {
  const { VIPSHOME: _sharpsLibvips, ...env } = process.env;
  return parseProperties(execFileSync('openslide-show-properties', [path], { env }).toString());
}

describe.skipIf(!hasPathologySampleData())('deidentifySlide', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mejirushi-deid-slide-test-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('the PHI slide carries its PHI where a scanner puts it, and its label and macro', async () => {
    const phi = makePhiSvs(dir);
    expect(phiIn(readFileSync(phi))).toEqual(expect.arrayContaining(['PHIFAMILY', 'PHIGIVEN', 'PHIID-4711', 'PHIACC-0099', 'PHIOPERATOR', 'PHISTATION', 'PHI Memorial Hospital']));
    const properties = openSlideProperties(phi);
    expect(properties.get('openslide.vendor')).toBe('aperio');
    expect(properties.get('aperio.Filename')).toBe('PHIFAMILY_PHIGIVEN');
    expect((await openTiffSlide(phi, dir)).facts.associatedImages).toEqual(['label', 'macro', 'thumbnail']);
  });

  it('copies the pyramid tile for tile with no associated image, no PHI, and the objective power and pixel size OpenSlide reads, and reports it by name', async () => {
    const phi = makePhiSvs(dir);
    const progress: [number, number][] = [];
    const slide = await deidentifySlide(phi, { onProgress: (done, total) => progress.push([done, total]) });
    try {
      expect(slide.name).toMatch(/^slide-[0-9a-f]{12}\.tif$/);
      expect(phiIn(readFileSync(slide.path))).toEqual([]);
      // Only the layout tags and the description written anew (Aperio's form, numbers only).
      expect(nonStructuralTags(await tiffTagsOf(slide.path))).toEqual([270]);
      const reader = await openTiffSlide(slide.path, dir);
      expect(reader.facts.associatedImages).toEqual([]);
      expect(reader.facts.sourceLevels[0]).toMatchObject({ width: 2220, height: 2967 });
      expect(reader.facts).toMatchObject({ objectivePower: 20, scanner: 'Aperio' });
      expect(reader.facts.micronsPerPixel?.[0]).toBeCloseTo(0.499, 3);
      const properties = openSlideProperties(slide.path);
      expect(properties.get('openslide.vendor')).toBe('aperio');
      expect(properties.get('openslide.objective-power')).toBe('20');
      expect(properties.get('openslide.mpp-x')).toBe('0.499');
      expect([...properties.keys()].filter((key) => key.startsWith('aperio.'))).toEqual(['aperio.AppMag', 'aperio.MPP']);
      // The scanner's JPEG tiles, byte for byte: the same level-0 tile bytes in the same order.
      expect(await level0Tiles(slide.path)).toEqual(await level0Tiles(phi));
      const [done, total] = progress.at(-1) ?? [0, -1];
      expect(done).toBe(total);
      expect(progress.every(([d], i) => i === 0 || d > (progress[i - 1] as [number, number])[0])).toBe(true);

      const { report } = slide;
      expect(report.sopInstanceUid).toBe(slide.name);
      const removed = report.entries.filter((entry) => entry.outcome === 'removed').map((entry) => entry.keyword);
      expect(removed).toEqual(
        expect.arrayContaining(['LabelImage', 'MacroImage', 'ThumbnailImage', 'ImageDescription', 'DocumentName', 'DateTime', 'Artist', 'HostComputer', 'aperio.Filename', 'aperio.Date', 'aperio.Time', 'aperio.User', 'aperio.ScanScope ID', 'aperio.Barcode']),
      );
      expect(report.entries).toContainEqual({ path: 'name', keyword: 'FileName', outcome: 'replaced', by: 'basic' });
      expect(report.entries.filter((entry) => entry.outcome === 'kept').map((entry) => entry.keyword)).toEqual(['ObjectivePower', 'MicronsPerPixel', 'PyramidTiles']);
      expect(phiIn(Buffer.from(JSON.stringify(report)))).toEqual([]);
    } finally {
      await slide.release();
    }
  });

  it('stops at the next tile once its signal is aborted, throwing the abort reason', async () => {
    const cancel = new AbortController();
    const reason = new Error('cancelled by the test');
    const deidentifying = deidentifySlide(makePhiSvs(dir), { signal: cancel.signal, onProgress: () => cancel.abort(reason) });
    await expect(deidentifying).rejects.toBe(reason);
  });

  it('names the same de-identified pixels alike, so a slide uploaded twice is one item', async () => {
    const [first, second] = [await deidentifySlide(makePhiSvs(dir)), await deidentifySlide(makePhiSvs(dir))];
    try {
      expect(second?.name).toBe(first?.name);
    } finally {
      await first?.release();
      await second?.release();
    }
  });
});

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makePhiSvs } from '../testing/phiSlide';
import { phiIn } from '../testing/phiSearch';
import { hasPathologySampleData } from '../testing/sampleData';
import { parseProperties } from '../slides/processes';
import { openTiffSlide } from '../slides/tiffReader';
import { deidentifySlide } from './deidentifySlide';
import { nonStructuralTags, tiffTagsOf } from './slideTags';

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
    expect((await openTiffSlide(phi)).facts.associatedImages).toEqual(['label', 'macro', 'thumbnail']);
  });

  it('writes level 0 as a new pyramid with no associated image, no descriptive tag and no PHI, and reports it by name', async () => {
    const slide = await deidentifySlide(makePhiSvs(dir));
    try {
      expect(slide.name).toMatch(/^slide-[0-9a-f]{12}\.tif$/);
      expect(phiIn(readFileSync(slide.path))).toEqual([]);
      expect(nonStructuralTags(await tiffTagsOf(slide.path))).toEqual([]);
      const reader = await openTiffSlide(slide.path);
      expect(reader.facts.associatedImages).toEqual([]);
      expect(reader.facts.sourceLevels[0]).toMatchObject({ width: 2220, height: 2967 });
      // The pixel size survives (X/YResolution), read back as OpenSlide 4 does for a generic TIFF.
      expect(reader.facts.micronsPerPixel?.[0]).toBeCloseTo(0.499, 3);
      expect(openSlideProperties(slide.path).get('openslide.vendor')).toBe('generic-tiff');

      const { report } = slide;
      expect(report.sopInstanceUid).toBe(slide.name);
      const removed = report.entries.filter((entry) => entry.outcome === 'removed').map((entry) => entry.keyword);
      expect(removed).toEqual(
        expect.arrayContaining(['LabelImage', 'MacroImage', 'ThumbnailImage', 'ImageDescription', 'DocumentName', 'DateTime', 'Artist', 'HostComputer', 'aperio.Filename', 'aperio.Date', 'aperio.Time', 'aperio.User', 'aperio.ScanScope ID', 'aperio.Barcode']),
      );
      expect(report.entries).toContainEqual({ path: 'name', keyword: 'FileName', outcome: 'replaced', by: 'basic' });
      expect(phiIn(Buffer.from(JSON.stringify(report)))).toEqual([]);
    } finally {
      await slide.release();
    }
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

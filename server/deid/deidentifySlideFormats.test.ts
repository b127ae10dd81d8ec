/**
 * De-identification of an OME-TIFF (a PHI-laden pyramid with a label series, and the shared
 * Bio-Formats sample) and a Hamamatsu NDPI: what our importer reads back (objective power,
 * scanner, µm/px) equals what it reads of the source; no PHI string is left in the file; the
 * OME-TIFF's tiles are the source's bytes, the NDPI's re-encoded pixels are the source's within
 * JPEG's tolerance; OpenSlide and libvips still open the result.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseProperties } from '../slides/processes';
import { openTiffSlide } from '../slides/tiffReader';
import { NDPI_FIXTURE, ndpiFixtureRegion, writeNdpiFixture } from '../testing/ndpiFixture';
import { PHI_OME_SCAN, makePhiOmeTiff } from '../testing/phiOmeTiff';
import { phiIn } from '../testing/phiSearch';
import { hasPathologySampleData, pathologySample } from '../testing/sampleData';
import { decodeRegion, meanAbsDiff } from '../testing/slides';
import { deidentifySlide, type DeidentifiedSlide } from './deidentifySlide';
import { nonStructuralTags, tiffTagsOf } from './slideTags';
import { tiffDirectories } from './tiffDirectories';

/** Each pyramid level's tile bytes (hashed), level 0 first: the first image, then its SubIFDs. */
async function pyramidTiles(path: string): Promise<string[][]> {
  const { topLevel, at } = await tiffDirectories(path);
  const first = topLevel[0];
  if (!first) return [];
  const bytes = readFileSync(path);
  const levels: string[][] = [];
  for (const offset of [first.offset, ...first.subIfds]) {
    const directory = await at(offset);
    const offsets = Array.from((await directory.loadValue('TileOffsets')) as ArrayLike<number>, Number);
    const counts = Array.from((await directory.loadValue('TileByteCounts')) as ArrayLike<number>, Number);
    levels.push(offsets.map((start, i) => createHash('sha256').update(bytes.subarray(start, start + (counts[i] ?? 0))).digest('hex')));
  }
  return levels;
}

/** The Debian tools' view: OpenSlide's properties and vipsheader's fields (both must open the file). */
function toolsOpen(path: string): { openslide: Map<string, string>; vips: Map<string, string> } {
  const { VIPSHOME: _sharpsLibvips, ...env } = process.env;
  return {
    openslide: parseProperties(execFileSync('openslide-show-properties', [path], { env }).toString()),
    vips: parseProperties(execFileSync('vipsheader', ['-a', path], { env }).toString()),
  };
}

function keptKeywords(slide: DeidentifiedSlide): string[] {
  return slide.report.entries.filter((entry) => entry.outcome === 'kept').map((entry) => entry.keyword);
}

function removedKeywords(slide: DeidentifiedSlide): string[] {
  return slide.report.entries.filter((entry) => entry.outcome === 'removed').map((entry) => entry.keyword);
}

/** What the importer reads of a slide's scan. */
async function scanFacts(path: string) {
  const { micronsPerPixel, objectivePower, scanner, sourceLevels } = (await openTiffSlide(path, tmpdir())).facts;
  return { micronsPerPixel, objectivePower, scanner, level0: sourceLevels[0] };
}

describe.skipIf(!hasPathologySampleData())('deidentifySlide on OME-TIFF and NDPI', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mejirushi-deid-formats-test-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('the PHI OME-TIFF holds its PHI, a SubIFD pyramid and a label series, and the importer reads its scan', async () => {
    const phi = await makePhiOmeTiff(dir);
    expect(phiIn(readFileSync(phi))).toEqual(expect.arrayContaining(['PHIFAMILY', 'PHIGIVEN', 'PHIID-4711', '19450817', 'PHIACC-0099', 'PHI Memorial Hospital', 'PHIDOCTOR', 'PHIOTHERID', 'PHIOPERATOR', 'PHISTATION']));
    const { topLevel } = await tiffDirectories(phi);
    expect(topLevel.map((image) => image.subIfds.length)).toEqual([PHI_OME_SCAN.levels - 1, 0]);
    expect(await scanFacts(phi)).toEqual({
      micronsPerPixel: PHI_OME_SCAN.micronsPerPixel,
      objectivePower: PHI_OME_SCAN.objectivePower,
      scanner: PHI_OME_SCAN.manufacturer,
      level0: { width: PHI_OME_SCAN.width, height: PHI_OME_SCAN.height, downsample: 1 },
    });
  });

  it('copies the OME-TIFF pyramid tile for tile as SubIFDs, without the label series or any PHI, keeping objective power, scanner and µm/px in a minimal OME-XML', async () => {
    const phi = await makePhiOmeTiff(dir);
    const slide = await deidentifySlide(phi);
    try {
      const bytes = readFileSync(slide.path);
      expect(phiIn(bytes)).toEqual([]);
      expect(bytes.includes('PHIFAMILY_PHIGIVEN.ome.tif')).toBe(false);
      expect(nonStructuralTags(await tiffTagsOf(slide.path))).toEqual([270]);
      const { topLevel } = await tiffDirectories(slide.path);
      expect(topLevel.map((image) => image.subIfds.length)).toEqual([PHI_OME_SCAN.levels - 1]);
      // Every level's tiles: the source's bytes in the source's order.
      const tiles = await pyramidTiles(slide.path);
      expect(tiles).toHaveLength(PHI_OME_SCAN.levels);
      expect(tiles).toEqual(await pyramidTiles(phi));
      expect(await scanFacts(slide.path)).toEqual(await scanFacts(phi));

      const { openslide, vips } = toolsOpen(slide.path);
      expect(openslide.get('openslide.vendor')).toBe('generic-tiff');
      expect(vips.get('n-subifds')).toBe(String(PHI_OME_SCAN.levels - 1));
      expect(vips.get('n-pages')).toBe('1');
      const ome = openslide.get('openslide.comment') ?? '';
      expect(ome).toContain(`<Microscope Manufacturer="${PHI_OME_SCAN.manufacturer}" Model="${PHI_OME_SCAN.model}"/>`);
      expect(ome).toContain(`NominalMagnification="${PHI_OME_SCAN.objectivePower}"`);
      for (const dropped of ['Experimenter', 'AcquisitionDate', 'Description', 'StructuredAnnotations', 'SerialNumber', 'UUID', 'Name=', 'Creator']) expect(ome).not.toContain(dropped);

      expect(keptKeywords(slide)).toEqual(['ObjectivePower', 'MicronsPerPixel', 'Manufacturer', 'ManufacturerModelName', 'PyramidTiles']);
      expect(removedKeywords(slide)).toEqual(expect.arrayContaining(['LabelImage', 'ImageDescription', 'DocumentName', 'DateTime', 'Artist']));
      expect(phiIn(Buffer.from(JSON.stringify(slide.report)))).toEqual([]);
    } finally {
      await slide.release();
    }
  });

  it('re-encodes an OME-TIFF whose tiles are in a compression it does not pass on (WebP), still keeping its scan facts and no PHI', async () => {
    const phi = await makePhiOmeTiff(dir, 'webp');
    const slide = await deidentifySlide(phi);
    try {
      expect(phiIn(readFileSync(slide.path))).toEqual([]);
      expect(nonStructuralTags(await tiffTagsOf(slide.path))).toEqual([270]);
      expect(await scanFacts(slide.path)).toEqual(await scanFacts(phi));
      expect(slide.report.entries).toContainEqual({ path: 'pixels', keyword: 'Level0Pixels', outcome: 'replaced', by: 'basic' });
      expect(keptKeywords(slide)).toEqual(['ObjectivePower', 'MicronsPerPixel', 'Manufacturer', 'ManufacturerModelName']);
      expect(meanAbsDiff(await decodeRegion(slide.path, 0, 0, 512, 512), await decodeRegion(phi, 0, 0, 512, 512))).toBeLessThan(3);
    } finally {
      await slide.release();
    }
  });

  it('passes the Bio-Formats sample OME-TIFF tile for tile (its JFIF tiles under an RGB tag too), keeping its pixel size', async () => {
    const sample = pathologySample('OS-1-detail.ome.tif');
    const slide = await deidentifySlide(sample);
    try {
      expect(await pyramidTiles(slide.path)).toEqual(await pyramidTiles(sample));
      expect(await scanFacts(slide.path)).toEqual(await scanFacts(sample));
      expect((await scanFacts(slide.path)).micronsPerPixel?.[0]).toBeCloseTo(0.227, 3);
      expect(readFileSync(slide.path).includes('OS-1-detail.ome.tif')).toBe(false);
      expect(keptKeywords(slide)).toEqual(['MicronsPerPixel', 'PyramidTiles']);
      expect(toolsOpen(slide.path).vips.get('width')).toBe('1101');
    } finally {
      await slide.release();
    }
  });

  it('re-encodes the NDPI with libvips (its restart-interval JPEGs are no tiles), keeping objective power, scanner and µm/px, and nothing of its name or macro', async () => {
    const ndpi = await writeNdpiFixture(dir, 'YAMADA_Hanako.ndpi');
    const slide = await deidentifySlide(ndpi);
    try {
      const bytes = readFileSync(slide.path);
      for (const phi of [NDPI_FIXTURE.patientName, 'YAMADA', '1957-03-14', 'Patient:', 'NDP.scan']) expect(bytes.includes(phi), phi).toBe(false);
      expect(nonStructuralTags(await tiffTagsOf(slide.path))).toEqual([270]);
      const source = await scanFacts(ndpi);
      expect(source).toMatchObject({ objectivePower: NDPI_FIXTURE.objectivePower, scanner: 'Hamamatsu' });
      expect(await scanFacts(slide.path)).toEqual(source);
      // Level 0 decoded: the fixture's pattern within a second JPEG generation's error, across the regions' meeting point.
      const { split } = NDPI_FIXTURE;
      const [left, top] = [split.x - 200, split.y - 150];
      expect(meanAbsDiff(await decodeRegion(slide.path, left, top, 400, 300), ndpiFixtureRegion(left, top, 400, 300))).toBeLessThan(3);

      const { openslide, vips } = toolsOpen(slide.path);
      expect(openslide.get('openslide.comment')).toContain('<Microscope Manufacturer="Hamamatsu" Model="Mejirushi test fixture"/>');
      expect(vips.get('width')).toBe(String(NDPI_FIXTURE.width));
      expect(keptKeywords(slide)).toEqual(['ObjectivePower', 'MicronsPerPixel', 'Manufacturer', 'ManufacturerModelName']);
      expect(removedKeywords(slide)).toEqual(expect.arrayContaining(['MacroImage', 'NdpiReference', 'Software', 'hamamatsu.Reference']));
      expect(slide.report.entries).toContainEqual({ path: 'pixels', keyword: 'Level0Pixels', outcome: 'replaced', by: 'basic' });
    } finally {
      await slide.release();
    }
  });
});

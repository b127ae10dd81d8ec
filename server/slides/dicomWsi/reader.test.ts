import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateHeadCtPhantom } from '../../demo/phantom';
import {
  FIXTURE_TILE,
  LABEL_PATIENT_NAME,
  makeWsiFixtures,
  missingFixtureTools,
  readFixture,
  type WsiFixtures,
} from '../../testing/dicomWsiFixtures';
import type { PyramidWriter } from '../pyramidWriter';
import { bytesSource } from './byteSource';
import { openDicomWsiSlides, type DicomWsiSlide } from './reader';

/** Keeps every tile put, refusing a tile put twice. */
class MemoryWriter implements PyramidWriter {
  readonly tiles = new Map<string, Uint8Array>();
  async put(level: number, x: number, y: number, bytes: Uint8Array): Promise<void> {
    const key = `${level}/${x}/${y}`;
    if (this.tiles.has(key)) throw new Error(`tile ${key} put twice`);
    this.tiles.set(key, bytes);
  }
}

async function rgb(bytes: Uint8Array): Promise<{ data: Buffer; width: number; height: number }> {
  const { data, info } = await sharp(bytes).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

/** Mean absolute difference per sample between a tile and a region of an RGB image. */
function meanDifference(tile: { data: Buffer; width: number; height: number }, image: Buffer, imageWidth: number, left: number, top: number): number {
  let sum = 0;
  for (let y = 0; y < tile.height; y += 1) {
    for (let x = 0; x < tile.width; x += 1) {
      for (let c = 0; c < 3; c += 1) sum += Math.abs(tile.data[(y * tile.width + x) * 3 + c]! - image[((top + y) * imageWidth + left + x) * 3 + c]!);
    }
  }
  return sum / (tile.width * tile.height * 3);
}

/** 2 × 2 box average of an RGB image with even sides. */
function halved(image: Buffer, width: number, height: number): Buffer {
  const out = Buffer.alloc((width / 2) * (height / 2) * 3);
  for (let y = 0; y < height / 2; y += 1) {
    for (let x = 0; x < width / 2; x += 1) {
      for (let c = 0; c < 3; c += 1) {
        const at = (yy: number, xx: number) => image[(yy * width + xx) * 3 + c]!;
        out[(y * (width / 2) + x) * 3 + c] = Math.round((at(2 * y, 2 * x) + at(2 * y, 2 * x + 1) + at(2 * y + 1, 2 * x) + at(2 * y + 1, 2 * x + 1)) / 4);
      }
    }
  }
  return out;
}

const missing = missingFixtureTools();
if (missing) console.log(`DICOM WSI reader suite did not run: ${missing}`);

describe.runIf(missing === null)('DICOM WSI reader on generated slides', () => {
  let fixtures: WsiFixtures;
  let full: DicomWsiSlide;
  let sparse: DicomWsiSlide;

  beforeAll(async () => {
    fixtures = await makeWsiFixtures();
    const { slides, refused } = await openDicomWsiSlides([fixtures.label, fixtures.fullLevel0[1], fixtures.sparse, fixtures.fullLevel2, fixtures.fullLevel0[0]].map((path) => bytesSource(readFixture(path))));
    expect(refused).toEqual([]);
    expect(slides).toHaveLength(2);
    full = slides.find((slide) => slide.facts.sourceLevels.length === 2)!;
    sparse = slides.find((slide) => slide.facts.sourceLevels.length === 1)!;
  }, 60_000);
  afterAll(() => {
    if (fixtures) rmSync(fixtures.dir, { recursive: true, force: true });
  });

  it('writes files dcmtk reads as TILED_FULL and TILED_SPARSE whole-slide images', () => {
    const dump = execFileSync('dcmdump', [fixtures.fullLevel0[1]], { encoding: 'utf8' });
    expect(dump).toContain('=VLWholeSlideMicroscopyImageStorage');
    expect(dump).toContain('(0020,9311) CS [TILED_FULL]');
    expect(dump).toContain('(0048,0006) UL 1024');
    expect(dump).toContain('(0020,9228) UL 8');
    expect(execFileSync('dcmdump', [fixtures.sparse], { encoding: 'utf8' })).toContain('(0020,9311) CS [TILED_SPARSE]');
  });

  it('groups instances of one pyramid and reads the scanner facts', () => {
    expect(full.facts).toEqual({
      micronsPerPixel: [0.25, 0.25],
      objectivePower: 40,
      scanner: 'DICOM WSI (Mejirushi Fixture Scanner)',
      sourceLevels: [
        { width: 1024, height: 1024, downsample: 1 },
        { width: 256, height: 256, downsample: 4 },
      ],
      associatedImages: ['label'],
    });
    expect(full.levels.map((l) => [l.width, l.height, l.downsample])).toEqual([
      [1024, 1024, 1],
      [512, 512, 2],
      [256, 256, 4],
    ]);
  });

  it('passes stored JPEG tiles (of both concatenated instances) through byte for byte and builds the missing level as a downsample', async () => {
    const writer = new MemoryWriter();
    const progress: [number, number][] = [];
    const shape = await full.writePyramid(writer, { onProgress: (done, total) => progress.push([done, total]) });
    expect(shape).toEqual({ levels: full.levels, tileSize: FIXTURE_TILE, tileFormat: 'jpeg' });
    expect(writer.tiles.size).toBe(16 + 4 + 1);
    expect(progress.at(-1)).toEqual([21, 21]);
    for (const [key, jpeg] of fixtures.storedJpegs) expect(Buffer.from(writer.tiles.get(key)!).equals(jpeg), key).toBe(true);
    const half = halved(fixtures.fullPixels, 1024, 1024);
    for (const [x, y] of [[0, 0], [1, 0], [0, 1], [1, 1]] as const) {
      const tile = await rgb(writer.tiles.get(`1/${x}/${y}`)!);
      expect([tile.width, tile.height]).toEqual([256, 256]);
      // Two JPEG generations away from the source: a few grey levels, where a wrong tile is tens off.
      expect(meanDifference(tile, half, 512, x * 256, y * 256)).toBeLessThan(4);
      expect(meanDifference(tile, half, 512, (1 - x) * 256, (1 - y) * 256)).toBeGreaterThan(15);
    }
  });

  it('never serves the label image, and keeps the patient name out of facts and tiles', async () => {
    const writer = new MemoryWriter();
    await full.writePyramid(writer);
    for (const bytes of writer.tiles.values()) {
      expect(Buffer.from(bytes).equals(fixtures.labelJpeg)).toBe(false);
      expect(Buffer.from(bytes).includes(LABEL_PATIENT_NAME)).toBe(false);
    }
    expect(JSON.stringify(full.facts)).not.toContain('YAMADA');
  });

  it('encodes uncompressed sparse tiles of the first focal plane, cuts edge tiles to the level and fills the missing tile with white', async () => {
    expect(sparse.facts.micronsPerPixel![0]).toBeCloseTo(0.5, 5);
    expect(sparse.facts.micronsPerPixel![1]).toBeCloseTo(0.5, 5);
    expect(sparse.facts.objectivePower).toBeNull();
    const writer = new MemoryWriter();
    const shape = await sparse.writePyramid(writer);
    expect(shape.levels.map((l) => [l.width, l.height])).toEqual([
      [512, 384],
      [256, 192],
    ]);
    expect([...writer.tiles.keys()].sort()).toEqual(['0/0/0', '0/0/1', '0/1/0', '0/1/1', '1/0/0']);
    const first = await rgb(writer.tiles.get('0/0/0')!);
    expect(meanDifference(first, fixtures.sparsePixels, 512, 0, 0), 'the first focal plane').toBeLessThan(3);
    const gap = await rgb(writer.tiles.get('0/1/0')!);
    expect(gap.data.reduce((min, v) => Math.min(min, v), 255)).toBeGreaterThanOrEqual(250);
    const edge = await rgb(writer.tiles.get('0/1/1')!);
    expect([edge.width, edge.height]).toEqual([256, 128]);
    expect(meanDifference(edge, fixtures.sparsePixels, 512, 256, 256)).toBeLessThan(3);
    const top = await rgb(writer.tiles.get('1/0/0')!);
    expect([top.width, top.height]).toEqual([256, 192]);
    expect(meanDifference(top, halved(fixtures.sparsePixels, 512, 384), 256, 0, 0)).toBeLessThan(3);
  });

  it('refuses a slide whose compression cannot be served, file by file, and still opens the others', async () => {
    const { slides, refused } = await openDicomWsiSlides([fixtures.fullLevel2, fixtures.jpeg2000, fixtures.sparse].map((path) => bytesSource(readFixture(path))));
    expect(slides).toHaveLength(2);
    expect(refused).toEqual([{ index: 1, reason: expect.stringMatching(/compressed as JPEG 2000.*only baseline JPEG and uncompressed tiles/) }]);
  });

  it('refuses files that are not whole-slide images, saying why', async () => {
    const ct = generateHeadCtPhantom({ sliceCount: 6 }).files[0]!.bytes;
    const { slides, refused } = await openDicomWsiSlides([bytesSource(ct), bytesSource(new Uint8Array([1, 2, 3]))]);
    expect(slides).toEqual([]);
    expect(refused.map((r) => r.index)).toEqual([0, 1]);
    expect(refused[0]!.reason).toMatch(/not a whole-slide microscopy image/);
    expect(refused[1]!.reason).toMatch(/not readable as DICOM/);
  });
});

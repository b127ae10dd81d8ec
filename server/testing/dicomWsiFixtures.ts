/**
 * DICOM WSI files for the reader's tests, written by pydicom (server/testing/dicomWsiFixture.py)
 * from tiles made here with sharp, so the tests know every pixel:
 * - a TILED_FULL pyramid of a 1024 × 1024 px level (16 JPEG tiles of 256 px, split over two
 *   concatenated instances of 8 tiles) and a downsample-4 level of one tile, plus a LABEL
 *   instance carrying a patient name;
 * - a TILED_SPARSE uncompressed 512 × 384 px slide whose top-right tile is missing and whose
 *   first tile has a second focal plane;
 * - a slide whose tiles claim JPEG 2000 compression, which the reader cannot serve.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';

const PYTHON = '/usr/bin/python3';
const SCRIPT = join(dirname(fileURLToPath(import.meta.url)), 'dicomWsiFixture.py');

export const FIXTURE_TILE = 256;
export const LABEL_PATIENT_NAME = 'YAMADA^HANAKO';
export const FULL_PYRAMID_UID = '2.25.100000000000000000000000000000001';
export const SPARSE_SERIES_UID = '2.25.100000000000000000000000000000002';

/** Why fixtures cannot be made here, or null when python3 with pydicom is present. */
export function missingFixtureTools(): string | null {
  const probe = spawnSync(PYTHON, ['-c', 'import pydicom'], { encoding: 'utf8' });
  if (probe.error) return `${PYTHON} is not installed`;
  if (probe.status !== 0) return `pydicom is not installed for ${PYTHON} (Debian: python3-pydicom)`;
  return null;
}

export interface WsiFixtures {
  readonly dir: string;
  /** The TILED_FULL pyramid's full-resolution level (two concatenated instances), its downsample-4 instance and its label. */
  readonly fullLevel0: readonly [string, string];
  readonly fullLevel2: string;
  readonly label: string;
  readonly sparse: string;
  readonly jpeg2000: string;
  /** Level-0 pixels of the TILED_FULL slide (RGB, 1024 × 1024). */
  readonly fullPixels: Buffer;
  /** The JPEG bytes stored as frames, by "level/x/y" (levels 0 and 2 of the served pyramid). */
  readonly storedJpegs: ReadonlyMap<string, Buffer>;
  readonly labelJpeg: Buffer;
  /** Level-0 pixels of the sparse slide (RGB, 512 × 384), white where the tile is missing. */
  readonly sparsePixels: Buffer;
}

const FULL_SIZE = 1024;
const SPARSE_WIDTH = 512;
const SPARSE_HEIGHT = 384;

/** Smooth colour ramps with a dark diagonal band: every tile differs and downsamples predictably. */
function pattern(width: number, height: number, seed: number): Buffer {
  const data = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const band = Math.abs(((x + y + seed * 37) % 200) - 100) < 12 ? 0.35 : 1;
      const i = (y * width + x) * 3;
      data[i] = Math.round((80 + (150 * x) / width) * band);
      data[i + 1] = Math.round((60 + (120 * y) / height) * band);
      data[i + 2] = Math.round((200 - (100 * (x + y)) / (width + height)) * band);
    }
  }
  return data;
}

async function jpegOf(pixels: Buffer, width: number, height: number, left: number, top: number, size: number): Promise<Buffer> {
  // Edge tiles are padded to the full tile size, as DICOM frames are.
  return sharp(pixels, { raw: { width, height, channels: 3 } })
    .extract({ left, top, width: Math.min(size, width - left), height: Math.min(size, height - top) })
    .extend({ right: Math.max(0, left + size - width), bottom: Math.max(0, top + size - height), background: '#ffffff' })
    .jpeg({ quality: 92 })
    .toBuffer();
}

export async function makeWsiFixtures(): Promise<WsiFixtures> {
  const dir = mkdtempSync(join(tmpdir(), 'mj-wsi-'));
  const storedJpegs = new Map<string, Buffer>();
  const fullPixels = pattern(FULL_SIZE, FULL_SIZE, 1);
  const level0Frames = [];
  for (let ty = 0; ty < FULL_SIZE / FIXTURE_TILE; ty += 1) {
    for (let tx = 0; tx < FULL_SIZE / FIXTURE_TILE; tx += 1) {
      const jpeg = await jpegOf(fullPixels, FULL_SIZE, FULL_SIZE, tx * FIXTURE_TILE, ty * FIXTURE_TILE, FIXTURE_TILE);
      const file = join(dir, `full-0-${tx}-${ty}.jpg`);
      writeFileSync(file, jpeg);
      storedJpegs.set(`0/${tx}/${ty}`, jpeg);
      level0Frames.push({ file, column: tx * FIXTURE_TILE, row: ty * FIXTURE_TILE });
    }
  }
  const quarter = await sharp(fullPixels, { raw: { width: FULL_SIZE, height: FULL_SIZE, channels: 3 } }).resize(FULL_SIZE / 4, FULL_SIZE / 4, { kernel: 'linear' }).raw().toBuffer();
  const level2Jpeg = await jpegOf(quarter, FULL_SIZE / 4, FULL_SIZE / 4, 0, 0, FIXTURE_TILE);
  writeFileSync(join(dir, 'full-2.jpg'), level2Jpeg);
  storedJpegs.set('2/0/0', level2Jpeg);
  const labelJpeg = await sharp({ create: { width: FIXTURE_TILE, height: FIXTURE_TILE, channels: 3, background: '#f0e0a0' } })
    .composite([{ input: Buffer.from(`<svg width="256" height="256"><text x="10" y="128" font-size="24">${LABEL_PATIENT_NAME}</text></svg>`) }])
    .jpeg({ quality: 92 })
    .toBuffer();
  writeFileSync(join(dir, 'label.jpg'), labelJpeg);

  const sparsePixels = pattern(SPARSE_WIDTH, SPARSE_HEIGHT, 2);
  const sparseFrames = [];
  for (let ty = 0; ty < Math.ceil(SPARSE_HEIGHT / FIXTURE_TILE); ty += 1) {
    for (let tx = 0; tx < SPARSE_WIDTH / FIXTURE_TILE; tx += 1) {
      const [left, top] = [tx * FIXTURE_TILE, ty * FIXTURE_TILE];
      if (tx === 1 && ty === 0) {
        whiten(sparsePixels, SPARSE_WIDTH, left, top, FIXTURE_TILE, FIXTURE_TILE);
        continue;
      }
      const raw = await sharp(sparsePixels, { raw: { width: SPARSE_WIDTH, height: SPARSE_HEIGHT, channels: 3 } })
        .extract({ left, top, width: FIXTURE_TILE, height: Math.min(FIXTURE_TILE, SPARSE_HEIGHT - top) })
        .extend({ bottom: Math.max(0, top + FIXTURE_TILE - SPARSE_HEIGHT), background: '#ffffff' })
        .raw()
        .toBuffer();
      const file = join(dir, `sparse-${tx}-${ty}.raw`);
      writeFileSync(file, raw);
      sparseFrames.push({ file, column: left, row: top });
    }
  }
  // A second focal plane of the first tile, listed last and black: only the first listed is served.
  const otherPlane = join(dir, 'sparse-plane-2.raw');
  writeFileSync(otherPlane, Buffer.alloc(FIXTURE_TILE * FIXTURE_TILE * 3));
  sparseFrames.push({ file: otherPlane, column: 0, row: 0 });

  const common = { tileSize: FIXTURE_TILE, manufacturer: 'Mejirushi', model: 'Fixture Scanner' };
  const full = { ...common, seriesUid: '2.25.100000000000000000000000000000011', pyramidUid: FULL_PYRAMID_UID, objectivePower: 40, transferSyntax: 'jpeg', organization: 'TILED_FULL' };
  const level0 = { ...full, flavor: 'VOLUME', totalColumns: FULL_SIZE, totalRows: FULL_SIZE, pixelSpacingMm: [0.00025, 0.00025] };
  const concatenation = { uid: '2.25.100000000000000000000000000000021', sourceUid: '2.25.200000000000000000000000000000009', total: 2 };
  const half = level0Frames.length / 2;
  const instances = [
    { ...level0, path: join(dir, 'full-0a.dcm'), sopUid: '2.25.200000000000000000000000000000001', frames: level0Frames.slice(0, half), concatenation: { ...concatenation, number: 1, frameOffset: 0 } },
    { ...level0, path: join(dir, 'full-0b.dcm'), sopUid: '2.25.200000000000000000000000000000005', frames: level0Frames.slice(half), concatenation: { ...concatenation, number: 2, frameOffset: half } },
    { ...full, path: join(dir, 'full-2.dcm'), sopUid: '2.25.200000000000000000000000000000002', flavor: 'VOLUME', totalColumns: FULL_SIZE / 4, totalRows: FULL_SIZE / 4, pixelSpacingMm: [0.001, 0.001], frames: [{ file: join(dir, 'full-2.jpg'), column: 0, row: 0 }] },
    { ...full, path: join(dir, 'label.dcm'), sopUid: '2.25.200000000000000000000000000000003', flavor: 'LABEL', patientName: LABEL_PATIENT_NAME, totalColumns: FIXTURE_TILE, totalRows: FIXTURE_TILE, frames: [{ file: join(dir, 'label.jpg'), column: 0, row: 0 }] },
    {
      ...common,
      path: join(dir, 'sparse.dcm'),
      sopUid: '2.25.200000000000000000000000000000004',
      seriesUid: SPARSE_SERIES_UID,
      flavor: 'VOLUME',
      transferSyntax: 'native',
      organization: 'TILED_SPARSE',
      totalColumns: SPARSE_WIDTH,
      totalRows: SPARSE_HEIGHT,
      imagedVolumeMm: [SPARSE_WIDTH * 0.0005, SPARSE_HEIGHT * 0.0005],
      frames: sparseFrames,
    },
    {
      ...full,
      path: join(dir, 'jpeg2000.dcm'),
      sopUid: '2.25.200000000000000000000000000000006',
      seriesUid: '2.25.100000000000000000000000000000013',
      pyramidUid: '2.25.100000000000000000000000000000003',
      transferSyntax: 'jpeg2000',
      flavor: 'VOLUME',
      totalColumns: FIXTURE_TILE,
      totalRows: FIXTURE_TILE,
      frames: [{ file: join(dir, 'full-2.jpg'), column: 0, row: 0 }],
    },
  ];
  const manifest = join(dir, 'manifest.json');
  writeFileSync(manifest, JSON.stringify({ instances }));
  execFileSync(PYTHON, [SCRIPT, manifest], { stdio: 'pipe' });
  return {
    dir,
    fullLevel0: [instances[0]!.path, instances[1]!.path],
    fullLevel2: instances[2]!.path,
    label: instances[3]!.path,
    sparse: instances[4]!.path,
    jpeg2000: instances[5]!.path,
    fullPixels,
    storedJpegs,
    labelJpeg,
    sparsePixels,
  };
}

function whiten(pixels: Buffer, width: number, left: number, top: number, w: number, h: number): void {
  for (let y = top; y < top + h; y += 1) pixels.fill(255, (y * width + left) * 3, (y * width + left + w) * 3);
}

export const readFixture = (path: string): Uint8Array => new Uint8Array(readFileSync(path));

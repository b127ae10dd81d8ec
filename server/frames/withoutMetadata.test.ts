import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { readStill } from './stillImage';
import { servedStill, withoutMetadata } from './withoutMetadata';

const PATIENT = 'YAMADA^TARO';

async function picture(): Promise<ReturnType<typeof sharp>> {
  const pixels = Buffer.alloc(32 * 24 * 3);
  for (let i = 0; i < pixels.length; i += 1) pixels[i] = (i * 7) % 256;
  return sharp(pixels, { raw: { width: 32, height: 24, channels: 3 } });
}

async function rawPixels(bytes: Buffer): Promise<Buffer> {
  return sharp(bytes).raw().toBuffer();
}

describe('withoutMetadata', () => {
  it('drops EXIF and comments from a JPEG and keeps its image data as it was', async () => {
    const withExif = await (await picture()).withExif({ IFD0: { Artist: PATIENT } }).jpeg({ quality: 90 }).toBuffer();
    expect(withExif.includes(PATIENT)).toBe(true);
    const served = withoutMetadata(withExif, 'jpeg');
    expect(served.includes(PATIENT)).toBe(false);
    expect((await sharp(served).metadata()).exif).toBeUndefined();
    expect(await rawPixels(served)).toEqual(await rawPixels(withExif));
    // The entropy-coded data is carried over byte for byte, not re-encoded.
    const scan = (bytes: Buffer) => bytes.subarray(bytes.indexOf(Buffer.from([0xff, 0xda])));
    expect(scan(served)).toEqual(scan(withExif));
  });

  it('returns a JPEG without metadata as the very same bytes', async () => {
    const plain = await (await picture()).jpeg().toBuffer();
    expect(withoutMetadata(plain, 'jpeg')).toBe(plain);
  });

  it('drops text and EXIF chunks from a PNG', async () => {
    const png = await (await picture()).withExif({ IFD0: { Artist: PATIENT } }).png().toBuffer();
    expect(png.includes(PATIENT)).toBe(true);
    const served = withoutMetadata(png, 'png');
    expect(served.includes(PATIENT)).toBe(false);
    expect(await rawPixels(served)).toEqual(await rawPixels(png));
    const plain = await (await picture()).png().toBuffer();
    expect(withoutMetadata(plain, 'png')).toBe(plain);
  });

  it('turns a still whose EXIF Orientation is 6 upright: its size, its thumbnail and the bytes served, without EXIF', async () => {
    // 32 × 24 stored, red in the stored top-left corner; orientation 6 shows it turned 90° clockwise.
    const pixels = Buffer.alloc(32 * 24 * 3, 40);
    for (let y = 0; y < 8; y += 1) for (let x = 0; x < 8; x += 1) pixels.set([250, 0, 0], (y * 32 + x) * 3);
    const turned = await sharp(pixels, { raw: { width: 32, height: 24, channels: 3 } }).jpeg({ quality: 95 }).withMetadata({ orientation: 6 }).withExif({ IFD0: { Artist: PATIENT } }).toBuffer();
    const still = await readStill(turned, 'jpeg');
    if (!still.ok) throw new Error(still.reason);
    expect([still.width, still.height, still.orientation]).toEqual([24, 32, 6]);

    const served = await servedStill(turned, 'jpeg', still.orientation);
    expect(served.includes(PATIENT)).toBe(false);
    const meta = await sharp(served).metadata();
    expect([meta.width, meta.height, meta.orientation, meta.exif]).toEqual([24, 32, undefined, undefined]);
    // Turned clockwise, the stored top-left corner is now the top-right one.
    const { data } = await sharp(served).raw().toBuffer({ resolveWithObject: true });
    const at = (x: number, y: number) => [...data.subarray((y * 24 + x) * 3, (y * 24 + x) * 3 + 3)];
    expect(at(21, 2)[0]).toBeGreaterThan(200);
    expect(at(2, 2)[0]).toBeLessThan(80);
  });

  it('serves a still without a turn as withoutMetadata does, not encoded again', async () => {
    const plain = await (await picture()).jpeg().toBuffer();
    expect(await servedStill(plain, 'jpeg', 1)).toBe(plain);
  });
});

import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { withoutMetadata } from './withoutMetadata';

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
});

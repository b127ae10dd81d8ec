/** decodeFrame gives the stored samples whatever the transfer syntax, through the viewer's decoders. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { generateHeadCtPhantom } from '../../demo/phantom';
import { peekTransferSyntaxUid } from '../parse';
import { canDecodeFrames, decodeFrame, NoDecoder } from './pixels';

const { files } = generateHeadCtPhantom({ sliceCount: 6, seed: 5 });
const original = (files[2] as (typeof files)[number]).bytes;
const dir = mkdtempSync(join(tmpdir(), 'mejirushi-pixels-'));
writeFileSync(join(dir, 'native.dcm'), original);

/** The file converted by a dcmtk tool (its options choose the transfer syntax). */
function converted(tool: string, ...options: string[]): Uint8Array {
  const out = join(dir, `${tool}${options.join('')}.dcm`);
  execFileSync(tool, [...options, join(dir, 'native.dcm'), out]);
  return readFileSync(out);
}

describe('decodeFrame', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads native frames as signed 16-bit samples of the stated size', async () => {
    const frame = await decodeFrame(original, 1);
    expect(frame.pixels).toBeInstanceOf(Int16Array);
    expect(frame.pixels.length).toBe(frame.rows * frame.columns);
    expect(frame.samplesPerPixel).toBe(1);
    const stored = Buffer.from(original.subarray(original.length - frame.pixels.length * 2));
    expect(Buffer.from(frame.pixels.buffer, frame.pixels.byteOffset, frame.pixels.byteLength).equals(stored)).toBe(true);
  });

  it.each([
    ['JPEG-LS lossless', 'dcmcjpls', [], '1.2.840.10008.1.2.4.80'],
    ['JPEG Lossless SV1', 'dcmcjpeg', ['+e1'], '1.2.840.10008.1.2.4.70'],
  ])('decodes %s to the same samples as the uncompressed file', async (_name, tool, options, syntax) => {
    const compressed = converted(tool, ...options);
    expect(peekTransferSyntaxUid(compressed)).toBe(syntax);
    const [native, decoded] = [await decodeFrame(original, 1), await decodeFrame(compressed, 1)];
    expect(decoded.pixels).toBeInstanceOf(Int16Array);
    expect(Array.from(decoded.pixels)).toEqual(Array.from(native.pixels));
  });

  it('decodes a colour JPEG (stored YBR_FULL_422) to interleaved RGB samples', async () => {
    // Left half red, right half blue, 64 × 32 px, made into a secondary capture by dcmtk's img2dcm.
    const [red, blue] = [[255, 0, 0], [0, 0, 255]];
    const raw = Buffer.alloc(64 * 32 * 3);
    for (let i = 0; i < 64 * 32; i += 1) raw.set(i % 64 < 32 ? red : blue, i * 3);
    writeFileSync(join(dir, 'colour.jpg'), await sharp(raw, { raw: { width: 64, height: 32, channels: 3 } }).jpeg({ quality: 95 }).toBuffer());
    execFileSync('img2dcm', [join(dir, 'colour.jpg'), join(dir, 'colour.dcm')]);
    const frame = await decodeFrame(readFileSync(join(dir, 'colour.dcm')), 1);
    expect([frame.columns, frame.rows, frame.samplesPerPixel, frame.photometricInterpretation]).toEqual([64, 32, 3, 'RGB']);
    const at = (x: number, y: number) => Array.from(frame.pixels.subarray((y * 64 + x) * 3, (y * 64 + x) * 3 + 3));
    const near = (got: number[], want: number[]) => got.every((v, i) => Math.abs(v - (want[i] as number)) <= 8);
    expect(near(at(8, 16), red)).toBe(true);
    expect(near(at(56, 16), blue)).toBe(true);
  });

  it('refuses transfer syntaxes it has no decoder for', async () => {
    expect(canDecodeFrames('1.2.840.10008.1.2.5')).toBe(false);
    const rle = converted('dcmcrle');
    await expect(decodeFrame(rle, 1)).rejects.toBeInstanceOf(NoDecoder);
  });
});

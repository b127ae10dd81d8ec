/**
 * De-identification that passes Pixel Data on unread: the same file as the whole-file path byte
 * for byte where both apply, the pixel bytes of a multi-frame file larger than the whole-file
 * limit passed on as they are with its header de-identified and never read whole, and a clear
 * refusal where a file over the limit would have to be read whole.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { firstText } from '../../src/core/deid/dataSet';
import { deidentifyDicom, readPart10 } from '../../src/core/deid/deidentify';
import { type DeidKey, importDeidKey } from '../../src/core/deid/keyedHash';
import { IMPLICIT_VR_LITTLE_ENDIAN } from '../../src/core/deid/nativePixels';
import { pixelDataStart } from '../../src/core/deid/pixelDataStart';
import { BASIC_PROFILE_ONLY } from '../../src/core/deid/policy';
import { redactDataSet } from '../../src/core/deid/redactBurnedIn';
import { CT_IMAGE_STORAGE, JPEG_BASELINE, pixelDicom } from '../../src/core/deid/testing/pixelDicom';
import { createDeidHost } from './host';
import { checkedFiles } from './testing/checkedFiles';
import type { DeidResponse } from './messages';
import { recordedReads } from './testing/recordedReads';
import { DEID_LIMITS, deidentifyFile, HEAD_BYTES, headOf, TooLargeError, type DeidLimits } from './streamedDeid';

let key: DeidKey;
beforeAll(async () => {
  key = importDeidKey(new Uint8Array(32).fill(3));
});

/** A multi-frame CT of `frames` 16-bit frames whose values tell frame and place apart. */
function multiFrame(rows: number, columns: number, frames: number, transferSyntax?: string): Uint8Array<ArrayBuffer> {
  const pixels = new Uint16Array(rows * columns * frames).map((_, i) => (i * 7 + Math.floor(i / (rows * columns))) & 0xffff);
  return pixelDicom({ rows, columns, frames, bitsAllocated: 16, modality: 'CT', sopClass: CT_IMAGE_STORAGE, patientName: 'YAMADA^TARO', pixels, transferSyntax });
}

const bytesOf = async (blob: Blob) => new Uint8Array(await blob.arrayBuffer());
/** Byte equality without a deep comparison's per-element cost (files of megabytes). */
const same = (a: Uint8Array, b: Uint8Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));

/** The Pixel Data element's bytes (tag to end) of a Part 10 file. */
function pixelElement(bytes: Uint8Array): Uint8Array {
  const found = pixelDataStart(bytes, true);
  if (found.kind !== 'found') throw new Error(`no pixel data: ${JSON.stringify(found)}`);
  return bytes.subarray(found.offset);
}

describe('de-identification passing Pixel Data on unread', () => {
  it('writes the same file as the whole-file path, byte for byte (explicit and implicit VR, elements after the pixels)', async () => {
    const trailing = readPart10(multiFrame(8, 10, 5));
    trailing.dict['FFFCFFFC'] = { vr: 'OB', Value: [new Uint8Array(16).buffer] };
    const files = [multiFrame(8, 10, 5), multiFrame(8, 10, 5, IMPLICIT_VR_LITTLE_ENDIAN), new Uint8Array(trailing.write())];
    for (const [index, bytes] of files.entries()) {
      const old = await deidentifyDicom(bytes, BASIC_PROFILE_ONLY, key);
      const streamed = await deidentifyFile(new Blob([bytes]), BASIC_PROFILE_ONLY, key, DEID_LIMITS);
      const { body, inMemory } = streamed.written();
      expect(same(await bytesOf(body), old.bytes)).toBe(true);
      // The first two streamed (only the header made anew), the last read whole (its padding is rewritten).
      expect(inMemory < body.size).toBe(index < 2);
      expect(streamed.report).toEqual(old.report);
    }
  });

  it('passes encapsulated frames on exactly as they were, the header as the whole-file path writes it', async () => {
    const file = readPart10(pixelDicom({ rows: 2, columns: 2, frames: 2, modality: 'CT', sopClass: CT_IMAGE_STORAGE, transferSyntax: JPEG_BASELINE, pixels: new Uint8Array(8) }));
    file.dict['7FE00010'] = { vr: 'OB', Value: [new Uint8Array([0xff, 0xd8, 1, 0xff, 0xd9, 0]).buffer, new Uint8Array([0xff, 0xd8, 2, 0xff, 0xd9, 0]).buffer] };
    const bytes = new Uint8Array(file.write());
    const old = await deidentifyDicom(bytes, BASIC_PROFILE_ONLY, key);
    const streamed = await bytesOf((await deidentifyFile(new Blob([bytes]), BASIC_PROFILE_ONLY, key, DEID_LIMITS)).written().body);
    expect(same(pixelElement(streamed), pixelElement(bytes))).toBe(true);
    const headerOf = (written: Uint8Array) => written.subarray(0, written.byteLength - pixelElement(written).byteLength);
    expect(same(headerOf(streamed), headerOf(old.bytes))).toBe(true);
  });

  it('de-identifies a multi-frame file over the whole-file limit from its header, its pixel bytes passed on unread', async () => {
    // 40 frames of 160 × 128 × 2 bytes: 1.6 MB, far past the head's first read (HEAD_BYTES).
    const bytes = multiFrame(128, 160, 40);
    const limits: DeidLimits = { wholeFileBytes: 64 * 1024, headerBytes: 1024 * 1024 };
    const { file, reads } = recordedReads(bytes);
    const result = await deidentifyFile(file, BASIC_PROFILE_ONLY, key, limits);
    const { body, inMemory } = result.written();
    const written = await bytesOf(body);
    // Nothing past the head's first read, nor the pixels read at all.
    const read = reads.reduce((sum, [start, end]) => sum + end - start, 0);
    expect(read).toBeLessThanOrEqual(HEAD_BYTES);
    expect(same(pixelElement(written), pixelElement(bytes))).toBe(true);
    const stored = readPart10(written);
    expect(firstText(stored.dict, '00100010')).not.toContain('YAMADA');
    expect(firstText(stored.dict, '00120062')).toBe('YES');
    expect(firstText(stored.dict, '00080018')).toBe(result.report.sopInstanceUid);
    expect(inMemory).toBe(written.byteLength - pixelElement(written).byteLength);
    expect(inMemory).toBeLessThan(4096);
    expect(result.pixels).toMatchObject({ ok: true, layout: { rows: 128, columns: 160, frames: 40 } });
  });

  it('reads a header longer than a head again, further, once, and writes the same file as the whole-file path', async () => {
    const long = readPart10(multiFrame(128, 160, 4));
    // A vendor's private block of 40 KB: the Pixel Data starts past the first head.
    long.dict['00291010'] = { vr: 'OB', Value: [new Uint8Array(40_000).fill(7).buffer] };
    const bytes = new Uint8Array(long.write());
    expect(pixelElement(bytes).byteOffset).toBeGreaterThan(HEAD_BYTES);
    const { file, reads } = recordedReads(bytes);
    const head = await headOf(file);
    const streamed = (await deidentifyFile(file, BASIC_PROFILE_ONLY, key, DEID_LIMITS, undefined, head)).written();
    expect(reads).toEqual([[0, HEAD_BYTES], [0, 4 * HEAD_BYTES]]);
    expect(streamed.inMemory).toBeLessThan(streamed.body.size);
    expect(same(await bytesOf(streamed.body), (await deidentifyDicom(bytes, BASIC_PROFILE_ONLY, key)).bytes)).toBe(true);
  });

  it('refuses with a sentence a file over the limit that would have to be read whole, and a header over its own', async () => {
    const bytes = multiFrame(128, 160, 40);
    const small: DeidLimits = { wholeFileBytes: 64 * 1024, headerBytes: 1024 * 1024 };
    const redact = async (dataSet: Parameters<typeof redactDataSet>[0], syntax: string) => redactDataSet(dataSet, syntax, 'ultrasound', [{ x: 0, y: 0, width: 4, height: 4 }]);
    await expect(deidentifyFile(new Blob([bytes]), BASIC_PROFILE_ONLY, key, small, redact)).rejects.toThrow(TooLargeError);
    await expect(deidentifyFile(new Blob([bytes]), BASIC_PROFILE_ONLY, key, small, redact)).rejects.toThrow(/^it is 2 MB; files over 1 MB are de-identified here only when/);

    const responses: DeidResponse[] = [];
    const host = createDeidHost((response) => responses.push(response), { wholeFileBytes: 64 * 1024, headerBytes: 300 });
    host.handle({ type: 'deidentify', jobId: 'j', keepBytes: 0, options: BASIC_PROFILE_ONLY, key: new Uint8Array(32).fill(3).buffer, files: [{ index: 0, file: new Blob([bytes]), size: bytes.byteLength }] });
    host.handle({ type: 'prepare', requestId: 'r', options: BASIC_PROFILE_ONLY, key: new Uint8Array(32).fill(3).buffer, file: new Blob([bytes]), confirmed: { reason: 'ultrasound', boxes: [] } });
    await host.idle();
    expect(checkedFiles(responses).map((r) => r.result)).toEqual([{ kind: 'refused', reason: expect.stringMatching(/^its header \(the attributes before the pixels\) is over/) }]);
    expect(responses.find((r) => r.type === 'error')).toMatchObject({ requestId: 'r', sentence: expect.stringMatching(/^The file could not be prepared: it is 2 MB; files over 1 MB/) });
  });
});

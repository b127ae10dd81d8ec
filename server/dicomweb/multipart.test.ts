import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { boundaryOf, mediaParameter, multipartBody, partBytes, readMultipart } from './multipart';

async function collect(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Feeds `bytes` in chunks of `size`, so delimiters fall across chunk edges. */
async function* chunked(bytes: Buffer, size: number): AsyncGenerator<Buffer> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

async function readAll(body: Buffer, boundary: string, chunk: number) {
  const parts: { type: string | undefined; bytes: Buffer }[] = [];
  for await (const part of readMultipart(chunked(body, chunk), boundary)) parts.push({ type: part.headers.get('content-type'), bytes: await partBytes(part.body, 1 << 20) });
  return parts;
}

describe('multipart/related', () => {
  it('reads back what it writes, whatever the chunking, bytes that look like a delimiter included', async () => {
    const boundary = 'b0undary';
    const tricky = Buffer.from(`\r\n--b0undar\r\n-b0undary --b0undary ${'x'.repeat(70_000)}`);
    const payloads = [Buffer.from('DICM one'), tricky, Buffer.alloc(0)];
    const body = await collect(multipartBody(boundary, payloads.map((bytes) => ({ contentType: 'application/dicom', body: () => [bytes] }))));
    for (const chunk of [1, 7, 4096, body.length]) {
      const parts = await readAll(body, boundary, chunk);
      expect(parts.map((p) => p.bytes)).toEqual(payloads);
      expect(parts.every((p) => p.type === 'application/dicom')).toBe(true);
    }
  });

  it('reads the PS3.18 example layout: preamble, quoted boundary, part headers, epilogue', async () => {
    const contentType = 'multipart/related; type="application/dicom"; boundary="example-boundary"';
    const boundary = boundaryOf(contentType) as string;
    expect(boundary).toBe('example-boundary');
    expect(mediaParameter(contentType, 'type')).toBe('application/dicom');
    const body = Buffer.from(
      'preamble to ignore\r\n--example-boundary\r\nContent-Type: application/dicom\r\nContent-Location: a\r\n\r\nFIRST\r\n--example-boundary\r\nContent-Type: application/dicom\r\n\r\nSECOND\r\n--example-boundary--\r\nepilogue',
    );
    const parts = await readAll(body, boundary, 5);
    expect(parts.map((p) => p.bytes.toString())).toEqual(['FIRST', 'SECOND']);
  });

  it('refuses a body cut off inside a part, and a part over the size limit', async () => {
    const cut = Buffer.from('--b\r\nContent-Type: application/dicom\r\n\r\nno end');
    await expect(readAll(cut, 'b', 3)).rejects.toThrow(/ends inside a part/);
    const big = Buffer.from(`--b\r\n\r\n${'y'.repeat(100)}\r\n--b--`);
    const parts = readMultipart(chunked(big, 10), 'b');
    const first = await parts.next();
    await expect(partBytes((first.value as { body: AsyncIterable<Buffer> }).body, 50)).rejects.toThrow(/larger than 50 bytes/);
  });

  it('is not multipart without a boundary', () => {
    expect(boundaryOf('application/dicom')).toBeNull();
    expect(boundaryOf('multipart/related; type="application/dicom"')).toBeNull();
  });
});

import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import dicomParser from 'dicom-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDicomVideo, missingDicomFrameTools, type DicomVideoFixture } from '../testing/dicomFrameFixtures';
import { writeVideoStream } from './dicomVideoStream';

const missing = missingDicomFrameTools();

/** The bytes as a stream of `size`-byte chunks, counting how many were taken. */
function chunked(bytes: Buffer, size: number): { source: AsyncIterable<Uint8Array>; taken: () => number } {
  let taken = 0;
  async function* source(): AsyncGenerator<Uint8Array> {
    for (let at = 0; at < bytes.length; at += size) {
      taken += 1;
      yield bytes.subarray(at, at + size);
    }
  }
  return { source: source(), taken: () => taken };
}

describe.skipIf(missing !== null)('a DICOM video’s stream, copied as its bytes arrive', () => {
  let work: string;
  let video: DicomVideoFixture;
  let bytes: Buffer;
  /** The fragments concatenated by dicom-parser from the whole file in memory: the H.264 stream, padded to even length. */
  let fragments: Buffer;

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'mejirushi-dicom-stream-'));
    video = await makeDicomVideo(work, 10, 2);
    bytes = await readFile(video.path);
    const ds = dicomParser.parseDicom(bytes);
    const pixel = ds.elements.x7fe00010!;
    fragments = Buffer.from(dicomParser.readEncapsulatedPixelDataFromFragments(ds, pixel, 0, pixel.fragments!.length));
    const h264 = await readFile(video.stream);
    expect(fragments.subarray(0, h264.length).equals(h264) && fragments.length - h264.length <= 1).toBe(true);
  });
  afterAll(async () => rm(work, { recursive: true, force: true }));

  it.each([7, 4093, 1 << 20])('writes exactly the fragments (the H.264 stream) from chunks of %i bytes, with the declared frames and rate', async (size) => {
    const out = await mkdtemp(join(work, 'out-'));
    const { source, taken } = chunked(bytes, size);
    const stream = await writeVideoStream(source, out);
    if (!stream.ok) throw new Error(stream.reason);
    expect(stream).toMatchObject({ declaredFrames: video.frames, fps: video.fps });
    expect((await readFile(stream.path)).equals(fragments)).toBe(true);
    expect(taken()).toBe(Math.ceil(bytes.length / size));
  });

  it('refuses an instance cut short inside its fragments, and bytes that are not DICOM', async () => {
    const cut = await writeVideoStream(chunked(bytes.subarray(0, bytes.length - 5000), 4096).source, await mkdtemp(join(work, 'cut-')));
    expect(cut).toEqual({ ok: false, reason: 'its pixel data ends before its last fragment' });
    const text = await writeVideoStream(chunked(Buffer.from('not a DICOM file at all'), 8).source, await mkdtemp(join(work, 'text-')));
    expect(text).toEqual({ ok: false, reason: 'it holds no video stream (no encapsulated pixel data)' });
  });
});

/**
 * The video stream of a DICOM video instance (MPEG-2, H.264 or HEVC transfer syntax), copied from
 * the instance's bytes to a file as they arrive: its pixel data's fragments, concatenated, are the
 * stream (PS3.5 §8.2.5–8.2.8, A.4). Only the attributes before the pixel data are held (parsed by
 * dicom-parser once they are all in) and one chunk at a time after them, so a video of gigabytes
 * imports in the memory of a small one.
 */
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import dicomParser from 'dicom-parser';
import type { DataSet } from 'dicom-parser';
import { VIDEO_TRANSFER_SYNTAXES } from '../dicom/uids';
import { readNumberOfFrames, text } from '../dicom/values';

/** The file name ffmpeg's probe reads the stream under: its extension names the elementary stream. */
const STREAM_FILE = { mpeg2video: 'stream.mpg', h264: 'stream.h264', hevc: 'stream.hevc' } as const;

/**
 * (7FE0,0010) Pixel Data, OB, undefined length, in explicit VR little endian (every video
 * transfer syntax's encoding): where the attributes end and the fragments begin.
 */
const PIXEL_DATA = Buffer.from([0xe0, 0x7f, 0x10, 0x00, 0x4f, 0x42, 0x00, 0x00, 0xff, 0xff, 0xff, 0xff]);

/** Attributes before the pixel data beyond this are not a video instance's (icons, overlays are far smaller). */
const MAX_HEADER_BYTES = 64 * 1024 * 1024;

const ITEM = 0xe000;
const SEQUENCE_END = 0xe0dd;

export type DicomVideoStream =
  | { readonly ok: true; readonly path: string; readonly fps: number | null; readonly declaredFrames: number }
  | { readonly ok: false; readonly reason: string };

const refused = (reason: string): DicomVideoStream => ({ ok: false, reason });

/** The attributes before the pixel data, and the bytes read past them. */
interface Header {
  readonly ds: DataSet;
  readonly rest: Buffer;
}

/**
 * Reads chunks until a Pixel Data header is found whose preceding bytes parse as a whole data set
 * (the same bytes inside an icon's sequence would leave it unfinished, so the search goes on).
 */
async function readHeader(chunks: AsyncIterator<Uint8Array>): Promise<Header | string> {
  let bytes = Buffer.alloc(0);
  let searched = 0;
  for (;;) {
    for (let at = bytes.indexOf(PIXEL_DATA, searched); at >= 0; at = bytes.indexOf(PIXEL_DATA, at + 1)) {
      try {
        return { ds: dicomParser.parseDicom(bytes.subarray(0, at)), rest: bytes.subarray(at + PIXEL_DATA.length) };
      } catch {
        // Not the top-level pixel data: look further.
      }
    }
    searched = Math.max(0, bytes.length - PIXEL_DATA.length + 1);
    const next = await chunks.next();
    if (next.done) return bytes.length === 0 ? 'the file is empty' : 'it holds no video stream (no encapsulated pixel data)';
    if (bytes.length > MAX_HEADER_BYTES) return `no video stream in its first ${MAX_HEADER_BYTES} bytes`;
    bytes = Buffer.concat([bytes, next.value]);
  }
}

/**
 * Copies the fragments after the Basic Offset Table (the first item) to `path`, item by item as
 * the chunks come; returns how many fragments were written, or why the data is not whole.
 */
async function copyFragments(first: Buffer, chunks: AsyncIterator<Uint8Array>, path: string): Promise<number | string> {
  const out = await open(path, 'w');
  try {
    let pending = first;
    let items = 0;
    /** Bytes of the current item still to come (written unless it is the offset table). */
    let left = 0;
    for (;;) {
      if (left > 0 && pending.length > 0) {
        const part = pending.subarray(0, left);
        if (items > 1) await out.write(part);
        left -= part.length;
        pending = pending.subarray(part.length);
      }
      if (left === 0 && pending.length >= 8) {
        const group = pending.readUInt16LE(0);
        const element = pending.readUInt16LE(2);
        const length = pending.readUInt32LE(4);
        pending = pending.subarray(8);
        if (group !== 0xfffe || (element !== ITEM && element !== SEQUENCE_END)) return 'its pixel data is not a sequence of fragments';
        if (element === SEQUENCE_END) return items - 1;
        if (length === 0xffffffff) return 'a fragment of its pixel data has no length';
        items += 1;
        left = length;
        continue;
      }
      const next = await chunks.next();
      if (next.done) return 'its pixel data ends before its last fragment';
      pending = pending.length === 0 ? Buffer.from(next.value) : Buffer.concat([pending, next.value]);
    }
  } finally {
    await out.close();
  }
}

/** Reads a DICOM video instance from `source` and writes its video stream into the folder `dir`. */
export async function writeVideoStream(source: AsyncIterable<Uint8Array>, dir: string): Promise<DicomVideoStream> {
  const chunks = source[Symbol.asyncIterator]();
  const header = await readHeader(chunks);
  if (typeof header === 'string') return refused(header);
  const { ds, rest } = header;
  const format = VIDEO_TRANSFER_SYNTAXES[text(ds, 'x00020010')];
  if (!format) return refused('its transfer syntax is not a video one (MPEG-2, H.264, HEVC)');
  const declaredFrames = readNumberOfFrames(ds);
  if (declaredFrames === null) return refused('its NumberOfFrames is not a whole number of at least 1');
  const path = join(dir, STREAM_FILE[format]);
  const fragments = await copyFragments(rest, chunks, path);
  if (typeof fragments === 'string') return refused(fragments);
  if (fragments < 1) return refused('it holds no video stream (no encapsulated pixel data)');
  return { ok: true, path, fps: declaredRate(ds), declaredFrames };
}

/** Frames per second from Frame Time (ms a frame), else Cine Rate; null when neither says. */
function declaredRate(ds: DataSet): number | null {
  const frameTime = Number(text(ds, 'x00181063'));
  if (Number.isFinite(frameTime) && frameTime > 0) return 1000 / frameTime;
  const cineRate = Number(text(ds, 'x00180040'));
  return Number.isFinite(cineRate) && cineRate > 0 ? cineRate : null;
}

/**
 * Imports a DICOM video instance (Video Endoscopic, Video Photographic… under an MPEG-2, H.264 or
 * HEVC transfer syntax) as a frame set of source 'video': its pixel data's fragments, concatenated,
 * are the video stream (PS3.5 §8.2.5–8.2.8), which ffprobe counts and ffmpeg decodes as for an MP4
 * (importVideo.ts). The instance as imported is kept for admins; its patient attributes reach no
 * annotator (the title names the file's hash, as an MP4's does). The stream must hold exactly the
 * frames the instance declares (NumberOfFrames).
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import dicomParser from 'dicom-parser';
import type { DataSet } from 'dicom-parser';
import type { Kysely } from 'kysely';
import type { FileImportOutcome } from '../../src/core/api';
import { readWholeBlob } from '../blobs/blobStore';
import type { Database } from '../db/schema';
import { VIDEO_TRANSFER_SYNTAXES } from '../dicom/uids';
import { readNumberOfFrames, text } from '../dicom/values';
import type { ImportFile } from '../import/importFiles';
import { importVideoStream, storedVideo, type VideoImportOptions } from './importVideo';

/** The file name ffmpeg's probe reads the stream under: its extension names the elementary stream. */
const STREAM_FILE = { mpeg2video: 'stream.mpg', h264: 'stream.h264', hevc: 'stream.hevc' } as const;

export async function importDicomVideo(
  db: Kysely<Database>,
  datasetId: string,
  file: ImportFile,
  actorId: string | null,
  options: VideoImportOptions,
): Promise<FileImportOutcome> {
  const { blobs } = options;
  const { source, key, holder } = await storedVideo(db, datasetId, file, blobs);
  if (holder) return { file: file.name, status: 'duplicate', itemId: holder };

  const stream = videoStreamOf(await readWholeBlob(blobs, source.sha256));
  if (!stream.ok) return { file: file.name, status: 'refused', reason: stream.reason, code: 'videoUnreadable' };
  const work = await mkdtemp(join(tmpdir(), 'mejirushi-dicom-video-'));
  try {
    const path = join(work, STREAM_FILE[stream.format]);
    await writeFile(path, stream.bytes);
    const original = { id: randomUUID(), key, blob: source, name: file.name, meta: { kind: 'video', mediaType: 'application/dicom' } } as const;
    return await importVideoStream(db, datasetId, { path, original, fps: stream.fps, expectedFrames: stream.declaredFrames }, actorId, options);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

type DicomVideoStream =
  | { readonly ok: true; readonly bytes: Uint8Array; readonly format: keyof typeof STREAM_FILE; readonly fps: number | null; readonly declaredFrames: number }
  | { readonly ok: false; readonly reason: string };

/** The video stream a DICOM instance holds, with its declared frame count and rate. */
export function videoStreamOf(bytes: Uint8Array): DicomVideoStream {
  let ds: DataSet;
  try {
    ds = dicomParser.parseDicom(bytes);
  } catch (error) {
    return { ok: false, reason: `unreadable DICOM data: ${error instanceof Error ? error.message : String(error)}` };
  }
  const format = VIDEO_TRANSFER_SYNTAXES[text(ds, 'x00020010')];
  if (!format) return { ok: false, reason: 'its transfer syntax is not a video one (MPEG-2, H.264, HEVC)' };
  const pixel = ds.elements.x7fe00010;
  const fragments = pixel?.fragments ?? [];
  if (!pixel || fragments.length === 0) return { ok: false, reason: 'it holds no video stream (no encapsulated pixel data)' };
  const declaredFrames = readNumberOfFrames(ds);
  if (declaredFrames === null) return { ok: false, reason: 'its NumberOfFrames is not a whole number of at least 1' };
  return { ok: true, bytes: dicomParser.readEncapsulatedPixelDataFromFragments(ds, pixel, 0, fragments.length), format, fps: declaredRate(ds), declaredFrames };
}

/** Frames per second from Frame Time (ms a frame), else Cine Rate; null when neither says. */
function declaredRate(ds: DataSet): number | null {
  const frameTime = Number(text(ds, 'x00181063'));
  if (Number.isFinite(frameTime) && frameTime > 0) return 1000 / frameTime;
  const cineRate = Number(text(ds, 'x00180040'));
  return Number.isFinite(cineRate) && cineRate > 0 ? cineRate : null;
}

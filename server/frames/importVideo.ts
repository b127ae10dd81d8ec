/**
 * Imports one video file (MP4/H.264, WebM) as a frame set of source 'video': the original into the
 * blob store (admins), its frames counted by ffprobe, decoded to JPEGs and thumbnailed into sprite
 * sheets by one ffmpeg pass (decodeVideo.ts), one FrameRef per frame with `videoFrame` its index.
 * The same video imported again into the dataset is a duplicate. A DICOM video's stream comes here
 * too (importDicomVideo.ts), through `importVideoStream`.
 */
import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import sharp from 'sharp';
import type { FileImportOutcome } from '../../src/core/api';
import type { FrameRef } from '../../src/core/item';
import type { BlobStore, StoredBlob } from '../blobs/blobStore';
import { lendLocalPath } from '../blobs/localPath';
import type { Database } from '../db/schema';
import type { ImportFile } from '../import/importFiles';
import type { VideoFormat } from '../import/route';
import { stoppedByCancel } from '../import/stoppedByCancel';
import type { WorkDirs } from '../workDirs/workDirs';
import { decodeVideo } from './decodeVideo';
import { itemHoldingFrameFile, writeFrameSet, type FrameFile } from './frameSetRows';
import { inOrder } from './inOrder';
import { probeVideo } from './probeVideo';
import { spriteManifestFile, storeSprites } from './spriteSheets';

export interface VideoImportOptions {
  readonly blobs: BlobStore;
  readonly now: () => Date;
  /** Where frames are decoded (and another store's video copied) before they are stored. */
  readonly workDirs: WorkDirs;
  /** Frames decoded so far of `total`. */
  readonly onProgress?: (done: number, total: number) => void;
  /**
   * Aborting kills ffprobe or ffmpeg, or stops before the frames are stored: the video is reported
   * stopped and nothing of it is kept. Once its frames are being stored it is finished and written,
   * so a cancel never leaves frame blobs no frame set refers to.
   */
  readonly signal?: AbortSignal;
}

export async function importVideoFile(
  db: Kysely<Database>,
  datasetId: string,
  file: ImportFile,
  format: VideoFormat,
  actorId: string | null,
  options: VideoImportOptions,
): Promise<FileImportOutcome> {
  const { blobs } = options;
  const { source, key, holder } = await storedVideo(db, datasetId, file, blobs);
  if (holder) return { file: file.name, status: 'duplicate', itemId: holder };

  const lent = await lendLocalPath(blobs, source.sha256, options.workDirs);
  try {
    const original: FrameFile = { id: randomUUID(), key, blob: source, name: file.name, meta: { kind: 'video', mediaType: format === 'mp4' ? 'video/mp4' : 'video/webm' } };
    return await importVideoStream(db, datasetId, { path: lent.path, original, fps: null }, actorId, options);
  } finally {
    await lent.release();
  }
}

/** The video file in the blob store, its identity in the dataset and the frame set already holding it, if any. */
export async function storedVideo(db: Kysely<Database>, datasetId: string, file: ImportFile, blobs: BlobStore): Promise<{ source: StoredBlob; key: string; holder: string | null }> {
  const source = 'stored' in file ? file.stored : await blobs.put('path' in file ? createReadStream(file.path) : Readable.from([file.bytes]));
  const key = `video:${source.sha256}`;
  return { source, key, holder: await itemHoldingFrameFile(db, datasetId, key) };
}

/** A video stream ffmpeg reads from a local file, and the file it came in, kept for admins. */
export interface VideoStream {
  readonly path: string;
  /** The video as imported (an MP4, a DICOM video instance); its `key` is the frame set's identity. */
  readonly original: FrameFile;
  /** Frames per second where the stream carries no rate of its own (a DICOM's Frame Time): preferred to ffprobe's guess. */
  readonly fps: number | null;
  /** The frames the file declares (a DICOM's NumberOfFrames); a stream that decodes to another count is refused. */
  readonly expectedFrames?: number;
}

/** Counts, decodes and stores the frames of a stream as one frame set of source 'video'. */
export async function importVideoStream(
  db: Kysely<Database>,
  datasetId: string,
  stream: VideoStream,
  actorId: string | null,
  options: VideoImportOptions,
): Promise<FileImportOutcome> {
  const { blobs, signal } = options;
  const { original } = stream;
  const { name, key, blob: source } = original;
  const work = await options.workDirs.workDir('video');
  try {
    const probe = await probeVideo(stream.path, work.path, signal);
    if (!probe.ok) return { file: name, status: 'refused', reason: `not a readable video: ${probe.reason}`, code: 'videoUnreadable' };
    const { facts } = probe;
    if (stream.expectedFrames !== undefined && stream.expectedFrames !== facts.frames) {
      return { file: name, status: 'refused', reason: `it declares ${stream.expectedFrames} frames (NumberOfFrames) but its video stream holds ${facts.frames}`, code: 'framesMissing' };
    }
    const decoded = await decodeVideo(stream.path, work.path, (done) => options.onProgress?.(Math.min(done, facts.frames), facts.frames), signal);
    if (decoded.frames.length !== facts.frames) {
      return { file: name, status: 'refused', reason: `ffmpeg decoded ${decoded.frames.length} frames where ffprobe counted ${facts.frames}`, code: 'videoUnreadable' };
    }
    // The size of the frames as decoded: ffmpeg turns a video recorded rotated (a phone's), which ffprobe reports unturned.
    const [first] = decoded.frames;
    if (first === undefined) throw new Error('no frame was decoded');
    const { width, height } = await sharp(first).metadata();
    signal?.throwIfAborted();
    const itemId = randomUUID();
    const frameFiles = await storeFrames(blobs, decoded.frames, key, name);
    const sprites = await storeSprites(blobs, await storeAll(blobs, decoded.sheets));
    const fps = stream.fps ?? facts.fps;
    await writeFrameSet(
      db,
      datasetId,
      {
        itemId,
        title: `Video ${source.sha256.slice(0, 8)} (${facts.frames} frames)`,
        sourceKey: key,
        content: { kind: 'frameSet', source: 'video', frames: frameRefs(frameFiles, width, height), fps, sprites: sprites.sprites },
        files: [original, ...frameFiles, spriteManifestFile(sprites, randomUUID())],
        blobs: sprites.sheets,
        auditDetail: { source: 'video', name, sha256: source.sha256, codec: facts.codec, frames: facts.frames, sprites: sprites.sprites.version },
      },
      actorId,
      options.now().toISOString(),
    );
    return { file: name, status: 'imported', itemId };
  } catch (error) {
    if (db.isTransaction) throw error;
    if (signal?.aborted) return stoppedByCancel(name);
    return { file: name, status: 'refused', reason: `could not be imported as a video: ${error instanceof Error ? error.message : String(error)}`, code: 'videoUnreadable' };
  } finally {
    await work.release();
  }
}

/** Frames stored at once: each put ends with an fsync, and overlapping them is most of the speed. */
const FRAMES_IN_FLIGHT = 8;

/** Each decoded frame into the store, a few at a time, in order, its temp file removed once stored. */
async function storeFrames(blobs: BlobStore, paths: readonly string[], videoKey: string, name: string): Promise<FrameFile[]> {
  const files: FrameFile[] = [];
  const stored = inOrder([...paths.entries()], FRAMES_IN_FLIGHT, async ([index, path]): Promise<FrameFile> => {
    const blob = await blobs.put(createReadStream(path));
    await rm(path);
    return { id: randomUUID(), key: `${videoKey}#${index}`, blob, name: `${name}#${index}`, meta: { kind: 'videoFrame', mediaType: 'image/jpeg', index } };
  });
  for await (const file of stored) files.push(file);
  return files;
}

async function storeAll(blobs: BlobStore, paths: readonly string[]): Promise<StoredBlob[]> {
  const stored: StoredBlob[] = [];
  for (const path of paths) stored.push(await blobs.put(createReadStream(path)));
  return stored;
}

function frameRefs(files: readonly FrameFile[], width: number, height: number): FrameRef[] {
  return files.map((file, index) => ({ targetId: file.id, fileId: file.id, videoFrame: index, width, height }));
}

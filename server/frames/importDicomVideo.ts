/**
 * Imports a DICOM video instance (Video Endoscopic, Video Photographic… under an MPEG-2, H.264 or
 * HEVC transfer syntax) as a frame set of source 'video': its pixel data's fragments, streamed from
 * the blob store to a file (dicomVideoStream.ts), are the video, which ffprobe counts and ffmpeg decodes as for an MP4
 * (importVideo.ts). The instance as imported is kept for admins; its patient attributes reach no
 * annotator (the title names the file's hash, as an MP4's does). The stream must hold exactly the
 * frames the instance declares (NumberOfFrames).
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { FileImportOutcome } from '../../src/core/api';
import type { Database } from '../db/schema';
import type { ImportFile } from '../import/importFiles';
import { writeVideoStream } from './dicomVideoStream';
import { importVideoStream, storedVideo, type VideoImportOptions } from './importVideo';

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

  const work = await options.workDirs.workDir('dicom-video');
  try {
    const stream = await writeVideoStream(await blobs.read(source.sha256), work.path);
    if (!stream.ok) return { file: file.name, status: 'refused', reason: stream.reason, code: 'videoUnreadable' };
    const original = { id: randomUUID(), key, blob: source, name: file.name, meta: { kind: 'video', mediaType: 'application/dicom' } } as const;
    return await importVideoStream(db, datasetId, { path: stream.path, original, fps: stream.fps, expectedFrames: stream.declaredFrames }, actorId, options);
  } finally {
    await work.release();
  }
}

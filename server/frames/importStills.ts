/**
 * Imports stills (JPEG, PNG) as frame sets. Grouping (`groupOf`): one frame set per folder of a
 * CLI import (the folder's path relative to the imported root), and the stills of one import call
 * that are not local files (an upload request's, a caller's bytes) form one frame set; frames in
 * natural order of their file names ("img2" before "img10"). Stills go one at a time (read,
 * decoded for the thumbnail, stored), so thousands of them keep memory flat. A still that does not
 * decode is refused with libvips's reason and the rest import; a still already in the dataset
 * (same bytes) is a duplicate. The frame set is written once, whole, after its last still.
 */
import { createHash, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { FileImportOutcome } from '../../src/core/api';
import type { FrameRef } from '../../src/core/item';
import { readWholeBlob, type BlobStore, type StoredBlob } from '../blobs/blobStore';
import type { Database } from '../db/schema';
import type { ImportFile } from '../import/importFiles';
import type { StillFormat } from '../import/route';
import { itemHoldingFrameFile, writeFrameSet, type FrameFile } from './frameSetRows';
import { spriteManifestFile, SpriteSheetWriter } from './spriteSheets';
import { readStill } from './stillImage';
import { servedStill } from './withoutMetadata';

export interface StillFile {
  readonly file: ImportFile;
  readonly format: StillFormat;
}

export interface StillImportOptions {
  readonly blobs: BlobStore;
  readonly now: () => Date;
  /** Stills done so far (`file` the last one) of the frame set's `total`. */
  readonly onProgress?: (file: string, done: number, total: number) => void;
}

/** The frame set a still belongs to within one import call: its folder (a CLI file's name is its path under the imported root), else the call's one set. */
export const groupOf = (file: ImportFile): string => ('path' in file ? `folder:${dirname(file.name)}` : 'call');

const naturalOrder = new Intl.Collator('en', { numeric: true }).compare;

export async function importStillGroup(
  db: Kysely<Database>,
  datasetId: string,
  stills: readonly StillFile[],
  actorId: string | null,
  options: StillImportOptions,
): Promise<FileImportOutcome[]> {
  const { blobs } = options;
  const ordered = [...stills].sort((a, b) => naturalOrder(a.file.name, b.file.name));
  const itemId = randomUUID();
  const outcomes: FileImportOutcome[] = [];
  const files: FrameFile[] = [];
  const frames: FrameRef[] = [];
  const originals: StoredBlob[] = [];
  const seen = new Set<string>();
  const sprites = new SpriteSheetWriter(blobs);
  for (const [done, { file, format }] of ordered.entries()) {
    const bytes = await bytesOf(blobs, file);
    const original = 'stored' in file ? file.stored : await blobs.put(Readable.from([bytes]));
    const key = `still:${original.sha256}`;
    const holder = seen.has(key) ? itemId : await itemHoldingFrameFile(db, datasetId, key);
    if (holder) {
      outcomes.push({ file: file.name, status: 'duplicate', itemId: holder });
    } else {
      const still = await readStill(bytes, format);
      if (!still.ok) {
        outcomes.push({ file: file.name, status: 'refused', reason: still.reason, code: 'imageUnreadable' });
      } else {
        const served = await servedStill(bytes, format, still.orientation);
        const blob = served === bytes ? original : await blobs.put(Readable.from([served]));
        const id = randomUUID();
        const { width, height } = still;
        seen.add(key);
        originals.push(original);
        files.push({ id, key, blob, name: file.name, meta: { kind: 'still', mediaType: format === 'jpeg' ? 'image/jpeg' : 'image/png', width, height, originalSha256: original.sha256 } });
        frames.push({ targetId: id, fileId: id, videoFrame: null, width, height });
        await sprites.add(still.cell);
        outcomes.push({ file: file.name, status: 'imported', itemId });
      }
    }
    options.onProgress?.(file.name, done + 1, ordered.length);
  }
  if (files.length === 0) return outcomes;
  const stored = await sprites.finish();
  const sourceKey = `stills:${createHash('sha256').update(files.map((file) => file.key).join('\n')).digest('hex')}`;
  try {
    await writeFrameSet(
      db,
      datasetId,
      {
        itemId,
        // Neither file nor folder names: they can name the patient, and annotators see titles.
        title: `Stills ${sourceKey.slice(7, 15)} (${files.length})`,
        sourceKey,
        content: { kind: 'frameSet', source: 'images', frames, sprites: stored.sprites },
        files: [...files, spriteManifestFile(stored, randomUUID())],
        blobs: [...originals, ...stored.sheets],
        auditDetail: { source: 'images', frames: files.length, sprites: stored.sprites.version },
      },
      actorId,
      options.now().toISOString(),
    );
  } catch (error) {
    if (db.isTransaction) throw error;
    const reason = `could not be stored: ${error instanceof Error ? error.message : String(error)}`;
    return outcomes.map((outcome) => (outcome.status === 'imported' ? { file: outcome.file, status: 'refused', reason } : outcome));
  }
  return outcomes;
}

export async function bytesOf(blobs: BlobStore, file: ImportFile): Promise<Buffer> {
  if ('bytes' in file) return Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength);
  if ('path' in file) return readFile(file.path);
  return readWholeBlob(blobs, file.stored.sha256);
}

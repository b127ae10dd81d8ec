/**
 * Imports stills (JPEG, PNG) as frame sets. Grouping (`groupOf`): one frame set per folder of a
 * CLI import (the folder's path relative to the imported root), and the stills of one import call
 * that are not local files (an upload request's, a caller's bytes) form one frame set; frames in
 * natural order of their file names ("img2" before "img10"). A few stills at a time are read,
 * decoded for the thumbnail and stored (`STILLS_IN_FLIGHT`), then taken in file order, so
 * thousands of them keep memory flat. A still that does not
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
import { stoppedByCancel } from '../import/stoppedByCancel';
import { itemHoldingFrameFile, writeFrameSet, type FrameFile } from './frameSetRows';
import { inOrder } from './inOrder';
import type { SpriteCell } from './spriteLayout';
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
  /**
   * Aborting stops the folder before its next still and before its sprite sheets are stored: no
   * frame set is written and its stills are reported stopped. The served copies of stills already
   * prepared stay in the blob store unreferenced (the store removes no blob yet).
   */
  readonly signal?: AbortSignal;
}

/** The frame set a still belongs to within one import call: its folder (a CLI file's name is its path under the imported root), else the call's one set. */
export const groupOf = (file: ImportFile): string => ('path' in file ? `folder:${dirname(file.name)}` : 'call');

const naturalOrder = new Intl.Collator('en', { numeric: true }).compare;

/**
 * Stills read, stored and decoded at once: their fsyncs and libvips decodes overlap (measured on
 * 2 cores: 3× the throughput of one at a time); memory holds this many stills' bytes.
 */
const STILLS_IN_FLIGHT = 8;

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
  const prepared = inOrder(ordered, STILLS_IN_FLIGHT, (still) => prepareStill(db, datasetId, blobs, still));
  let done = 0;
  for await (const still of prepared) {
    if (options.signal?.aborted) break;
    const { file, original, key } = still;
    if (seen.has(key) || still.kind === 'held') {
      outcomes.push({ file: file.name, status: 'duplicate', itemId: still.kind === 'held' ? still.holder : itemId });
    } else if (still.kind === 'unreadable') {
      outcomes.push({ file: file.name, status: 'refused', reason: still.reason, code: 'imageUnreadable' });
    } else {
      const id = randomUUID();
      const { width, height, mediaType, served } = still;
      seen.add(key);
      originals.push(original);
      files.push({ id, key, blob: served, name: file.name, meta: { kind: 'still', mediaType, width, height, originalSha256: original.sha256 } });
      frames.push({ targetId: id, fileId: id, videoFrame: null, width, height });
      await sprites.add(still.cell);
      outcomes.push({ file: file.name, status: 'imported', itemId });
    }
    done += 1;
    options.onProgress?.(file.name, done, ordered.length);
  }
  if (options.signal?.aborted) return outcomes.map((outcome) => (outcome.status === 'imported' ? stoppedByCancel(outcome.file) : outcome));
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

/** A still read, stored and decoded, not yet part of the frame set (that is decided in file order). */
type PreparedStill = {
  readonly file: ImportFile;
  readonly original: StoredBlob;
  /** The frame file's key in the dataset (`still:<sha256 of the original>`). */
  readonly key: string;
} & (
  | { readonly kind: 'held'; readonly holder: string }
  | { readonly kind: 'unreadable'; readonly reason: string }
  | { readonly kind: 'read'; readonly width: number; readonly height: number; readonly cell: SpriteCell; readonly mediaType: 'image/jpeg' | 'image/png'; readonly served: StoredBlob }
);

/**
 * Reads a still, stores its original, decodes its thumbnail and stores the copy annotators are
 * served (metadata removed). Stills of one call may run this side by side: every write is to the
 * content-addressed blob store, so two equal stills store one blob.
 */
async function prepareStill(db: Kysely<Database>, datasetId: string, blobs: BlobStore, { file, format }: StillFile): Promise<PreparedStill> {
  const bytes = await bytesOf(blobs, file);
  const original = 'stored' in file ? file.stored : await blobs.put(Readable.from([bytes]));
  const key = `still:${original.sha256}`;
  const holder = await itemHoldingFrameFile(db, datasetId, key);
  if (holder) return { file, original, key, kind: 'held', holder };
  const still = await readStill(bytes, format);
  if (!still.ok) return { file, original, key, kind: 'unreadable', reason: still.reason };
  const servedBytes = await servedStill(bytes, format, still.orientation);
  const served = servedBytes === bytes ? original : await blobs.put(Readable.from([servedBytes]));
  const mediaType = format === 'jpeg' ? 'image/jpeg' : 'image/png';
  return { file, original, key, kind: 'read', width: still.width, height: still.height, cell: still.cell, mediaType, served };
}

export async function bytesOf(blobs: BlobStore, file: ImportFile): Promise<Buffer> {
  if ('bytes' in file) return Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength);
  if ('path' in file) return readFile(file.path);
  return readWholeBlob(blobs, file.stored.sha256);
}

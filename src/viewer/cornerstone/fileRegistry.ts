import { cache, registerImageLoader, type Types } from '@cornerstonejs/core';
import { prefetchPart10Instance, wadouri } from '@cornerstonejs/dicom-image-loader';
import { Enums as MetadataEnums, metaData as metadataStore } from '@cornerstonejs/metadata';
import { fileIdOf, fileImageId, IMAGE_ID_SCHEME } from './imageIds';
import { normalisePart10 } from '../dicom/normalisePart10';
import { sliceTimeoutMs, withSliceTimeout } from '../sliceTimeout';
import { inflateIfDeflated } from './inflatePart10';

/**
 * DICOM bytes for the `mejirushi:` image ids. A mounted viewer binds its files to its own
 * `loadFile` (auth-aware, possibly served from the offline cache); each file is fetched once and
 * handed to the DICOM image loader as a Part 10 instance. Parsed files stay in memory for quick
 * re-opening, within a byte budget: the least recently used files no viewer shows are forgotten.
 */
export type LoadFile = (fileId: string) => Promise<ArrayBuffer>;

const MEMORY_BUDGET_BYTES = 512 * 1024 * 1024;

interface FileEntry {
  readonly ready: Promise<void>;
  /** Size once parsed; 0 while loading, and a loading file is never evicted. */
  bytes: number;
  /** Image ids decoded from this file (one per frame shown), so they can be dropped with it. */
  readonly imageIds: Set<string>;
}

const sources = new Map<string, { loadFile: LoadFile; bindings: number }>();
/** Insertion order is recency: an entry is moved to the end on every use. */
const files = new Map<string, FileEntry>();
let heldBytes = 0;

/** Lets the loader fetch these files through `loadFile` until the returned function is called. */
export function bindFiles(fileIds: Iterable<string>, loadFile: LoadFile): () => void {
  const bound = [...new Set(fileIds)];
  for (const fileId of bound) {
    const source = sources.get(fileId);
    sources.set(fileId, { loadFile, bindings: (source?.bindings ?? 0) + 1 });
  }
  return () => {
    for (const fileId of bound) {
      const source = sources.get(fileId);
      if (!source) continue;
      if (source.bindings <= 1) sources.delete(fileId);
      else sources.set(fileId, { ...source, bindings: source.bindings - 1 });
    }
    evictOverBudget();
  };
}

function ensureFile(fileId: string): Promise<void> {
  const known = files.get(fileId);
  if (known) {
    files.delete(fileId);
    files.set(fileId, known);
    return known.ready;
  }
  const source = sources.get(fileId);
  if (!source) return Promise.reject(new Error(`No viewer is showing file ${fileId}`));
  const entry: FileEntry = {
    bytes: 0,
    imageIds: new Set(),
    ready: source.loadFile(fileId).then(async (bytes) => {
      if (bytes.byteLength === 0) throw new Error('The file is empty');
      const part10 = normalisePart10(await inflateIfDeflated(bytes));
      await prefetchPart10Instance(fileImageId(fileId), part10);
      entry.bytes = part10.byteLength;
      // A file that arrives after its slice timed out was dropped: it holds no budget.
      if (files.get(fileId) !== entry) return;
      heldBytes += part10.byteLength;
      evictOverBudget();
    }),
  };
  // A failed fetch is not remembered, so going back to the slice tries again.
  entry.ready.catch(() => {
    if (files.get(fileId) === entry) files.delete(fileId);
  });
  files.set(fileId, entry);
  return entry.ready;
}

function forget(fileId: string, entry: FileEntry): void {
  files.delete(fileId);
  heldBytes -= entry.bytes;
  for (const imageId of entry.imageIds) {
    if (cache.getImageLoadObject(imageId)) cache.removeImageLoadObject(imageId, { force: true });
  }
  metadataStore.clearQuery(MetadataEnums.MetadataModules.NATURALIZED, fileImageId(fileId));
}

function evictOverBudget(): void {
  for (const [fileId, entry] of files) {
    if (heldBytes <= MEMORY_BUDGET_BYTES) return;
    if (sources.has(fileId) || entry.bytes === 0) continue;
    forget(fileId, entry);
  }
}

/** A file still arriving when its slice timed out is dropped, so trying again fetches it anew. */
function dropIfPending(fileId: string): void {
  const entry = files.get(fileId);
  if (entry && entry.bytes === 0) files.delete(fileId);
}

function loadImage(imageId: string, options?: Record<string, unknown>): Types.IImageLoadObject {
  const fileId = fileIdOf(imageId);
  const work = ensureFile(fileId).then(() => {
    files.get(fileId)?.imageIds.add(imageId);
    return wadouri.loadImageFromNaturalizedMetadata(imageId, options).promise;
  });
  return { promise: withSliceTimeout(work, sliceTimeoutMs(), () => dropIfPending(fileId)) };
}

let registered = false;

/** Registers the `mejirushi:` scheme with Cornerstone (once). */
export function registerFileImageLoader(): void {
  if (registered) return;
  registerImageLoader(IMAGE_ID_SCHEME, loadImage);
  registered = true;
}

import { cache, registerImageLoader, type Types } from '@cornerstonejs/core';
import { prefetchPart10Instance, wadouri } from '@cornerstonejs/dicom-image-loader';
import { Enums as MetadataEnums, metaData as metadataStore } from '@cornerstonejs/metadata';
import { fileIdOf, fileImageId, IMAGE_ID_SCHEME } from './imageIds';
import { normalisePart10 } from '../dicom/normalisePart10';
import { sliceTimeoutMs, withSliceTimeout } from '../sliceTimeout';
import { frameCount, releaseEncodedPixels, type NaturalizedInstance } from './encodedPixels';
import { inflateIfDeflated } from './inflatePart10';

/**
 * DICOM bytes for the `mejirushi:` image ids. A mounted viewer binds its files to its own
 * `loadFile` (auth-aware, possibly served from the offline cache); each file is fetched once and
 * handed to the DICOM image loader as a Part 10 instance. Parsed files stay in memory for quick
 * re-opening, within a byte budget: the least recently used files no viewer shows are forgotten.
 * Once every frame of a file is decoded its encoded pixel data is let go (see encodedPixels): a
 * frame decoded again later (Cornerstone's cache evicted it) fetches the file again.
 */
export type LoadFile = (fileId: string) => Promise<ArrayBuffer>;

const MEMORY_BUDGET_BYTES = 512 * 1024 * 1024;
const NATURALIZED = MetadataEnums.MetadataModules.NATURALIZED;

interface FileEntry {
  /** The file parsed into the metadata store (again, after its encoded pixels were let go). */
  ready: Promise<void>;
  /** Size once parsed; 0 while loading, and a loading file is never evicted. */
  bytes: number;
  /** Image ids decoded from this file (one per frame shown), so they can be dropped with it. */
  readonly imageIds: Set<string>;
  /** Image ids decoded since the file was last parsed: when they are all its frames, its encoded pixels go. */
  readonly decoded: Set<string>;
  /** The encoded pixel data was let go: decoding a frame again needs the file parsed again. */
  released: boolean;
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

/** The file's entry once its bytes are parsed, fetching and parsing them when needed. */
function ensureFile(fileId: string): Promise<FileEntry> {
  const known = files.get(fileId);
  if (known) {
    files.delete(fileId);
    files.set(fileId, known);
    if (known.released) reparse(fileId, known);
    return known.ready.then(() => known);
  }
  const source = sources.get(fileId);
  if (!source) return Promise.reject(new Error(`No viewer is showing file ${fileId}`));
  const entry: FileEntry = { ready: Promise.resolve(), bytes: 0, imageIds: new Set(), decoded: new Set(), released: false };
  entry.ready = parse(fileId, source.loadFile).then((bytes) => {
    entry.bytes = bytes;
    // A file that arrives after its slice timed out was dropped: it holds no budget.
    if (files.get(fileId) !== entry) return;
    heldBytes += bytes;
    evictOverBudget();
  });
  // A failed fetch is not remembered, so going back to the slice tries again.
  entry.ready.catch(() => {
    if (files.get(fileId) === entry) files.delete(fileId);
  });
  files.set(fileId, entry);
  return entry.ready.then(() => entry);
}

/**
 * Fetches the file and hands it to the metadata store; answers its parsed size in bytes.
 * normalisePart10 only walks the top-level elements' byte ranges (about 1 ms on a 512² CT slice,
 * same buffer back when nothing needs rewriting); the full parse, with dcmjs, is the metadata
 * store's naturalisation inside prefetchPart10Instance.
 */
async function parse(fileId: string, loadFile: LoadFile): Promise<number> {
  const bytes = await loadFile(fileId);
  if (bytes.byteLength === 0) throw new Error('The file is empty');
  const part10 = normalisePart10(await inflateIfDeflated(bytes));
  await prefetchPart10Instance(fileImageId(fileId), part10);
  return part10.byteLength;
}

/** Parses a file again whose encoded pixels were let go; its budget share is already counted. */
function reparse(fileId: string, entry: FileEntry): void {
  const source = sources.get(fileId);
  entry.released = false;
  entry.decoded.clear();
  entry.ready = source ? parse(fileId, source.loadFile).then(() => undefined) : Promise.reject(new Error(`No viewer is showing file ${fileId}`));
  entry.ready.catch(() => {
    if (files.get(fileId) === entry) forget(fileId, entry);
  });
}

/** `imageId` of the file is decoded: once every frame is, the file's encoded pixel data goes. */
function noteDecoded(fileId: string, entry: FileEntry, imageId: string): void {
  if (files.get(fileId) !== entry || entry.released) return;
  entry.decoded.add(imageId);
  const natural = metadataStore.get(NATURALIZED, fileImageId(fileId)) as NaturalizedInstance | undefined;
  if (!natural || entry.decoded.size < frameCount(natural)) return;
  releaseEncodedPixels(natural);
  entry.released = true;
}

function forget(fileId: string, entry: FileEntry): void {
  files.delete(fileId);
  heldBytes -= entry.bytes;
  for (const imageId of entry.imageIds) {
    if (cache.getImageLoadObject(imageId)) cache.removeImageLoadObject(imageId, { force: true });
  }
  metadataStore.clearQuery(NATURALIZED, fileImageId(fileId));
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
  const work = ensureFile(fileId).then(async (entry) => {
    if (files.get(fileId) === entry) entry.imageIds.add(imageId);
    // The loader takes the frame's encoded bytes from the metadata store synchronously, before it
    // awaits anything: a release after this call cannot take them from under it.
    const image = await wadouri.loadImageFromNaturalizedMetadata(imageId, options).promise;
    noteDecoded(fileId, entry, imageId);
    return image;
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

/**
 * A picked file de-identified without holding it whole: its header (everything before Pixel
 * Data) is read, parsed, de-identified and written by src/core/deid (dcmjs; the elements it left
 * as they were copied from the bytes read: headerWrite.ts), and its Pixel Data
 * goes on as a slice of the picked file, so the result is a Blob of [new header, the file's own
 * pixel bytes] that the upload reads from disk as it sends. A DICOM video or an enhanced CT of
 * several hundred megabytes then costs its header, not its size three times over (bytes read,
 * data set parsed, file written).
 *
 * Only where pixels must be read (a preview, confirmed boxes to black out) or the file cannot be
 * cut before its Pixel Data (a deflated data set, elements after the pixels such as a digital
 * signature) is it read whole, and then only up to DeidLimits.wholeFileBytes: a larger one is
 * refused with a sentence, never read into a tab that could not hold it.
 */
import { deidentifyPart10, readPart10, type DeidReport, type PixelRedaction, type Part10File } from '../../src/core/deid/deidentify';
import { firstText } from '../../src/core/deid/dataSet';
import { nativeLayoutOf, nativePixelsOf, type NativeLayout } from '../../src/core/deid/nativePixels';
import type { DeidKey } from '../../src/core/deid/keyedHash';
import { elementsAsRead, writtenHeader } from '../../src/core/deid/headerWrite';
import { encapsulatedEnd, pixelDataStart, type ElementSpan } from '../../src/core/deid/pixelDataStart';
import type { DeidOptions } from '../../src/core/deid/policy';
import { bodyOf, type WrittenParts } from './writtenParts';

/**
 * What is read of a picked file: a Blob, or a picked File with the size the page sent (its `size`
 * then asks the browser nothing; its slices and reads go to the File).
 */
export type FileBytes = Pick<Blob, 'size' | 'slice' | 'arrayBuffer'>;

export interface DeidLimits {
  /**
   * The largest file read whole (a preview, a redaction, a file whose pixels cannot be passed
   * on): about three times this is held at once (bytes, data set, file written).
   */
  readonly wholeFileBytes: number;
  /** The largest header (the bytes before Pixel Data; an enhanced CT's per-frame attributes run to megabytes). */
  readonly headerBytes: number;
}

export const DEID_LIMITS: DeidLimits = { wholeFileBytes: 512 * 2 ** 20, headerBytes: 64 * 2 ** 20 };

/**
 * The first read of a file's head: most headers are a few KB (the bench's CT slices 1.2–1.9 KB, a
 * scanner's with private groups up to ~10 KB), so a CT slice is not read whole; a larger header
 * is read again, four times as far each time (64 KiB, then 256 KiB…). In a browser each Blob read
 * costs a string of tasks on the browser's IO thread whatever its size, so the check pass reads
 * many files' heads at once (headsAhead.ts): their bytes, not their reads, grow with this.
 */
export const HEAD_BYTES = 16 * 2 ** 10;

/** A file larger than a limit; its message is a sentence for the admin. */
export class TooLargeError extends Error {
  override readonly name = 'TooLargeError';
}

const megabytes = (bytes: number) => `${Math.ceil(bytes / 1e6)} MB`;

export interface WrittenFile {
  /** The de-identified file to send (a Blob over the picked file's pixel bytes where streamed). */
  readonly body: Blob;
  /** Bytes of `body` held in memory; the rest is read from the picked file as it is sent. */
  readonly inMemory: number;
}

export interface DeidentifiedFile {
  /**
   * The file to send, written when asked: a check needs only what the data set says, and in a
   * browser each Blob made (the body, its slice of the picked file) is a round trip to the
   * browser process.
   */
  written(): WrittenFile;
  /** The same file as parts (its new bytes, where the picked file's resume), for the page to make the body. */
  parts(): WrittenParts;
  readonly report: DeidReport;
  /** The de-identified data set and meta group as read (without Pixel Data where streamed). */
  readonly file: Part10File;
  readonly hasPixelData: boolean;
  /** Whether its pixels can be changed here, from the header and the Pixel Data's length alone. */
  readonly pixels: NativeLayout;
}

const writtenOf = (picked: FileBytes, parts: WrittenParts): WrittenFile => ({ body: bodyOf(picked, parts), inMemory: parts.header.byteLength });

async function bytesOf(file: FileBytes, start: number, end: number): Promise<Uint8Array<ArrayBuffer>> {
  // The whole file read as it is: a slice is one more Blob for the browser process to make.
  const part = start === 0 && end >= file.size ? file : file.slice(start, end);
  return new Uint8Array(await part.arrayBuffer());
}

/** How far the first read of `file` goes. */
export const headSize = (file: FileBytes): number => Math.min(file.size, HEAD_BYTES);

/** A file's first bytes, as far as the first read goes: enough to tell DICOM, and most often to find its Pixel Data. */
export function headOf(file: FileBytes): Promise<Uint8Array<ArrayBuffer>> {
  return bytesOf(file, 0, headSize(file));
}

interface PixelSpan {
  /** The file's bytes before Pixel Data. */
  readonly header: Uint8Array;
  /** Pixel Data as an element (tag to end of value) in the file. */
  readonly start: number;
  readonly end: number;
  /** Its value's length; null when encapsulated. */
  readonly length: number | null;
  /** Where each data set element before it lies in `header`. */
  readonly elements: ReadonlyMap<string, ElementSpan>;
}

/**
 * Where the header ends and the Pixel Data lies, or null when the file must be read whole to be
 * de-identified. `first`: the file's head as `headOf` read it, when the caller has it already.
 */
async function pixelSpanOf(file: FileBytes, limits: DeidLimits, first?: Uint8Array): Promise<PixelSpan | null> {
  for (let size = headSize(file); ; size = Math.min(file.size, size * 4)) {
    const head = first?.byteLength === size ? first : await bytesOf(file, 0, size);
    const found = pixelDataStart(head, size === file.size);
    const headerOver = found.kind === 'needMore' ? size >= limits.headerBytes : found.kind === 'found' && found.offset > limits.headerBytes;
    if (headerOver) throw new TooLargeError(`its header (the attributes before the pixels) is over ${megabytes(limits.headerBytes)}, more than is read here`);
    if (found.kind === 'needMore') continue;
    if (found.kind !== 'found') return null;
    let end: number;
    try {
      end = found.length === null ? await encapsulatedEnd(found.valueOffset, (at, length) => bytesOf(file, at, at + length)) : found.valueOffset + found.length;
    } catch {
      return null; // damaged pixel data: the whole-file path says what the library makes of it
    }
    if (end !== file.size) return null;
    return { header: head.subarray(0, found.offset), start: found.offset, end, length: found.length, elements: found.elements };
  }
}

/** The file read whole, when it is within the limit. */
export async function wholeFile(file: FileBytes, limits: DeidLimits): Promise<Uint8Array<ArrayBuffer>> {
  if (file.size > limits.wholeFileBytes) {
    throw new TooLargeError(`it is ${megabytes(file.size)}; files over ${megabytes(limits.wholeFileBytes)} are de-identified here only when their pixels can be passed on unread (uncompressed or encapsulated, nothing after the pixel data, no boxes to black out)`);
  }
  return bytesOf(file, 0, file.size);
}

/**
 * The file de-identified: streamed where it can be cut before its Pixel Data and `redact` is not
 * given, else read whole (within the limit) with `redact` applied. `head`: its first bytes as
 * `headOf` read them, so they are not read again. Throws NotDicomError (from readPart10) for a
 * file the library cannot read, TooLargeError over a limit.
 */
export async function deidentifyFile(picked: FileBytes, options: DeidOptions, key: DeidKey, limits: DeidLimits, redact?: PixelRedaction, head?: Uint8Array): Promise<DeidentifiedFile> {
  const span = redact ? null : await pixelSpanOf(picked, limits, head);
  if (!span) {
    const file = readPart10(await wholeFile(picked, limits));
    const report = await deidentifyPart10(file, options, key, redact);
    const parts = (): WrittenParts => ({ header: new Uint8Array(file.write()), bodyStart: picked.size, end: picked.size });
    return { written: () => writtenOf(picked, parts()), parts, report, file, hasPixelData: file.dict['7FE00010'] !== undefined, pixels: nativePixelsOf(file.dict, firstText(file.meta, '00020010')) };
  }
  const file = readPart10(span.header);
  const asRead = elementsAsRead(file.dict);
  const report = await deidentifyPart10(file, options, key);
  // The Pixel Data runs to the file's end (pixelSpanOf): the picked file's bytes from its start go on.
  const parts = (): WrittenParts => ({ header: writtenHeader(file, span.header, span.elements, asRead), bodyStart: span.start, end: picked.size });
  // Encapsulated frames have no one length; their syntax is refused before any length matters.
  const pixelBytes = span.length ?? Number.POSITIVE_INFINITY;
  return { written: () => writtenOf(picked, parts()), parts, report, file, hasPixelData: true, pixels: nativeLayoutOf(file.dict, firstText(file.meta, '00020010'), pixelBytes) };
}

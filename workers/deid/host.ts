/**
 * The de-identification worker's logic, free of the Worker itself: requests in, responses out
 * through `post` (with the buffers to transfer). Every request reads its file afresh and lets go
 * of it when answered (a check hands its written header to the page, within the job's budget), so
 * the worker holds one file at a time whatever the upload's size, and a cancel takes effect after
 * the file in hand. A file is read only as far as its Pixel Data where its pixels need not change
 * (streamedDeid.ts); a file over the limits is refused, never read.
 */
import type { DcmjsDataSet } from 'dcmjs';
import { burnedInReason } from '../../src/core/deid/burnedIn';
import { firstText } from '../../src/core/deid/dataSet';
import { deidentifyPart10, NotDicomError, readPart10 } from '../../src/core/deid/deidentify';
import { type DeidKey, importDeidKey } from '../../src/core/deid/keyedHash';
import { nativePixelsOf } from '../../src/core/deid/nativePixels';
import { pixelPreview } from '../../src/core/deid/pixelPreview';
import { burnedInCheckOf, type DeidOptions } from '../../src/core/deid/policy';
import { redactDataSet, RedactionRefused } from '../../src/core/deid/redactBurnedIn';
import type { CheckedFile, DeidRequest, DeidResponse, DeidTerms, FileCheck, KeptFile, PickedFile } from './messages';
import { headsAhead } from './headsAhead';
import { DEID_LIMITS, deidentifyFile, headOf, TooLargeError, wholeFile, type DeidentifiedFile, type DeidLimits, type FileBytes } from './streamedDeid';

export type Post = (response: DeidResponse, transfer: Transferable[]) => void;

export interface DeidHost {
  handle(request: DeidRequest): void;
  /** Resolves when no job or request is left (tests). */
  idle(): Promise<void>;
}

/** A Part 10 file says `DICM` after its 128-byte preamble; dcmjs reads nothing else. */
const PART10_HEAD_BYTES = 132;

const saysDicm = (head: Uint8Array) => head.length >= PART10_HEAD_BYTES && String.fromCharCode(...head.subarray(128, PART10_HEAD_BYTES)) === 'DICM';

/**
 * Null where the file is not DICOM (it goes as it is, for the server to refuse), told from its
 * head only: a slide or a video (gigabytes) is never read whole here; the upload sends it from
 * disk as it is. `work` gets the head, read once (headOf), so that a check is one read of a file.
 */
async function unlessNotDicom<T>(file: FileBytes, work: (head: Uint8Array) => Promise<T>, reading: Promise<Uint8Array> = headOf(file)): Promise<T | null> {
  const head = await reading;
  if (!saysDicm(head)) return null;
  try {
    return await work(head);
  } catch (error) {
    if (error instanceof NotDicomError) return null;
    throw error;
  }
}

interface Checked {
  readonly result: FileCheck;
  /** The file as the check wrote it, when it goes as it is (no boxes to black out) and `keep` took it. */
  readonly kept: KeptFile | null;
}

/**
 * `head`: the file's head being read (headsAhead), started while the files before it were checked;
 * `budget`: the job's, for the written files handed back.
 */
async function checkOne(picked: PickedFile, head: Promise<Uint8Array>, options: DeidOptions, key: DeidKey, limits: DeidLimits, budget: KeepBudget): Promise<Checked> {
  let result: DeidentifiedFile | null;
  try {
    const file = withSize(picked);
    result = await unlessNotDicom(file, (read) => deidentifyFile(file, options, key, limits, undefined, read), head);
  } catch (error) {
    if (error instanceof TooLargeError) return { result: { kind: 'refused', reason: error.message }, kept: null };
    throw error;
  }
  if (!result) return { result: { kind: 'notDicom' }, kept: null };
  const sopInstanceUid = result.report.sopInstanceUid;
  const reason = burnedInReason(result.file.dict, burnedInCheckOf(options), result.hasPixelData);
  if (!reason) return { result: { kind: 'deidentified', sopInstanceUid, burnedIn: null }, kept: keptOf(result, budget) };
  if (!result.pixels.ok) return { result: { kind: 'refused', reason: result.pixels.reason }, kept: null };
  return { result: { kind: 'deidentified', sopInstanceUid, burnedIn: { reason } }, kept: null };
}

/** Written once, here, where the check has the de-identified data set in hand; null past the budget. */
function keptOf(result: DeidentifiedFile, budget: KeepBudget): KeptFile | null {
  if (!budget.open()) return null;
  const parts = result.parts();
  return budget.take(parts.header.byteLength) ? { ...parts, report: result.report } : null;
}

interface KeepBudget {
  /** False once a header did not fit: no file is written again only to be dropped. */
  open(): boolean;
  /** Whether `bytes` more fit; counted when they do. */
  take(bytes: number): boolean;
}

function keepBudget(bytes: number): KeepBudget {
  let left = bytes;
  let open = bytes > 0;
  return {
    open: () => open,
    take(header) {
      open &&= header <= left;
      if (open) left -= header;
      return open;
    },
  };
}

/**
 * The picked file as a Blob of known size. Chromium asks the browser process for a picked File's
 * size (a synchronous round trip, milliseconds on a busy machine) at every `size` and every
 * `slice` of it, and a file's check asks several times; a slice of the whole file asks once.
 */
const sized = (file: Blob): Blob => file.slice();

/**
 * The picked file with the size the page sent: no Blob made to learn it (making one is a
 * synchronous call to the browser process too). Its slices, rarer, go to the File.
 */
const withSize = ({ file, size }: PickedFile): FileBytes => ({ size, slice: (start, end, type) => file.slice(start, end, type), arrayBuffer: () => file.arrayBuffer() });

/**
 * The longest a checked file waits to be reported: files checked within it go in one message
 * (about a frame; a progress line needs no more).
 */
export const PROGRESS_MS = 16;

const sentenceOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** `limits`: how much of a file may be read (DEID_LIMITS in the browser; tests give small ones). */
export function createDeidHost(post: Post, limits: DeidLimits = DEID_LIMITS): DeidHost {
  const cancelled = new Set<string>();
  const running = new Set<Promise<void>>();
  // Each request carries the client's key; making a DeidKey is a few µs (keyedHash.ts), so none is kept between requests.
  const keyOf = (terms: DeidTerms): DeidKey => importDeidKey(new Uint8Array(terms.key));

  function warm(request: Extract<DeidRequest, { type: 'warm' }>): void {
    try {
      keyOf(request);
      post({ type: 'warmed', requestId: request.requestId }, []);
    } catch (error) {
      post({ type: 'error', requestId: request.requestId, sentence: `De-identification cannot start: ${sentenceOf(error)}` }, []);
    }
  }

  async function deidentify(request: Extract<DeidRequest, { type: 'deidentify' }>): Promise<void> {
    const { jobId } = request;
    const files = request.files;
    const bytesTotal = files.reduce((sum, picked) => sum + picked.size, 0);
    let bytesDone = 0;
    let done = 0;
    const budget = keepBudget(request.keepBytes);
    let checked: CheckedFile[] = [];
    let timer: ReturnType<typeof setTimeout> | null = null;
    const report = () => {
      if (timer !== null) clearTimeout(timer);
      timer = null;
      if (checked.length === 0) return;
      const transfer = checked.flatMap(({ kept }) => (kept ? [kept.header.buffer] : []));
      post({ type: 'progress', jobId, checked, done, total: files.length, bytesDone, bytesTotal }, transfer);
      checked = [];
    };
    try {
      const key = keyOf(request);
      // Heads are read many files at a time, the next run while this one is checked: a read waits
      // on the browser process, the check on this thread.
      const headOfFile = headsAhead(files);
      for (const [index, picked] of files.entries()) {
        if (cancelled.has(jobId)) break;
        const { result, kept } = await checkOne(picked, headOfFile(index), request.options, key, limits, budget);
        done += 1;
        bytesDone += picked.size;
        checked.push({ index: picked.index, result, kept });
        // Reported when the thread is next free after PROGRESS_MS: between reads of later files.
        timer ??= setTimeout(report, PROGRESS_MS);
      }
      report();
      post({ type: 'finished', jobId, done, total: files.length, cancelled: done < files.length }, []);
    } catch (error) {
      report(); // the files checked before it stand
      post({ type: 'error', jobId, sentence: `De-identification stopped: ${sentenceOf(error)}` }, []);
    } finally {
      cancelled.delete(jobId);
    }
  }

  async function preview(request: Extract<DeidRequest, { type: 'preview' }>): Promise<void> {
    try {
      // Read whole: every frame is shown. De-identified first, as the check judged it.
      const picked = sized(request.file);
      const file = await unlessNotDicom(picked, async () => {
        const read = readPart10(await wholeFile(picked, limits));
        await deidentifyPart10(read, request.options, keyOf(request));
        return read;
      });
      if (!file || !burnedInReason(file.dict, burnedInCheckOf(request.options))) throw new Error('the file is no longer one to check for burned-in text');
      const pixels = nativePixelsOf(file.dict, firstText(file.meta, '00020010'));
      if (!pixels.ok) throw new Error(pixels.reason);
      const made = pixelPreview(pixels.data, pixels.layout);
      post({ type: 'previewed', requestId: request.requestId, preview: made }, [made.rgba.buffer]);
    } catch (error) {
      post({ type: 'error', requestId: request.requestId, sentence: `The image could not be shown: ${sentenceOf(error)}` }, []);
    }
  }

  async function prepare(request: Extract<DeidRequest, { type: 'prepare' }>): Promise<void> {
    try {
      const { confirmed } = request;
      // Confirmed boxes are blacked out as part of de-identification (the file then read whole).
      const redact = confirmed ? async (dataSet: DcmjsDataSet, transferSyntax: string) => redactDataSet(dataSet, transferSyntax, confirmed.reason, confirmed.boxes) : undefined;
      const key = keyOf(request);
      const picked = sized(request.file);
      const result = await unlessNotDicom(picked, (head) => deidentifyFile(picked, request.options, key, limits, redact, head));
      if (!result) throw new Error('the file is no longer DICOM');
      const parts = result.parts();
      post({ type: 'prepared', requestId: request.requestId, parts, report: result.report }, [parts.header.buffer]);
    } catch (error) {
      const sentence = error instanceof RedactionRefused ? `The text could not be blacked out: ${error.message}.` : `The file could not be prepared: ${sentenceOf(error)}`;
      post({ type: 'error', requestId: request.requestId, sentence }, []);
    }
  }

  const track = (work: Promise<void>) => {
    const tracked = work.finally(() => running.delete(tracked));
    running.add(tracked);
  };

  return {
    handle(request) {
      switch (request.type) {
        case 'deidentify':
          track(deidentify(request));
          break;
        case 'cancel':
          cancelled.add(request.jobId);
          break;
        case 'preview':
          track(preview(request));
          break;
        case 'prepare':
          track(prepare(request));
          break;
        case 'warm':
          warm(request);
          break;
      }
    },
    async idle() {
      while (running.size > 0) await Promise.all(running);
    },
  };
}

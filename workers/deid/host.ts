/**
 * The de-identification worker's logic, free of the Worker itself: requests in, responses out
 * through `post` (with the buffers to transfer). Every request reads its file afresh and lets go
 * of it when answered, so the worker holds one file at a time whatever the upload's size, and a
 * cancel takes effect after the file in hand.
 */
import { burnedInReason } from '../../src/core/deid/burnedIn';
import { firstText } from '../../src/core/deid/dataSet';
import { deidentifyDicom, NotDicomError, readPart10, type DeidResult } from '../../src/core/deid/deidentify';
import { importDeidKey } from '../../src/core/deid/keyedHash';
import { nativePixelsOf } from '../../src/core/deid/nativePixels';
import { pixelPreview } from '../../src/core/deid/pixelPreview';
import { burnedInCheckOf, type DeidOptions } from '../../src/core/deid/policy';
import { redactDeidentified, RedactionRefused } from '../../src/core/deid/redactBurnedIn';
import type { DeidRequest, DeidResponse, DeidTerms, FileCheck, PickedFile } from './messages';

export type Post = (response: DeidResponse, transfer: Transferable[]) => void;

export interface DeidHost {
  handle(request: DeidRequest): void;
  /** Resolves when no job or request is left (tests). */
  idle(): Promise<void>;
}

const ownBuffer = (bytes: Uint8Array): ArrayBuffer =>
  bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? (bytes.buffer as ArrayBuffer) : (bytes.slice().buffer as ArrayBuffer);

/** A Part 10 file says `DICM` after its 128-byte preamble; dcmjs reads nothing else. */
const PART10_HEAD_BYTES = 132;

/**
 * Whether the file may be DICOM, from its first bytes only: a slide or a video (gigabytes) is
 * never read whole here; the upload sends it from disk as it is.
 */
async function mayBeDicom(file: Blob): Promise<boolean> {
  const head = new Uint8Array(await file.slice(0, PART10_HEAD_BYTES).arrayBuffer());
  return head.length === PART10_HEAD_BYTES && String.fromCharCode(...head.subarray(128)) === 'DICM';
}

/** The file de-identified, or null when it is not DICOM. */
async function deidentified(file: Blob, options: DeidOptions, key: CryptoKey): Promise<DeidResult | null> {
  if (!(await mayBeDicom(file))) return null;
  try {
    return await deidentifyDicom(new Uint8Array(await file.arrayBuffer()), options, key);
  } catch (error) {
    if (error instanceof NotDicomError) return null;
    throw error;
  }
}

/** The de-identified file's native pixels, when the policy asks for its burned-in text to be checked. */
function flaggedPixels(result: DeidResult, options: DeidOptions) {
  const file = readPart10(result.bytes);
  const reason = burnedInReason(file.dict, burnedInCheckOf(options));
  return reason ? { reason, pixels: nativePixelsOf(file.dict, firstText(file.meta, '00020010')) } : null;
}

async function checkOne(picked: PickedFile, options: DeidOptions, key: CryptoKey): Promise<FileCheck> {
  const result = await deidentified(picked.file, options, key);
  if (!result) return { kind: 'notDicom' };
  const sopInstanceUid = result.report.sopInstanceUid;
  const flagged = flaggedPixels(result, options);
  if (!flagged) return { kind: 'deidentified', sopInstanceUid, burnedIn: null };
  if (!flagged.pixels.ok) return { kind: 'refused', reason: flagged.pixels.reason };
  return { kind: 'deidentified', sopInstanceUid, burnedIn: { reason: flagged.reason } };
}

const sentenceOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
const keyOf = (terms: DeidTerms) => importDeidKey(new Uint8Array(terms.key));

export function createDeidHost(post: Post): DeidHost {
  const cancelled = new Set<string>();
  const running = new Set<Promise<void>>();

  async function deidentify(request: Extract<DeidRequest, { type: 'deidentify' }>): Promise<void> {
    const { jobId, files } = request;
    const bytesTotal = files.reduce((sum, picked) => sum + picked.file.size, 0);
    let bytesDone = 0;
    let done = 0;
    try {
      const key = await keyOf(request);
      for (const picked of files) {
        if (cancelled.has(jobId)) break;
        post({ type: 'started', jobId, index: picked.index, name: picked.name }, []);
        const result = await checkOne(picked, request.options, key);
        done += 1;
        bytesDone += picked.file.size;
        post({ type: 'progress', jobId, index: picked.index, result, done, total: files.length, bytesDone, bytesTotal }, []);
      }
      post({ type: 'finished', jobId, done, total: files.length, cancelled: done < files.length }, []);
    } catch (error) {
      post({ type: 'error', jobId, sentence: `De-identification stopped: ${sentenceOf(error)}` }, []);
    } finally {
      cancelled.delete(jobId);
    }
  }

  async function preview(request: Extract<DeidRequest, { type: 'preview' }>): Promise<void> {
    try {
      const result = await deidentified(request.file, request.options, await keyOf(request));
      const flagged = result && flaggedPixels(result, request.options);
      if (!flagged) throw new Error('the file is no longer one to check for burned-in text');
      if (!flagged.pixels.ok) throw new Error(flagged.pixels.reason);
      const made = pixelPreview(flagged.pixels.data, flagged.pixels.layout);
      post({ type: 'previewed', requestId: request.requestId, preview: made }, [made.rgba.buffer]);
    } catch (error) {
      post({ type: 'error', requestId: request.requestId, sentence: `The image could not be shown: ${sentenceOf(error)}` }, []);
    }
  }

  async function prepare(request: Extract<DeidRequest, { type: 'prepare' }>): Promise<void> {
    try {
      const result = await deidentified(request.file, request.options, await keyOf(request));
      if (!result) throw new Error('the file is no longer DICOM');
      const { confirmed } = request;
      const { bytes, report } = confirmed ? redactDeidentified(result.bytes, result.report, confirmed.reason, confirmed.boxes) : result;
      const buffer = ownBuffer(bytes);
      post({ type: 'prepared', requestId: request.requestId, bytes: buffer, report }, [buffer]);
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
      }
    },
    async idle() {
      while (running.size > 0) await Promise.all(running);
    },
  };
}

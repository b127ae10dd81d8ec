/**
 * The de-identification worker's logic, free of the Worker itself: requests in, responses out
 * through `post` (with the buffers to transfer). Files are read and de-identified one at a time,
 * so memory holds one original at once and a cancel takes effect after the file in hand.
 */
import { burnedInReason } from '../../src/core/deid/burnedIn';
import { firstText } from '../../src/core/deid/dataSet';
import { deidentifyDicom, NotDicomError, readPart10 } from '../../src/core/deid/deidentify';
import { importDeidKey } from '../../src/core/deid/keyedHash';
import { nativePixelsOf } from '../../src/core/deid/nativePixels';
import { pixelPreview } from '../../src/core/deid/pixelPreview';
import { burnedInCheckOf, type DeidOptions } from '../../src/core/deid/policy';
import { redactDeidentified, RedactionRefused } from '../../src/core/deid/redactBurnedIn';
import type { DeidRequest, DeidResponse, FileResult, PickedFile } from './messages';

export type Post = (response: DeidResponse, transfer: Transferable[]) => void;

export interface DeidHost {
  handle(request: DeidRequest): void;
  /** Resolves when no job is left (tests). */
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

async function deidentifyOne(picked: PickedFile, options: DeidOptions, key: CryptoKey): Promise<FileResult> {
  if (!(await mayBeDicom(picked.file))) return { kind: 'notDicom' };
  let deidentified;
  try {
    deidentified = await deidentifyDicom(new Uint8Array(await picked.file.arrayBuffer()), options, key);
  } catch (error) {
    if (error instanceof NotDicomError) return { kind: 'notDicom' };
    throw error;
  }
  const file = readPart10(deidentified.bytes);
  const reason = burnedInReason(file.dict, burnedInCheckOf(options));
  if (!reason) return { kind: 'deidentified', bytes: ownBuffer(deidentified.bytes), report: deidentified.report, burnedIn: null };
  const pixels = nativePixelsOf(file.dict, firstText(file.meta, '00020010'));
  if (!pixels.ok) return { kind: 'refused', reason: pixels.reason };
  return { kind: 'deidentified', bytes: ownBuffer(deidentified.bytes), report: deidentified.report, burnedIn: { reason, preview: pixelPreview(pixels.data, pixels.layout) } };
}

const transfersOf = (result: FileResult): Transferable[] =>
  result.kind === 'deidentified' ? [result.bytes, ...(result.burnedIn ? [result.burnedIn.preview.rgba.buffer] : [])] : [];

const sentenceOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function createDeidHost(post: Post): DeidHost {
  const cancelled = new Set<string>();
  const running = new Set<Promise<void>>();

  async function deidentify(request: Extract<DeidRequest, { type: 'deidentify' }>): Promise<void> {
    const { jobId, files } = request;
    const bytesTotal = files.reduce((sum, picked) => sum + picked.file.size, 0);
    let bytesDone = 0;
    let done = 0;
    try {
      const key = await importDeidKey(new Uint8Array(request.key));
      for (const picked of files) {
        if (cancelled.has(jobId)) break;
        post({ type: 'started', jobId, index: picked.index, name: picked.name }, []);
        const result = await deidentifyOne(picked, request.options, key);
        done += 1;
        bytesDone += picked.file.size;
        post({ type: 'progress', jobId, index: picked.index, result, done, total: files.length, bytesDone, bytesTotal }, transfersOf(result));
      }
      post({ type: 'finished', jobId, done, total: files.length, cancelled: done < files.length }, []);
    } catch (error) {
      post({ type: 'error', jobId, sentence: `De-identification stopped: ${sentenceOf(error)}` }, []);
    } finally {
      cancelled.delete(jobId);
    }
  }

  function redact(request: Extract<DeidRequest, { type: 'redact' }>): void {
    try {
      const { bytes, report } = redactDeidentified(new Uint8Array(request.bytes), request.report, request.reason, request.boxes);
      post({ type: 'redacted', requestId: request.requestId, bytes: ownBuffer(bytes), report }, [bytes.buffer]);
    } catch (error) {
      const sentence = error instanceof RedactionRefused ? `The text could not be blacked out: ${error.message}.` : `The text could not be blacked out: ${sentenceOf(error)}`;
      post({ type: 'error', requestId: request.requestId, sentence }, []);
    }
  }

  return {
    handle(request) {
      switch (request.type) {
        case 'deidentify': {
          const job = deidentify(request).finally(() => running.delete(job));
          running.add(job);
          break;
        }
        case 'cancel':
          cancelled.add(request.jobId);
          break;
        case 'redact':
          redact(request);
          break;
      }
    },
    async idle() {
      while (running.size > 0) await Promise.all(running);
    },
  };
}

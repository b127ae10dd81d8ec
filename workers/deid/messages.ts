/**
 * The de-identification worker's protocol. Every message is plain data (bytes and previews
 * transferred, never copied), so tests drive the worker's logic in-process exactly as the page
 * drives the worker.
 *
 * An upload makes a check pass over the picked files (`deidentify`: what will become of each
 * file, which images a person must check for burned-in text), then, once every flagged image is
 * confirmed, sends each file when its turn comes. The check hands back each file it de-identified
 * as written (`kept`: the new header and where the picked file's own bytes resume, a few KB for a
 * CT slice) up to the job's `keepBytes`, so that file is sent without being de-identified again;
 * past that budget, and for a flagged image (its boxes blacked out), `prepare` reads the file
 * again from its `File` (a handle on disk). The page never holds a file's pixels; a flagged
 * image's preview is made again (`preview`) when it is shown or given to the detector.
 */
import type { BurnedInReason } from '../../src/core/deid/burnedIn';
import type { DeidReport } from '../../src/core/deid/deidentify';
import type { PixelPreview } from '../../src/core/deid/pixelPreview';
import type { DeidOptions } from '../../src/core/deid/policy';
import type { RedactionBox } from '../../src/core/deid/redactPixels';
import type { WrittenParts } from './writtenParts';

export interface PickedFile {
  /** Its place in the upload (the page's row). */
  readonly index: number;
  readonly file: Blob;
  /** Its size as the page read it: in a browser each `size` or `slice` of a picked File asks the browser process for it again. */
  readonly size: number;
}

/** The policy a file is de-identified under: its options and the project key (raw bytes). */
export interface DeidTerms {
  readonly options: DeidOptions;
  readonly key: ArrayBuffer;
}

/** Boxes a person confirmed on a flagged image (maybe none), to black out in every frame. */
export interface ConfirmedBoxes {
  readonly reason: BurnedInReason;
  readonly boxes: readonly RedactionBox[];
}

export type DeidRequest =
  /**
   * Checks `files` in turn, reporting after each; hands back each file that needs no boxes as
   * written while the headers handed back add up to no more than `keepBytes`.
   */
  | ({ readonly type: 'deidentify'; readonly jobId: string; readonly files: readonly PickedFile[]; readonly keepBytes: number } & DeidTerms)
  /** Stops a job after the file in hand; what is done stays done. */
  | { readonly type: 'cancel'; readonly jobId: string }
  /** The preview of a flagged image, read again from its file. */
  | ({ readonly type: 'preview'; readonly requestId: string; readonly file: Blob } & DeidTerms)
  /** A file's bytes to send: read again, de-identified, and with `confirmed`, its boxes blacked out. */
  | ({ readonly type: 'prepare'; readonly requestId: string; readonly file: Blob; readonly confirmed: ConfirmedBoxes | null } & DeidTerms)
  /**
   * Answered once the worker can check: sent when the upload screen starts it, before files are
   * picked, so its modules are evaluated and the key checked by then (each request brings its key).
   */
  | ({ readonly type: 'warm'; readonly requestId: string } & DeidTerms);

/** A file the check de-identified, as it will be sent (the body made by `bodyOf` over the picked file), and its report. */
export interface KeptFile extends WrittenParts {
  readonly report: DeidReport;
}

/** One picked file checked. */
export interface CheckedFile {
  readonly index: number;
  readonly result: FileCheck;
  /** The file as written (its header transferred), or null: past the budget, flagged, or not de-identified. */
  readonly kept: KeptFile | null;
}

/** What the check found for one picked file. */
export type FileCheck =
  /** It de-identifies to this SOP Instance UID; `burnedIn` when a person must check it for burned-in text first. */
  | {
      readonly kind: 'deidentified';
      readonly sopInstanceUid: string;
      readonly burnedIn: { readonly reason: BurnedInReason } | null;
    }
  /** Not DICOM: sent as it is, for the server to refuse with its reason. */
  | { readonly kind: 'notDicom' }
  /** Must be checked for burned-in text but its pixels cannot be changed here: not uploaded. */
  | { readonly kind: 'refused'; readonly reason: string };

export type DeidResponse =
  /**
   * Files checked since the last progress, in order: one message per PROGRESS_MS at most, since
   * in a browser each message is a hop between threads (the headers transferred together). The
   * files are checked in the order sent, the next one started as soon as one is done; the counts
   * are this job's files only, so the upload screen, which deals a pass out to several workers
   * (checkPool.ts), counts what it has handed on itself and names the file in hand from that.
   */
  | {
      readonly type: 'progress';
      readonly jobId: string;
      readonly checked: readonly CheckedFile[];
      readonly done: number;
      readonly total: number;
      readonly bytesDone: number;
      readonly bytesTotal: number;
    }
  | { readonly type: 'finished'; readonly jobId: string; readonly done: number; readonly total: number; readonly cancelled: boolean }
  | { readonly type: 'warmed'; readonly requestId: string }
  | { readonly type: 'previewed'; readonly requestId: string; readonly preview: PixelPreview }
  /**
   * The file as written (its header transferred): the page makes the body over the picked file
   * (`bodyOf`), so no Blob is made here and none crosses back.
   */
  | { readonly type: 'prepared'; readonly requestId: string; readonly parts: WrittenParts; readonly report: DeidReport }
  /** A sentence a person can act on; the job or request it ends. */
  | { readonly type: 'error'; readonly jobId?: string; readonly requestId?: string; readonly sentence: string };

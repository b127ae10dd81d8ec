/**
 * The de-identification worker's protocol. Every message is plain data (bytes and previews
 * transferred, never copied), so tests drive the worker's logic in-process exactly as the page
 * drives the worker.
 *
 * An upload makes two passes over the picked files, each file read again from its `File` (a
 * handle on disk, not its bytes): a check (`deidentify`: what will become of each file, which
 * images a person must check for burned-in text) that keeps nothing, then, once every flagged
 * image is confirmed, `prepare` per file as it is sent. Between the two the page holds no file's
 * bytes, only what the check said; a flagged image's preview is made again (`preview`) when it
 * is shown or given to the detector.
 */
import type { BurnedInReason } from '../../src/core/deid/burnedIn';
import type { DeidReport } from '../../src/core/deid/deidentify';
import type { PixelPreview } from '../../src/core/deid/pixelPreview';
import type { DeidOptions } from '../../src/core/deid/policy';
import type { RedactionBox } from '../../src/core/deid/redactPixels';

export interface PickedFile {
  /** Its place in the upload (the page's row). */
  readonly index: number;
  /** As picked (maybe the patient's name): shown back to the page only, never part of the result. */
  readonly name: string;
  readonly file: Blob;
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
  /** Checks `files` in turn (de-identifies each and keeps nothing), reporting after each. */
  | ({ readonly type: 'deidentify'; readonly jobId: string; readonly files: readonly PickedFile[] } & DeidTerms)
  /** Stops a job after the file in hand; what is done stays done. */
  | { readonly type: 'cancel'; readonly jobId: string }
  /** The preview of a flagged image, read again from its file. */
  | ({ readonly type: 'preview'; readonly requestId: string; readonly file: Blob } & DeidTerms)
  /** A file's bytes to send: read again, de-identified, and with `confirmed`, its boxes blacked out. */
  | ({ readonly type: 'prepare'; readonly requestId: string; readonly file: Blob; readonly confirmed: ConfirmedBoxes | null } & DeidTerms);

/** What the check found for one picked file; no bytes: they are made again when the file is sent. */
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
  | {
      readonly type: 'progress';
      readonly jobId: string;
      readonly index: number;
      readonly result: FileCheck;
      readonly done: number;
      readonly total: number;
      readonly bytesDone: number;
      readonly bytesTotal: number;
    }
  /** A file started: its picked name, for the page to show as the current one. */
  | { readonly type: 'started'; readonly jobId: string; readonly index: number; readonly name: string }
  | { readonly type: 'finished'; readonly jobId: string; readonly done: number; readonly total: number; readonly cancelled: boolean }
  | { readonly type: 'previewed'; readonly requestId: string; readonly preview: PixelPreview }
  /**
   * `body`: the file to send, a Blob (cloned by reference, never copied) whose pixel bytes may be a
   * slice of the picked file; `inMemory`: how much of it is held in memory (the new header where
   * the pixels were passed on unread).
   */
  | { readonly type: 'prepared'; readonly requestId: string; readonly body: Blob; readonly inMemory: number; readonly report: DeidReport }
  /** A sentence a person can act on; the job or request it ends. */
  | { readonly type: 'error'; readonly jobId?: string; readonly requestId?: string; readonly sentence: string };

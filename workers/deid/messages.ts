/**
 * The conversation between the upload screen and the de-identification worker. Every message is
 * plain data (file bytes and previews transferred, never copied), so tests drive the worker's
 * logic in-process exactly as the page drives the worker.
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

export type DeidRequest =
  /** De-identifies `files` in turn with the project key (raw bytes), reporting after each. */
  | { readonly type: 'deidentify'; readonly jobId: string; readonly options: DeidOptions; readonly key: ArrayBuffer; readonly files: readonly PickedFile[] }
  /** Stops a job after the file in hand; what is done stays done. */
  | { readonly type: 'cancel'; readonly jobId: string }
  /** Blacks out confirmed boxes in a de-identified file (every frame). */
  | {
      readonly type: 'redact';
      readonly requestId: string;
      readonly bytes: ArrayBuffer;
      readonly report: DeidReport;
      readonly reason: BurnedInReason;
      readonly boxes: readonly RedactionBox[];
    };

/** What became of one picked file. */
export type FileResult =
  /** De-identified; `burnedIn` when a person must check it for burned-in text first. */
  | {
      readonly kind: 'deidentified';
      readonly bytes: ArrayBuffer;
      readonly report: DeidReport;
      readonly burnedIn: { readonly reason: BurnedInReason; readonly preview: PixelPreview } | null;
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
      readonly result: FileResult;
      readonly done: number;
      readonly total: number;
      readonly bytesDone: number;
      readonly bytesTotal: number;
    }
  /** A file started: its picked name, for the page to show as the current one. */
  | { readonly type: 'started'; readonly jobId: string; readonly index: number; readonly name: string }
  | { readonly type: 'finished'; readonly jobId: string; readonly done: number; readonly total: number; readonly cancelled: boolean }
  | { readonly type: 'redacted'; readonly requestId: string; readonly bytes: ArrayBuffer; readonly report: DeidReport }
  /** A sentence a person can act on; the job or request it ends. */
  | { readonly type: 'error'; readonly jobId?: string; readonly requestId?: string; readonly sentence: string };

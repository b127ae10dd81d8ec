import type { ApiError } from './accounts';
import type { IdentifyingFinding } from '../deid/identifying';

/** Outcome per file of an import (CLI or POST /api/datasets/:id/files with application/dicom). */
export type FileImportOutcome =
  | {
      readonly file: string;
      readonly status: 'imported';
      readonly itemId: string;
      /** The DICOM instance's UID; absent for a slide file (SVS, TIFF…), which has none. */
      readonly sopInstanceUid?: string;
      /** What the importer changed to accept the file (absent when nothing). */
      readonly warnings?: readonly ImportWarning[];
    }
  | { readonly file: string; readonly status: 'duplicate'; readonly itemId: string; readonly sopInstanceUid?: string }
  | {
      readonly file: string;
      readonly status: 'refused';
      /** An English sentence (the CLI prints it); `code` says the same for other languages. */
      readonly reason: string;
      readonly code?: ImportRefusalCode;
      /** Code stillIdentifying: what the dataset's de-identification policy found (attributes, no values). */
      readonly identifying?: readonly IdentifyingFinding[];
    };

/** Refusals a user can act on without reading the English `reason` (each has an i18n message). */
export type ImportRefusalCode =
  | 'wholeSlide'
  | 'inflatedTooLarge'
  | 'framesMissing'
  | 'undecodable'
  | 'decodeTimedOut'
  /** A TIFF-family file no slide reader can open. */
  | 'slideUnreadable'
  /** A slide file that ends before the data its header points to. */
  | 'slideTruncated'
  /** A slide larger than the server accepts (pixels or bytes). */
  | 'slideTooLarge'
  /** A JPEG or PNG still that does not decode whole (truncated, corrupt) or is beyond libvips's pixel limit. */
  | 'imageUnreadable'
  /** A video (MP4, WebM) ffprobe/ffmpeg cannot read frame by frame, or without a video stream. */
  | 'videoUnreadable'
  /** The dataset requires de-identified DICOM and the file still carries identifying attributes (listed in `identifying`). */
  | 'stillIdentifying'
  /** The dataset requires de-identified DICOM and the file is not DICOM (stills and videos have no de-identification yet). */
  | 'notDeidentifiable'
  /** Under a de-identification policy: a DICOM whole-slide LABEL or OVERVIEW instance, which pictures the glass label. */
  | 'slideLabelDropped'
  /** Its import job was cancelled while this file was being built: nothing of it was kept. */
  | 'stoppedByCancel';

/** A UID attribute the importer may have to make up. */
export type ReplacedUid = 'StudyInstanceUID' | 'SeriesInstanceUID' | 'SOPInstanceUID';

/** A change made to an accepted file; the stored file carries it, so every viewer agrees. */
export type ImportWarning =
  | { readonly code: 'uidReplaced'; readonly attribute: ReplacedUid; readonly problem: 'missing' | 'invalid'; readonly replacement: string }
  | { readonly code: 'fileMetaAdded'; readonly transferSyntaxUid: string };

export interface ImportReport {
  readonly outcomes: readonly FileImportOutcome[];
  /** Items (series, slides or frame sets) created or extended. */
  readonly itemIds: readonly string[];
}

/**
 * A slide's or a video's import, run by the server after its upload is stored (POST /api/datasets/:id/files
 * answers 202 with it); GET /api/import-jobs/:id (admin or uploader) and
 * GET /api/datasets/:id/import-jobs (admin) tell where it stands.
 */
export type ImportJob = ImportJobIdentity & ImportJobState;

export interface ImportJobIdentity {
  readonly id: string;
  readonly datasetId: string;
  /** The uploaded file's name; a folder of stills: the folder's name ending in `/`. */
  readonly fileName: string;
  /**
   * One uploaded file (a slide, a video), a folder of stills made one frame set (progress counts
   * stills, the report has one outcome per still), or a pull from a PACS (progress counts
   * instances, the report has one outcome per instance), or a slide uploaded into a dataset whose
   * policy requires de-identification (de-identified by the job, then built as any slide; its
   * name is the de-identified slide's once known).
   */
  readonly kind: ImportJobKind;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export type ImportJobKind = 'file' | 'stillsFolder' | 'dicomwebPull' | 'deidSlide' | 'stagedUpload';

/**
 * Opening the file, de-identifying a slide (percent of its bytes copied), writing the pyramid's
 * tiles (a video's frames, a PACS's instances), then storing the tile pack and the item.
 */
export type ImportJobPhase = 'opening' | 'deidentifying' | 'tiles' | 'frames' | 'instances' | 'storing';

/** A PACS pull's counts while it runs: instances decided (imported, duplicate or refused) of those the PACS listed, and the bytes received. */
export interface ImportJobCounts {
  readonly done: number;
  readonly total: number;
  readonly bytes: number;
}

/** Why a job failed: its file's refusal, the server stopping during it, or an unforeseen error. */
export type ImportJobFailureCode = ImportRefusalCode | 'serverStopped' | 'importFailed';

export type ImportJobState =
  | { readonly state: 'queued' }
  /**
   * `percent`: tiles written of the pyramid (phase tiles), frames decoded of a video (phase
   * frames) or instances pulled (phase instances, with their `counts`), 0–100. `cancelRequested`:
   * a cancel was asked for (on any instance) and the job is being stopped; it ends `cancelled`.
   */
  | { readonly state: 'building'; readonly phase: ImportJobPhase; readonly percent: number; readonly counts?: ImportJobCounts; readonly cancelRequested: boolean }
  | { readonly state: 'done'; readonly report: ImportReport }
  /** `reason`: an English sentence; `report` names the file as refused with it. */
  | { readonly state: 'failed'; readonly code: ImportJobFailureCode; readonly reason: string; readonly report: ImportReport }
  /**
   * Stopped by its owner or an admin (POST /api/import-jobs/:id/cancel): the file in hand is
   * stopped (reported with code stoppedByCancel, nothing of it kept), a PACS pull at its next
   * instance; `report` holds what was imported before, which stays.
   */
  | { readonly state: 'cancelled'; readonly report: ImportReport };

/** The answer to an upload: the import report at once, or the job building a slide. */
export type UploadAnswer = ImportReport | ImportJob;

/** A still of a folder upload, in the blob store, waiting for its folder's import (POST /api/datasets/:id/stills/files). */
export interface StagedStill {
  readonly sha256: string;
  readonly size: number;
}

/** A folder's staged stills by the names they had in it, imported as one frame set by an import job (POST /api/datasets/:id/stills → 202 ImportJob). */
export interface StillsImportRequest {
  readonly files: readonly { readonly name: string; readonly sha256: string }[];
}

/**
 * An admin's staged upload session (POST /api/datasets/:id/staged-uploads): files are sent one a
 * request (POST /api/staged-uploads/:id/files/:index) and imported only when the session is
 * committed (POST …/commit answers 202 with the import job of kind `stagedUpload`, whose report
 * has one outcome per imported file); DELETE /api/staged-uploads/:id discards everything.
 */
export interface StagedUpload {
  readonly id: string;
  readonly datasetId: string;
}

/** A staged file: kept until the commit, or refused by the dataset's policy (nothing kept). */
export type StagedFileAnswer =
  | { readonly index: number; readonly staged: true; readonly size: number }
  | { readonly index: number; readonly staged: false; readonly outcome: FileImportOutcome };

/**
 * One part of a batch (POST /api/staged-uploads/:id/files, src/core/staged/stagedParts.ts): what
 * the per-file route would have answered for it alone, its error included (`status` the HTTP
 * status that route would have given), so one bad file does not fail the files beside it.
 */
export type StagedPartAnswer = StagedFileAnswer | { readonly index: number; readonly staged: false; readonly status: number; readonly error: ApiError };

/** The batch's answer: one per part, in the parts' order. */
export interface StagedBatchAnswer {
  readonly answers: readonly StagedPartAnswer[];
}

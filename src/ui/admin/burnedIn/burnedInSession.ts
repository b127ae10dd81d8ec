/**
 * An upload waiting on its burned-in text check: the images a person must confirm (their files,
 * read again to show them and to send them), their boxes, and what goes for the other rows.
 * Nothing here holds a file's pixels: a row keeps its `File`, what the check said of it and, within
 * the upload's budget, the header the check wrote for it.
 */
import type { BurnedInReason } from '../../../core/deid/burnedIn';
import type { PixelPreview } from '../../../core/deid/pixelPreview';
import type { FileCheck, KeptFile } from '../../../../workers/deid/messages';
import { KEPT_FILES_BYTES, uploadSourceOf, type UploadSource } from '../deidentifyUpload';
import { releasable, type HeldBytes } from '../heldBytes';
import type { DeidJob, DeidProgress, DeidWorkerClient } from './deidWorkerClient';
import type { ImageReview } from './reviewBoxes';

export interface FlaggedImage {
  /** The upload row. */
  readonly index: number;
  /** Its de-identified name (the new SOP Instance UID), never the picked one. */
  readonly name: string;
  readonly reason: BurnedInReason;
  /** As picked: a handle on the file, not its bytes. */
  readonly file: Blob;
}

export interface BurnedInCheckSession {
  readonly flagged: FlaggedImage[];
  /** One per flagged image, in the same order. */
  readonly reviews: readonly ImageReview[];
  readonly detector: string | null;
  /** Per upload row: what goes once every image is confirmed (null: nothing, or a flagged image). */
  readonly sources: readonly (UploadSource | null)[];
  /** The flagged images' previews for the review screen. */
  readonly previews: ReviewPreviews;
  /**
   * Lets go of what the upload still holds (the kept headers of files not sent, a preview): call
   * it when the upload ends, sent or not; what was let go already is not counted twice.
   */
  readonly release: () => void;
}

/** The image to check, when the worker flagged this file; null otherwise. */
export function flaggedImageOf(index: number, file: Blob, check: FileCheck): FlaggedImage | null {
  if (check.kind !== 'deidentified' || !check.burnedIn) return null;
  return { index, name: `${check.sopInstanceUid}.dcm`, reason: check.burnedIn.reason, file };
}

export interface ReviewPreviews {
  /** The preview of flagged image `index`, made again from its file. */
  load(index: number): Promise<PixelPreview>;
  /** Lets go of the one shown: the review is over, and a load still under way holds nothing. */
  release(): void;
}

/** Previews for the review screen, one shown at a time: the last loaded is held, the one before it let go. */
export function reviewPreviews(client: DeidWorkerClient, held: HeldBytes, flagged: readonly FlaggedImage[]): ReviewPreviews {
  let releaseShown = () => {};
  let over = false;
  return {
    async load(index) {
      const preview = await client.preview(flagged[index]!.file);
      if (over) return preview;
      releaseShown();
      releaseShown = held.hold(preview.rgba.byteLength);
      return preview;
    },
    release() {
      over = true;
      releaseShown();
    },
  };
}

/**
 * The check pass over the picked files (in the worker): fills the session as each file is checked.
 * `refused`: a row that must be checked for burned-in text but cannot be (nothing goes for it);
 * `keepBytes`: how many header bytes of checked files the page keeps to send them as checked;
 * `onSource`: a row ready to go as soon as it is checked (a staged upload sends it at once), with
 * what the check found (a staged upload takes de-identified files only).
 */
export function checkUpload(
  client: DeidWorkerClient,
  held: HeldBytes,
  files: readonly File[],
  refused: (index: number, reason: string) => void,
  onProgress: (progress: DeidProgress) => void,
  keepBytes: number = KEPT_FILES_BYTES,
  onSource: (index: number, source: UploadSource, check: FileCheck) => void = () => {},
): { readonly job: DeidJob; readonly session: BurnedInCheckSession } {
  const sources: (UploadSource | null)[] = files.map(() => null);
  const flagged: FlaggedImage[] = [];
  const upload = releasable(held);
  const session: BurnedInCheckSession = { flagged, reviews: [], detector: null, sources, previews: reviewPreviews(client, upload, flagged), release: () => upload.releaseAll() };
  const onFile = (index: number, check: FileCheck, kept: KeptFile | null) => {
    const file = files[index]!;
    const image = flaggedImageOf(index, file, check);
    if (image) return void flagged.push(image);
    const source = uploadSourceOf(client, upload, file, file.webkitRelativePath || file.name, check, null, kept);
    if ('refused' in source) refused(index, source.refused);
    else {
      sources[index] = source;
      onSource(index, source, check);
    }
  };
  return { job: client.deidentify(files, onFile, onProgress, keepBytes), session };
}

/**
 * An upload waiting on its burned-in text check: the images a person must confirm (de-identified
 * bytes and report held until then), their boxes, and the other files ready to send.
 */
import type { BurnedInReason } from '../../../core/deid/burnedIn';
import type { DeidReport } from '../../../core/deid/deidentify';
import type { PixelPreview } from '../../../core/deid/pixelPreview';
import type { FileResult } from '../../../../workers/deid/messages';
import type { PreparedUpload } from '../deidentifyUpload';
import type { ImageReview } from './reviewBoxes';

export interface FlaggedImage {
  /** The upload row. */
  readonly index: number;
  /** Its de-identified name (the new SOP Instance UID), never the picked one. */
  readonly name: string;
  readonly reason: BurnedInReason;
  readonly preview: PixelPreview;
  readonly bytes: ArrayBuffer;
  readonly report: DeidReport;
}

export interface BurnedInCheckSession {
  readonly flagged: FlaggedImage[];
  /** One per flagged image, in the same order. */
  readonly reviews: readonly ImageReview[];
  readonly detector: string | null;
  /** Per upload row: what goes once every image is confirmed (null: nothing, or a flagged image). */
  readonly prepared: readonly (PreparedUpload | null)[];
}

/** The image to check, when the worker flagged this file; null otherwise. */
export function flaggedImageOf(index: number, result: FileResult): FlaggedImage | null {
  if (result.kind !== 'deidentified' || !result.burnedIn) return null;
  return { index, name: `${result.report.sopInstanceUid}.dcm`, reason: result.burnedIn.reason, preview: result.burnedIn.preview, bytes: result.bytes, report: result.report };
}

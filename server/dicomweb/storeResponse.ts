/**
 * The STOW-RS store response (PS3.18 §10.5.3): ReferencedSOPSequence for instances stored (or
 * already there: a duplicate is the same instance), FailedSOPSequence for those refused, with a
 * Failure Reason and, as dcm4chee does, the reason in words.
 */
import type { FileImportOutcome } from '../../src/core/api';
import { attribute, type DicomJson } from './dicomJson';

/** "Cannot understand": the instance was refused for what it holds (PS3.4 Annex GG). */
export const FAILURE_CANNOT_UNDERSTAND = 0xc000;

export interface StoredPart {
  readonly sopClassUid: string;
  readonly sopInstanceUid: string;
  readonly outcome: FileImportOutcome;
  /** Where the stored instance can be retrieved (WADO-RS). */
  readonly retrieveUrl: string | null;
}

export function storeResponse(parts: readonly StoredPart[]): { status: 200 | 202 | 409; body: DicomJson } {
  const referenced = parts.filter((part) => part.outcome.status !== 'refused');
  const failed = parts.filter((part) => part.outcome.status === 'refused');
  const body: DicomJson = {};
  if (referenced.length > 0) {
    body['00081199'] = {
      vr: 'SQ',
      Value: referenced.map((part) => ({
        '00081150': attribute('UI', part.sopClassUid),
        '00081155': attribute('UI', part.sopInstanceUid),
        '00081190': attribute('UR', part.retrieveUrl),
      })),
    };
  }
  if (failed.length > 0) {
    body['00081198'] = {
      vr: 'SQ',
      Value: failed.map((part) => ({
        '00081150': attribute('UI', part.sopClassUid),
        '00081155': attribute('UI', part.sopInstanceUid),
        '00081197': attribute('US', FAILURE_CANNOT_UNDERSTAND),
        '00000902': attribute('LO', part.outcome.status === 'refused' ? part.outcome.reason : null),
      })),
    };
  }
  const status = failed.length === 0 ? 200 : referenced.length === 0 ? 409 : 202;
  return { status, body };
}

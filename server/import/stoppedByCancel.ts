/**
 * A file whose build a cancel stopped (its job's AbortSignal): reported refused with its own code,
 * so the job's report says which file was stopped. Nothing of it is kept: its tool was killed,
 * its work folder removed, and no blob, tile pack or row of it was written.
 */
import type { FileImportOutcome } from '../../src/core/api';

export const STOPPED_BY_CANCEL_REASON = 'stopped by a cancel while it was being imported: nothing of it was kept';

export function stoppedByCancel(file: string): FileImportOutcome {
  return { file, status: 'refused', reason: STOPPED_BY_CANCEL_REASON, code: 'stoppedByCancel' };
}

/**
 * One DICOM instance de-identified in memory on the server with a dataset's policy options and the
 * project key (the library the admin's browser runs, src/core/deid): the step the CLI importer
 * (deidentifyFiles.ts) and a pull from a PACS (dicomweb/pull.ts) share. Its caller then runs the
 * gate (judgeDeid / enforceDeidPolicy) on what comes back, so nothing leaves here unchecked.
 *
 * Bytes no DICOM reader takes come back as they were, for the gate to refuse with its sentence.
 * An instance whose pixels the policy wants a person to check, where none can, is refused with
 * the sentence the pixel step gives.
 */
import { burnedInReason } from '../../src/core/deid/burnedIn';
import { deidentifyDicom, NotDicomError, type DeidReport, type PixelRedaction } from '../../src/core/deid/deidentify';
import type { DeidKey } from '../../src/core/deid/keyedHash';
import { burnedInCheckOf, type DeidOptions } from '../../src/core/deid/policy';
import { RedactionRefused } from '../../src/core/deid/redactBurnedIn';

export type InstanceDeid =
  /** `report`: null when the bytes are not DICOM (handed on unchanged for the gate to refuse). */
  | { readonly refused: false; readonly bytes: Uint8Array; readonly report: DeidReport | null }
  /** A sentence naming why and what to do, never the instance's content. */
  | { readonly refused: true; readonly reason: string };

export async function deidentifyInstance(bytes: Uint8Array, options: DeidOptions, key: DeidKey, pixelStep?: PixelRedaction): Promise<InstanceDeid> {
  try {
    const deidentified = await deidentifyDicom(bytes, options, key, pixelStep);
    return { refused: false, bytes: deidentified.bytes, report: deidentified.report };
  } catch (error) {
    if (error instanceof RedactionRefused) return { refused: true, reason: `not imported: ${error.message}` };
    if (error instanceof NotDicomError) return { refused: false, bytes, report: null };
    throw error;
  }
}

/**
 * The burned-in text step where no person can confirm boxes (a pull; the CLI without a
 * confirmation file): an instance the policy asks to check is refused, `advice` saying what to do.
 */
export function unconfirmedPixelStep(options: DeidOptions, advice: string): PixelRedaction {
  return (dataSet) => {
    const reason = burnedInReason(dataSet, burnedInCheckOf(options));
    if (!reason) return Promise.resolve(null);
    return Promise.reject(new RedactionRefused(`it may carry burned-in text (${reason}) and the policy asks for a check: ${advice}`));
  };
}

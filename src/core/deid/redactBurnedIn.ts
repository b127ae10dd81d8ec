/**
 * The pixel step of de-identification: boxes a person confirmed (or a confirmation file names)
 * blacked out in every frame of a de-identified file, Burned In Annotation set to NO and the Clean
 * Pixel Data Option (113101) added to the method codes only when something was blacked out, and
 * the report told where (boxes, never what the text said).
 */
import type { DcmjsDataSet } from 'dcmjs';
import type { BurnedInReason } from './burnedIn';
import { firstText } from './dataSet';
import { readPart10, type DeidReport } from './deidentify';
import { nativePixelsOf } from './nativePixels';
import { redactPixels, type RedactionBox } from './redactPixels';

export const CLEAN_PIXEL_DATA_CODE = { value: '113101', meaning: 'Clean Pixel Data Option' } as const;

/** What the report keeps of a file checked for burned-in text. */
export interface BurnedInReport {
  readonly reason: BurnedInReason;
  /** `redacted`: boxes blacked out; `noneFound`: a person looked and confirmed no text. */
  readonly status: 'redacted' | 'noneFound';
  /** Image px, origin top-left, as blacked out in every frame. */
  readonly boxes: readonly RedactionBox[];
  readonly frames: number;
}

/** Thrown when a file's pixels cannot be changed here; the sentence says why. */
export class RedactionRefused extends Error {
  override readonly name = 'RedactionRefused';
}

/** Blacks out `boxes` in the data set (changed in place) and marks it; throws RedactionRefused. */
export function redactDataSet(dataSet: DcmjsDataSet, transferSyntax: string, reason: BurnedInReason, boxes: readonly RedactionBox[]): BurnedInReport {
  const pixels = nativePixelsOf(dataSet, transferSyntax);
  if (!pixels.ok) throw new RedactionRefused(pixels.reason);
  const done = redactPixels(pixels.data, pixels.layout, boxes);
  if (done.length === 0) return { reason, status: 'noneFound', boxes: [], frames: pixels.layout.frames };
  dataSet['00280301'] = { vr: 'CS', Value: ['NO'] };
  const codes = dataSet['00120064']?.Value as DcmjsDataSet[] | undefined;
  if (codes && !codes.some((item) => firstText(item, '00080100') === CLEAN_PIXEL_DATA_CODE.value)) {
    codes.push({
      '00080100': { vr: 'SH', Value: [CLEAN_PIXEL_DATA_CODE.value] },
      '00080102': { vr: 'SH', Value: ['DCM'] },
      '00080104': { vr: 'LO', Value: [CLEAN_PIXEL_DATA_CODE.meaning] },
    });
  }
  return { reason, status: 'redacted', boxes: done, frames: pixels.layout.frames };
}

/** The second pass over a de-identified file (in the browser, after a person confirmed its boxes). */
export function redactDeidentified(bytes: Uint8Array, report: DeidReport, reason: BurnedInReason, boxes: readonly RedactionBox[]): { bytes: Uint8Array<ArrayBuffer>; report: DeidReport } {
  const file = readPart10(bytes);
  const burnedIn = redactDataSet(file.dict, firstText(file.meta, '00020010'), reason, boxes);
  const methodCodes = burnedIn.status === 'redacted' && !report.methodCodes.includes(CLEAN_PIXEL_DATA_CODE.value) ? [...report.methodCodes, CLEAN_PIXEL_DATA_CODE.value] : report.methodCodes;
  return { bytes: new Uint8Array(file.write()), report: { ...report, methodCodes, burnedIn } };
}

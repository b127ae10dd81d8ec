/**
 * A dataset's de-identification policy (PS3.15 Annex E): `off` stores files as given (datasets
 * made before policies existed), `required` admits only DICOM files that the Basic Application
 * Level Confidentiality Profile, with the options chosen here, has been applied to.
 */
import type { BurnedInCheck } from './burnedIn';

/** The Annex E options a policy may select (Table E.1-1's columns). */
export interface DeidOptions {
  /**
   * Retain Longitudinal Temporal Information: `off` removes dates and times as the basic profile
   * does; `modifiedDates` shifts every date by a per-patient keyed number of days (times kept);
   * `fullDates` keeps dates and times.
   */
  readonly temporal: 'off' | 'modifiedDates' | 'fullDates';
  /** Retain Patient Characteristics: sex, age, size, weight, smoking, pregnancy… */
  readonly retainPatientCharacteristics: boolean;
  /** Retain Device Identity: station name, device serial number, detector and plate ids… */
  readonly retainDeviceIdentity: boolean;
  /** Clean Descriptors: keep study/series descriptions, protocol names, comments with the file's own identifiers cut out. */
  readonly cleanDescriptors: boolean;
  /** Clean Structured Content: keep SR content sequences, cleaned as descriptors, person names replaced. */
  readonly cleanStructuredContent: boolean;
  /** Retain Safe Private: keep the private attributes on the safe-list (safePrivate.ts); all others removed. */
  readonly retainSafePrivate: boolean;
  /**
   * Burned-in text (Clean Pixel Data): which images a person must check, and have its boxes
   * blacked out, before upload; absent (policies made before the check existed): `likely`.
   */
  readonly burnedInCheck?: BurnedInCheck;
}

export function burnedInCheckOf(options: DeidOptions): BurnedInCheck {
  return options.burnedInCheck ?? 'likely';
}

export type DeidPolicy =
  | { readonly mode: 'off' }
  | {
      readonly mode: 'required';
      readonly options: DeidOptions;
      /** The project key the keyed hashes (UIDs, date shifts) use; the key itself never leaves the server but to an admin. */
      readonly keyId: string;
    };

export const BASIC_PROFILE_ONLY: DeidOptions = {
  temporal: 'off',
  retainPatientCharacteristics: false,
  retainDeviceIdentity: false,
  cleanDescriptors: false,
  cleanStructuredContent: false,
  retainSafePrivate: false,
};

/** A code of CID 7050 (De-identification Method), written into De-identification Method Code Sequence. */
export interface DeidMethodCode {
  readonly value: string;
  readonly meaning: string;
}

export const BASIC_PROFILE_CODE: DeidMethodCode = { value: '113100', meaning: 'Basic Application Confidentiality Profile' };

/** The profile's code, then one code per option applied, in the order of CID 7050. */
export function methodCodesOf(options: DeidOptions): DeidMethodCode[] {
  const codes = [BASIC_PROFILE_CODE];
  if (options.cleanStructuredContent) codes.push({ value: '113104', meaning: 'Clean Structured Content Option' });
  if (options.cleanDescriptors) codes.push({ value: '113105', meaning: 'Clean Descriptors Option' });
  if (options.temporal === 'fullDates') codes.push({ value: '113106', meaning: 'Retain Longitudinal Temporal Information Full Dates Option' });
  if (options.temporal === 'modifiedDates') codes.push({ value: '113107', meaning: 'Retain Longitudinal Temporal Information Modified Dates Option' });
  if (options.retainPatientCharacteristics) codes.push({ value: '113108', meaning: 'Retain Patient Characteristics Option' });
  if (options.retainDeviceIdentity) codes.push({ value: '113109', meaning: 'Retain Device Identity Option' });
  if (options.retainSafePrivate) codes.push({ value: '113111', meaning: 'Retain Safe Private Option' });
  return codes;
}

/** Parses a stored or sent option set; null when it is not one. */
export function parseDeidOptions(value: unknown): DeidOptions | null {
  if (typeof value !== 'object' || value === null) return null;
  const record = value as Record<string, unknown>;
  const temporal = record.temporal;
  if (temporal !== 'off' && temporal !== 'modifiedDates' && temporal !== 'fullDates') return null;
  const flags = ['retainPatientCharacteristics', 'retainDeviceIdentity', 'cleanDescriptors', 'cleanStructuredContent', 'retainSafePrivate'] as const;
  if (!flags.every((flag) => typeof record[flag] === 'boolean')) return null;
  // Absent stays absent (burnedInCheckOf reads it as `likely`), so a stored policy reads back as stored.
  const burnedInCheck = record.burnedInCheck;
  if (burnedInCheck !== undefined && burnedInCheck !== 'off' && burnedInCheck !== 'likely' && burnedInCheck !== 'all') return null;
  return {
    temporal,
    retainPatientCharacteristics: record.retainPatientCharacteristics as boolean,
    retainDeviceIdentity: record.retainDeviceIdentity as boolean,
    cleanDescriptors: record.cleanDescriptors as boolean,
    cleanStructuredContent: record.cleanStructuredContent as boolean,
    retainSafePrivate: record.retainSafePrivate as boolean,
    ...(burnedInCheck !== undefined ? { burnedInCheck } : {}),
  };
}

/**
 * A de-identification report as it arrives from a browser: checked to be what deidentify.ts
 * writes (attribute paths, keywords, outcomes; no free text), so a stored report can hold no
 * patient data whoever sent it.
 */
import type { DeidOutcome, DeidReport, DeidReportEntry } from './deidentify';
import type { DeidReason } from './resolveAction';

const OUTCOMES: ReadonlySet<string> = new Set<DeidOutcome>(['removed', 'emptied', 'replaced', 'remapped', 'shifted', 'cleaned', 'kept']);
const REASONS: ReadonlySet<string> = new Set<DeidReason>(['basic', 'temporal', 'patientCharacteristics', 'deviceIdentity', 'cleanDescriptors', 'cleanStructuredContent', 'safePrivate']);
const PATH = /^(\([0-9A-F]{4},[0-9A-F]{4}\)(\[\d+\]\.)?)+$/;
const KEYWORD = /^[A-Za-z]{1,64}$/;
const UID = /^[0-9.]{1,64}$/;
const CODE = /^\d{6}$/;
/** More entries than any real file's: a bound on what one request may store. */
export const MAX_REPORT_ENTRIES = 10_000;

export function parseDeidReport(value: unknown): DeidReport | null {
  if (typeof value !== 'object' || value === null) return null;
  const { sopInstanceUid, methodCodes, dayShift, entries } = value as Record<string, unknown>;
  if (typeof sopInstanceUid !== 'string' || !UID.test(sopInstanceUid)) return null;
  if (!Array.isArray(methodCodes) || !methodCodes.every((code) => typeof code === 'string' && CODE.test(code))) return null;
  if (dayShift !== null && !(typeof dayShift === 'number' && Number.isInteger(dayShift))) return null;
  if (!Array.isArray(entries) || entries.length > MAX_REPORT_ENTRIES) return null;
  const parsed: DeidReportEntry[] = [];
  for (const entry of entries as unknown[]) {
    if (typeof entry !== 'object' || entry === null) return null;
    const { path, keyword, outcome, by } = entry as Record<string, unknown>;
    if (typeof path !== 'string' || !PATH.test(path) || typeof keyword !== 'string' || !KEYWORD.test(keyword)) return null;
    if (typeof outcome !== 'string' || !OUTCOMES.has(outcome) || typeof by !== 'string' || !REASONS.has(by)) return null;
    parsed.push({ path, keyword, outcome: outcome as DeidOutcome, by: by as DeidReason });
  }
  return { sopInstanceUid, methodCodes: methodCodes as string[], dayShift: dayShift as number | null, entries: parsed };
}

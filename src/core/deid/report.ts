/**
 * A de-identification report as it arrives from a browser: checked to be what deidentify.ts
 * writes (attribute paths, keywords, outcomes; no free text), so a stored report can hold no
 * patient data whoever sent it.
 */
import type { DeidOutcome, DeidReport, DeidReportEntry } from './deidentify';
import { BURNED_IN_REASONS, type BurnedInReason } from './burnedIn';
import type { BurnedInReport } from './redactBurnedIn';
import type { RedactionBox } from './redactPixels';
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
  const { sopInstanceUid, methodCodes, dayShift, entries, burnedIn } = value as Record<string, unknown>;
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
  const report = { sopInstanceUid, methodCodes: methodCodes as string[], dayShift: dayShift as number | null, entries: parsed };
  if (burnedIn === undefined) return report;
  const checked = parseBurnedIn(burnedIn);
  return checked ? { ...report, burnedIn: checked } : null;
}

/** More boxes than any real overlay has: a bound on what one report may store. */
const MAX_BOXES = 1_000;
const REASONS_BURNED_IN: ReadonlySet<string> = new Set(BURNED_IN_REASONS);
const isCount = (value: unknown, min: number): value is number => typeof value === 'number' && Number.isInteger(value) && value >= min && value <= 65_535;

/** Reason, status, frame count and integer boxes, nothing else (no text could hide in it). */
function parseBurnedIn(value: unknown): BurnedInReport | null {
  if (typeof value !== 'object' || value === null) return null;
  const { reason, status, boxes, frames } = value as Record<string, unknown>;
  if (typeof reason !== 'string' || !REASONS_BURNED_IN.has(reason) || (status !== 'redacted' && status !== 'noneFound') || !isCount(frames, 1)) return null;
  if (!Array.isArray(boxes) || boxes.length > MAX_BOXES) return null;
  const parsed: RedactionBox[] = [];
  for (const box of boxes as unknown[]) {
    if (typeof box !== 'object' || box === null) return null;
    const { x, y, width, height } = box as Record<string, unknown>;
    if (!isCount(x, 0) || !isCount(y, 0) || !isCount(width, 1) || !isCount(height, 1)) return null;
    parsed.push({ x, y, width, height });
  }
  if ((status === 'redacted') !== parsed.length > 0) return null;
  return { reason: reason as BurnedInReason, status, boxes: parsed, frames };
}

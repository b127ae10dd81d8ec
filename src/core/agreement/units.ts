import type { Reading, ReadingValue } from './readings';

/** Every reader's answer on one unit (an item, or one of its slices, frames or regions). */
export interface AgreementUnit {
  readonly itemId: string;
  readonly targetKey: string;
  /** By reader id. */
  readonly values: ReadonlyMap<string, ReadingValue>;
  /** The latest reading's time (ISO-8601 UTC): what "over time" buckets by. */
  readonly latestAt: string;
}

/**
 * Readings grouped by question, then by unit; units sorted by item and target so the figures and
 * their bootstrap draws do not depend on the order readings arrive in. A reader's later reading
 * of a unit replaces an earlier one. O(readings log readings).
 */
export function unitsByQuestion(readings: readonly Reading[]): Map<string, AgreementUnit[]> {
  const grouped = new Map<string, Map<string, { itemId: string; targetKey: string; values: Map<string, ReadingValue>; at: Map<string, string>; latestAt: string }>>();
  for (const reading of readings) {
    const units = grouped.get(reading.questionId) ?? new Map();
    grouped.set(reading.questionId, units);
    const key = `${reading.itemId}\u0000${reading.targetKey}`;
    const unit = units.get(key) ?? { itemId: reading.itemId, targetKey: reading.targetKey, values: new Map(), at: new Map(), latestAt: reading.at };
    units.set(key, unit);
    const previous = unit.at.get(reading.readerId);
    if (previous !== undefined && previous > reading.at) continue;
    unit.values.set(reading.readerId, reading.value);
    unit.at.set(reading.readerId, reading.at);
    if (reading.at > unit.latestAt) unit.latestAt = reading.at;
  }
  const out = new Map<string, AgreementUnit[]>();
  for (const [questionId, units] of grouped) {
    const sorted = [...units.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    out.set(questionId, sorted.map(([, { itemId, targetKey, values, latestAt }]) => ({ itemId, targetKey, values, latestAt })));
  }
  return out;
}

/** Reader ids that appear in these units, sorted. */
export function readersOf(units: readonly AgreementUnit[]): string[] {
  return [...new Set(units.flatMap((unit) => [...unit.values.keys()]))].sort();
}

/** Every pair of readers, each once, in order. */
export function readerPairs(readers: readonly string[]): (readonly [string, string])[] {
  return readers.flatMap((a, i) => readers.slice(i + 1).map((b) => [a, b] as const));
}

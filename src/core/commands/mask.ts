import type { Mask } from '../annotation';
import { jsonEqual } from '../jsonEqual';
import { countSet, normalizeRuns } from '../mask';
import { checkRecord, CommandError, humanCreated, humanUpdated, requireClass, type Command } from './types';

/** Id of the mask record a command creates: one labelmap per (target, class). */
export function maskId(targetId: string, classCode: string): string {
  return `mask:${targetId}:${classCode}`;
}

/**
 * Replaces the labelmap of one class on one target, e.g. the result of a brush stroke captured
 * from the viewer. An empty labelmap removes the record.
 */
export const setMask: Command<'mask/set'> = {
  name: 'mask/set',
  run(ctx, doc, { targetId, classCode, width, height, runs }) {
    requireClass('mask/set', ctx, classCode);
    if (!Array.isArray(runs)) throw new CommandError('mask/set', 'runs must be an array');
    const existing = Object.values(doc.records).find(
      (r): r is Mask => r.type === 'mask' && r.targetId === targetId && r.classCode === classCode,
    );
    const id = existing?.id ?? maskId(targetId, classCode);
    // Validate as written, so a bad run is reported before normalising could hide it.
    const candidate = checkRecord('mask/set', ctx, {
      type: 'mask',
      id,
      targetId,
      classCode,
      width,
      height,
      runs: [...runs],
      provenance: existing ? humanUpdated(ctx, existing.provenance) : humanCreated(ctx),
    } satisfies Mask);
    const next: Mask = { ...candidate, runs: normalizeRuns(runs) };
    if (countSet(next.runs) === 0) return existing ? { [id]: [existing, null] } : {};
    if (existing && existing.width === width && existing.height === height && jsonEqual(normalizeRuns(existing.runs), next.runs)) {
      return {};
    }
    return { [id]: [existing ?? null, next] };
  },
};

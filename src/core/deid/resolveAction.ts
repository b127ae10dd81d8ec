/**
 * What Table E.1-1 and a policy's options say to do with one attribute: the one decision both
 * de-identification (deidentify.ts) and the check of an upload (identifying.ts) read, so what
 * the browser does and what the server admits cannot drift apart.
 */
import { actionRowOf, type DeidAction } from './actionTable';
import type { InstanceKind } from './instanceKind';
import type { DeidOptions } from './policy';
import { isSafeCreator, isSafePrivate } from './safePrivate';

/** What decided an action: the basic profile, or the option that changed it. */
export type DeidReason = 'basic' | 'temporal' | 'patientCharacteristics' | 'deviceIdentity' | 'cleanDescriptors' | 'cleanStructuredContent' | 'safePrivate';

export interface ResolvedAction {
  readonly action: DeidAction;
  readonly by: DeidReason;
  /** The table's keyword, or `Private` for a private attribute. */
  readonly keyword: string;
}

const DATE_AND_TIME_VRS = new Set(['DA', 'DT', 'TM']);

/** Birth dates identify a patient however shifted: no temporal option keeps them. */
const NEVER_TEMPORAL = new Set(['PatientBirthDate', 'PatientBirthTime']);

/** A data set's private creator names, by block (`gggg00xx` → creator). */
export type PrivateCreators = ReadonlyMap<string, string>;

/**
 * The action for `tag` (8 upper-case hex digits) of VR `vr` in an instance of kind `kind`; null for
 * a public attribute the table does not list (kept as it is; a sequence's items are still walked).
 */
export function resolveAction(tag: string, vr: string, options: DeidOptions, creators: PrivateCreators, kind: InstanceKind): ResolvedAction | null {
  if (isPrivateTag(tag)) return resolvePrivate(tag, options, creators);
  const row = actionRowOf(tag);
  if (!row) return null;
  const { keyword } = row;
  const removes = row.basic === 'X' || row.basic === 'Z' || row.basic === 'D';
  if (removes && options.temporal !== 'off' && DATE_AND_TIME_VRS.has(vr) && !NEVER_TEMPORAL.has(keyword)) {
    // Modified dates: dates and date-times shifted (C); times of day say nothing on their own.
    const action = options.temporal === 'modifiedDates' && vr !== 'TM' ? 'C' : 'K';
    return { action, by: 'temporal', keyword };
  }
  const columns = [
    ['patientCharacteristics', options.retainPatientCharacteristics],
    ['deviceIdentity', options.retainDeviceIdentity],
    ['cleanDescriptors', options.cleanDescriptors],
    ['cleanStructuredContent', options.cleanStructuredContent],
  ] as const;
  for (const [column, selected] of columns) {
    const action = row.options?.[column];
    if (selected && action) return { action, by: column, keyword };
  }
  return { action: (kind === 'enhanced' ? row.enhanced : undefined) ?? row.basic, by: 'basic', keyword };
}

function resolvePrivate(tag: string, options: DeidOptions, creators: PrivateCreators): ResolvedAction {
  const remove: ResolvedAction = { action: 'X', by: 'basic', keyword: 'Private' };
  if (!options.retainSafePrivate) return remove;
  const group = tag.slice(0, 4);
  const element = Number.parseInt(tag.slice(4), 16);
  // A creator element (gggg,0010–00FF) stays when its block may hold safe attributes: they mean nothing without it.
  const safe = element >= 0x10 && element <= 0xff ? isSafeCreator(group, creators.get(tag)) : isSafePrivate(tag, creators.get(`${group}00${tag.slice(4, 6)}`));
  return safe ? { action: 'K', by: 'safePrivate', keyword: 'Private' } : remove;
}

export function isPrivateTag(tag: string): boolean {
  return Number.parseInt(tag.slice(3, 4), 16) % 2 === 1;
}

/**
 * The de-identification policy form's pure half: which Annex E options it offers (with the
 * message keys of their names and one-line explanations), the options it starts from, the request
 * it sends, and the one-line summary of a file's report.
 */
import type { SetDeidPolicyRequest } from '../../core/api';
import type { DeidOutcome, DeidReportEntry } from '../../core/deid/deidentify';
import type { BurnedInCheck } from '../../core/deid/burnedIn';
import { BASIC_PROFILE_ONLY, burnedInCheckOf, type DeidOptions, type DeidPolicy } from '../../core/deid/policy';
import type { MessageKey } from '../../i18n';

/** The yes/no options of Table E.1-1, in the order the form lists them. */
export type DeidFlag = Exclude<keyof DeidOptions, 'temporal' | 'burnedInCheck'>;

export interface DeidFlagChoice {
  readonly flag: DeidFlag;
  readonly label: MessageKey;
  readonly hint: MessageKey;
}

export const DEID_FLAG_CHOICES: readonly DeidFlagChoice[] = [
  { flag: 'retainPatientCharacteristics', label: 'deidAdmin.option.patientCharacteristics', hint: 'deidAdmin.option.patientCharacteristics.hint' },
  { flag: 'retainDeviceIdentity', label: 'deidAdmin.option.deviceIdentity', hint: 'deidAdmin.option.deviceIdentity.hint' },
  { flag: 'cleanDescriptors', label: 'deidAdmin.option.cleanDescriptors', hint: 'deidAdmin.option.cleanDescriptors.hint' },
  { flag: 'cleanStructuredContent', label: 'deidAdmin.option.cleanStructuredContent', hint: 'deidAdmin.option.cleanStructuredContent.hint' },
  { flag: 'retainSafePrivate', label: 'deidAdmin.option.safePrivate', hint: 'deidAdmin.option.safePrivate.hint' },
];

export const TEMPORAL_CHOICES: readonly { readonly value: DeidOptions['temporal']; readonly label: MessageKey }[] = [
  { value: 'off', label: 'deidAdmin.temporal.off' },
  { value: 'modifiedDates', label: 'deidAdmin.temporal.modifiedDates' },
  { value: 'fullDates', label: 'deidAdmin.temporal.fullDates' },
];

export const BURNED_IN_CHOICES: readonly { readonly value: BurnedInCheck; readonly label: MessageKey }[] = [
  { value: 'likely', label: 'deidAdmin.burnedIn.likely' },
  { value: 'all', label: 'deidAdmin.burnedIn.all' },
  { value: 'off', label: 'deidAdmin.burnedIn.off' },
];

/** The options the form shows for a stored policy: its own, or the basic profile alone where it is off. */
export function formOptionsOf(policy: DeidPolicy): DeidOptions {
  return policy.mode === 'required' ? { ...policy.options, burnedInCheck: burnedInCheckOf(policy.options) } : { ...BASIC_PROFILE_ONLY, burnedInCheck: 'likely' };
}

/** An `off` policy sends no options (the server keeps none for it). */
export function policyRequest(mode: DeidPolicy['mode'], options: DeidOptions): SetDeidPolicyRequest {
  return mode === 'required' ? { mode, options } : { mode };
}

/** Each outcome's count, in the order a report summary lists them. */
const OUTCOME_TEXT: Readonly<Record<DeidOutcome, MessageKey>> = {
  removed: 'deidAdmin.outcome.removed',
  emptied: 'deidAdmin.outcome.emptied',
  replaced: 'deidAdmin.outcome.replaced',
  remapped: 'deidAdmin.outcome.remapped',
  shifted: 'deidAdmin.outcome.shifted',
  cleaned: 'deidAdmin.outcome.cleaned',
  kept: 'deidAdmin.outcome.kept',
};

/** How many attributes of a file's report had each outcome (with the message that says so), outcomes that did not occur left out. */
export function outcomeCounts(entries: readonly DeidReportEntry[]): { readonly outcome: DeidOutcome; readonly count: number; readonly text: MessageKey }[] {
  return (Object.keys(OUTCOME_TEXT) as DeidOutcome[])
    .map((outcome) => ({ outcome, count: entries.filter((entry) => entry.outcome === outcome).length, text: OUTCOME_TEXT[outcome] }))
    .filter((row) => row.count > 0);
}

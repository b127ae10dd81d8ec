import { describe, expect, it } from 'vitest';
import type { DeidReportEntry } from '../../core/deid/deidentify';
import { BASIC_PROFILE_ONLY, type DeidOptions } from '../../core/deid/policy';
import { messages } from '../../i18n/messages';
import { BURNED_IN_CHOICES, DEID_FLAG_CHOICES, formOptionsOf, outcomeCounts, policyRequest, TEMPORAL_CHOICES } from './deidPolicyForm';

const CHOSEN: DeidOptions = { ...BASIC_PROFILE_ONLY, temporal: 'modifiedDates', retainPatientCharacteristics: true };

describe('the de-identification policy form', () => {
  it('offers every yes/no option of the policy once, with a name and an explanation', () => {
    const flags = DEID_FLAG_CHOICES.map((choice) => choice.flag).sort();
    expect(flags).toEqual(Object.keys(BASIC_PROFILE_ONLY).filter((key) => key !== 'temporal').sort());
    for (const choice of DEID_FLAG_CHOICES) {
      expect(messages[choice.label].en).not.toBe(messages[choice.hint].en);
    }
    expect(TEMPORAL_CHOICES.map((choice) => choice.value)).toEqual(['off', 'modifiedDates', 'fullDates']);
  });

  it('starts from a required policy\'s options, or the basic profile alone where it is off; burned-in text checked where likely unless the policy says otherwise', () => {
    expect(formOptionsOf({ mode: 'required', options: CHOSEN, keyId: 'k1' })).toEqual({ ...CHOSEN, burnedInCheck: 'likely' });
    expect(formOptionsOf({ mode: 'required', options: { ...CHOSEN, burnedInCheck: 'all' }, keyId: 'k1' })).toEqual({ ...CHOSEN, burnedInCheck: 'all' });
    expect(formOptionsOf({ mode: 'off' })).toEqual({ ...BASIC_PROFILE_ONLY, burnedInCheck: 'likely' });
    expect(BURNED_IN_CHOICES.map((choice) => choice.value)).toEqual(['likely', 'all', 'off']);
  });

  it('sends the options only with a required policy', () => {
    expect(policyRequest('required', CHOSEN)).toEqual({ mode: 'required', options: CHOSEN });
    expect(policyRequest('off', CHOSEN)).toEqual({ mode: 'off' });
  });

  it('counts a report\'s outcomes in a fixed order, leaving out those that did not occur', () => {
    const entry = (outcome: DeidReportEntry['outcome']): DeidReportEntry => ({ path: '(0010,0010)', keyword: 'PatientName', outcome, by: 'basic' });
    expect(outcomeCounts([entry('kept'), entry('removed'), entry('removed'), entry('shifted')])).toEqual([
      { outcome: 'removed', count: 2, text: 'deidAdmin.outcome.removed' },
      { outcome: 'shifted', count: 1, text: 'deidAdmin.outcome.shifted' },
      { outcome: 'kept', count: 1, text: 'deidAdmin.outcome.kept' },
    ]);
    expect(outcomeCounts([])).toEqual([]);
  });
});

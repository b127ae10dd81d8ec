import { useState, type FormEvent } from 'react';
import type { BurnedInCheck } from '../../core/deid/burnedIn';
import { burnedInCheckOf, type DeidOptions, type DeidPolicy } from '../../core/deid/policy';
import { useT } from '../../i18n';
import { appServices } from '../../store';
import { ErrorText } from '../common/ErrorText';
import { BURNED_IN_CHOICES, DEID_FLAG_CHOICES, formOptionsOf, policyRequest, TEMPORAL_CHOICES } from './deidPolicyForm';
import { useAdminAction } from './useAdminAction';

/**
 * One dataset's policy, as stored when it is shown: off or required, and the Annex E options a
 * required policy applies. Mounted per dataset (keyed by its id), so a choice never carries over.
 */
export function DeidPolicyForm({ datasetId, policy, onSaved }: { readonly datasetId: string; readonly policy: DeidPolicy; readonly onSaved: (policy: DeidPolicy) => void }) {
  const t = useT();
  const [mode, setMode] = useState<DeidPolicy['mode']>(policy.mode);
  const [options, setOptions] = useState<DeidOptions>(() => formOptionsOf(policy));
  const [savedMode, setSavedMode] = useState<DeidPolicy['mode'] | null>(null);
  const { busy, error, run } = useAdminAction();

  async function save(event: FormEvent): Promise<void> {
    event.preventDefault();
    setSavedMode(null);
    await run(async () => {
      const answer = await appServices().api.setDeidPolicy(datasetId, policyRequest(mode, options));
      onSaved(answer);
      setSavedMode(answer.mode);
    });
  }

  const change = (next: Partial<DeidOptions>) => {
    setSavedMode(null);
    setOptions((current) => ({ ...current, ...next }));
  };
  return (
    <form className="form" onSubmit={save} aria-label={t('deidAdmin.title')} data-testid="deid-policy-form" data-mode={policy.mode}>
      <fieldset>
        <legend>{t('deidAdmin.mode')}</legend>
        {(['off', 'required'] as const).map((value) => (
          <label key={value}>
            <input
              type="radio"
              name="deid-mode"
              data-testid={`deid-mode-${value}`}
              checked={mode === value}
              onChange={() => {
                setSavedMode(null);
                setMode(value);
              }}
            />
            {t(value === 'off' ? 'deidAdmin.mode.off' : 'deidAdmin.mode.required')}
          </label>
        ))}
      </fieldset>
      <fieldset disabled={mode === 'off'}>
        <legend>{t('deidAdmin.options')}</legend>
        <label>
          {t('deidAdmin.temporal')}
          <select data-testid="deid-temporal" value={options.temporal} onChange={(e) => change({ temporal: e.target.value as DeidOptions['temporal'] })}>
            {TEMPORAL_CHOICES.map((choice) => (
              <option key={choice.value} value={choice.value}>
                {t(choice.label)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('deidAdmin.burnedIn')}
          <select data-testid="deid-burned-in" value={burnedInCheckOf(options)} onChange={(e) => change({ burnedInCheck: e.target.value as BurnedInCheck })}>
            {BURNED_IN_CHOICES.map((choice) => (
              <option key={choice.value} value={choice.value}>
                {t(choice.label)}
              </option>
            ))}
          </select>
        </label>
        {DEID_FLAG_CHOICES.map((choice) => (
          <label key={choice.flag}>
            <input type="checkbox" data-testid={`deid-option-${choice.flag}`} checked={options[choice.flag]} onChange={(e) => change({ [choice.flag]: e.target.checked })} />
            {t(choice.label)} <small className="muted">{t(choice.hint)}</small>
          </label>
        ))}
      </fieldset>
      <button type="submit" className="primary" data-testid="deid-save" disabled={busy}>
        {t('deidAdmin.save')}
      </button>
      {savedMode && (
        <p className="ok" role="status" data-testid="deid-saved">
          {t(savedMode === 'required' ? 'deidAdmin.saved.required' : 'deidAdmin.saved.off')}
        </p>
      )}
      <ErrorText error={error} testId="deid-save-error" />
    </form>
  );
}

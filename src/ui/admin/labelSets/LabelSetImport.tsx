import { useState, type ChangeEvent } from 'react';
import { validateLabelSet } from '../../../core/validate';
import { useT } from '../../../i18n';
import { appServices } from '../../../store';
import { ErrorText } from '../../common/ErrorText';
import { useAdminAction } from '../useAdminAction';

/**
 * Reads a label set file exported here or elsewhere and imports it with its own id and version.
 * The file is checked on this device first by the shared validator, so every problem is listed
 * before anything is sent.
 */
export function LabelSetImport({ onImported }: { readonly onImported: (message: string) => void }) {
  const t = useT();
  const [problems, setProblems] = useState<readonly string[]>([]);
  const { busy, error, run } = useAdminAction();

  async function read(event: ChangeEvent<HTMLInputElement>): Promise<void> {
    const input = event.currentTarget;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    let body: unknown;
    try {
      body = JSON.parse(await file.text());
    } catch {
      setProblems([t('labelSets.notJson')]);
      return;
    }
    const verdict = validateLabelSet(body);
    setProblems(verdict.ok ? [] : verdict.errors);
    if (!verdict.ok) return;
    await run(async () => {
      const saved = await appServices().api.importLabelSet(verdict.value);
      onImported(t(saved.status === 'created' ? 'labelSets.imported' : 'labelSets.importedUnchanged', { id: saved.id, version: saved.version }));
    });
  }

  return (
    <div>
      <label>
        {t('labelSets.import')}
        <input type="file" accept="application/json,.json" data-testid="label-set-import" disabled={busy} onChange={(e) => void read(e)} />
      </label>
      {problems.length > 0 && (
        <ul className="error" role="alert" data-testid="label-set-import-problems">
          {problems.map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      )}
      <ErrorText error={error} testId="label-set-import-error" />
    </div>
  );
}

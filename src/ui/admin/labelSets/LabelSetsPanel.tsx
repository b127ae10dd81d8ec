import { useState } from 'react';
import type { LabelSet } from '../../../core/labelSet';
import { emptyLabelSet } from '../../../core/labelSets/draft';
import { useLanguage, useT } from '../../../i18n';
import { appServices } from '../../../store';
import { ErrorText } from '../../common/ErrorText';
import { saveFile } from '../../common/saveFile';
import { useAdminAction } from '../useAdminAction';
import { LabelSetEditor } from './LabelSetEditor';
import { LabelSetImport } from './LabelSetImport';
import { latestVersions } from './latestVersions';
import './labelSets.css';

/** What the editor is writing: a new set, or the next version of a stored one. */
type Editing = { readonly isNew: boolean; readonly initial: LabelSet } | null;

/** Every label set with its versions; export, import, and the editor for a new set or version. */
export function LabelSetsPanel({ labelSets, onChanged }: { readonly labelSets: readonly LabelSet[]; readonly onChanged: () => Promise<void> }) {
  const t = useT();
  const [language] = useLanguage();
  const [editing, setEditing] = useState<Editing>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const { error, run } = useAdminAction();

  async function save(labelSet: LabelSet): Promise<void> {
    const saved = await appServices().api.saveLabelSet(labelSet);
    setNotice(t('labelSets.saved', { id: saved.id, version: saved.version }));
    setEditing(null);
    await onChanged();
  }

  async function exportSet(set: LabelSet): Promise<void> {
    const file = await appServices().api.exportLabelSet(set.id, set.version);
    saveFile(new Blob([JSON.stringify(file, null, 2)], { type: 'application/json' }), `label-set-${set.id}-v${set.version}.json`);
  }

  return (
    <section className="card" aria-labelledby="label-sets-title" data-testid="admin-label-sets">
      <h2 id="label-sets-title">{t('labelSets.title')}</h2>
      <p className="muted">{t('labelSets.intro')}</p>
      <table className="compact">
        <thead>
          <tr>
            <th scope="col">{t('labelSets.column.name')}</th>
            <th scope="col">{t('labelSets.column.id')}</th>
            <th scope="col">{t('labelSets.column.versions')}</th>
            <th scope="col" />
          </tr>
        </thead>
        <tbody>
          {latestVersions(labelSets).map(({ latest, versions }) => (
            <tr key={latest.id} data-testid={`label-set-row-${latest.id}`}>
              <td>{latest.name[language]}</td>
              <td>
                <code>{latest.id}</code>
              </td>
              <td>
                {versions.map((set) => (
                  <button key={set.version} type="button" className="link-button" aria-label={t('labelSets.export', { name: set.name[language], version: set.version })} onClick={() => void run(() => exportSet(set))}>
                    v{set.version} ⤓
                  </button>
                ))}
              </td>
              <td>
                <button type="button" data-testid={`label-set-new-version-${latest.id}`} onClick={() => setEditing({ isNew: false, initial: latest })}>
                  {t('labelSets.newVersion', { name: latest.name[language] })}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="form inline-form">
        <button type="button" data-testid="label-set-new" onClick={() => setEditing({ isNew: true, initial: emptyLabelSet('') })}>
          {t('labelSets.new')}
        </button>
        <LabelSetImport
          onImported={(message) => {
            setNotice(message);
            void onChanged();
          }}
        />
      </div>
      {notice && (
        <p role="status" data-testid="label-set-notice">
          {notice}
        </p>
      )}
      <ErrorText error={error} testId="label-set-error" />
      {editing && <LabelSetEditor key={`${editing.initial.id}@${editing.initial.version}`} initial={editing.initial} isNew={editing.isNew} onSave={save} onCancel={() => setEditing(null)} />}
    </section>
  );
}

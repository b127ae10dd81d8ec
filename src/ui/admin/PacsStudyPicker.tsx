import type { PacsStudy } from '../../core/api';
import { useT } from '../../i18n';

interface Props {
  readonly studies: readonly PacsStudy[];
  /** More studies matched than the PACS search lists. */
  readonly more: boolean;
  readonly picked: ReadonlySet<string>;
  readonly onPick: (picked: ReadonlySet<string>) => void;
  readonly onPull: () => void;
  readonly busy: boolean;
}

/** The studies a PACS search found, each with a checkbox (and one for all): *Pull selected* pulls those picked. */
export function PacsStudyPicker({ studies, more, picked, onPick, onPull, busy }: Props) {
  const t = useT();
  if (studies.length === 0) {
    return (
      <p role="status" data-testid="pacs-found-none">
        {t('pacsPull.none')}
      </p>
    );
  }
  const all = studies.every((study) => picked.has(study.studyInstanceUid));
  const toggle = (uid: string, on: boolean) => {
    const next = new Set(picked);
    if (on) next.add(uid);
    else next.delete(uid);
    onPick(next);
  };
  return (
    <div data-testid="pacs-found">
      <p role="status" className="muted" data-testid="pacs-found-summary">
        {t(more ? 'pacsPull.foundMore' : 'pacsPull.found', { count: studies.length })}
      </p>
      <table className="compact">
        <thead>
          <tr>
            <th scope="col">
              <input
                type="checkbox"
                aria-label={t('pacsPull.pickAll')}
                data-testid="pacs-pick-all"
                checked={all}
                onChange={(e) => onPick(new Set(e.target.checked ? studies.map((study) => study.studyInstanceUid) : []))}
              />
            </th>
            <th scope="col">{t('pacsPull.col.date')}</th>
            <th scope="col">{t('pacsPull.col.description')}</th>
            <th scope="col">{t('pacsPull.col.modalities')}</th>
            <th scope="col">{t('pacsPull.col.counts')}</th>
            <th scope="col">{t('pacsPull.col.accession')}</th>
            <th scope="col">{t('pacsPull.col.patient')}</th>
            <th scope="col">{t('pacsPull.study')}</th>
          </tr>
        </thead>
        <tbody>
          {studies.map((study) => (
            <tr key={study.studyInstanceUid} data-study={study.studyInstanceUid}>
              <td>
                <input
                  type="checkbox"
                  aria-label={t('pacsPull.pickOne', { uid: study.studyInstanceUid })}
                  data-testid="pacs-pick"
                  checked={picked.has(study.studyInstanceUid)}
                  onChange={(e) => toggle(study.studyInstanceUid, e.target.checked)}
                />
              </td>
              <td>{study.studyDate ?? ''}</td>
              <td>{study.description ?? ''}</td>
              <td>{study.modalities.join(', ')}</td>
              <td>{t('pacsPull.counts', { series: study.seriesCount ?? '?', instances: study.instanceCount ?? '?' })}</td>
              <td>{study.accessionNumber ?? ''}</td>
              <td>{study.patientId ?? ''}</td>
              <td className="file-name">{study.studyInstanceUid}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" className="primary" data-testid="pacs-pull-picked" disabled={busy || picked.size === 0} onClick={onPull}>
        {t('pacsPull.pullPicked', { count: picked.size })}
      </button>
    </div>
  );
}

import type { PushOutcome } from '../../core/api';
import { useT } from '../../i18n';

/** Each object a push sent (or was refused), with what became of it. */
export function PacsPushReport({ outcomes }: { readonly outcomes: readonly PushOutcome[] }) {
  const t = useT();
  if (outcomes.length === 0) return null;
  return (
    <table className="compact upload-report" data-testid="pacs-push-report">
      <thead>
        <tr>
          <th scope="col">{t('pacsPush.item')}</th>
          <th scope="col">{t('pacsPush.object')}</th>
          <th scope="col">{t('admin.upload.result')}</th>
        </tr>
      </thead>
      <tbody>
        {outcomes.map((outcome) => (
          <tr key={`${outcome.itemId}-${outcome.object}`} data-status={outcome.status}>
            <td className="file-name">{outcome.itemId}</td>
            <td>{outcome.object.toUpperCase()}</td>
            <td>{outcome.status === 'refused' ? t('pacsPush.status.refused', { reason: outcome.reason }) : t(outcome.status === 'stored' ? 'pacsPush.status.stored' : 'pacsPush.status.alreadyThere')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

import { useT } from '../../i18n';
import { Dialog } from './Dialog';

/** The `?` dialog of a reading page: one row per key (or key combination) and what it does. */
export function ShortcutDialog({ rows, onClose }: { readonly rows: readonly (readonly [string, string])[]; readonly onClose: () => void }) {
  const t = useT();
  return (
    <Dialog title={t('help.title')} onClose={onClose} testId="shortcut-help">
      <table className="shortcuts">
        <tbody>
          {rows.map(([keys, action]) => (
            <tr key={keys}>
              <th scope="row">
                <kbd>{keys}</kbd>
              </th>
              <td>{action}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="row end">
        <button type="button" className="primary" data-testid="shortcut-help-close" onClick={onClose}>
          {t('common.close')}
        </button>
      </div>
    </Dialog>
  );
}

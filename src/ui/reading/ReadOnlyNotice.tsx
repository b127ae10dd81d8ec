import { useT } from '../../i18n';
import { isEditable, type OpenItem } from '../../store';

/** Why the reader cannot change the open item (not assigned to them, or past their part); nothing while they can, or while its records load. */
export function ReadOnlyNotice({ open }: { readonly open: OpenItem }) {
  const t = useT();
  if (open.status === 'loading' || isEditable(open)) return null;
  return (
    <p className="notice" data-testid="item-read-only">
      {t(open.detail?.state === null ? 'item.notAssigned' : 'item.readOnly')}
    </p>
  );
}

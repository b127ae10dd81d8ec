import { useT } from '../../i18n';
import type { UnseenChoice } from '../../store';
import { Dialog } from '../common/Dialog';

/** A range label over slices never displayed: label only the displayed ones, all of them, or none. */
export function UnseenRangeDialog({
  unseen,
  total,
  onChoose,
  onCancel,
}: {
  readonly unseen: number;
  readonly total: number;
  readonly onChoose: (choice: UnseenChoice) => void;
  readonly onCancel: () => void;
}) {
  const t = useT();
  const seen = total - unseen;
  return (
    <Dialog title={t('labels.unseen.title')} onClose={onCancel} testId="unseen-range-dialog">
      <p data-testid="unseen-range-count" data-unseen={unseen} data-total={total}>
        {t('labels.unseen.text', { unseen, total })}
      </p>
      <div className="row end">
        <button type="button" data-testid="unseen-range-cancel" onClick={onCancel}>
          {t('common.cancel')}
        </button>
        <button type="button" data-testid="unseen-range-all" onClick={() => onChoose('all')}>
          {t('labels.unseen.all', { total })}
        </button>
        <button type="button" className="primary" data-testid="unseen-range-seen" disabled={seen === 0} onClick={() => onChoose('seenOnly')}>
          {t('labels.unseen.seenOnly', { seen })}
        </button>
      </div>
    </Dialog>
  );
}

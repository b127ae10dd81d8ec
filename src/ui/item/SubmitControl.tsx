import { useState } from 'react';
import type { OpenItem } from '../../store';
import { isEditable } from '../../store';
import { useT, type MessageKey } from '../../i18n';
import { Dialog } from '../common/Dialog';
import { ErrorText } from '../common/ErrorText';
import { useBrowserOnline } from '../common/useBrowserOnline';

/** Why Submit is unavailable now, or null when it can be pressed. `online`: the browser has a network. */
export function submitBlocker(open: OpenItem, online: boolean): MessageKey | null {
  if (open.detail?.state === null) return 'submit.blocked.notAssigned';
  if (open.detail && !isEditable(open)) return 'submit.blocked.state';
  if (open.savingLocal > 0) return 'submit.blocked.saving';
  switch (open.sync?.status) {
    case 'synced':
      if (open.sync.pending > 0) return 'submit.blocked.unsynced';
      return open.sync.unreachable || !online ? 'submit.blocked.unreachable' : null;
    case 'conflict':
      return 'submit.blocked.conflict';
    case 'offline':
      return 'submit.blocked.offline';
    case 'error':
      return 'submit.blocked.error';
    default:
      return 'submit.blocked.unsynced';
  }
}

/** Submit (annotator → submitted) with a confirmation; disabled and explained while unsynced. */
export function SubmitControl({ open, unlabelled, onSubmit, onDialog }: { readonly open: OpenItem; readonly unlabelled: number; readonly onSubmit: () => Promise<boolean>; readonly onDialog: (open: boolean) => void }) {
  const t = useT();
  const [confirming, setConfirming] = useState(false);
  const blocker = submitBlocker(open, useBrowserOnline());
  const setDialog = (value: boolean) => {
    setConfirming(value);
    onDialog(value);
  };

  return (
    <div className="submit-control">
      <button
        type="button"
        className="primary"
        data-testid="submit-item"
        disabled={blocker !== null || open.submitting}
        aria-describedby={blocker ? 'submit-hint' : undefined}
        onClick={() => setDialog(true)}
      >
        {open.submitting ? t('submit.submitting') : t('submit.button')}
      </button>
      {blocker && (
        <span id="submit-hint" className="hint" data-testid="submit-hint" data-reason={blocker} title={t(blocker)}>
          {t(blocker)}
        </span>
      )}
      <ErrorText error={open.submitError} testId="submit-error" />
      {confirming && (
        <Dialog title={t('submit.confirmTitle')} onClose={() => setDialog(false)} testId="submit-confirm">
          <p>{t('submit.confirmText')}</p>
          {unlabelled > 0 && (
            <p className="warning" data-testid="submit-unlabelled">
              {t('submit.unlabelled', { count: unlabelled })}
            </p>
          )}
          <div className="row end">
            <button type="button" data-testid="submit-cancel" onClick={() => setDialog(false)}>
              {t('common.cancel')}
            </button>
            <button
              type="button"
              className="primary"
              data-testid="submit-confirm-yes"
              onClick={() => {
                setDialog(false);
                void onSubmit();
              }}
            >
              {t('submit.confirm')}
            </button>
          </div>
        </Dialog>
      )}
    </div>
  );
}

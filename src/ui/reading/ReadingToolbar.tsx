import { useT } from '../../i18n';
import { isEditable, type AppState, type OpenItem } from '../../store';
import { SubmitControl } from '../item/SubmitControl';
import { SyncBadge } from '../item/SyncBadge';

/** What the bar's buttons do to the open item (the store's actions). */
export type ReadingActions = Pick<AppState, 'undo' | 'redo' | 'submitItem'>;

/**
 * The bar above a reading page (a CT series, a slide): where the changes are, undo, redo, the
 * shortcut list and submit; under it, an alert when the device could not keep a change.
 * `unlabelled` is what the submit dialog warns of (slices without a label; 0 where it has no count).
 */
export function ReadingToolbar({
  open,
  actions,
  unlabelled,
  onBadge,
  onHelp,
  onDialog,
}: {
  readonly open: OpenItem;
  readonly actions: ReadingActions;
  readonly unlabelled: number;
  /** What a click on the sync badge does (reopen a postponed conflict, resend at once); none: not a button. */
  readonly onBadge: (() => void) | undefined;
  readonly onHelp: () => void;
  readonly onDialog: (open: boolean) => void;
}) {
  const t = useT();
  const editable = isEditable(open);
  return (
    <>
      <div className="toolbar-row" role="toolbar" aria-label={t('item.toolbar')}>
        <SyncBadge sync={open.sync} savingLocal={open.savingLocal} onClick={onBadge} />
        <button type="button" data-testid="undo-button" aria-keyshortcuts="Control+Z" disabled={!editable || !open.canUndo} onClick={actions.undo}>
          {t('item.undo')}
        </button>
        <button type="button" data-testid="redo-button" aria-keyshortcuts="Control+Shift+Z Control+Y" disabled={!editable || !open.canRedo} onClick={actions.redo}>
          {t('item.redo')}
        </button>
        <button type="button" data-testid="help-button" aria-keyshortcuts="?" onClick={onHelp}>
          {t('item.shortcuts')}
        </button>
        <span className="spacer" />
        <SubmitControl open={open} unlabelled={unlabelled} onSubmit={actions.submitItem} onDialog={onDialog} />
      </div>
      {open.localSaveError && (
        <p className="error" role="alert" data-testid="local-save-error">
          {t('item.localSaveFailed', { message: open.localSaveError })}
        </p>
      )}
    </>
  );
}

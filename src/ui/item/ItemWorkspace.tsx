import { useCallback, useMemo, useState } from 'react';
import type { SliceRef } from '../../core/item';
import { useLanguage, useT } from '../../i18n';
import { appStore, isEditable, type OpenItem, type UnseenChoice } from '../../store';
import { LazySeriesViewer } from '../../viewer/LazySeriesViewer';
import { ConflictDialog } from './ConflictDialog';
import type { ItemAction } from './keymap';
import { LabelButtons } from './LabelButtons';
import { cellBackground, classesPerTarget } from './labelColors';
import { SeriesAnswer } from './SeriesAnswer';
import { ShortcutHelp } from './ShortcutHelp';
import { SliceNavigator } from './SliceNavigator';
import { SubmitControl } from './SubmitControl';
import { SyncBadge } from './SyncBadge';
import { UnseenRangeDialog } from './UnseenRangeDialog';
import { useItemKeyboard } from './useItemKeyboard';

/** The reading room: viewer, slice navigation with the label strip, label buttons, status, submit. */
export function ItemWorkspace({
  open,
  slices,
  loadFile,
  dialogOpen,
  onDialog,
}: {
  readonly open: OpenItem;
  readonly slices: readonly SliceRef[];
  readonly loadFile: (fileId: string) => Promise<ArrayBuffer>;
  readonly dialogOpen: boolean;
  readonly onDialog: (open: boolean) => void;
}) {
  const t = useT();
  const [language] = useLanguage();
  // Actions are created once with the store, so reading them outside a selector is stable.
  const actions = appStore().getState();
  const [help, setHelp] = useState(false);
  const [postponedConflict, setPostponedConflict] = useState<number | null>(null);
  /** The slice a label was refused on because it was not on screen (shown until it is). */
  const [refusedAt, setRefusedAt] = useState<number | null>(null);
  /** A range label waiting for the reader's answer about its never-displayed slices. */
  const [askUnseen, setAskUnseen] = useState<{ classCode: string; unseen: number; total: number } | null>(null);
  const { question, document, changes } = open;
  const editable = isEditable(open);

  // O(slices) per change of the document, read through its per-target index.
  const classes = useMemo(
    () => (question ? classesPerTarget(document, open.targetIds, question) : []),
    // `document` changes in place; `changes` says when.
    [document, changes, open.targetIds, question],
  );
  const current = classes[open.sliceIndex] ?? [];
  const unlabelled = open.targetIds.length - open.labelled;

  const conflictAt = open.sync?.status === 'conflict' && open.conflicts.length > 0 ? open.sync.conflictAt : null;
  const showConflict = conflictAt !== null && postponedConflict !== conflictAt;
  const anyDialog = dialogOpen || help || showConflict || askUnseen !== null;
  const showRefused = refusedAt !== null && refusedAt === open.sliceIndex && open.displayedIndex !== open.sliceIndex;

  const label = (classCode: string, unseen?: UnseenChoice) => {
    const outcome = actions.applyLabel(classCode, unseen);
    setRefusedAt(outcome.kind === 'notDisplayed' ? open.sliceIndex : null);
    setAskUnseen(outcome.kind === 'ask' ? { classCode, unseen: outcome.unseen, total: outcome.total } : null);
  };

  const onAction = (action: ItemAction) => {
    switch (action.type) {
      case 'label':
        return label(action.classCode);
      case 'clear':
        return actions.clearLabels();
      case 'step':
        return actions.stepSlice(action.delta, { extend: action.extend });
      case 'jump':
        return actions.goToSlice(action.to === 'first' ? 0 : open.targetIds.length - 1, { extend: action.extend });
      case 'undo':
        return actions.undo();
      case 'redo':
        return actions.redo();
      case 'help':
        return setHelp(true);
      case 'deselect':
        return actions.goToSlice(open.sliceIndex);
    }
  };
  useItemKeyboard(question, !anyDialog, onAction);

  // The badge reopens a postponed conflict, or resends at once what waits on a backoff or was refused.
  const status = open.sync?.status;
  const badgeAction = conflictAt !== null
    ? () => setPostponedConflict(null)
    : status === 'offline' || status === 'error'
      ? () => void actions.engine?.retryNow()
      : undefined;

  const onViewerIndex = useCallback((index: number) => actions.goToSlice(index), [actions]);
  const overlay = (
    <div className="viewer-overlay-label" data-testid="viewer-slice-label">
      {current.length > 0 ? (
        <>
          <span className="swatch" style={{ background: cellBackground(current) }} aria-hidden="true" />
          {current.map((c) => c.name[language]).join(', ')}
        </>
      ) : (
        <span className="muted">{t('strip.unlabelled')}</span>
      )}
    </div>
  );

  return (
    <div className="workspace">
      <div className="toolbar-row" role="toolbar" aria-label={t('item.toolbar')}>
        <SyncBadge sync={open.sync} savingLocal={open.savingLocal} onClick={badgeAction} />
        <button type="button" data-testid="undo-button" aria-keyshortcuts="Control+Z" disabled={!editable || !open.canUndo} onClick={actions.undo}>
          {t('item.undo')}
        </button>
        <button type="button" data-testid="redo-button" aria-keyshortcuts="Control+Shift+Z Control+Y" disabled={!editable || !open.canRedo} onClick={actions.redo}>
          {t('item.redo')}
        </button>
        <button type="button" data-testid="help-button" aria-keyshortcuts="?" onClick={() => setHelp(true)}>
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
      <div className="workspace-body">
        <section className="viewer-pane" aria-label={t('item.viewer')}>
          <LazySeriesViewer
            slices={slices}
            loadFile={loadFile}
            index={open.sliceIndex}
            onIndexChange={onViewerIndex}
            overlay={overlay}
            onDisplayed={actions.markDisplayed}
            initialWindow={open.window}
            onWindowChosen={actions.chooseWindow}
          />
          <SliceNavigator count={open.targetIds.length} index={open.sliceIndex} selection={open.selection} classes={classes} onGo={(i, extend) => actions.goToSlice(i, { extend })} />
        </section>
        <aside className="label-panel" aria-label={t('labels.panel')}>
          {question && (
            <>
              <h2>{question.name[language]}</h2>
              <LabelButtons question={question} currentCodes={current.map((c) => c.code)} disabled={!editable} onLabel={label} onClear={actions.clearLabels} />
              {showRefused && (
                <p className="notice" role="status" data-testid="label-refused">
                  {t('labels.notDisplayed', { n: open.sliceIndex + 1 })}
                </p>
              )}
              <p className="muted small" data-testid="label-target">
                {open.selection
                  ? t('labels.targetRange', {
                      from: Math.min(open.selection.anchor, open.selection.focus) + 1,
                      to: Math.max(open.selection.anchor, open.selection.focus) + 1,
                    })
                  : t('labels.targetSlice', { n: open.sliceIndex + 1 })}
              </p>
              {!editable && (
                <p className="notice" data-testid="item-read-only">
                  {t(open.detail?.state === null ? 'item.notAssigned' : 'item.readOnly')}
                </p>
              )}
              <SeriesAnswer question={question} document={document} changes={changes} targetIds={open.targetIds} />
            </>
          )}
          <p className="muted small">{t('item.helpHint')}</p>
        </aside>
      </div>
      {askUnseen && (
        <UnseenRangeDialog
          unseen={askUnseen.unseen}
          total={askUnseen.total}
          onChoose={(choice) => label(askUnseen.classCode, choice)}
          onCancel={() => setAskUnseen(null)}
        />
      )}
      {help && question && <ShortcutHelp question={question} onClose={() => setHelp(false)} />}
      {showConflict && question && (
        <ConflictDialog
          question={question}
          targetIds={open.targetIds}
          conflicts={open.conflicts}
          onResolve={actions.resolveConflicts}
          onLater={() => setPostponedConflict(conflictAt)}
        />
      )}
    </div>
  );
}

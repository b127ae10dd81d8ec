import { useCallback, useMemo, useState } from 'react';
import type { SlideItem } from '../../core/item';
import { isLabelQuestion } from '../../core/labelSet';
import { labelAt } from '../../core/targetLabels';
import { useT } from '../../i18n';
import { appStore, isEditable, type OpenItem } from '../../store';
import type { ViewerAdapter } from '../../viewer/adapter';
import { SlideAnnotationLayer } from '../../viewer/slide/annotation/SlideAnnotationLayer';
import { LazySlideViewer, type SlideViewerHandle } from '../../viewer/slide/LazySlideViewer';
import { useConflictPrompt } from '../reading/conflictPrompt';
import { OpenItemConflictDialog } from '../reading/OpenItemConflictDialog';
import { ReadOnlyNotice } from '../reading/ReadOnlyNotice';
import { ReadingToolbar } from '../reading/ReadingToolbar';
import { useReadingKeyboard } from '../reading/useReadingKeyboard';
import { SlideQuestion } from './SlideQuestion';
import { SlideShortcutHelp } from './SlideShortcutHelp';
import { slideActionForKey, type SlideAction } from './slideKeymap';
import { GeoJsonExchange } from './GeoJsonExchange';
import { useSlideTiles } from './useSlideTiles';

/**
 * The pathology reading room: the slide viewer with the annotation layer over it, the
 * slide-level question (Group 1–5), sync status, undo/redo and submit. On a slide every record's
 * target is the item itself.
 */
export function SlideWorkspace({
  open,
  slide,
  dialogOpen,
  onDialog,
}: {
  readonly open: OpenItem;
  readonly slide: SlideItem;
  readonly dialogOpen: boolean;
  readonly onDialog: (open: boolean) => void;
}) {
  const t = useT();
  // Actions are created once with the store, so reading them outside a selector is stable.
  const actions = appStore().getState();
  const [help, setHelp] = useState(false);
  const { showConflict, postpone, onBadge } = useConflictPrompt(open);
  const [refused, setRefused] = useState<string | null>(null);
  const [viewer, setViewer] = useState<SlideViewerHandle | null>(null);
  const loadTile = useSlideTiles(open.itemId, slide.tileVersion);
  const editable = isEditable(open);
  const { document, changes } = open;

  const question = useMemo(() => open.detail?.labelSet.questions.find((q) => q.target === 'slide' && isLabelQuestion(q)) ?? null, [open.detail]);
  const regionClasses = useMemo(() => open.detail?.labelSet.questions.flatMap((q) => (q.target === 'region' ? q.classes : [])) ?? [], [open.detail]);
  const answer = useMemo(
    () => (question && document ? (labelAt(document, question.id, open.itemId)?.classCodes[0] ?? null) : null),
    // `document` changes in place; `changes` says when.
    [question, document, changes, open.itemId],
  );

  const anyDialog = dialogOpen || help || showConflict;

  const run = (command: Parameters<typeof actions.runCommands>[0][number]) => {
    const outcome = actions.runCommands([command]);
    setRefused(outcome.kind === 'refused' ? outcome.reason : null);
  };
  const answerWith = (classCode: string) => {
    if (question) run({ name: 'targetLabel/set', params: { questionId: question.id, targetId: open.itemId, classCode } });
  };
  const clearAnswer = () => {
    if (question) run({ name: 'targetLabel/clear', params: { questionId: question.id, targetIds: [open.itemId] } });
  };

  const onAction = (action: SlideAction) => {
    switch (action.type) {
      case 'answer':
        return answerWith(action.classCode);
      case 'undo':
        return actions.undo();
      case 'redo':
        return actions.redo();
      case 'help':
        return setHelp(true);
      case 'zoomStep':
        return viewer?.controls.step(action.direction);
      case 'magnificationStep':
        return viewer?.controls.goToStep(action.index);
      case 'rotate':
        return viewer?.controls.rotateBy(action.degrees);
      case 'home':
        return viewer?.controls.home();
      case 'fullScreen':
        return viewer?.toggleFullScreen();
    }
  };
  useReadingKeyboard(slideActionForKey, question, !anyDialog, onAction);

  const renderOverlay = useCallback((adapter: ViewerAdapter) => <SlideAnnotationLayer adapter={adapter} open={open} />, [open]);

  return (
    <div className="workspace slide-workspace" data-testid="slide-workspace">
      {/* The slide question's own panel says when it is unanswered; the dialog's count is of slices. */}
      <ReadingToolbar open={open} actions={actions} unlabelled={0} onBadge={onBadge} onHelp={() => setHelp(true)} onDialog={onDialog} />
      <div className="workspace-body">
        <section className="viewer-pane" aria-label={t('slide.workspace.viewer')}>
          <LazySlideViewer itemId={open.itemId} slide={slide} loadTile={loadTile} renderOverlay={renderOverlay} onHandle={setViewer} />
        </section>
        <aside className="label-panel" aria-label={t('labels.panel')}>
          {question && <SlideQuestion question={question} answer={answer} disabled={!editable} onAnswer={answerWith} onClear={clearAnswer} />}
          {refused && (
            // The command's own reason is for support (data-detail), not for the reader.
            <p className="error" role="alert" data-testid="slide-command-refused" data-detail={refused}>
              {t('slide.commandRefused')}
            </p>
          )}
          <ReadOnlyNotice open={open} />
          <GeoJsonExchange open={open} />
          <p className="muted small">{t('item.helpHint')}</p>
        </aside>
      </div>
      {help && <SlideShortcutHelp question={question} onClose={() => setHelp(false)} />}
      {showConflict && question && (
        <OpenItemConflictDialog open={open} question={question} regionClasses={regionClasses} micronsPerPixel={slide.micronsPerPixel} onResolve={actions.resolveConflicts} onLater={postpone} />
      )}
    </div>
  );
}

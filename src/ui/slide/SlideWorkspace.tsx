import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Box } from '../../core/bounds';
import type { SlideItem } from '../../core/item';
import { isLabelQuestion } from '../../core/labelSet';
import type { ConfidenceThresholds } from '../../core/proposalFilter';
import type { PointMarker } from '../../core/review/pointPins';
import { viewAround } from '../../core/review/regionBoxes';
import { labelAt } from '../../core/targetLabels';
import { useT } from '../../i18n';
import { FIRST_SCREEN_FALLBACK_MS } from '../../offline/firstScreen';
import { appStore, isEditable, useAppStore, type OpenItem } from '../../store';
import { ProposalPanel } from '../proposals/ProposalPanel';
import { clickOutlineModel, runClickOutline } from './clickOutline';
import { inViewProposals, slideRunChoices } from './slideProposals';
import type { OutlinePrompt } from '../../viewer/slide/annotation/annotationSession';
import type { ViewerAdapter } from '../../viewer/adapter';
import { PointMarkers } from '../../viewer/review/PointMarkers';
import { useFirstScreenDue } from '../../viewer/firstScreenDue';
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

const NO_THRESHOLDS: ConfidenceThresholds = {};
/** How long the view rests before the count of proposals in view is taken again. */
const VIEW_SETTLE_MS = 250;

/**
 * The pathology reading room: the slide viewer with the annotation layer and the reviewer's point pins over it, the
 * slide-level question (Group 1–5), sync status, undo/redo and submit. On a slide every record's
 * target is the item itself.
 */
export function SlideWorkspace({
  open,
  slide,
  dialogOpen,
  onDialog,
  shownRegion = null,
  markers,
}: {
  readonly open: OpenItem;
  readonly slide: SlideItem;
  readonly dialogOpen: boolean;
  readonly onDialog: (open: boolean) => void;
  /** A region to fit to the view (a reviewer's comment's; null box: the whole slide), each new object once. */
  readonly shownRegion?: { readonly box: Box | null } | null;
  /** Pins of the reviewer's point-pinned threads. */
  readonly markers: readonly PointMarker[];
}) {
  const t = useT();
  // Actions are created once with the store, so reading them outside a selector is stable.
  const actions = appStore().getState();
  const [help, setHelp] = useState(false);
  const { showConflict, postpone, onBadge } = useConflictPrompt(open);
  const [refused, setRefused] = useState<string | null>(null);
  const [viewer, setViewer] = useState<SlideViewerHandle | null>(null);
  // The panels (and the requests their mounting sends) come a paint after the viewer's first
  // screen and its overlay: rendered with the workspace, they held the viewer's creation and
  // its first draw back (wsi-tiles bench). The empty column keeps the viewer's size meanwhile.
  const [viewerShown, setViewerShown] = useState(false);
  const onFirstScreen = useCallback(() => setViewerShown(true), []);
  const panelsDue = useFirstScreenDue(viewerShown, FIRST_SCREEN_FALLBACK_MS);
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

  useEffect(() => {
    if (!shownRegion || !viewer) return;
    if (shownRegion.box) viewer.controls.fitImageBox(viewAround(shownRegion.box));
    else viewer.controls.home();
  }, [shownRegion, viewer]);

  const thresholds = useAppStore((state): ConfidenceThresholds => (state.proposals?.itemId === open.itemId ? state.proposals.thresholds : NO_THRESHOLDS));
  /** The overlay's adapter: where the view is, for "run on the visible region" and "all in view". */
  const adapterRef = useRef<ViewerAdapter | null>(null);
  const [proposalRefusal, setProposalRefusal] = useState<string | null>(null);
  const [viewChanges, setViewChanges] = useState(0);
  const choices = useMemo(() => slideRunChoices(open.itemId, slide, loadTile, () => adapterRef.current?.visibleImageBox() ?? null), [open.itemId, slide, loadTile]);
  const shownInView = useMemo(
    () => (document && adapterRef.current ? inViewProposals(document, open.itemId, adapterRef.current.visibleImageBox(), thresholds) : []),
    // `document` changes in place (`changes` says when); the view moves (`viewChanges`).
    [document, changes, open.itemId, thresholds, viewChanges],
  );
  const models = useAppStore((state) => (state.proposals?.itemId === open.itemId ? state.proposals.models : null));
  const clickModel = useMemo(() => clickOutlineModel(models), [models]);
  const onPrompt = useCallback(
    (prompt: OutlinePrompt) => runClickOutline({ itemId: open.itemId, slide, loadTile, model: clickModel, promptOutline: actions.promptOutline }, prompt),
    [open.itemId, slide, loadTile, clickModel, actions],
  );
  /** The outlines selected in the annotation layer: Shift+A / Shift+X decide on these when any is a proposal shown. */
  const selectedRef = useRef<ReadonlySet<string>>(new Set());
  const onSelection = useCallback((ids: ReadonlySet<string>) => {
    selectedRef.current = ids;
  }, []);
  const decideInView = (decision: 'accepted' | 'rejected') => {
    const inView = document && adapterRef.current ? inViewProposals(document, open.itemId, adapterRef.current.visibleImageBox(), thresholds) : [];
    const selected = inView.filter((id) => selectedRef.current.has(id));
    const ids = selected.length > 0 ? selected : inView;
    const outcome = actions.decideProposals(ids, decision);
    setProposalRefusal(outcome.kind === 'refused' ? outcome.reason : null);
  };

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
      case 'proposalsInView':
        return decideInView(action.decision);
    }
  };
  useReadingKeyboard(slideActionForKey, question, !anyDialog, onAction);

  const renderOverlay = useCallback(
    (adapter: ViewerAdapter) => {
      if (adapterRef.current !== adapter) {
        adapterRef.current = adapter;
        // The count of outlines in view follows the view once it rests: never a page render per frame of a pan.
        let settle: ReturnType<typeof setTimeout> | undefined;
        adapter.onViewChange(() => {
          clearTimeout(settle);
          settle = setTimeout(() => setViewChanges((n) => n + 1), VIEW_SETTLE_MS);
        });
      }
      return (
        <>
          <SlideAnnotationLayer adapter={adapter} open={open} onSelection={onSelection} thresholds={thresholds} onPrompt={onPrompt} />
          {markers.length > 0 && <PointMarkers adapter={adapter} markers={markers} />}
        </>
      );
    },
    [open, onSelection, thresholds, onPrompt, markers],
  );

  return (
    <div className="workspace slide-workspace" data-testid="slide-workspace">
      {/* The slide question's own panel says when it is unanswered; the dialog's count is of slices. */}
      <ReadingToolbar open={open} actions={actions} unlabelled={0} onBadge={onBadge} onHelp={() => setHelp(true)} onDialog={onDialog} />
      <div className="workspace-body">
        <section className="viewer-pane" aria-label={t('slide.workspace.viewer')}>
          <LazySlideViewer itemId={open.itemId} slide={slide} loadTile={loadTile} renderOverlay={renderOverlay} onHandle={setViewer} onFirstScreen={onFirstScreen} />
        </section>
        <aside className="label-panel" aria-label={t('labels.panel')}>
          {panelsDue && (
            <>
              {question && <SlideQuestion question={question} answer={answer} disabled={!editable} onAnswer={answerWith} onClear={clearAnswer} />}
              {refused && (
                // The command's own reason is for support (data-detail), not for the reader.
                <p className="error" role="alert" data-testid="slide-command-refused" data-detail={refused}>
                  {t('slide.commandRefused')}
                </p>
              )}
              <ReadOnlyNotice open={open} />
              <ProposalPanel open={open} choices={choices} shownCount={shownInView.length} onDecideAll={decideInView} refusal={proposalRefusal} />
              <GeoJsonExchange open={open} />
              <p className="muted small">{t('item.helpHint')}</p>
            </>
          )}
        </aside>
      </div>
      {help && <SlideShortcutHelp question={question} onClose={() => setHelp(false)} />}
      {showConflict && question && (
        <OpenItemConflictDialog open={open} question={question} regionClasses={regionClasses} micronsPerPixel={slide.micronsPerPixel} onResolve={actions.resolveConflicts} onLater={postpone} />
      )}
    </div>
  );
}

import { useCallback, useMemo, useState } from 'react';
import type { SeriesItem, SliceRef } from '../../core/item';
import type { ConfidenceThresholds } from '../../core/proposalFilter';
import type { PointMarker } from '../../core/review/pointPins';
import { neighbourSeries } from '../../core/studySeries';
import { hasLabelRecords } from '../../core/targetLabels';
import { useLanguage, useT } from '../../i18n';
import { FIRST_SCREEN_FALLBACK_MS } from '../../offline/firstScreen';
import { seriesInputs, type ReadSlice } from '../../inference/seriesInputs';
import { appStore, isEditable, useAppStore, type OpenItem, type UnseenChoice } from '../../store';
import type { ViewerAdapter } from '../../viewer/adapter';
import { LazySeriesViewer } from '../../viewer/LazySeriesViewer';
import { MaskLayer } from '../../viewer/mask/MaskLayer';
import { PointMarkers } from '../../viewer/review/PointMarkers';
import { useFirstScreenDue } from '../../viewer/firstScreenDue';
import { CT_PRESETS } from '../../viewer/windowing';
import { ClassButtons } from '../reading/ClassButtons';
import { useConflictPrompt } from '../reading/conflictPrompt';
import { OpenItemConflictDialog } from '../reading/OpenItemConflictDialog';
import { ReadOnlyNotice } from '../reading/ReadOnlyNotice';
import { ReadingToolbar } from '../reading/ReadingToolbar';
import { useReadingKeyboard } from '../reading/useReadingKeyboard';
import { navigate, paths } from '../router';
import { actionForKey, type ItemAction } from './keymap';
import { cellBackground } from './labelColors';
import { LabelExport } from './LabelExport';
import { DicomLabelImport } from './DicomLabelImport';
import { SegExport } from './SegExport';
import { SrExport } from './SrExport';
import { MeasurementList } from './MeasurementList';
import { ReadingContextBar } from './ReadingContextBar';
import { ReformatNotice } from './ReformatNotice';
import { useReadingContext } from './useReadingContext';
import { sliceCells } from './proposalCells';
import { ProposalPanel, type RunChoice } from '../proposals/ProposalPanel';
import { SegmentationPanel } from './segmentation/SegmentationPanel';
import { useSegmentation } from './segmentation/useSegmentation';
import { SeriesAnswer } from './SeriesAnswer';
import { ShortcutHelp } from './ShortcutHelp';
import { SliceNavigator } from './SliceNavigator';
import { showsStudyPanel, StudyPanel, StudyPanelRoom } from './study/StudyPanel';
import { useStudySeries } from './study/useStudySeries';
import { UnseenRangeDialog } from './UnseenRangeDialog';

/** Delete clears the current slice's (or range's) labels, as the clear button says. */
const DELETE_CLEARS = { aria: 'Delete', label: 'Del' } as const;

const NO_THRESHOLDS: ConfidenceThresholds = {};

/** The label strip's cells before the panels are due: the strip keeps its height, empty. */
const NO_CELLS: readonly never[] = [];

/** A slice's pixels through the viewer's own loader (its chunk is loaded once the series is shown). */
const readSlice: ReadSlice = async (slice) => (await import('../../viewer/cornerstone/decodedSlice')).readDecodedSlice(slice);

/** The reading room: viewer (with the reviewer's point pins), slice navigation with the label strip, label buttons, status, submit. */
export function ItemWorkspace({
  open,
  slices,
  loadFile,
  dialogOpen,
  onDialog,
  markers,
}: {
  readonly open: OpenItem;
  readonly slices: readonly SliceRef[];
  readonly loadFile: (fileId: string) => Promise<ArrayBuffer>;
  readonly dialogOpen: boolean;
  readonly onDialog: (open: boolean) => void;
  /** Pins of the reviewer's point-pinned threads, drawn on their slice. */
  readonly markers: readonly PointMarker[];
}) {
  const t = useT();
  const [language] = useLanguage();
  const [adapter, setAdapter] = useState<ViewerAdapter | null>(null);
  // Actions are created once with the store, so reading them outside a selector is stable.
  const actions = appStore().getState();
  const [help, setHelp] = useState(false);
  const { showConflict, postpone, onBadge } = useConflictPrompt(open);
  /** The slice a label was refused on because it was not on screen (shown until it is). */
  const [refusedAt, setRefusedAt] = useState<number | null>(null);
  /** A range label waiting for the reader's answer about its never-displayed slices. */
  const [askUnseen, setAskUnseen] = useState<{ classCode: string; unseen: number; total: number } | null>(null);
  const { question, document, changes } = open;
  const editable = isEditable(open);
  // The first slice comes first: the side panels, the study's thumbnails and the label strip's
  // cells (with the requests and the work their mounting starts) render a paint after it. Mounted
  // with the viewer they held the file's arrival and its draw back (first-image bench). Their
  // room is kept meanwhile, so the viewer is not resized; the label keys work from the start.
  const panelsDue = useFirstScreenDue(open.displayedIndex !== null, FIRST_SCREEN_FALLBACK_MS);

  const thresholds = useAppStore((state) => (state.proposals?.itemId === open.itemId ? state.proposals.thresholds : NO_THRESHOLDS));
  const [proposalRefusal, setProposalRefusal] = useState<string | null>(null);
  // O(slices) per change of the document or of the slider, read through its per-target index.
  const cells = useMemo(
    () => (question ? sliceCells(document, open.targetIds, question, thresholds) : []),
    // `document` changes in place; `changes` says when.
    [document, changes, open.targetIds, question, thresholds],
  );
  const classes = useMemo(() => cells.map((cell) => cell.settled), [cells]);
  const proposed = useMemo(() => cells.map((cell) => cell.proposed), [cells]);
  const current = classes[open.sliceIndex] ?? [];
  const currentProposal = proposed[open.sliceIndex] ?? null;
  const shownIds = useMemo(() => proposed.flatMap((cell) => (cell ? [cell.id] : [])), [proposed]);
  const series = open.detail?.item.content.kind === 'series' ? open.detail.item.content : null;
  // A series is proposed on open only while it has no answers nor proposals of the question (a rejected one counts):
  // read once, when the panel decides, not on every change of the document.
  const untouched = useCallback(() => {
    const now = appStore().getState().openItem;
    return now?.status === 'ready' && now.document !== null && now.question !== null && !hasLabelRecords(now.document, now.question.id, now.targetIds);
  }, []);
  const choices = useMemo(
    (): RunChoice[] => (series ? [{ scope: 'series', inputs: () => seriesInputs(series as SeriesItem, readSlice), onOpen: untouched }] : []),
    [series, untouched],
  );

  const decide = (ids: readonly string[], decision: 'accepted' | 'rejected') => {
    const outcome = actions.decideProposals(ids, decision);
    setProposalRefusal(outcome.kind === 'refused' ? outcome.reason : null);
    return outcome.kind === 'done';
  };
  const unlabelled = open.targetIds.length - open.labelled;

  const reading = useReadingContext(open.targetIds.length, open.sliceIndex, actions.goToSlice);
  const segmentation = useSegmentation(open, series as SeriesItem | null, slices, adapter, readSlice, actions.runCommands);
  const segment = segmentation?.editing.question.classes.find((c) => c.code === segmentation.editing.classCode) ?? null;
  const anyDialog = dialogOpen || help || showConflict || askUnseen !== null || reading.reformatOpen;
  const showRefused = refusedAt !== null && refusedAt === open.sliceIndex && open.displayedIndex !== open.sliceIndex;

  const label = (classCode: string, unseen?: UnseenChoice) => {
    const outcome = actions.applyLabel(classCode, unseen);
    setRefusedAt(outcome.kind === 'notDisplayed' ? open.sliceIndex : null);
    setAskUnseen(outcome.kind === 'ask' ? { classCode, unseen: outcome.unseen, total: outcome.total } : null);
  };

  const study = useStudySeries(open.itemId);
  // In place of this series in the history: Back returns to the worklist the reader came from, not through every series seen.
  const openSeries = (itemId: string) => navigate(paths.item(itemId), { replace: true });

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
      case 'series': {
        const next = study && neighbourSeries(study, open.itemId, action.delta);
        return next ? openSeries(next.itemId) : undefined;
      }
      case 'viewer':
        if (action.action.type === 'maskTool') return segmentation?.editing.setTool(action.action.tool);
        if (action.action.type === 'maskToolKey') return segmentation?.editing.key(action.action.key);
        // A reading tool takes the left button back from the mask tools.
        if (action.action.type === 'tool') segmentation?.editing.setTool(null);
        return reading.run(action.action);
      case 'proposal':
        if (action.all) return decide(shownIds, action.decision);
        // Like a label key, deciding on the slice's proposal moves on to the next slice.
        if (currentProposal && decide([currentProposal.id], action.decision)) actions.stepSlice(1);
        return;
    }
  };
  useReadingKeyboard(actionForKey, question, !anyDialog, onAction);

  const onViewerIndex = useCallback((index: number) => actions.goToSlice(index), [actions]);
  const overlay = (
    <>
      {adapter && segmentation && (
        <MaskLayer
          adapter={adapter}
          masks={segmentation.masks}
          previews={segmentation.editing.previews}
          active={segment && { classCode: segment.code, color: segment.color, opacity: segmentation.editing.display(segment.code).opacity, ...segmentation.size }}
          onInput={segmentation.editing.onInput}
          version={open.changes}
        />
      )}
      <div className="viewer-overlay-label" data-testid="viewer-slice-label">
        {current.length > 0 ? (
          <>
            <span className="swatch" style={{ background: cellBackground(current) }} aria-hidden="true" />
            {current.map((c) => c.name[language]).join(', ')}
          </>
        ) : currentProposal ? (
          <span className="proposal-overlay" data-testid="viewer-slice-proposal">
            {t('proposals.overlay', { labels: currentProposal.classes.map((c) => c.name[language]).join(', '), percent: Math.round(currentProposal.score * 100) })}
          </span>
        ) : (
          <span className="muted">{t('strip.unlabelled')}</span>
        )}
      </div>
      {adapter && markers.length > 0 && <PointMarkers adapter={adapter} markers={markers} />}
    </>
  );

  return (
    <div className="workspace">
      <ReadingToolbar open={open} actions={actions} unlabelled={unlabelled} onBadge={onBadge} onHelp={() => setHelp(true)} onDialog={onDialog} />
      <div
        className={showsStudyPanel(study) ? 'workspace-body with-study' : 'workspace-body'}
        data-study-series={study?.length ?? 'loading'}
        data-panels={panelsDue ? 'shown' : 'held'}
      >
        {showsStudyPanel(study) && (panelsDue ? <StudyPanel series={study} currentId={open.itemId} onOpen={openSeries} /> : <StudyPanelRoom />)}
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
            onAdapter={setAdapter}
            showContext={reading.showContext}
            tool={reading.tool}
            onMeasurements={reading.setMeasurements}
            onControls={reading.setControls}
            remembersPlace
          />
          <ReadingContextBar context={reading} />
          <SliceNavigator
            count={open.targetIds.length}
            index={open.sliceIndex}
            selection={open.selection}
            classes={panelsDue ? classes : NO_CELLS}
            proposed={panelsDue ? proposed : NO_CELLS}
            onGo={(i, extend) => actions.goToSlice(i, { extend })} />
        </section>
        <aside className="label-panel" aria-label={t('labels.panel')}>
          {question && (
            <>
              <h2>{question.name[language]}</h2>
              <ClassButtons
                question={question}
                pressedCodes={current.map((c) => c.code)}
                disabled={!editable}
                clearShortcut={DELETE_CLEARS}
                testIdPrefix="label-button"
                clearTestId="label-clear"
                onChoose={label}
                onClear={actions.clearLabels}
              />
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
              <ReadOnlyNotice open={open} />
              {panelsDue && <SeriesAnswer question={question} document={document} changes={changes} targetIds={open.targetIds} />}
            </>
          )}
          {panelsDue && (
            <>
              {segmentation && <SegmentationPanel editing={segmentation.editing} figures={segmentation.figures} disabled={!editable} onInterpolate={segmentation.interpolate} />}
              <ProposalPanel open={open} choices={choices} shownCount={shownIds.length} onDecideAll={(decision) => decide(shownIds, decision)} refusal={proposalRefusal} />
              <MeasurementList measurements={reading.measurements} onRemove={(uid) => reading.controls?.removeMeasurement(uid)} />
              <LabelExport open={open} />
              <SegExport open={open} />
              <SrExport open={open} />
              <DicomLabelImport open={open} />
              <p className="muted small">{t('item.helpHint')}</p>
            </>
          )}
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
      {reading.reformatOpen && series && <ReformatNotice series={series as SeriesItem} readSlice={readSlice} window={open.window ?? CT_PRESETS.brain} sliceIndex={open.sliceIndex} onGoToSlice={onViewerIndex} onClose={() => reading.setReformatOpen(false)} />}
      {help && question && <ShortcutHelp question={question} masks={segmentation !== null} onClose={() => setHelp(false)} />}
      {showConflict && question && <OpenItemConflictDialog open={open} question={question} onResolve={actions.resolveConflicts} onLater={postpone} />}
    </div>
  );
}

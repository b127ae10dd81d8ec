import { useCallback, useMemo, useState, type MouseEvent } from 'react';
import type { FrameSetItem } from '../../core/item';
import type { Question } from '../../core/labelSet';
import { isSettled, labelAt } from '../../core/targetLabels';
import { useLanguage, useT } from '../../i18n';
import { appStore, isEditable, type OpenItem } from '../../store';
import type { ToolCommand } from '../../core/tools/tool';
import { useConflictPrompt } from '../reading/conflictPrompt';
import { OpenItemConflictDialog } from '../reading/OpenItemConflictDialog';
import { useLatestCallback } from '../common/useLatestCallback';
import { ProposalPanel } from '../proposals/ProposalPanel';
import { ReadOnlyNotice } from '../reading/ReadOnlyNotice';
import { ReadingToolbar } from '../reading/ReadingToolbar';
import { useReadingKeyboard } from '../reading/useReadingKeyboard';
import { FrameAnswerPanel } from './FrameAnswerPanel';
import { frameAfter, type FrameFilter } from './frameFilter';
import { FrameGrid, type CellAnswer } from './FrameGrid';
import { frameActionForKey, steppedPosition, type FrameAction } from './frameKeymap';
import { FrameLargeView, DEFAULT_VIEW, zoomedBy, type ViewSettings } from './FrameLargeView';
import { firstOpenQuestion, frameQuestions, nextOpenQuestion, walksAllQuestionsByDefault } from './frameQuestions';
import { extendSelection, selectedFrames, toggleInSelection, type FrameSelection } from './frameSelection';
import { FrameShortcutHelp } from './FrameShortcutHelp';
import { useFrameProposals } from './proposals/useFrameProposals';
import { FrameRegionBar } from './regions/FrameRegionBar';
import { FrameRegionLayer } from './regions/FrameRegionLayer';
import { regionsOn } from './regions/regionShapes';
import { useFrameRegions } from './regions/useFrameRegions';
import { positionOf } from './shownFrames';
import { useShownFrames } from './useShownFrames';
import './frames.css';

/**
 * The frame workspace: a virtualised grid of every frame (from the sprite sheets) beside the
 * current frame at full size and the questions it answers. Keyboard first: a class key answers
 * the current question for the current frame (or every selected frame, as one command) and moves
 * on. Edits go through the store's commands, so drafts, undo and sync are those of every item.
 */
export function FrameSetWorkspace({
  open,
  frameSet,
  dialogOpen,
  onDialog,
}: {
  readonly open: OpenItem;
  readonly frameSet: FrameSetItem;
  readonly dialogOpen: boolean;
  readonly onDialog: (open: boolean) => void;
}) {
  const t = useT();
  const [language] = useLanguage();
  // Actions are created once with the store, so reading them outside a selector is stable.
  const actions = appStore().getState();
  const { document, changes, targetIds } = open;
  const editable = isEditable(open);
  const labelSet = open.detail?.labelSet;
  const questions = useMemo(() => (labelSet ? frameQuestions(labelSet) : []), [labelSet]);
  const [walkAll, setWalkAll] = useState(() => walksAllQuestionsByDefault(questions));
  // Reopened part-way: the first question the current frame has not answered yet.
  const [questionIndex, setQuestionIndex] = useState(() => (walkAll ? firstOpenQuestion(questions, (q) => isOpenLabel(open, q.id, open.targetIds[open.sliceIndex])) : 0));
  const question: Question | null = questions[questionIndex] ?? null;
  const [filter, setFilter] = useState<FrameFilter>({ kind: 'all' });
  const [selection, setSelection] = useState<FrameSelection | null>(null);
  const [columns, setColumns] = useState(1);
  const [view, setView] = useState<ViewSettings>(DEFAULT_VIEW);
  const [help, setHelp] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const { showConflict, postpone, onBadge } = useConflictPrompt(open);
  const current = open.sliceIndex;
  const currentTarget = targetIds[current];
  const regionQuestion = useMemo(() => labelSet?.questions.find((q) => q.target === 'region') ?? null, [labelSet]);
  // Called once the page has rendered, when `proposals` below is set.
  const keepsProposalKey = useLatestCallback((event: KeyboardEvent) => proposals.keepsKey(event));
  const regions = useFrameRegions({
    document,
    question: regionQuestion,
    targetId: currentTarget,
    size: frameSet.frames[current] ?? NO_FRAME,
    displayed: open.displayedIndex === current,
    zoom: view.zoom,
    keys: !(dialogOpen || help || showConflict),
    keepsKey: keepsProposalKey,
  });
  const selected = useMemo(() => (selection ? selectedFrames(selection) : NO_FRAMES), [selection]);
  const proposals = useFrameProposals({ open, frameSet, current, selected, session: regions?.session ?? null });

  const labelOf = useCallback(
    (questionId: string, frame: number) => {
      const targetId = targetIds[frame];
      return document && targetId !== undefined ? labelAt(document, questionId, targetId) : undefined;
    },
    [document, targetIds],
  );
  const shown = useShownFrames(document, targetIds, filter, question, current);
  const position = positionOf(shown, current);

  const answersOf = useCallback(
    (frame: number): CellAnswer[] =>
      questions.flatMap((q) => {
        const label = labelOf(q.id, frame);
        const chosen = label && label.classCodes.length > 0 ? q.classes.find((c) => c.code === label.classCodes[0]) : undefined;
        if (!label || !chosen) return [];
        const pending = !isSettled(label);
        return [{ questionId: q.id, color: pending ? 'transparent' : chosen.color, title: `${q.name[language]}: ${chosen.name[language]}` }];
      }),
    [questions, labelOf, language],
  );

  const regionCountOf = useCallback(
    (frame: number) => {
      const targetId = targetIds[frame];
      return regionQuestion && document && targetId !== undefined ? regionsOn(document, targetId, regionQuestion.id, proposals.thresholds).length : 0;
    },
    // `document` changes in place; `changes` says when.
    [regionQuestion, document, targetIds, changes, proposals.thresholds],
  );

  const isOpenOn = (frame: number) => (q: Question) => isOpenLabel(open, q.id, targetIds[frame]);

  const goTo = (frame: number) => {
    setSelection(null);
    setRefusal(null);
    actions.goToSlice(frame);
    if (walkAll) setQuestionIndex(firstOpenQuestion(questions, isOpenOn(frame)));
  };

  const step = (by: 'frame' | 'row', delta: 1 | -1, extend: boolean) => {
    const next = shown[steppedPosition(Math.max(0, position), by, delta, columns, shown.length)];
    if (next === undefined) return;
    if (extend) {
      setSelection(extendSelection(selection, current, next));
      actions.goToSlice(next);
    } else goTo(next);
  };

  /** Runs one command (one undo step) for the current frame or the selection; false when refused. */
  const run = (command: ToolCommand): boolean => {
    const outcome = actions.runCommands([command]);
    setRefusal(outcome.kind === 'refused' ? outcome.reason : null);
    return outcome.kind === 'done';
  };

  const answer = (classCode: string) => {
    if (!question || currentTarget === undefined) return;
    const frames = selection ? selectedFrames(selection) : [current];
    const ids = frames.flatMap((frame) => (targetIds[frame] === undefined ? [] : [targetIds[frame] as string]));
    const last = frames[frames.length - 1] ?? current;
    // Where to go next is read before the answer: a filter of untagged frames drops the answered ones.
    const after = frameAfter(shown, Math.max(positionOf(shown, last), position));
    const done =
      ids.length === 1
        ? run({ name: 'targetLabel/set', params: { questionId: question.id, targetId: ids[0] as string, classCode } })
        : run({ name: 'targetLabel/setRange', params: { questionId: question.id, targetIds: ids, classCode } });
    if (!done) return;
    if (!selection && walkAll) {
      const next = nextOpenQuestion(questions, questionIndex, isOpenOn(current));
      if (next !== null) return setQuestionIndex(next);
    }
    setSelection(null);
    if (after !== null && after !== current) {
      actions.goToSlice(after);
      if (walkAll) setQuestionIndex(firstOpenQuestion(questions, isOpenOn(after)));
    }
  };

  const clear = () => {
    if (!question) return;
    const frames = selection ? selectedFrames(selection) : [current];
    const ids = frames.flatMap((frame) => (targetIds[frame] === undefined ? [] : [targetIds[frame] as string]));
    run({ name: 'targetLabel/clear', params: { questionId: question.id, targetIds: ids } });
  };

  const onAction = (action: FrameAction) => {
    switch (action.type) {
      case 'label':
        return answer(action.classCode);
      case 'clear':
        return clear();
      case 'step':
        return step(action.by, action.delta, action.extend);
      case 'jump': {
        const frame = action.to === 'first' ? shown[0] : shown[shown.length - 1];
        if (frame === undefined) return;
        if (action.extend) {
          setSelection(extendSelection(selection, current, frame));
          return actions.goToSlice(frame);
        }
        return goTo(frame);
      }
      case 'question':
        return setQuestionIndex((index) => (index + action.delta + questions.length) % Math.max(1, questions.length));
      case 'zoom':
        return setView((v) => ({ ...v, zoom: zoomedBy(v.zoom, action.delta) }));
      case 'undo':
        return actions.undo();
      case 'redo':
        return actions.redo();
      case 'help':
        return setHelp(true);
      case 'deselect':
        return setSelection(null);
      case 'regionTool':
        return regions?.session?.setTool(action.tool);
      case 'proposal':
        return proposals.decide(action.decision, action.all);
    }
  };
  const anyDialog = dialogOpen || help || showConflict;
  useReadingKeyboard(frameActionForKey, question, !anyDialog, onAction);

  // One identity, so the memoised grid skips the renders that change nothing of it (sync state, saving).
  const onCellClick = useLatestCallback((frame: number, event: MouseEvent) => {
    if (event.shiftKey) {
      setSelection(extendSelection(selection, current, frame));
      actions.goToSlice(frame);
    } else if (event.ctrlKey || event.metaKey) {
      setSelection(toggleInSelection(selection, current, frame));
      actions.goToSlice(frame);
    } else goTo(frame);
  });

  const currentAnswers = answersOf(current);
  const overlay = (
    <div className="frame-large-answers" data-testid="frame-large-answers">
      {currentAnswers.map((a) => (
        <span key={a.questionId} className="frame-large-answer">
          <span className="swatch" style={{ background: a.color }} aria-hidden="true" />
          {a.title}
        </span>
      ))}
    </div>
  );
  const selectedCount = selection ? selectedFrames(selection).length : 0;

  return (
    <div className="workspace frame-workspace" data-testid="frame-workspace" data-question={question?.id ?? ''} data-current-frame={current}>
      <ReadingToolbar open={open} actions={actions} unlabelled={targetIds.length - open.labelled} onBadge={onBadge} onHelp={() => setHelp(true)} onDialog={onDialog} />
      <div className="frame-workspace-body">
        <section className="frame-grid-pane" aria-label={t('frames.grid')}>
          <div className="frame-grid-bar">
            <label>
              {t('frames.filter')}{' '}
              <select data-testid="frame-filter" value={filterValue(filter)} onChange={(e) => setFilter(parseFilter(e.target.value))}>
                <option value="all">{t('frames.filter.all')}</option>
                <option value="untagged">{t('frames.filter.untagged')}</option>
                <option value="pending">{t('frames.filter.pending')}</option>
                {question?.classes.map((c) => (
                  <option key={c.code} value={`class:${c.code}`}>
                    {t('frames.filter.class', { name: c.name[language] })}
                  </option>
                ))}
              </select>
            </label>
            <span className="muted small" data-testid="frame-shown-count">
              {t('frames.shownCount', { shown: shown.length, total: targetIds.length })}
            </span>
          </div>
          {shown.length === 0 && <p className="notice">{t('frames.noneShown')}</p>}
          <FrameGrid
            itemId={open.itemId}
            sprites={frameSet.sprites}
            shown={shown}
            current={current}
            selection={selection}
            answersOf={answersOf}
            regionCountOf={regionQuestion ? regionCountOf : undefined}
            changes={changes}
            onColumns={setColumns}
            onClick={onCellClick}
          />
        </section>
        <FrameLargeView
          itemId={open.itemId}
          targetId={currentTarget}
          frame={current}
          total={targetIds.length}
          view={view}
          onView={setView}
          onDisplayed={actions.markDisplayed}
          overlay={overlay}
          layer={regions && document && <FrameRegionLayer regions={regions} document={document} targetId={currentTarget} changes={changes} thresholds={proposals.thresholds} />}
          imageRef={regions?.imageRef}
        />
        <aside className="label-panel" aria-label={t('labels.panel')}>
          {document && (
            <FrameAnswerPanel
              questions={questions}
              current={questionIndex}
              document={document}
              targetId={currentTarget}
              editable={editable}
              onQuestion={setQuestionIndex}
              onChoose={answer}
              onClear={clear}
            />
          )}
          {regions && <FrameRegionBar regions={regions} count={regionCountOf(current)} editable={editable} />}
          {questions.length > 1 && (
            <label className="small">
              <input type="checkbox" data-testid="frame-walk-all" checked={walkAll} onChange={(e) => setWalkAll(e.target.checked)} /> {t('frames.walkAll')}
            </label>
          )}
          {selectedCount > 1 && (
            <p className="notice" role="status" data-testid="frame-selection">
              {t('frames.selected', { n: selectedCount })}
            </p>
          )}
          {refusal && (
            <p className="error" role="alert">
              {t('frames.refused', { reason: refusal })}
            </p>
          )}
          <ReadOnlyNotice open={open} />
          <ProposalPanel open={open} choices={proposals.choices} shownCount={proposals.shownIds.length} onDecideAll={(decision) => proposals.decide(decision, true)} refusal={proposals.refusal} />
          <p className="muted small">{t('item.helpHint')}</p>
        </aside>
      </div>
      {help && <FrameShortcutHelp question={question} regionQuestion={regionQuestion} video={frameSet.source === 'video'} proposals={regionQuestion !== null} onClose={() => setHelp(false)} />}
      {showConflict && question && <OpenItemConflictDialog open={open} question={question} onResolve={actions.resolveConflicts} onLater={postpone} />}
    </div>
  );
}

const NO_FRAMES: readonly number[] = [];

/** The size of a frame the item does not list (none is shown then). */
const NO_FRAME = { width: 0, height: 0 } as const;

/** Whether `questionId` still waits for a person's answer on a frame (none, empty, or only a pending proposal). */
function isOpenLabel(open: OpenItem, questionId: string, targetId: string | undefined): boolean {
  const label = open.document && targetId !== undefined ? labelAt(open.document, questionId, targetId) : undefined;
  return !label || label.classCodes.length === 0 || !isSettled(label);
}

function filterValue(filter: FrameFilter): string {
  return filter.kind === 'class' ? `class:${filter.code}` : filter.kind;
}

function parseFilter(value: string): FrameFilter {
  if (value.startsWith('class:')) return { kind: 'class', code: value.slice('class:'.length) };
  return value === 'untagged' || value === 'pending' ? { kind: value } : { kind: 'all' };
}

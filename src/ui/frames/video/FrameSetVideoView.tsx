import { useCallback, useEffect, useMemo, useState } from 'react';
import type { FrameSetItem } from '../../../core/item';
import type { ToolCommand } from '../../../core/tools/tool';
import { useT } from '../../../i18n';
import { appServices, appStore, isEditable, useAppStore, type OpenItem } from '../../../store';
import { useLatestCallback } from '../../common/useLatestCallback';
import { ProposalPanel } from '../../proposals/ProposalPanel';
import { ReadingToolbar } from '../../reading/ReadingToolbar';
import { typingInto } from '../../reading/typingInto';
import { useFrameProposals } from '../proposals/useFrameProposals';
import { FrameRegionBar } from '../regions/FrameRegionBar';
import { FrameRegionLayer } from '../regions/FrameRegionLayer';
import { regionsOn } from '../regions/regionShapes';
import { useFrameRegions, useRegionMode } from '../regions/useFrameRegions';
import { bandsOf } from './bandLayout';
import type { FrameSpan } from './rangeMath';
import { framesWithRegions } from './regionMarks';
import { playerKeepsInRegionMode, proposalKeyInPlayer, regionToolForPlayerKey } from './videoRegionKeys';
import { VideoPlayer } from './VideoPlayer';
import { VideoShortcutHelp } from './VideoShortcutHelp';

/** The size of a frame the video does not list (none is shown then). */
const NO_FRAME = { width: 0, height: 0 } as const;

const NO_FRAMES: readonly number[] = [];

/**
 * A video frame set in the player: the reading toolbar (sync, undo, keys, submit), the player over
 * the open item's document, its range edits run as store commands (one undo step each; Ctrl+Z and
 * Ctrl+Shift+Z undo and redo, `?` lists the keys), the frame on screen the open item's current
 * frame in the store, the one the grid shows too. Where the label set has a region question, the
 * grid's region layer lies over the frame drawn (B / P enter region mode; keys shared as
 * videoRegionKeys.ts says) and the timeline marks the frames holding regions. Regions show while
 * playing too: a frame's are read from the store's per-frame index and drawn as a few SVG paths,
 * only once the player has drawn that frame, which costs little beside decoding it.
 *
 * The AI panel is the grid's (useFrameProposals): a model runs on the frame shown, the marked run of
 * frames (`[` `]`, the player's selection) or every frame from the one shown; its boxes arrive as
 * pending regions over the frame, playing or paused, and A / X decide them (Shift: every one shown
 * on the frame), unless a range class takes the key.
 */
export function FrameSetVideoView({
  open,
  video,
  dialogOpen,
  onDialog,
}: {
  readonly open: OpenItem;
  readonly video: FrameSetItem;
  /** A dialog of the page (submitting) is open: the player's keys wait. */
  readonly dialogOpen: boolean;
  readonly onDialog: (open: boolean) => void;
}) {
  const t = useT();
  const [help, setHelp] = useState(false);
  const keysEnabled = !dialogOpen && !help;
  const runCommands = useAppStore((state) => state.runCommands);
  const undo = useAppStore((state) => state.undo);
  const redo = useAppStore((state) => state.redo);
  const goToFrame = useAppStore((state) => state.goToSlice);
  const [refused, setRefused] = useState<string | null>(null);
  const { document, changes, itemId } = open;
  const current = open.sliceIndex;
  const question = useMemo(() => open.detail?.labelSet.questions.find((q) => q.target === 'frameRange') ?? null, [open.detail]);
  const regionQuestion = useMemo(() => open.detail?.labelSet.questions.find((q) => q.target === 'region') ?? null, [open.detail]);
  const [shownFrame, setShownFrame] = useState<number | null>(null);
  const currentTarget = video.frames[current]?.targetId;
  const [marked, setMarked] = useState<FrameSpan | null>(null);
  const selected = useMemo(() => (marked ? Array.from({ length: marked.last - marked.first + 1 }, (_, i) => marked.first + i) : NO_FRAMES), [marked]);
  // Called once the view has rendered, when `proposals` below is set: A and X stay the page's while a shown proposal is selected.
  const keepsKey = useLatestCallback((event: KeyboardEvent) => playerKeepsInRegionMode(event) || proposals.keepsKey(event));
  const regions = useFrameRegions({
    document,
    question: regionQuestion,
    targetId: currentTarget,
    size: video.frames[current] ?? NO_FRAME,
    displayed: shownFrame === current,
    zoom: 1,
    keys: keysEnabled,
    keepsKey,
  });
  const session = regions?.session ?? null;
  const proposals = useFrameProposals({ open, frameSet: video, current, selected, session });
  const regionMode = useRegionMode(session);
  const frameIndex = useMemo(() => new Map(video.frames.map((f, i) => [f.targetId, i])), [video.frames]);
  const bands = useMemo(
    () => (question && document ? bandsOf(document.records(), question, (id) => frameIndex.get(id), video.frames.length) : []),
    // `document` changes in place; `changes` says when.
    [question, document, changes, frameIndex, video.frames.length],
  );
  const regionFrames = useMemo(
    () => (regionQuestion && document ? framesWithRegions(document.records(), regionQuestion.id, (id) => frameIndex.get(id)) : undefined),
    // `document` changes in place; `changes` says when.
    [regionQuestion, document, changes, frameIndex],
  );
  const regionCount = regionQuestion && document && currentTarget !== undefined ? regionsOn(document, currentTarget, regionQuestion.id, proposals.thresholds).length : 0;
  const loadFrame = useCallback((targetId: string) => appServices().api.loadFrame(itemId, targetId), [itemId]);
  const targetOf = useCallback((index: number) => video.frames[index]?.targetId ?? '', [video.frames]);

  const run = useCallback(
    (command: ToolCommand) => {
      const outcome = runCommands([command]);
      setRefused(outcome.kind === 'refused' ? outcome.reason : null);
    },
    [runCommands],
  );
  const onTagRange = useCallback(
    (span: FrameSpan, classCode: string) =>
      question && run({ name: 'frameRange/add', params: { questionId: question.id, firstTargetId: targetOf(span.first), lastTargetId: targetOf(span.last), classCode } }),
    [question, run, targetOf],
  );
  const onResizeRange = useCallback(
    (id: string, span: FrameSpan) => run({ name: 'frameRange/resize', params: { id, firstTargetId: targetOf(span.first), lastTargetId: targetOf(span.last) } }),
    [run, targetOf],
  );
  const onRemoveRange = useCallback((id: string) => run({ name: 'frameRange/remove', params: { id } }), [run]);
  const decide = useLatestCallback(proposals.decide);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!keysEnabled || event.defaultPrevented || typingInto(event.target)) return;
      if (event.key === '?') {
        event.preventDefault();
        setHelp(true);
        return;
      }
      // Region mode hears its keys first (capture); in tagging mode B and P enter it.
      const tool = session ? regionToolForPlayerKey(event, question) : undefined;
      if (session && tool) {
        event.preventDefault();
        session.setTool(tool);
        return;
      }
      const proposalKey = regionQuestion ? proposalKeyInPlayer(event, question) : null;
      if (proposalKey) {
        event.preventDefault();
        decide(proposalKey.decision, proposalKey.all);
        return;
      }
      if (!(event.ctrlKey || event.metaKey) || event.altKey || event.key.toLowerCase() !== 'z') return;
      event.preventDefault();
      if (event.shiftKey) redo();
      else undo();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [keysEnabled, undo, redo, session, question, regionQuestion, decide]);

  return (
    <div className="workspace frame-video-workspace" data-testid="frame-video-workspace">
      <ReadingToolbar open={open} actions={appStore().getState()} unlabelled={0} onBadge={undefined} onHelp={() => setHelp(true)} onDialog={onDialog} />
      <div className="frame-video-body">
        <VideoPlayer
          itemId={itemId}
          frames={video.frames}
          fps={video.fps ?? 25}
          currentFrame={current}
          onFrameChange={goToFrame}
          question={question}
          bands={bands}
          loadFrame={loadFrame}
          editable={isEditable(open)}
          keysEnabled={keysEnabled}
          onTagRange={onTagRange}
          onResizeRange={onResizeRange}
          onRemoveRange={onRemoveRange}
          stage={regions && document && <FrameRegionLayer regions={regions} document={document} targetId={currentTarget} changes={changes} thresholds={proposals.thresholds} />}
          canvasRef={regions?.imageRef}
          onShown={setShownFrame}
          holdStill={regionMode}
          regionFrames={regionFrames}
          onMarks={setMarked}
        />
        <aside className="label-panel" aria-label={t('labels.panel')}>
          {regions && <FrameRegionBar regions={regions} count={regionCount} editable={isEditable(open)} taggingHint={t('video.regions.taggingHint')} />}
          <ProposalPanel open={open} choices={proposals.choices} shownCount={proposals.shownIds.length} onDecideAll={(decision) => proposals.decide(decision, true)} refusal={proposals.refusal} />
        </aside>
      </div>
      {help && <VideoShortcutHelp question={question} regionQuestion={regionQuestion} onClose={() => setHelp(false)} />}
      {refused && (
        <p className="notice" role="alert" data-testid="video-refused">
          {t('video.refused', { reason: refused })}
        </p>
      )}
    </div>
  );
}

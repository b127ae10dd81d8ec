import { useCallback, useEffect, useMemo, useState } from 'react';
import type { FrameSetItem } from '../../../core/item';
import type { ToolCommand } from '../../../core/tools/tool';
import { useT } from '../../../i18n';
import { appServices, appStore, isEditable, useAppStore, type OpenItem } from '../../../store';
import { ReadingToolbar } from '../../reading/ReadingToolbar';
import { typingInto } from '../../reading/typingInto';
import { bandsOf } from './bandLayout';
import type { FrameSpan } from './rangeMath';
import { VideoPlayer } from './VideoPlayer';
import { VideoShortcutHelp } from './VideoShortcutHelp';

/**
 * A video frame set in the player: the reading toolbar (sync, undo, keys, submit), the player over
 * the open item's document, its range edits run as store commands (one undo step each; Ctrl+Z and
 * Ctrl+Shift+Z undo and redo, `?` lists the keys), the frame on screen the open item's current
 * frame in the store, the one the grid shows too.
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
  const question = useMemo(() => open.detail?.labelSet.questions.find((q) => q.target === 'frameRange') ?? null, [open.detail]);
  const frameIndex = useMemo(() => new Map(video.frames.map((f, i) => [f.targetId, i])), [video.frames]);
  const bands = useMemo(
    () => (question && document ? bandsOf(document.records(), question, (id) => frameIndex.get(id), video.frames.length) : []),
    // `document` changes in place; `changes` says when.
    [question, document, changes, frameIndex, video.frames.length],
  );
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

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!keysEnabled || typingInto(event.target)) return;
      if (event.key === '?') {
        event.preventDefault();
        setHelp(true);
        return;
      }
      if (!(event.ctrlKey || event.metaKey) || event.altKey || event.key.toLowerCase() !== 'z') return;
      event.preventDefault();
      if (event.shiftKey) redo();
      else undo();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [keysEnabled, undo, redo]);

  return (
    <div className="workspace frame-video-workspace" data-testid="frame-video-workspace">
      <ReadingToolbar open={open} actions={appStore().getState()} unlabelled={0} onBadge={undefined} onHelp={() => setHelp(true)} onDialog={onDialog} />
      <VideoPlayer
        itemId={itemId}
        frames={video.frames}
        fps={video.fps ?? 25}
        currentFrame={open.sliceIndex}
        onFrameChange={goToFrame}
        question={question}
        bands={bands}
        loadFrame={loadFrame}
        editable={isEditable(open)}
        keysEnabled={keysEnabled}
        onTagRange={onTagRange}
        onResizeRange={onResizeRange}
        onRemoveRange={onRemoveRange}
      />
      {help && <VideoShortcutHelp question={question} onClose={() => setHelp(false)} />}
      {refused && (
        <p className="notice" role="alert" data-testid="video-refused">
          {t('video.refused', { reason: refused })}
        </p>
      )}
    </div>
  );
}

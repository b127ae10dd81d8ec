import { useCallback, useEffect, useMemo, useState } from 'react';
import type { FrameSetItem } from '../../../core/item';
import type { ToolCommand } from '../../../core/tools/tool';
import { useT } from '../../../i18n';
import { appServices, isEditable, useAppStore, type OpenItem } from '../../../store';
import { bandsOf } from './bandLayout';
import type { FrameSpan } from './rangeMath';
import { VideoPlayer } from './VideoPlayer';

/**
 * A video frame set's workspace until the frame workspace takes the player in: the player over the
 * open item's document, its range edits run as store commands (one undo step each; Ctrl+Z and
 * Ctrl+Shift+Z undo and redo), the frame on screen kept here.
 */
export function FrameSetVideoView({ open, video }: { readonly open: OpenItem; readonly video: FrameSetItem }) {
  const t = useT();
  const runCommands = useAppStore((state) => state.runCommands);
  const undo = useAppStore((state) => state.undo);
  const redo = useAppStore((state) => state.redo);
  const [frame, setFrame] = useState(0);
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
      if (!(event.ctrlKey || event.metaKey) || event.altKey || event.key.toLowerCase() !== 'z') return;
      event.preventDefault();
      if (event.shiftKey) redo();
      else undo();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [undo, redo]);

  return (
    <div className="workspace frame-video-workspace" data-testid="frame-video-workspace">
      <VideoPlayer
        itemId={itemId}
        frames={video.frames}
        fps={video.fps ?? 25}
        currentFrame={frame}
        onFrameChange={setFrame}
        question={question}
        bands={bands}
        loadFrame={loadFrame}
        editable={isEditable(open)}
        onTagRange={onTagRange}
        onResizeRange={onResizeRange}
        onRemoveRange={onRemoveRange}
      />
      {refused && (
        <p className="notice" role="alert" data-testid="video-refused">
          {t('video.refused', { reason: refused })}
        </p>
      )}
    </div>
  );
}

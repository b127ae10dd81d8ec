/**
 * A frame set's screen: the frame grid, or, for a video whose label set asks about runs of frames
 * (a `frameRange` question such as endoscopy-video's events), the player with its timeline. A
 * video offers both (a per-frame score is quicker in the grid, an event in the player); one is
 * mounted at a time, so their keys never meet; G and V (or the switch) go from one to the other
 * on the same frame, which lives in the store (`sliceIndex`), not in either view. Above either,
 * the exports (COCO, CSV).
 */
import { useEffect, useMemo, useState } from 'react';
import type { FrameSetItem } from '../../core/item';
import { useT } from '../../i18n';
import type { OpenItem } from '../../store';
import { typingInto } from '../reading/typingInto';
import { FrameSetExport } from './FrameSetExport';
import { firstFrameSetMode, MODE_KEYS, modeForKey, type FrameSetMode } from './frameSetMode';
import { FrameSetWorkspace } from './FrameSetWorkspace';
import { FrameSetVideoView } from './video/FrameSetVideoView';

export interface FrameSetViewProps {
  readonly open: OpenItem;
  readonly frameSet: FrameSetItem;
  readonly dialogOpen: boolean;
  readonly onDialog: (open: boolean) => void;
}

export function FrameSetView({ open, frameSet, dialogOpen, onDialog }: FrameSetViewProps) {
  const t = useT();
  const [mode, setMode] = useState<FrameSetMode>(() => firstFrameSetMode(frameSet, open.detail?.labelSet.questions.map((q) => q.target) ?? []));
  const switches = frameSet.source === 'video';
  const labelSet = open.detail?.labelSet;
  const classKeys = useMemo(() => labelSet?.questions.flatMap((q) => q.classes.flatMap((c) => (c.key ? [c.key] : []))) ?? [], [labelSet]);

  useEffect(() => {
    if (!switches || dialogOpen) return;
    const onKey = (event: KeyboardEvent) => {
      // A key the region tools took (V selects there) is theirs, not a mode switch.
      if (event.defaultPrevented || typingInto(event.target)) return;
      const next = modeForKey(event, mode, classKeys);
      if (!next) return;
      event.preventDefault();
      setMode(next);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [switches, dialogOpen, mode, classKeys]);
  return (
    <>
      <div className="frame-set-bar">
        {switches && (
          <span className="frame-mode-switch" role="group" aria-label={t('frames.mode')}>
            {(['grid', 'player'] as const).map((option) => (
              <button
                key={option}
                type="button"
                data-testid={`frame-mode-${option}`}
                aria-pressed={mode === option}
                aria-keyshortcuts={MODE_KEYS[option].toUpperCase()}
                onClick={() => setMode(option)}
              >
                {t(option === 'grid' ? 'frames.mode.grid' : 'frames.mode.player')} <kbd>{MODE_KEYS[option].toUpperCase()}</kbd>
              </button>
            ))}
          </span>
        )}
        <FrameSetExport open={open} />
      </div>
      {mode === 'player' ? (
        <FrameSetVideoView open={open} video={frameSet} dialogOpen={dialogOpen} onDialog={onDialog} />
      ) : (
        <FrameSetWorkspace open={open} frameSet={frameSet} dialogOpen={dialogOpen} onDialog={onDialog} />
      )}
    </>
  );
}

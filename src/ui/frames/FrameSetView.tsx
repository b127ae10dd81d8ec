/**
 * A frame set's screen: the frame grid, or, for a video whose label set asks about runs of frames
 * (a `frameRange` question such as endoscopy-video's events), the player with its timeline. A
 * video offers both (a per-frame score is quicker in the grid, an event in the player); one is
 * mounted at a time, so their keys never meet. Above either, the exports (COCO, CSV).
 */
import { useState } from 'react';
import type { FrameSetItem } from '../../core/item';
import { useT } from '../../i18n';
import type { OpenItem } from '../../store';
import { FrameSetExport } from './FrameSetExport';
import { firstFrameSetMode, type FrameSetMode } from './frameSetMode';
import { FrameSetWorkspace } from './FrameSetWorkspace';
import { FrameSetVideoView } from './video/FrameSetVideoView';

export function FrameSetView({ open, frameSet, dialogOpen, onDialog }: { readonly open: OpenItem; readonly frameSet: FrameSetItem; readonly dialogOpen: boolean; readonly onDialog: (open: boolean) => void }) {
  const t = useT();
  const [mode, setMode] = useState<FrameSetMode>(() => firstFrameSetMode(frameSet, open.detail?.labelSet.questions.map((q) => q.target) ?? []));
  return (
    <>
      <div className="frame-set-bar">
        {frameSet.source === 'video' && (
          <span className="frame-mode-switch" role="group" aria-label={t('frames.mode')}>
            {(['grid', 'player'] as const).map((option) => (
              <button key={option} type="button" data-testid={`frame-mode-${option}`} aria-pressed={mode === option} onClick={() => setMode(option)}>
                {t(option === 'grid' ? 'frames.mode.grid' : 'frames.mode.player')}
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

/**
 * The reviewer's strip of a frame set: a bounded window of frames around the current one (a
 * 20,000-frame video puts at most `STRIP_SPAN` cells in the page), each a sprite-sheet thumbnail
 * with a chip per shown reader in the reader's colour (their answer's key), marked where the
 * handed-in readers differ or a thread is pinned. A click goes to the frame.
 */
import { useMemo } from 'react';
import type { FrameSprites } from '../../../../core/item';
import { useLanguage, useT } from '../../../../i18n';
import { spriteCell } from '../../../frames/gridGeometry';
import { useSpriteSheets } from '../../../frames/useSpriteSheets';
import type { ReaderWork } from '../readerWork';

/** Frames shown at once: the current one and this many less one around it. */
export const STRIP_SPAN = 31;

/** The first frame of the window of `span` frames around `current`, kept inside 0..count. */
export function stripStart(current: number, count: number, span = STRIP_SPAN): number {
  return Math.max(0, Math.min(current - Math.floor(span / 2), count - span));
}

export function ReviewFrameStrip({
  itemId,
  sprites,
  count,
  current,
  layers,
  differing,
  commented,
  onGo,
}: {
  readonly itemId: string;
  readonly sprites: FrameSprites | undefined;
  readonly count: number;
  readonly current: number;
  /** The readers whose layer is shown, in reader order. */
  readonly layers: readonly ReaderWork[];
  readonly differing: ReadonlySet<number>;
  /** Frame indices with a comment thread on the reader under review. */
  readonly commented: ReadonlySet<number>;
  readonly onGo: (frame: number) => void;
}) {
  const t = useT();
  const [language] = useLanguage();
  const start = stripStart(current, count);
  const frames = useMemo(() => Array.from({ length: Math.min(STRIP_SPAN, count) }, (_, i) => start + i), [start, count]);
  const needed = useMemo(() => new Set(sprites ? frames.map((frame) => spriteCell(frame, sprites).sheet) : []), [frames, sprites]);
  const sheets = useSpriteSheets(itemId, sprites, needed);
  return (
    <div className="review-frame-strip" role="group" aria-label={t('reviewFrames.frames')} data-testid="review-frame-strip" data-first={start}>
      {frames.map((frame) => {
        const place = sprites ? spriteCell(frame, sprites) : null;
        const sheet = place ? sheets.get(place.sheet) : undefined;
        const differs = differing.has(frame);
        const answers = layers.map((layer) => `${t('reviewItem.reader', { n: layer.number })}: ${layer.cells[frame]?.map((c) => c.name[language]).join(', ') || t('reviewItem.unlabelled')}`);
        const title = [t(differs ? 'reviewFrames.frameDiffers' : 'reviewFrames.frame', { n: frame + 1 }), ...answers].join('\n');
        return (
          <button
            key={frame}
            type="button"
            tabIndex={-1}
            className={`review-frame${frame === current ? ' current' : ''}`}
            data-testid={`review-frame-${frame}`}
            data-differs={differs ? 'true' : undefined}
            data-commented={commented.has(frame) ? 'true' : undefined}
            aria-current={frame === current ? 'true' : undefined}
            aria-label={title}
            title={title}
            style={{
              width: sprites?.cellWidth,
              height: sprites?.cellHeight,
              backgroundImage: sheet ? `url(${sheet})` : undefined,
              backgroundPosition: place ? `-${place.x}px -${place.y}px` : undefined,
            }}
            onClick={() => onGo(frame)}
          >
            <span className="review-frame-number">{frame + 1}</span>
            <span className="review-frame-chips">
              {layers.map((layer) =>
                layer.cells[frame]?.map((c) => (
                  <span key={`${layer.reader.annotatorId}-${c.code}`} className="review-frame-chip" style={{ background: layer.color }} data-testid={`review-frame-chip-${frame}-${layer.number}`}>
                    {c.key ?? c.code}
                  </span>
                )),
              )}
            </span>
          </button>
        );
      })}
    </div>
  );
}

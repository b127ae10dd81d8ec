import { useEffect, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import type { BurnedInReason } from '../../../core/deid/burnedIn';
import type { PixelPreview } from '../../../core/deid/pixelPreview';
import { useT, type MessageKey } from '../../../i18n';
import { addBox, boxBetween, confirm, nextUnconfirmed, removeBox, resizeBox, type ImageReview } from './reviewBoxes';

export interface ImageToReview {
  readonly reason: BurnedInReason;
}

/** The shown image's preview as loaded (made again from its file each time it is shown), or why it could not be. */
type Shown = { readonly index: number; readonly preview: PixelPreview } | { readonly index: number; readonly failed: string };

const REASON_TEXT: Readonly<Record<BurnedInReason, MessageKey>> = {
  ultrasound: 'burnedIn.reason.ultrasound',
  secondaryCapture: 'burnedIn.reason.secondaryCapture',
  visibleLight: 'burnedIn.reason.visibleLight',
  burnedInAnnotation: 'burnedIn.reason.burnedInAnnotation',
  policy: 'burnedIn.reason.policy',
};

type Drag = { readonly kind: 'draw'; readonly from: [number, number]; readonly to: [number, number] } | { readonly kind: 'resize'; readonly box: number };

/**
 * The "prepare" step of an upload: each image that may carry burned-in text, shown with the boxes
 * the detector proposed; the person removes, draws (drag on the image) or resizes (drag a box's
 * corner) boxes and confirms each image. Only the shown image's preview is held, loaded through
 * `loadPreview` when it is shown. Keys: A confirm and go on, N / → next, P / ← previous,
 * Delete remove the chosen box. Nothing is uploaded until every image is confirmed.
 */
export function BurnedInReview({
  images,
  reviews,
  detector,
  loadPreview,
  onChange,
  onUpload,
  onCancel,
}: {
  readonly images: readonly ImageToReview[];
  readonly reviews: readonly ImageReview[];
  readonly detector: string | null;
  readonly loadPreview: (index: number) => Promise<PixelPreview>;
  readonly onChange: (index: number, review: ImageReview) => void;
  readonly onUpload: () => void;
  readonly onCancel: () => void;
}) {
  const t = useT();
  const [shown, setShown] = useState(0);
  const [chosen, setChosen] = useState<number | null>(null);
  const [drag, setDrag] = useState<Drag | null>(null);
  const [loaded, setLoaded] = useState<Shown | null>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const panel = useRef<HTMLElement>(null);
  const image = images[shown]!;
  const review = reviews[shown]!;
  const remaining = reviews.filter((r) => !r.confirmed).length;
  const preview = loaded?.index === shown && 'preview' in loaded ? loaded.preview : null;
  const failed = loaded?.index === shown && 'failed' in loaded ? loaded.failed : null;
  const { width, height } = preview ?? { width: 1, height: 1 };

  useEffect(() => panel.current?.focus(), []);
  useEffect(() => {
    let live = true;
    loadPreview(shown).then(
      (made) => live && setLoaded({ index: shown, preview: made }),
      (error: unknown) => live && setLoaded({ index: shown, failed: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      live = false;
    };
  }, [loadPreview, shown]);
  useEffect(() => {
    const context = canvas.current?.getContext('2d');
    if (preview) context?.putImageData(new ImageData(preview.rgba, preview.width, preview.height), 0, 0);
  }, [preview]);

  const go = (index: number) => {
    setShown((index + images.length) % images.length);
    setChosen(null);
  };
  const change = (next: ImageReview) => onChange(shown, next);
  const accept = () => {
    const after = reviews.map((r, i) => (i === shown ? confirm(r) : r));
    onChange(shown, confirm(review));
    const next = nextUnconfirmed(after, shown);
    if (next >= 0) go(next);
  };
  const remove = () => {
    if (chosen === null) return;
    change(removeBox(review, chosen));
    setChosen(null);
  };

  /** Image px under the pointer. */
  const pointAt = (event: PointerEvent<SVGSVGElement>): [number, number] => {
    const rect = event.currentTarget.getBoundingClientRect();
    const x = ((event.clientX - rect.left) / rect.width) * width;
    const y = ((event.clientY - rect.top) / rect.height) * height;
    return [Math.min(width, Math.max(0, x)), Math.min(height, Math.max(0, y))];
  };

  function onKeyDown(event: KeyboardEvent): void {
    const key = event.key.toLowerCase();
    if (key === 'a') accept();
    else if (key === 'n' || key === 'arrowright') go(shown + 1);
    else if (key === 'p' || key === 'arrowleft') go(shown - 1);
    else if (key === 'delete' || key === 'backspace') remove();
    else return;
    event.preventDefault();
  }

  const drawing = drag?.kind === 'draw' ? boxBetween(drag.from, drag.to) : null;
  return (
    <section
      ref={panel}
      className="card burned-in-review"
      tabIndex={0}
      onKeyDown={onKeyDown}
      aria-labelledby="burned-in-title"
      data-testid="burnedin-review"
      data-index={shown}
      data-remaining={remaining}
      data-ready={preview ? 'true' : 'false'}
    >
      <h3 id="burned-in-title">{t('burnedIn.title')}</h3>
      <p className="muted">{detector ? t('burnedIn.intro', { detector }) : t('burnedIn.noDetector')}</p>
      <p role="status" data-testid="burnedin-status">
        {t('burnedIn.position', { index: shown + 1, total: images.length, remaining })} · {t(REASON_TEXT[image.reason])}
        {review.confirmed ? ` · ${t('burnedIn.confirmed')}` : ''}
      </p>
      {!preview && <p role="status">{failed ? t('burnedIn.unreadable', { reason: failed }) : t('burnedIn.loading')}</p>}
      <div className="burned-in-image" hidden={!preview} style={{ position: 'relative', maxWidth: '100%', width, aspectRatio: `${width} / ${height}` }}>
        <canvas ref={canvas} width={width} height={height} data-testid="burnedin-canvas" style={{ width: '100%', height: '100%' }} />
        <svg
          viewBox={`0 0 ${width} ${height}`}
          data-testid="burnedin-image"
          style={{ position: 'absolute', inset: 0, width: '100%', height: '100%', cursor: 'crosshair', touchAction: 'none' }}
          onPointerDown={(event) => {
            event.currentTarget.setPointerCapture(event.pointerId);
            const at = pointAt(event);
            setDrag({ kind: 'draw', from: at, to: at });
          }}
          onPointerMove={(event) => {
            if (!drag) return;
            if (drag.kind === 'draw') setDrag({ ...drag, to: pointAt(event) });
            else change(resizeBox(review, drag.box, pointAt(event)));
          }}
          onPointerUp={() => {
            if (drawing) {
              change(addBox(review, drawing));
              setChosen(review.boxes.length);
            }
            setDrag(null);
          }}
        >
          {review.boxes.map((box, index) => (
            <g key={index}>
              <rect
                x={box.x}
                y={box.y}
                width={box.width}
                height={box.height}
                data-testid={`burnedin-box-${index}`}
                fill="rgba(0,0,0,0.45)"
                stroke={index === chosen ? '#ffd400' : '#ff4040'}
                strokeWidth={Math.max(1, width / 300)}
                onPointerDown={(event) => {
                  event.stopPropagation();
                  setChosen(index);
                }}
              />
              {index === chosen && (
                <rect
                  x={box.x + box.width - Math.max(3, width / 100)}
                  y={box.y + box.height - Math.max(3, width / 100)}
                  width={Math.max(6, width / 50)}
                  height={Math.max(6, width / 50)}
                  fill="#ffd400"
                  data-testid="burnedin-resize"
                  style={{ cursor: 'nwse-resize' }}
                  onPointerDown={(event) => {
                    event.stopPropagation();
                    event.currentTarget.ownerSVGElement?.setPointerCapture(event.pointerId);
                    setDrag({ kind: 'resize', box: index });
                  }}
                />
              )}
            </g>
          ))}
          {drawing && <rect x={drawing.x} y={drawing.y} width={drawing.width} height={drawing.height} fill="none" stroke="#ffd400" strokeDasharray="4 2" />}
        </svg>
      </div>
      <p className="muted">{t('burnedIn.keys')}</p>
      <div className="form inline-form">
        <button type="button" data-testid="burnedin-prev" onClick={() => go(shown - 1)} disabled={images.length < 2}>
          {t('burnedIn.previous')}
        </button>
        <button type="button" data-testid="burnedin-next" onClick={() => go(shown + 1)} disabled={images.length < 2}>
          {t('burnedIn.next')}
        </button>
        <button type="button" data-testid="burnedin-remove" onClick={remove} disabled={chosen === null}>
          {t('burnedIn.remove')}
        </button>
        <button type="button" className="primary" data-testid="burnedin-confirm" onClick={accept} disabled={review.confirmed}>
          {t('burnedIn.confirm', { count: review.boxes.length })}
        </button>
      </div>
      <div className="form inline-form">
        <button type="button" className="primary" data-testid="burnedin-upload" onClick={onUpload} disabled={remaining > 0}>
          {remaining > 0 ? t('burnedIn.uploadWaiting', { remaining }) : t('burnedIn.upload')}
        </button>
        <button type="button" data-testid="burnedin-cancel" onClick={onCancel}>
          {t('burnedIn.cancel')}
        </button>
      </div>
    </section>
  );
}

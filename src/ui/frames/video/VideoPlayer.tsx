import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import type { FrameRef } from '../../../core/item';
import type { Question } from '../../../core/labelSet';
import { useLanguage, useT } from '../../../i18n';
import type { Band } from './bandLayout';
import { FrameCache } from './frameCache';
import { playerAction } from './playerKeys';
import { framesAhead, frameDue, frameToShow, PLAYBACK_RATES, type PlaybackClock } from './playback';
import { clampFrame, spanOfMarks, type FrameSpan } from './rangeMath';
import { formatTimecode, framesPerSecondStep } from './timecode';
import { Timeline } from './Timeline';
import './VideoPlayer.css';

export interface VideoPlayerProps {
  readonly itemId: string;
  /** The video's frames in order (index = 0-based video frame). */
  readonly frames: readonly FrameRef[];
  /** Frames per second (the video's average rate). */
  readonly fps: number;
  /** The frame on screen, owned by the caller (0-based). */
  readonly currentFrame: number;
  readonly onFrameChange: (frame: number) => void;
  /** The label set's frame-range question (its classes and keys); null when it has none. */
  readonly question: Question | null;
  /** The question's ranges as timeline bands (bandLayout.ts). */
  readonly bands: readonly Band[];
  /** The served image of a frame (its target id). */
  readonly loadFrame: (targetId: string) => Promise<Blob>;
  readonly editable: boolean;
  /** False while a dialog is open over the player: its keys are the dialog's. */
  readonly keysEnabled: boolean;
  /** A marked range tagged by a class key: one frame-range record. */
  readonly onTagRange: (span: FrameSpan, classCode: string) => void;
  /** A band's edge let go: the record's new first and last frame. */
  readonly onResizeRange: (id: string, span: FrameSpan) => void;
  readonly onRemoveRange: (id: string) => void;
  /** Drawn over the stage (the region layer); it finds the frame's pixels through `canvasRef`. */
  readonly stage?: ReactNode;
  readonly canvasRef?: (element: HTMLElement | null) => void;
  /** A frame is drawn on the canvas (0-based). */
  readonly onShown?: (frame: number) => void;
  /** A region tool is on: the frame stays put (playback stops, Space waits) while it is drawn on. */
  readonly holdStill?: boolean;
  /** Frames holding regions, ascending: marked under the timeline. */
  readonly regionFrames?: readonly number[];
  /** The marked run of frames (`[` `]`, a missing mark the current frame), null once cleared: the frames a model may run on. */
  readonly onMarks?: (span: FrameSpan | null) => void;
}

interface Marks {
  readonly markIn: number | null;
  readonly markOut: number | null;
}

const NO_MARKS: Marks = { markIn: null, markOut: null };

/** Whether a key event belongs to a text field or a menu rather than to the player. */
function typedElsewhere(event: KeyboardEvent): boolean {
  const target = event.target as HTMLElement | null;
  return target !== null && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
}

/**
 * A frame-accurate player for a frame set decoded from a video: each frame is the server's decoded
 * JPEG drawn on a canvas (never an HTML video seek, which lands on key frames), stepped by keys
 * (←/→ or ,/. one frame, Shift one second), played at 0.25–4× on the clock with late frames
 * dropped, and a timeline where `[` `]` and a class key tag a range. A layer over the frame (the
 * regions) is the caller's: `stage`, placed by `canvasRef` and told which frame is drawn by `onShown`.
 */
export function VideoPlayer(props: VideoPlayerProps) {
  const { itemId, frames, fps, currentFrame, onFrameChange, question, bands, loadFrame, editable, keysEnabled, onTagRange, onResizeRange, onRemoveRange, stage, canvasRef, onShown, holdStill = false, regionFrames, onMarks } = props;
  const t = useT();
  const [language] = useLanguage();
  const frameCount = frames.length;
  const canvas = useRef<HTMLCanvasElement | null>(null);
  const setCanvas = useCallback(
    (element: HTMLCanvasElement | null) => {
      canvas.current = element;
      canvasRef?.(element);
    },
    [canvasRef],
  );
  const current = useRef(currentFrame);
  current.current = currentFrame;
  const [shown, setShown] = useState<number | null>(null);
  const [failed, setFailed] = useState<number | null>(null);
  const [clock, setClock] = useState<PlaybackClock | null>(null);
  const [rate, setRate] = useState(1);
  const [marks, setMarks] = useState<Marks>(NO_MARKS);
  const [selectedId, setSelectedId] = useState<string | null>(null);

  const draw = useCallback((frame: number, bitmap: ImageBitmap) => {
    const context = canvas.current?.getContext('2d');
    if (!context || !canvas.current) return;
    if (canvas.current.width !== bitmap.width || canvas.current.height !== bitmap.height) {
      canvas.current.width = bitmap.width;
      canvas.current.height = bitmap.height;
    }
    context.drawImage(bitmap, 0, 0);
    setShown(frame);
  }, []);

  // Made in an effect, not a memo: StrictMode's mount → unmount → mount then never meets a disposed cache.
  const [cache, setCache] = useState<FrameCache | null>(null);
  useEffect(() => {
    const made: FrameCache = new FrameCache(
      (frame) => loadFrame(frames[frame]?.targetId ?? ''),
      (frame) => {
        if (frame !== current.current) return;
        const bitmap = made.get(frame);
        if (bitmap) draw(frame, bitmap);
        else setFailed(frame);
      },
    );
    setCache(made);
    return () => made.dispose();
  }, [frames, loadFrame, draw]);

  // The current frame on screen as soon as it is decoded, the next ones fetched meanwhile.
  useEffect(() => {
    if (!cache) return;
    setFailed(null);
    cache.request([currentFrame, ...framesAhead(currentFrame, fps, clock?.rate ?? 1, frameCount)]);
    const bitmap = cache.get(currentFrame);
    if (bitmap) draw(currentFrame, bitmap);
    else if (cache.hasFailed(currentFrame)) setFailed(currentFrame);
  }, [cache, currentFrame, fps, clock, frameCount, draw]);

  useEffect(() => {
    if (shown !== null) onShown?.(shown);
  }, [shown, onShown]);

  // Playback: each animation frame shows the frame due on the clock, or the newest loaded before it.
  useEffect(() => {
    if (!clock || !cache) return;
    let request = 0;
    const tick = (now: number) => {
      const due = frameDue(clock, now, frameCount);
      cache.request([due, ...framesAhead(due, fps, clock.rate, frameCount)]);
      const next = frameToShow(due, current.current, (frame) => cache.isReady(frame));
      if (next !== current.current) onFrameChange(next);
      if (due >= frameCount - 1 && next >= frameCount - 1) setClock(null);
      else request = requestAnimationFrame(tick);
    };
    request = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(request);
  }, [clock, cache, fps, frameCount, onFrameChange]);

  useEffect(() => {
    if (holdStill) setClock(null);
  }, [holdStill]);

  const seek = useCallback((frame: number) => onFrameChange(clampFrame(frame, frameCount)), [onFrameChange, frameCount]);
  const togglePlay = useCallback(() => {
    if (holdStill) return;
    setClock((playing) => {
      if (playing) return null;
      // Play from the start again when stopped on the last frame.
      const from = current.current >= frameCount - 1 ? 0 : current.current;
      if (from !== current.current) onFrameChange(from);
      return { startFrame: from, startedAt: performance.now(), fps, rate };
    });
  }, [fps, rate, frameCount, onFrameChange, holdStill]);
  const changeRate = (next: number) => {
    setRate(next);
    setClock((playing) => (playing ? { startFrame: current.current, startedAt: performance.now(), fps, rate: next } : null));
  };
  const step = useCallback(
    (delta: number) => {
      setClock(null);
      seek(current.current + delta);
    },
    [seek],
  );

  const marked = marks.markIn !== null || marks.markOut !== null;
  const markedSpan = marked ? spanOfMarks(marks.markIn, marks.markOut, currentFrame) : null;
  const selected = bands.find((band) => band.id === selectedId) ?? null;
  const [markedFirst, markedLast] = markedSpan ? [markedSpan.first, markedSpan.last] : [null, null];
  useEffect(() => {
    onMarks?.(markedFirst === null || markedLast === null ? null : { first: markedFirst, last: markedLast });
  }, [markedFirst, markedLast, onMarks]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!keysEnabled || event.defaultPrevented || typedElsewhere(event)) return;
      const action = playerAction(event, question, framesPerSecondStep(fps));
      if (!action) return;
      if ((action.type === 'removeSelected' && !(selectedId && editable)) || (action.type === 'tag' && !(editable && marked))) return;
      event.preventDefault();
      if (action.type === 'step') step(action.delta);
      else if (action.type === 'togglePlay') togglePlay();
      else if (action.type === 'markIn') setMarks((m) => ({ ...m, markIn: current.current }));
      else if (action.type === 'markOut') setMarks((m) => ({ ...m, markOut: current.current }));
      else if (action.type === 'clear') {
        setMarks(NO_MARKS);
        setSelectedId(null);
      } else if (action.type === 'removeSelected' && selectedId) {
        onRemoveRange(selectedId);
        setSelectedId(null);
      } else if (action.type === 'tag') {
        onTagRange(spanOfMarks(marks.markIn, marks.markOut, current.current), action.classCode);
        setMarks(NO_MARKS);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [keysEnabled, fps, step, togglePlay, selectedId, editable, onRemoveRange, question, marks, marked, onTagRange]);

  const className = (code: string) => {
    const found = question?.classes.find((c) => c.code === code);
    return found ? found.name[language] : code;
  };

  return (
    <section
      className="video-player"
      data-testid="video-player"
      data-item-id={itemId}
      data-frame={currentFrame}
      data-shown={shown ?? ''}
      data-playing={clock ? 'true' : 'false'}
      data-ready={shown === currentFrame ? 'true' : 'false'}
      aria-label={t('video.player')}
    >
      <div className="video-stage">
        <canvas ref={setCanvas} className="video-canvas" data-testid="video-canvas" />
        {stage}
        {failed === currentFrame && (
          <p className="notice" role="alert">
            {t('video.frameError', { n: currentFrame + 1 })}
          </p>
        )}
      </div>
      <div className="video-controls">
        <button type="button" onClick={() => step(-1)} title={t('video.stepBack')} aria-label={t('video.stepBack')}>
          ⏮
        </button>
        <button type="button" data-testid="video-play" disabled={holdStill} onClick={togglePlay} title={clock ? t('video.pause') : t('video.play')} aria-label={clock ? t('video.pause') : t('video.play')}>
          {clock ? '⏸' : '▶'}
        </button>
        <button type="button" onClick={() => step(1)} title={t('video.stepForward')} aria-label={t('video.stepForward')}>
          ⏭
        </button>
        <label className="video-rate">
          {t('video.rate')}
          <select value={rate} onChange={(event) => changeRate(Number(event.target.value))} data-testid="video-rate">
            {PLAYBACK_RATES.map((r) => (
              <option key={r} value={r}>
                {r}×
              </option>
            ))}
          </select>
        </label>
        <span className="video-position" data-testid="video-position">
          {t('video.frame', { n: currentFrame + 1, total: frameCount })} · <span data-testid="video-time">{formatTimecode(currentFrame, fps)}</span>
        </span>
      </div>
      <Timeline
        frameCount={frameCount}
        currentFrame={currentFrame}
        lanes={question?.classes.length ?? 1}
        bands={bands}
        marks={markedSpan}
        selectedId={selectedId}
        regionFrames={regionFrames}
        editable={editable}
        onSeek={(frame) => {
          setClock(null);
          seek(frame);
        }}
        onSelect={setSelectedId}
        onResize={onResizeRange}
      />
      <p className="video-hint" role="status" data-testid="video-hint">
        {selected
          ? t('video.selected', { name: className(selected.classCode), first: selected.first + 1, last: selected.last + 1 })
          : markedSpan
            ? t('video.marks', { first: markedSpan.first + 1, last: markedSpan.last + 1 })
            : question
              ? t('video.noMarks')
              : t('video.noRangeQuestion')}
      </p>
      {question && (
        <ul className="video-legend">
          {question.classes.map((c) => (
            <li key={c.code}>
              <span className="video-swatch" style={{ background: c.color }} />
              {c.key && <kbd>{c.key}</kbd>} {c.name[language]}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

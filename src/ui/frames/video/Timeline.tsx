import { useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import { useT } from '../../../i18n';
import type { Band } from './bandLayout';
import { RegionMarks } from './RegionMarks';
import { dragEdge, frameAtX, type FrameSpan, type RangeEdge } from './rangeMath';

const LANE_PX = 12;

interface EdgeDrag {
  readonly band: Band;
  readonly edge: RangeEdge;
  readonly span: FrameSpan;
}

export interface TimelineProps {
  readonly frameCount: number;
  readonly currentFrame: number;
  readonly lanes: number;
  readonly bands: readonly Band[];
  readonly marks: FrameSpan | null;
  readonly selectedId: string | null;
  /** Frames holding regions (ascending), marked along the foot of the bar. */
  readonly regionFrames?: readonly number[] | undefined;
  readonly editable: boolean;
  readonly onSeek: (frame: number) => void;
  readonly onSelect: (id: string | null) => void;
  /** An edge let go: the band's new span (one command, whatever the drag passed through). */
  readonly onResize: (id: string, span: FrameSpan) => void;
}

/**
 * The bar under the player: one lane per class with the ranges as bands (one element each,
 * placed by fractions of the width), the marked range, the frames holding regions, and the playhead. Click or drag on the bar
 * seeks; a click on a band selects it; its edge handles drag its first or last frame.
 */
export function Timeline({ frameCount, currentFrame, lanes, bands, marks, selectedId, regionFrames, editable, onSeek, onSelect, onResize }: TimelineProps) {
  const t = useT();
  const bar = useRef<HTMLDivElement>(null);
  const [seeking, setSeeking] = useState(false);
  const [drag, setDrag] = useState<EdgeDrag | null>(null);
  const frameAt = (clientX: number): number => {
    const box = bar.current?.getBoundingClientRect();
    return box ? frameAtX(clientX - box.left, box.width, frameCount) : 0;
  };
  const percent = (frame: number) => `${(frame / frameCount) * 100}%`;

  const startSeek = (event: ReactPointerEvent<HTMLDivElement>) => {
    if (event.button !== 0) return;
    event.currentTarget.setPointerCapture(event.pointerId);
    setSeeking(true);
    onSelect(null);
    onSeek(frameAt(event.clientX));
  };
  const startEdge = (event: ReactPointerEvent<HTMLDivElement>, band: Band, edge: RangeEdge) => {
    event.stopPropagation();
    if (event.button !== 0 || !editable) return;
    bar.current?.setPointerCapture(event.pointerId);
    onSelect(band.id);
    setDrag({ band, edge, span: band });
  };
  const move = (event: ReactPointerEvent<HTMLDivElement>) => {
    if (drag) setDrag({ ...drag, span: dragEdge(drag.band, drag.edge, frameAt(event.clientX), frameCount) });
    else if (seeking) onSeek(frameAt(event.clientX));
  };
  const end = () => {
    if (drag && (drag.span.first !== drag.band.first || drag.span.last !== drag.band.last)) onResize(drag.band.id, drag.span);
    setDrag(null);
    setSeeking(false);
  };

  return (
    <div
      ref={bar}
      className="video-timeline"
      data-testid="video-timeline"
      data-frames={frameCount}
      aria-label={t('video.timeline')}
      style={{ height: Math.max(1, lanes) * LANE_PX + 8 }}
      onPointerDown={startSeek}
      onPointerMove={move}
      onPointerUp={end}
      onPointerCancel={end}
    >
      {marks && <div className="video-timeline-marks" data-testid="video-marks" style={{ left: percent(marks.first), width: percent(marks.last - marks.first + 1) }} />}
      {bands.map((band) => {
        const span = drag?.band.id === band.id ? drag.span : band;
        const selected = band.id === selectedId;
        return (
          <div
            key={band.id}
            className={selected ? 'video-band selected' : 'video-band'}
            data-testid="video-band"
            data-id={band.id}
            data-class={band.classCode}
            data-first={span.first}
            data-last={span.last}
            style={{ left: percent(span.first), width: percent(span.last - span.first + 1), top: 4 + band.lane * LANE_PX, height: LANE_PX - 2, background: band.color }}
            onPointerDown={(event) => {
              event.stopPropagation();
              if (event.button === 0) onSelect(band.id);
            }}
          >
            {selected && editable && (
              <>
                <div className="video-band-edge first" data-testid="video-band-first" title={t('video.edgeStart')} onPointerDown={(event) => startEdge(event, band, 'first')} />
                <div className="video-band-edge last" data-testid="video-band-last" title={t('video.edgeEnd')} onPointerDown={(event) => startEdge(event, band, 'last')} />
              </>
            )}
          </div>
        );
      })}
      {regionFrames && <RegionMarks frames={regionFrames} frameCount={frameCount} />}
      <div className="video-playhead" data-testid="video-playhead" style={{ left: `${((currentFrame + 0.5) / frameCount) * 100}%` }} />
    </div>
  );
}

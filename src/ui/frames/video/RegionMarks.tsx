import { useEffect, useRef, useState } from 'react';
import { markSpans } from './regionMarks';

/**
 * The frames holding regions, as ticks along the foot of the timeline: painted on one canvas as
 * wide as the timeline in device px, so a mark costs a fill, not an element, however many frames
 * have boxes.
 */
export function RegionMarks({ frames, frameCount }: { readonly frames: readonly number[]; readonly frameCount: number }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [width, setWidth] = useState(0);

  useEffect(() => {
    const element = canvas.current;
    if (!element) return undefined;
    const measure = () => setWidth(Math.round(element.clientWidth * window.devicePixelRatio));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    const element = canvas.current;
    const context = element?.getContext('2d');
    if (!element || !context) return;
    element.width = width;
    element.height = 1;
    context.clearRect(0, 0, width, 1);
    context.fillStyle = getComputedStyle(element).color;
    for (const span of markSpans(frames, frameCount, width)) context.fillRect(span.from, 0, span.to - span.from, 1);
  }, [frames, frameCount, width]);

  return <canvas ref={canvas} className="video-region-marks" data-testid="video-region-marks" data-count={frames.length} aria-hidden="true" />;
}

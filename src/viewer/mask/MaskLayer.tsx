/**
 * The masks of the slice on screen, drawn over the stack viewport on one canvas with the
 * adapter's image → screen transform, and the pointer input of the active mask tool. While a
 * tool is active the layer takes the left button (the wheel still pages through slices); without
 * one it lets every event through to the viewer.
 */
import { useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import type { Point } from '../../core/annotation';
import type { Modifiers, ToolInput } from '../../core/tools/tool';
import type { ViewerAdapter } from '../adapter';
import { layerHasContent } from './layerContent';
import { LabelsImage, MaskImageCache } from './maskImages';
import { useMaskPreview, type MaskPreviewFeed } from './maskPreviewFeed';
import './MaskLayer.css';

/** One segment's mask on the slice shown. */
export interface MaskDrawing {
  readonly classCode: string;
  readonly width: number;
  readonly height: number;
  readonly runs: readonly number[];
  readonly color: string;
  /** 0–1. */
  readonly opacity: number;
}

export interface MaskLayerProps {
  readonly adapter: ViewerAdapter;
  readonly masks: readonly MaskDrawing[];
  /** The active tool's preview (its labels drawn in place of the active segment's mask): drawn on each change without the parent rendering. */
  readonly previews: MaskPreviewFeed;
  /** The segment the tool edits, its colour and opacity (for the preview). */
  readonly active: { readonly classCode: string; readonly color: string; readonly opacity: number; readonly width: number; readonly height: number } | null;
  /** Null: no mask tool is active, the pointer belongs to the viewer. */
  readonly onInput: ((input: ToolInput) => void) | null;
  /** Changes whenever the document may have changed what is drawn. */
  readonly version: number;
}

function modifiersOf(event: { shiftKey: boolean; altKey: boolean; ctrlKey: boolean; metaKey: boolean }): Modifiers {
  return { shift: event.shiftKey, alt: event.altKey, ctrl: event.ctrlKey || event.metaKey };
}

export function MaskLayer({ adapter, masks, previews, active, onInput, version }: MaskLayerProps) {
  const preview = useMaskPreview(previews);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const cache = useMemo(() => new MaskImageCache(), []);
  const previewImage = useMemo(() => new LabelsImage(), []);
  const drawRef = useRef<() => void>(() => undefined);
  /** Something is on the canvas (a later draw with nothing to show must clear it). */
  const paintedRef = useRef(false);

  drawRef.current = () => {
    // No stroke in progress: its working image is not kept for the next one.
    if (!preview?.labels) previewImage.release();
    const canvas = canvasRef.current;
    if (!canvas) return;
    const content = layerHasContent(adapter.targetId() !== null, masks.length, preview);
    if (!content && !paintedRef.current) return;
    paintedRef.current = content;
    const element = adapter.element;
    const ratio = window.devicePixelRatio || 1;
    const width = Math.round(element.clientWidth * ratio);
    const height = Math.round(element.clientHeight * ratio);
    if (canvas.width !== width || canvas.height !== height) {
      canvas.width = width;
      canvas.height = height;
    }
    const context = canvas.getContext('2d');
    if (!context) return;
    context.setTransform(1, 0, 0, 1, 0, 0);
    context.clearRect(0, 0, width, height);
    if (!content) return;
    // Image px → device px: the adapter maps image px to CSS px; an affine map is fixed by three points.
    const [ox, oy] = adapter.imageToScreen([0, 0]);
    const [xx, xy] = adapter.imageToScreen([1, 0]);
    const [yx, yy] = adapter.imageToScreen([0, 1]);
    context.setTransform((xx - ox) * ratio, (xy - oy) * ratio, (yx - ox) * ratio, (yy - oy) * ratio, ox * ratio, oy * ratio);
    context.imageSmoothingEnabled = false;
    for (const mask of masks) {
      if (preview?.labels && mask.classCode === active?.classCode) continue;
      context.globalAlpha = mask.opacity;
      context.drawImage(cache.image(mask.runs, mask.width, mask.height, mask.color), 0, 0);
    }
    if (preview?.labels && active) {
      context.globalAlpha = active.opacity;
      context.drawImage(previewImage.of(preview.labels, active.width, active.height, active.color, preview.touched), 0, 0);
    }
    context.globalAlpha = 1;
    const pxPerImagePx = Math.hypot(xx - ox, xy - oy);
    context.lineWidth = 1.5 / (pxPerImagePx * ratio || 1);
    if (preview?.brush) {
      context.strokeStyle = preview.brush.mode === 'erase' ? '#ffffff' : (active?.color ?? '#ffffff');
      context.beginPath();
      context.arc(preview.brush.center[0], preview.brush.center[1], preview.brush.radius, 0, 2 * Math.PI);
      context.stroke();
    }
    if (preview?.contour && preview.contour.length > 0) {
      context.strokeStyle = active?.color ?? '#ffffff';
      context.beginPath();
      preview.contour.forEach(([x, y], i) => (i === 0 ? context.moveTo(x, y) : context.lineTo(x, y)));
      context.stroke();
    }
  };

  useEffect(() => adapter.onViewChange(() => drawRef.current()), [adapter]);
  useLayoutEffect(() => drawRef.current(), [masks, preview, active, version]);

  const toImage = (event: { clientX: number; clientY: number }): Point => {
    const box = adapter.element.getBoundingClientRect();
    return adapter.screenToImage([event.clientX - box.left, event.clientY - box.top]);
  };

  return (
    <canvas
      ref={canvasRef}
      className="mask-layer"
      data-testid="mask-layer"
      data-active={onInput ? 'true' : 'false'}
      style={{ pointerEvents: onInput ? 'auto' : 'none', cursor: onInput ? 'crosshair' : undefined }}
      onPointerDown={(event) => {
        if (!onInput || event.button !== 0) return;
        event.currentTarget.setPointerCapture(event.pointerId);
        onInput({ type: 'down', point: toImage(event), modifiers: modifiersOf(event) });
      }}
      onPointerMove={(event) => onInput?.({ type: 'move', point: toImage(event), modifiers: modifiersOf(event), pressed: (event.buttons & 1) === 1 })}
      onPointerUp={(event) => {
        if (!onInput || event.button !== 0) return;
        onInput({ type: 'up', point: toImage(event), modifiers: modifiersOf(event) });
      }}
      onDoubleClick={(event) => onInput?.({ type: 'doubleClick', point: toImage(event), modifiers: modifiersOf(event) })}
      onWheel={(event) => {
        // The viewer pages by the wheel on its own element, which the layer covers while a tool is active.
        if (onInput) adapter.element.dispatchEvent(new WheelEvent('wheel', event.nativeEvent));
      }}
    />
  );
}

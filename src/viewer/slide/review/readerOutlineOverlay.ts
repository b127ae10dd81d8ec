/**
 * The reviewer's canvas over a slide: each shown reader's outlines in the reader's colour, read
 * only, and the box of the region under discussion. Redrawn on every change of view (the
 * adapter calls at most once per frame) and when what is shown changes. Outlines outside the
 * view are skipped by their cached boxes; a reviewer's readers have a few hundred at most.
 */
import type { Geometry } from '../../../core/annotation';
import { geometryBounds, intersects, type Box } from '../../../core/bounds';
import type { ViewerAdapter } from '../../adapter';
import type { FrameView } from '../annotation/paintTarget';
import { toScreen } from '../annotation/paintTarget';
import { screenScale, screenTransformOf } from '../annotation/screenTransform';
import { traceGeometry } from '../annotation/tracePath';

export interface ReaderLayer {
  readonly color: string;
  readonly geometries: readonly Geometry[];
}

/** CSS px. Wider than the annotator's 1-px outlines: two readers' lines must be told apart on top of each other. */
const READER_WIDTH = 2;
const FOCUS_DASH = [8, 6];
const POINT_SIZE = 6;

interface Indexed {
  readonly color: string;
  readonly shapes: readonly { readonly geometry: Geometry; readonly box: Box }[];
}

export class ReaderOutlineOverlay {
  readonly canvas: HTMLCanvasElement;
  private readonly context2d: CanvasRenderingContext2D;
  private readonly stopViewChanges: () => void;
  private readonly resizes: ResizeObserver;
  private layers: readonly Indexed[] = [];
  private focus: Box | null = null;

  constructor(private readonly adapter: ViewerAdapter) {
    this.canvas = document.createElement('canvas');
    this.canvas.dataset.testid = 'review-slide-canvas';
    Object.assign(this.canvas.style, { position: 'absolute', inset: '0', width: '100%', height: '100%', pointerEvents: 'none' });
    const context2d = this.canvas.getContext('2d');
    if (!context2d) throw new Error('this browser gives no 2D canvas for the reviewer’s overlay');
    this.context2d = context2d;
    adapter.element.appendChild(this.canvas);
    this.stopViewChanges = adapter.onViewChange(() => this.draw());
    this.resizes = new ResizeObserver(() => this.draw());
    this.resizes.observe(adapter.element);
  }

  show(layers: readonly ReaderLayer[], focus: Box | null): void {
    this.layers = layers.map(({ color, geometries }) => ({ color, shapes: geometries.map((geometry) => ({ geometry, box: geometryBounds(geometry) })) }));
    this.focus = focus;
    this.draw();
  }

  draw(): void {
    const ctx = this.context2d;
    const ratio = window.devicePixelRatio || 1;
    const width = Math.max(1, Math.round(this.adapter.element.clientWidth * ratio));
    const height = Math.max(1, Math.round(this.adapter.element.clientHeight * ratio));
    if (this.canvas.width !== width) this.canvas.width = width;
    if (this.canvas.height !== height) this.canvas.height = height;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, width, height);
    if (this.adapter.targetId() === null) return;
    const transform = screenTransformOf((point) => this.adapter.imageToScreen(point));
    const view: FrameView = { transform, scale: screenScale(transform), box: this.adapter.visibleImageBox() };
    let drawn = 0;
    ctx.lineWidth = READER_WIDTH;
    for (const layer of this.layers) {
      ctx.strokeStyle = layer.color;
      ctx.fillStyle = layer.color;
      ctx.beginPath();
      for (const { geometry, box } of layer.shapes) {
        if (!intersects(box, view.box)) continue;
        drawn += 1;
        if (geometry.type === 'point') {
          const [x, y] = toScreen(view, geometry.point);
          ctx.fillRect(x - POINT_SIZE / 2, y - POINT_SIZE / 2, POINT_SIZE, POINT_SIZE);
        } else traceGeometry(ctx, geometry, view);
      }
      ctx.stroke();
    }
    if (this.focus) this.drawFocus(view, this.focus);
    this.canvas.dataset.drawn = String(drawn);
  }

  destroy(): void {
    this.stopViewChanges();
    this.resizes.disconnect();
    this.canvas.remove();
  }

  /** The region under discussion: a dashed white box, visible over any stain and any reader's colour. */
  private drawFocus(view: FrameView, focus: Box): void {
    const ctx = this.context2d;
    const corners = [toScreen(view, [focus.minX, focus.minY]), toScreen(view, [focus.maxX, focus.minY]), toScreen(view, [focus.maxX, focus.maxY]), toScreen(view, [focus.minX, focus.maxY])];
    ctx.setLineDash(FOCUS_DASH);
    ctx.strokeStyle = '#ffffff';
    ctx.beginPath();
    corners.forEach(([x, y], i) => (i === 0 ? ctx.moveTo(x, y) : ctx.lineTo(x, y)));
    ctx.closePath();
    ctx.stroke();
    ctx.setLineDash([]);
  }
}

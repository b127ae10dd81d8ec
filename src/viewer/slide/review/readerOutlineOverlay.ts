/**
 * The reviewer's canvas over a slide (drawReaderLayers.ts), the size of the viewer element and
 * sharp on high-DPI screens: redrawn on every change of view (the adapter calls at most once per
 * frame) and when what is shown changes. A reviewer's readers have a few hundred outlines at most.
 */
import type { Box } from '../../../core/bounds';
import type { ViewerAdapter } from '../../adapter';
import type { FrameView } from '../annotation/paintTarget';
import { screenScale, screenTransformOf } from '../annotation/screenTransform';
import { boxLayers, drawReaderLayers, type BoxedLayer, type ReaderLayer } from './drawReaderLayers';

export class ReaderOutlineOverlay {
  readonly canvas: HTMLCanvasElement;
  private readonly context2d: CanvasRenderingContext2D;
  private readonly stopViewChanges: () => void;
  private readonly resizes: ResizeObserver;
  private layers: readonly BoxedLayer[] = [];
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
    this.layers = boxLayers(layers);
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
    this.canvas.dataset.drawn = String(drawReaderLayers(ctx, this.layers, view, this.focus));
  }

  destroy(): void {
    this.stopViewChanges();
    this.resizes.disconnect();
    this.canvas.remove();
  }
}

/**
 * The canvas over the slide: one Canvas2D layer the size of the viewer element (sharp on high-DPI
 * screens), redrawn at most once per animation frame after a change of view, of the document
 * (each diff the store applies) or of what the tool shows. Never a DOM node per outline.
 */
import type { ConfidenceThresholds } from '../../../core/proposalFilter';
import type { ToolPreview } from '../../../core/tools/tool';
import type { ViewerAdapter } from '../../adapter';
import { drawDocument, type FrameStats } from './drawDocument';
import { drawPackedLayer } from './drawPackedLayer';
import { drawPreview } from './drawPreview';
import type { DocumentOutlines } from './documentOutlines';
import type { PackedLayerIndex } from './packedLayerIndex';
import type { FrameView, RasterSink } from './paintTarget';
import { screenScale, screenTransformOf, type ScreenTransform } from './screenTransform';

export interface OverlayContent {
  /** The open document's outlines, or null while none is open or the document is hidden. */
  readonly outlines: DocumentOutlines | null;
  /** Read-only layers that are switched on. */
  readonly layers: readonly PackedLayerIndex[];
  readonly selection: ReadonlySet<string>;
  /** The lowest score of a proposal drawn, per question (the AI panel's sliders). */
  readonly thresholds: ConfidenceThresholds;
  /** What the active tool shows, in the active class's colour. */
  readonly preview: ToolPreview | null;
  readonly previewColor: string;
}

/**
 * A full draw slower than this (ms) is not repeated while the view only pans: the last frame is
 * shifted instead (one blit) and drawn in full once the view rests for `SETTLE_MS`. Views of a
 * few thousand small outlines cost 10–30 ms a draw in software rendering (bench/wsi-overlay).
 */
const SHIFT_WHEN_DRAW_MS = 8;
const SETTLE_MS = 90;

export class OutlineOverlay {
  readonly canvas: HTMLCanvasElement;
  private readonly context2d: CanvasRenderingContext2D;
  private readonly scratch: HTMLCanvasElement;
  /** The last frame, while it is shifted during a pan. */
  private readonly copy: HTMLCanvasElement;
  private frame: number | null = null;
  private settle: ReturnType<typeof setTimeout> | null = null;
  /** The transform of what is on the canvas, and how long its full draw took. */
  private drawn: { transform: ScreenTransform; ms: number } | null = null;
  private readonly stopViewChanges: () => void;
  private readonly resizes: ResizeObserver;
  private pixelRatio = 1;
  private lastStats: FrameStats | null = null;

  constructor(
    private readonly adapter: ViewerAdapter,
    private readonly content: () => OverlayContent,
  ) {
    this.canvas = document.createElement('canvas');
    this.canvas.className = 'slide-annotation-canvas';
    this.canvas.dataset.testid = 'slide-annotation-canvas';
    Object.assign(this.canvas.style, { position: 'absolute', inset: '0', width: '100%', height: '100%', pointerEvents: 'none' });
    const context2d = this.canvas.getContext('2d');
    if (!context2d) throw new Error('this browser gives no 2D canvas for the annotation overlay');
    this.context2d = context2d;
    this.scratch = document.createElement('canvas');
    this.copy = document.createElement('canvas');
    adapter.element.appendChild(this.canvas);
    // The adapter calls at most once per frame, from the viewer's own frame: drawing now keeps the
    // outlines on the tiles while panning, where waiting for the next frame would trail them by one.
    this.stopViewChanges = adapter.onViewChange(() => this.viewChanged());
    this.resizes = new ResizeObserver(() => this.invalidate());
    this.resizes.observe(adapter.element);
    this.invalidate();
  }

  /** What the last frame drew (for tests and the benchmark). */
  get stats(): FrameStats | null {
    return this.lastStats;
  }

  /** Asks for a redraw on the next animation frame (many calls in one frame draw once). */
  invalidate(): void {
    if (this.frame !== null) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = null;
      this.draw();
    });
  }

  /** Draws now (a change of view, the benchmark); other changes call `invalidate`. */
  draw(): void {
    if (this.frame !== null) {
      cancelAnimationFrame(this.frame);
      this.frame = null;
    }
    if (this.settle !== null) {
      clearTimeout(this.settle);
      this.settle = null;
    }
    const start = performance.now();
    const { outlines, layers, selection, thresholds, preview, previewColor } = this.content();
    const ctx = this.context2d;
    const resized = this.fitCanvas();
    ctx.setTransform(this.pixelRatio, 0, 0, this.pixelRatio, 0, 0);
    ctx.clearRect(0, 0, this.canvas.width, this.canvas.height);
    this.drawn = null;
    if (this.adapter.targetId() === null) return;
    const transform = screenTransformOf((point) => this.adapter.imageToScreen(point));
    const view: FrameView = { transform, scale: screenScale(transform), box: this.adapter.visibleImageBox() };
    const raster = this.rasterSink(transform);
    for (const layer of layers) drawPackedLayer(ctx, raster, layer, view);
    this.lastStats = outlines ? drawDocument(ctx, raster, outlines, view, selection, thresholds) : null;
    if (preview) {
      drawPreview(ctx, preview, view, previewColor, (id) => {
        const record = outlines?.store.get(id);
        return record?.type === 'shape' ? { geometry: record.geometry, color: outlines?.palette.color(record.classCode) ?? previewColor } : null;
      });
    }
    // A draw that had to allocate the canvas says nothing of the next one: the next is drawn in full.
    this.drawn = { transform, ms: resized ? 0 : performance.now() - start };
    this.canvas.dataset.ready = 'true';
    this.canvas.dataset.mode = this.lastStats?.mode ?? 'none';
    const drawn = String((this.lastStats?.outlines ?? 0) + (this.lastStats?.dots ?? 0));
    // Written only when it changes: this runs every frame of a pan.
    if (this.canvas.dataset.drawn !== drawn) this.canvas.dataset.drawn = drawn;
  }

  destroy(): void {
    if (this.frame !== null) cancelAnimationFrame(this.frame);
    if (this.settle !== null) clearTimeout(this.settle);
    this.stopViewChanges();
    this.resizes.disconnect();
    this.canvas.remove();
  }

  /**
   * A change of view: drawn in full now, in the viewer's own frame (drawing in the next frame would
   * trail the tiles by one); or, when only the pan changed and a full draw is slow, the last frame
   * shifted, with the full draw once the view rests.
   */
  private viewChanged(): void {
    const last = this.drawn;
    if (!last || last.ms < SHIFT_WHEN_DRAW_MS || this.adapter.targetId() === null) {
      this.draw();
      return;
    }
    const next = screenTransformOf((point) => this.adapter.imageToScreen(point));
    if (!sameZoomAndRotation(last.transform, next)) {
      this.draw();
      return;
    }
    // Shifted by whole device px; what is on the canvas is then exactly that far from the last frame.
    const r = this.pixelRatio;
    const dx = Math.round((next.e - last.transform.e) * r);
    const dy = Math.round((next.f - last.transform.f) * r);
    this.shift(dx, dy);
    this.drawn = { transform: { ...last.transform, e: last.transform.e + dx / r, f: last.transform.f + dy / r }, ms: last.ms };
    if (this.settle !== null) clearTimeout(this.settle);
    this.settle = setTimeout(() => this.draw(), SETTLE_MS);
  }

  /** Moves what is on the canvas by (dx, dy) device px. */
  private shift(dx: number, dy: number): void {
    const { width, height } = this.canvas;
    if (this.copy.width !== width) this.copy.width = width;
    if (this.copy.height !== height) this.copy.height = height;
    const copy = this.copy.getContext('2d');
    if (!copy) return;
    copy.clearRect(0, 0, width, height);
    copy.drawImage(this.canvas, 0, 0);
    const ctx = this.context2d;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, width, height);
    ctx.drawImage(this.copy, dx, dy);
  }

  /** Backing store = CSS size × devicePixelRatio, so lines are as sharp as the tiles; answers whether it changed. */
  private fitCanvas(): boolean {
    const ratio = window.devicePixelRatio || 1;
    const width = Math.max(1, Math.round(this.adapter.element.clientWidth * ratio));
    const height = Math.max(1, Math.round(this.adapter.element.clientHeight * ratio));
    this.pixelRatio = ratio;
    if (this.canvas.width === width && this.canvas.height === height) return false;
    this.canvas.width = width;
    this.canvas.height = height;
    return true;
  }

  /** Draws a density raster stretched over its image box through the frame's image→screen transform. */
  private rasterSink(t: ScreenTransform): RasterSink {
    return (pixels, cols, rows, box) => {
      this.scratch.width = cols;
      this.scratch.height = rows;
      const scratch = this.scratch.getContext('2d');
      if (!scratch) return;
      scratch.putImageData(new ImageData(pixels as Uint8ClampedArray<ArrayBuffer>, cols, rows), 0, 0);
      const ctx = this.context2d;
      const r = this.pixelRatio;
      ctx.save();
      ctx.setTransform(r * t.a, r * t.b, r * t.c, r * t.d, r * t.e, r * t.f);
      ctx.imageSmoothingEnabled = false;
      ctx.drawImage(this.scratch, 0, 0, cols, rows, box.minX, box.minY, box.maxX - box.minX, box.maxY - box.minY);
      ctx.restore();
    };
  }
}

function sameZoomAndRotation(a: ScreenTransform, b: ScreenTransform): boolean {
  const tolerance = 1e-9 * Math.max(Math.abs(a.a), Math.abs(a.b), 1e-12);
  return Math.abs(a.a - b.a) <= tolerance && Math.abs(a.b - b.b) <= tolerance && Math.abs(a.c - b.c) <= tolerance && Math.abs(a.d - b.d) <= tolerance;
}

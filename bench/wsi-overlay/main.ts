/**
 * The browser side of `bench/wsi-overlay.ts`: an OpenSeadragon viewer on a synthetic
 * 120,000 × 90,000 px slide whose tiles are one blank image (so tiles do not dominate), the
 * app's slide overlay over it, and the baselines measured beside it in the same page: a naive
 * Canvas2D overlay that draws every polygon, and OpenSeadragon with no overlay at all. The
 * benchmark drives it through `window.__wsiOverlay`.
 */
import OpenSeadragon from 'openseadragon';
import type { Point, Shape } from '../../src/core/annotation';
import { GASTRIC_BIOPSY_LABEL_SET } from '../../src/core/labelSets/builtin';
import type { PackedPolygons } from '../../src/core/outlineLayer';
import { RecordStore } from '../../src/core/recordStore';
import { createToolContext, findTool } from '../../src/core/tools';
import type { Modifiers } from '../../src/core/tools/tool';
import { DocumentOutlines } from '../../src/viewer/slide/annotation/documentOutlines';
import { OutlineOverlay } from '../../src/viewer/slide/annotation/OutlineOverlay';
import { ClassPalette } from '../../src/viewer/annotation/outlineStyle';
import { PackedLayerIndex } from '../../src/viewer/slide/annotation/packedLayerIndex';
import { screenTransformOf } from '../../src/viewer/slide/annotation/screenTransform';
import { benchAdapter } from './osdAdapter';

export const SLIDE = { width: 120_000, height: 90_000 } as const;
const VERTICES = 24;
const TARGET = 'slide-1';
const AT = '2026-11-30T00:00:00.000Z';
const QUESTION = GASTRIC_BIOPSY_LABEL_SET.questions.find((q) => q.target === 'region')!;
const CLASSES = QUESTION.classes.map((c) => c.code);
const NO_KEYS: Modifiers = { shift: false, alt: false, ctrl: false };

export interface WsiOverlayHarness {
  /** Makes `count` polygon records, then builds the document store of them (its indexes, R-tree included); ms of the store alone. */
  buildDocument(count: number): number;
  /** The overlay from the store to pixels: outline cache, canvas, first frame, flushed; ms. */
  overlayFirstDraw(): number;
  /** A naive Canvas2D overlay: every polygon its own path and stroke, flushed; ms. */
  naiveFirstDraw(): number;
  /**
   * Median frame interval (ms) over `frames` frames of panning, with or without the overlay; the
   * overlay's median full draw (0 without it: the interval alone stops at the display's 16.7 ms)
   * and how many full draws there were (the other frames shifted the last one).
   */
  pan(frames: number, withOverlay: boolean): Promise<{ frameMs: number; drawMs: number; fullDraws: number }>;
  /** Zooms so that `width` image px fill the viewer, centred on polygon `index`. */
  zoomTo(index: number, width: number): Promise<void>;
  /** A click of the select tool (its hit test through the store's R-tree) at polygon `index`'s centre, the redraw, flushed; ms. */
  clickSelect(index: number): number;
  /** One redraw of the overlay as it is, flushed; ms. */
  drawMs(): number;
  /** Outlines drawn in the last frame. */
  lastStats(): string;
  /** A packed read-only layer of `count` polygons: index built and first frame drawn, flushed; ms. */
  layerFirstDraw(count: number): number;
  /** Drops the document and any layer (the heap after it is the baseline of the next build). */
  clear(): void;
}

declare global {
  interface Window {
    __wsiOverlay?: WsiOverlayHarness;
  }
}

function lcg(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 1664525 + 1013904223) % 2 ** 32) / 2 ** 32;
}

/** Polygon i's centre and radius (the same for records and packed layers). */
function placement(random: () => number): { cx: number; cy: number; r: number } {
  return { cx: 100 + random() * (SLIDE.width - 200), cy: 100 + random() * (SLIDE.height - 200), r: 20 + random() * 60 };
}

function polygonRecords(count: number): Shape[] {
  const random = lcg(1);
  return Array.from({ length: count }, (_, i) => {
    const { cx, cy, r } = placement(random);
    const points: Point[] = Array.from({ length: VERTICES }, (_, k) => {
      const a = (2 * Math.PI * k) / VERTICES;
      return [Math.round((cx + r * Math.cos(a)) * 10) / 10, Math.round((cy + r * Math.sin(a)) * 10) / 10];
    });
    return {
      type: 'shape',
      id: `gland-${i}`,
      questionId: QUESTION.id,
      targetId: TARGET,
      classCode: CLASSES[i % CLASSES.length]!,
      geometry: { type: 'polygon', points },
      provenance: { origin: { kind: 'human' }, createdAt: AT, updatedAt: AT, authors: ['bench'] },
    };
  });
}

function packedLayer(count: number): PackedPolygons {
  const random = lcg(2);
  const coords = new Float32Array(count * VERTICES * 2);
  const starts = new Uint32Array(count + 1);
  const classIndex = new Uint8Array(count);
  for (let i = 0; i < count; i += 1) {
    const { cx, cy, r } = placement(random);
    for (let k = 0; k < VERTICES; k += 1) {
      const a = (2 * Math.PI * k) / VERTICES;
      coords[(i * VERTICES + k) * 2] = cx + r * Math.cos(a);
      coords[(i * VERTICES + k) * 2 + 1] = cy + r * Math.sin(a);
    }
    starts[i + 1] = (i + 1) * VERTICES;
    classIndex[i] = i % 2;
  }
  return { coords, starts, classIndex, classes: [{ code: 'nucleus', color: '#3f51b5' }, { code: 'atypical', color: '#e91e63' }] };
}

/** A blank tile: every tile of the slide is this one small image, so tiles cost next to nothing. */
function blankTile(): string {
  const canvas = document.createElement('canvas');
  canvas.width = 256;
  canvas.height = 256;
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = '#f3e4ee';
  ctx.fillRect(0, 0, 256, 256);
  return canvas.toDataURL('image/png');
}

const element = document.getElementById('slide')!;
const tile = blankTile();
const viewer = OpenSeadragon({
  element,
  drawer: 'canvas',
  showNavigationControl: false,
  animationTime: 0,
  immediateRender: true,
  // A tile source of one blank image: OSD computes the pyramid levels from the size.
  tileSources: { width: SLIDE.width, height: SLIDE.height, tileSize: 256, tileOverlap: 0, getTileUrl: () => tile } as OpenSeadragon.Options['tileSources'],
});
const adapter = benchAdapter(viewer, TARGET);
const palette = new ClassPalette(QUESTION);

let store: RecordStore | null = null;
let outlines: DocumentOutlines | null = null;
let layer: PackedLayerIndex | null = null;
let overlay: OutlineOverlay | null = null;
let selection: ReadonlySet<string> = new Set();

function flush(canvas: HTMLCanvasElement): void {
  canvas.getContext('2d')!.getImageData(0, 0, 1, 1);
}

function removeOverlay(): void {
  overlay?.destroy();
  overlay = null;
  outlines?.dispose();
  outlines = null;
}

/** A fresh canvas over the viewer drawing whatever `outlines` and `layer` hold now. */
function mountOverlay(): OutlineOverlay {
  overlay?.destroy();
  overlay = new OutlineOverlay(adapter, () => ({ outlines, layers: layer ? [layer] : [], selection, thresholds: {}, preview: null, previewColor: '#000000' }));
  return overlay;
}

const nextFrame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));

window.__wsiOverlay = {
  buildDocument(count) {
    const records = polygonRecords(count);
    const start = performance.now();
    store = new RecordStore({ itemId: TARGET, annotatorId: 'bench', labelSetId: GASTRIC_BIOPSY_LABEL_SET.id, labelSetVersion: 1 }, records);
    return performance.now() - start;
  },

  overlayFirstDraw() {
    if (!store) throw new Error('no document');
    const start = performance.now();
    removeOverlay();
    outlines = new DocumentOutlines(store, TARGET, SLIDE, palette);
    const mounted = mountOverlay();
    mounted.draw();
    flush(mounted.canvas);
    return performance.now() - start;
  },

  naiveFirstDraw() {
    if (!store) throw new Error('no document');
    removeOverlay();
    const start = performance.now();
    const canvas = document.createElement('canvas');
    const ratio = window.devicePixelRatio || 1;
    canvas.width = element.clientWidth * ratio;
    canvas.height = element.clientHeight * ratio;
    Object.assign(canvas.style, { position: 'absolute', inset: '0', width: '100%', height: '100%', pointerEvents: 'none' });
    element.appendChild(canvas);
    const ctx = canvas.getContext('2d')!;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    const { a, b, c, d, e, f } = screenTransformOf((p) => adapter.imageToScreen(p));
    ctx.lineWidth = 1.5;
    for (const record of store.records()) {
      if (record.type !== 'shape' || record.geometry.type !== 'polygon') continue;
      ctx.strokeStyle = palette.color(record.classCode);
      ctx.beginPath();
      record.geometry.points.forEach(([x, y], i) => {
        if (i === 0) ctx.moveTo(a * x + c * y + e, b * x + d * y + f);
        else ctx.lineTo(a * x + c * y + e, b * x + d * y + f);
      });
      ctx.closePath();
      ctx.stroke();
    }
    flush(canvas);
    const ms = performance.now() - start;
    canvas.remove();
    return ms;
  },

  async pan(frames, withOverlay) {
    if (withOverlay) {
      if (store && !outlines) outlines = new DocumentOutlines(store, TARGET, SLIDE, palette);
      if (!overlay) mountOverlay();
    } else removeOverlay();
    const draws: number[] = [];
    if (overlay) {
      const measured = overlay;
      const draw = measured.draw.bind(measured);
      measured.draw = () => {
        const start = performance.now();
        draw();
        draws.push(performance.now() - start);
      };
    }
    const times: number[] = [];
    let direction = 1;
    for (let i = 0; i <= frames; i += 1) {
      times.push(await nextFrame());
      if (i % 30 === 0) direction = -direction;
      viewer.viewport.panBy(new OpenSeadragon.Point(0.003 * direction, 0.002 * direction), true);
    }
    const middle = (values: number[]) => values.sort((x, y) => x - y)[Math.floor(values.length / 2)] ?? 0;
    const fullDraws = draws.length;
    return { frameMs: middle(times.slice(1).map((t, i) => t - times[i]!)), drawMs: middle(draws), fullDraws };
  },

  async zoomTo(index, width) {
    const record = store?.get(`gland-${index}`);
    if (record?.type !== 'shape' || record.geometry.type !== 'polygon') throw new Error(`no polygon ${index}`);
    const [x, y] = record.geometry.points[0]!;
    const height = (width * element.clientHeight) / element.clientWidth;
    viewer.viewport.fitBounds(viewer.viewport.imageToViewportRectangle(x - width / 2, y - height / 2, width, height), true);
    await nextFrame();
    await nextFrame();
  },

  clickSelect(index) {
    if (!store || !overlay) throw new Error('no overlay');
    const record = store.get(`gland-${index}`);
    if (record?.type !== 'shape' || record.geometry.type !== 'polygon') throw new Error(`no polygon ${index}`);
    const ring = record.geometry.points;
    const at: Point = [ring.reduce((s, p) => s + p[0], 0) / ring.length, ring.reduce((s, p) => s + p[1], 0) / ring.length];
    const documentStore = store;
    const select = findTool('select').activate();
    const start = performance.now();
    const ctx = createToolContext(documentStore, { targetId: TARGET, imageSize: SLIDE, question: QUESTION, classCode: CLASSES[0]!, imagePxPerScreenPx: adapter.imagePxPerScreenPx(), selection: new Set() });
    const effects = [...select.handle({ type: 'down', point: at, modifiers: NO_KEYS }, ctx), ...select.handle({ type: 'up', point: at, modifiers: NO_KEYS }, ctx)];
    for (const effect of effects) if (effect.type === 'select') selection = new Set(effect.ids);
    overlay.draw();
    flush(overlay.canvas);
    const ms = performance.now() - start;
    if (selection.size !== 1) throw new Error(`the click selected ${selection.size} outlines`);
    return ms;
  },

  lastStats: () => JSON.stringify(overlay?.stats ?? null),

  drawMs() {
    if (!overlay) throw new Error('no overlay');
    const start = performance.now();
    overlay.draw();
    flush(overlay.canvas);
    return performance.now() - start;
  },

  layerFirstDraw(count) {
    const polygons = packedLayer(count);
    removeOverlay();
    layer = null;
    const start = performance.now();
    layer = new PackedLayerIndex(polygons, SLIDE);
    const mounted = mountOverlay();
    mounted.draw();
    flush(mounted.canvas);
    return performance.now() - start;
  },

  clear() {
    removeOverlay();
    store = null;
    layer = null;
    selection = new Set();
    viewer.viewport.goHome(true);
  },
};

viewer.addOnceHandler('open', () => {
  document.documentElement.dataset.ready = 'true';
});

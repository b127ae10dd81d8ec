/**
 * The PP-OCR detector shipped as `ppocr-text-det`, run for real (onnxruntime-web, wasm, in Node) on
 * images rendered with text burned in: an ultrasound-like sector with a patient caption, and a
 * DICOM-like overlay. Boxes must cover each line of text and nothing else; a text-free image gives none.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSession, runPipeline, type ModelSessions } from '../../../../scripts/models/runPipeline';
import type { Geometry } from '../../annotation';
import type { ModelManifest } from '../manifest';
import type { ModelInput } from '../modelInput';
import type { ProposalDraft } from '../proposalDraft';
import { detectionSize, textDetectionPipeline } from './textDetection';

const root = resolve(import.meta.dirname, '../../../..');
const manifest = JSON.parse(readFileSync(resolve(root, 'models/ppocr-text-det/manifest.json'), 'utf8')) as ModelManifest;
const files = JSON.parse(readFileSync(resolve(root, 'models/ppocr-text-det/files.json'), 'utf8')) as { model: string };
const modelBytes = readFileSync(resolve(root, files.model));

const WIDTH = 640;
const HEIGHT = 480;

interface Line {
  readonly text: string;
  readonly x: number;
  readonly y: number;
  readonly size: number;
  readonly anchor?: 'end';
}

const ULTRASOUND_LINES: readonly Line[] = [
  { text: 'YAMADA TARO 1962/03/04', x: 16, y: 34, size: 20 },
  { text: 'ABD 3.5MHz', x: 624, y: 34, size: 18, anchor: 'end' },
];
const OVERLAY_LINES: readonly Line[] = [
  { text: 'YAMADA TARO 1962/03/04', x: 12, y: 28, size: 18 },
  { text: 'ID 0012345 M 62Y', x: 12, y: 52, size: 18 },
  { text: 'ST. LUKE HOSPITAL', x: 628, y: 466, size: 16, anchor: 'end' },
];

const textSvg = (lines: readonly Line[]) =>
  lines
    .map((l) => `<text x="${l.x}" y="${l.y}" font-family="DejaVu Sans" font-size="${l.size}" fill="#f0f0f0"${l.anchor ? ' text-anchor="end"' : ''}>${l.text}</text>`)
    .join('');

/** A dark sector of speckle, as an ultrasound frame shows. */
const sectorSvg = `<defs><radialGradient id="g" cx="320" cy="60" r="420" gradientUnits="userSpaceOnUse"><stop offset="0" stop-color="#606060"/><stop offset="1" stop-color="#181818"/></radialGradient></defs>
  <path d="M320 60 L90 430 A420 420 0 0 0 550 430 Z" fill="url(#g)"/>`;

/** A head CT-like disc, as a DICOM overlay sits on. */
const ctSvg = `<ellipse cx="320" cy="250" rx="170" ry="200" fill="#d0d0d0"/><ellipse cx="320" cy="250" rx="155" ry="185" fill="#707070"/>`;

async function render(body: string, speckle: boolean): Promise<Uint8ClampedArray> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}"><rect width="${WIDTH}" height="${HEIGHT}" fill="#000"/>${body}</svg>`;
  const rgba = new Uint8ClampedArray(await sharp(Buffer.from(svg)).ensureAlpha().raw().toBuffer());
  if (speckle) {
    let seed = 7;
    for (let i = 0; i < rgba.length; i += 4) {
      seed = (seed * 1103515245 + 12345) >>> 0;
      const grain = rgba[i]! > 8 ? ((seed >>> 16) % 41) - 20 : 0;
      for (let c = 0; c < 3; c++) rgba[i + c] = rgba[i + c]! + grain;
    }
  }
  return rgba;
}

interface Box {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

/** Where a line of text really is: the bright pixels of it rendered alone. */
async function inkBox(line: Line): Promise<Box> {
  const rgba = await render(textSvg([line]), false);
  let x0 = WIDTH;
  let y0 = HEIGHT;
  let x1 = 0;
  let y1 = 0;
  for (let y = 0; y < HEIGHT; y++) {
    for (let x = 0; x < WIDTH; x++) {
      if (rgba[(y * WIDTH + x) * 4]! < 128) continue;
      x0 = Math.min(x0, x);
      y0 = Math.min(y0, y);
      x1 = Math.max(x1, x + 1);
      y1 = Math.max(y1, y + 1);
    }
  }
  return { x0, y0, x1, y1 };
}

function boxOf(geometry: Geometry): Box {
  const points = geometry.type === 'rectangle' ? [geometry.topLeft, geometry.bottomRight] : geometry.type === 'polygon' ? geometry.points : [];
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  return { x0: Math.min(...xs), y0: Math.min(...ys), x1: Math.max(...xs), y1: Math.max(...ys) };
}

const area = (b: Box) => Math.max(0, b.x1 - b.x0) * Math.max(0, b.y1 - b.y0);
const overlap = (a: Box, b: Box): Box => ({ x0: Math.max(a.x0, b.x0), y0: Math.max(a.y0, b.y0), x1: Math.min(a.x1, b.x1), y1: Math.min(a.y1, b.y1) });
const scaled = (b: Box, origin: readonly [number, number], scale: number): Box => ({
  x0: origin[0] + b.x0 * scale,
  y0: origin[1] + b.y0 * scale,
  x1: origin[0] + b.x1 * scale,
  y1: origin[1] + b.y1 * scale,
});

function frame(rgba: Uint8ClampedArray, origin: readonly [number, number] = [0, 0], scale = 1): ModelInput {
  return { kind: 'rgbaImage', targetId: 'frame-1', width: WIDTH, height: HEIGHT, rgba, origin, scale };
}

/** Each line is covered by one box (most of the ink inside it, the box not much larger), and every box covers a line. */
function expectBoxesOnLines(drafts: readonly ProposalDraft[], ink: readonly Box[]): void {
  const boxes = drafts.map((d) => (d.type === 'shape' ? boxOf(d.geometry) : { x0: 0, y0: 0, x1: 0, y1: 0 }));
  for (const line of ink) {
    const best = Math.max(...boxes.map((b) => area(overlap(b, line)) / area(line)));
    expect(best).toBeGreaterThan(0.9);
  }
  for (const box of boxes) {
    const covered = Math.max(...ink.map((line) => area(overlap(box, line)) / area(box)));
    expect(covered).toBeGreaterThan(0.4);
  }
  expect(boxes.length).toBeGreaterThanOrEqual(ink.length);
  expect(boxes.length).toBeLessThanOrEqual(ink.length * 2);
}

describe('textDetectionPipeline with PP-OCRv4 det', () => {
  let sessions: ModelSessions;

  beforeAll(async () => {
    sessions = { kind: 'single', model: await openSession(modelBytes) };
  });
  afterAll(async () => {
    if (sessions.kind === 'single') await sessions.model.release();
  });

  it('has a manifest that matches the real file: hash, size, tensor names', () => {
    expect(manifest.files).toEqual({ kind: 'single', model: { sha256: createHash('sha256').update(modelBytes).digest('hex'), bytes: modelBytes.length } });
    if (sessions.kind !== 'single') throw new Error('single model expected');
    expect(sessions.model.inputNames).toEqual(manifest.inputs.map((t) => t.name));
    expect(sessions.model.outputNames).toEqual(manifest.outputs.map((t) => t.name));
  });

  it('sizes the input to multiples of 32 within the longest side', () => {
    expect(detectionSize(640, 480, 960)).toEqual({ width: 640, height: 480 });
    expect(detectionSize(1920, 1080, 960)).toEqual({ width: 960, height: 544 });
    expect(detectionSize(10, 10, 960)).toEqual({ width: 32, height: 32 });
  });

  it('boxes the patient caption burned into an ultrasound frame, in item px', async () => {
    const rgba = await render(sectorSvg + textSvg(ULTRASOUND_LINES), true);
    const ink = await Promise.all(ULTRASOUND_LINES.map(inkBox));
    const origin: [number, number] = [1000, 2000];
    const drafts = await runPipeline(textDetectionPipeline, manifest, sessions, frame(rgba, origin, 2));
    expectBoxesOnLines(drafts, ink.map((b) => scaled(b, origin, 2)));
    for (const draft of drafts) {
      expect(draft).toMatchObject({ type: 'shape', questionId: 'text', classCode: 'text.burnedIn', targetId: 'frame-1' });
      expect(draft.score).toBeGreaterThanOrEqual(manifest.decode.threshold);
      expect(draft.score).toBeLessThanOrEqual(1);
    }
  });

  it('boxes a DICOM-like overlay "YAMADA TARO 1962/03/04" around a CT image', async () => {
    const rgba = await render(ctSvg + textSvg(OVERLAY_LINES), false);
    const ink = await Promise.all(OVERLAY_LINES.map(inkBox));
    const drafts = await runPipeline(textDetectionPipeline, manifest, sessions, frame(rgba));
    expectBoxesOnLines(drafts, ink);
  });

  it('reads a CT slice with the overlay burned into its pixels (top of the HU range) through its own range', async () => {
    const rgba = await render(ctSvg + textSvg(OVERLAY_LINES), false);
    // Grey 0–255 → −1000…3080 HU: air, bone-bright skull, and text at the scanner's maximum.
    const hu = Float32Array.from({ length: WIDTH * HEIGHT }, (_, i) => -1000 + rgba[i * 4]! * 16);
    const slice: ModelInput = { kind: 'ctSlice', targetId: 'slice-1', width: WIDTH, height: HEIGHT, hu, spacing: [0.5, 0.5] };
    const drafts = await runPipeline(textDetectionPipeline, manifest, sessions, slice);
    expectBoxesOnLines(drafts, await Promise.all(OVERLAY_LINES.map(inkBox)));
    expect(drafts.every((d) => d.targetId === 'slice-1')).toBe(true);
  });

  it('finds no text on text-free images', async () => {
    for (const [body, speckle] of [[sectorSvg, true], [ctSvg, false]] as const) {
      const drafts = await runPipeline(textDetectionPipeline, manifest, sessions, frame(await render(body, speckle)));
      expect(drafts).toEqual([]);
    }
  });
});

/**
 * The whole burned-in text path in Node, with the real detector: a name and date drawn into the
 * pixels of a generated two-frame ultrasound DICOM, de-identified by the worker's logic, its preview
 * run through PP-OCR (onnxruntime-web, wasm), the proposed boxes blacked out: every text pixel of
 * every frame is zero afterwards, and the box covers the text without taking the image.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSession, runPipeline, type ModelSessions } from '../../scripts/models/runPipeline';
import { firstText } from '../../src/core/deid/dataSet';
import { readPart10 } from '../../src/core/deid/deidentify';
import { nativePixelsOf } from '../../src/core/deid/nativePixels';
import { BASIC_PROFILE_ONLY } from '../../src/core/deid/policy';
import { pixelDicom } from '../../src/core/deid/testing/pixelDicom';
import { captionedUltrasound, ULTRASOUND_HEIGHT, ULTRASOUND_WIDTH } from './testing/captionedUltrasound';
import type { ModelManifest } from '../../src/core/models/manifest';
import { textDetectionPipeline } from '../../src/core/models/pipelines/textDetection';
import { boxesOfProposals } from '../../src/ui/admin/burnedIn/reviewBoxes';
import { createDeidHost } from './host';
import type { DeidResponse } from './messages';

const root = resolve(import.meta.dirname, '../..');
const manifest = JSON.parse(readFileSync(resolve(root, 'models/ppocr-text-det/manifest.json'), 'utf8')) as ModelManifest;
const files = JSON.parse(readFileSync(resolve(root, 'models/ppocr-text-det/files.json'), 'utf8')) as { model: string };

const WIDTH = ULTRASOUND_WIDTH;
const HEIGHT = ULTRASOUND_HEIGHT;

describe('burned-in text found by the real detector in generated DICOM pixels', () => {
  let sessions: ModelSessions;
  beforeAll(async () => {
    sessions = { kind: 'single', model: await openSession(readFileSync(resolve(root, files.model))) };
  });
  afterAll(async () => {
    if (sessions.kind === 'single') await sessions.model.release();
  });

  it('boxes the caption of a two-frame ultrasound and blacks it out in both frames', async () => {
    const { pixels: frame, ink } = await captionedUltrasound();
    // The second frame's sector is darker (another moment of the cine); the caption stays.
    const second = frame.map((value, i) => (ink[i]! > 0 ? value : value >> 1));
    const pixels = new Uint8Array(frame.length * 2);
    pixels.set(frame);
    pixels.set(second, frame.length);
    const responses: DeidResponse[] = [];
    const host = createDeidHost((response) => responses.push(response));
    const file = new Blob([pixelDicom({ rows: HEIGHT, columns: WIDTH, frames: 2, modality: 'US', pixels })]);
    host.handle({ type: 'deidentify', jobId: 'j', options: BASIC_PROFILE_ONLY, key: new Uint8Array(32).fill(1).buffer, files: [{ index: 0, name: 'YAMADA.dcm', file }] });
    await host.idle();
    const progress = responses.find((r) => r.type === 'progress');
    if (progress?.type !== 'progress' || progress.result.kind !== 'deidentified' || !progress.result.burnedIn) throw new Error('the ultrasound was not flagged');
    const { preview } = progress.result.burnedIn;

    const drafts = await runPipeline(textDetectionPipeline, manifest, sessions, { kind: 'rgbaImage', targetId: '0', width: preview.width, height: preview.height, rgba: preview.rgba, origin: [0, 0], scale: 1 });
    const boxes = boxesOfProposals(drafts);
    expect(boxes.length).toBeGreaterThanOrEqual(1);
    const boxed = boxes.reduce((sum, b) => sum + b.width * b.height, 0);
    expect(boxed).toBeLessThan(WIDTH * 60);

    host.handle({ type: 'redact', requestId: 'r', bytes: progress.result.bytes, report: progress.result.report, reason: 'ultrasound', boxes });
    const redacted = responses.find((r) => r.type === 'redacted');
    if (redacted?.type !== 'redacted') throw new Error(`not redacted: ${JSON.stringify(responses.at(-1))}`);
    const stored = readPart10(new Uint8Array(redacted.bytes));
    const after = nativePixelsOf(stored.dict, firstText(stored.meta, '00020010'));
    if (!after.ok) throw new Error(after.reason);
    let inked = 0;
    const left: number[] = [];
    for (let i = 0; i < frame.length; i++) {
      if (ink[i]! <= 128) continue;
      inked += 1;
      if (after.data[i] !== 0 || after.data[frame.length + i] !== 0) left.push(i);
    }
    expect(inked).toBeGreaterThan(100);
    expect(left).toEqual([]);
    // The sector's middle is untouched.
    const middle = (200 * WIDTH + 240);
    expect([after.data[middle], after.data[frame.length + middle]]).toEqual([frame[middle], second[middle]]);
    expect(redacted.report.burnedIn).toMatchObject({ status: 'redacted', frames: 2, boxes });
  });
});

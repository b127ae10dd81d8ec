/**
 * The whole burned-in text path in Node, with the real detector: a name and date drawn into the
 * pixels of frames 100–110 only of a generated 120-frame ultrasound cine, checked by the worker's
 * logic, its preview (every frame) made again from the file and run through PP-OCR
 * (onnxruntime-web, wasm), the proposed boxes blacked out as the file is prepared for upload: every
 * text pixel of every captioned frame is zero afterwards, and the box covers the text without
 * taking the image.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSession, runPipeline, type ModelSessions } from '../../scripts/models/runPipeline';
import { firstText } from '../../src/core/deid/dataSet';
import { readPart10 } from '../../src/core/deid/deidentify';
import { nativePixelsOf } from '../../src/core/deid/nativePixels';
import { BASIC_PROFILE_ONLY } from '../../src/core/deid/policy';
import { pixelDicom, US_MULTIFRAME_STORAGE } from '../../src/core/deid/testing/pixelDicom';
import { captionedUltrasound, ULTRASOUND_HEIGHT, ULTRASOUND_WIDTH } from './testing/captionedUltrasound';
import type { ModelManifest } from '../../src/core/models/manifest';
import { textDetectionPipeline } from '../../src/core/models/pipelines/textDetection';
import { boxesOfProposals } from '../../src/ui/admin/burnedIn/reviewBoxes';
import { createDeidHost } from './host';
import { checkedFiles } from './testing/checkedFiles';
import { bodyOf } from './writtenParts';
import type { DeidResponse } from './messages';

const root = resolve(import.meta.dirname, '../..');
const manifest = JSON.parse(readFileSync(resolve(root, 'models/ppocr-text-det/manifest.json'), 'utf8')) as ModelManifest;
const files = JSON.parse(readFileSync(resolve(root, 'models/ppocr-text-det/files.json'), 'utf8')) as { model: string };

const WIDTH = ULTRASOUND_WIDTH;
const HEIGHT = ULTRASOUND_HEIGHT;
const FRAMES = 120;
const captioned = (frame: number) => frame >= 100 && frame <= 110;
const TERMS = { options: BASIC_PROFILE_ONLY, key: new Uint8Array(32).fill(1).buffer };

describe('burned-in text found by the real detector in generated DICOM pixels', () => {
  let sessions: ModelSessions;
  beforeAll(async () => {
    sessions = { kind: 'single', model: await openSession(readFileSync(resolve(root, files.model))) };
  });
  afterAll(async () => {
    if (sessions.kind === 'single') await sessions.model.release();
  });

  it('boxes a caption shown on frames 100–110 of a 120-frame cine and blacks it out in each of them', async () => {
    const { pixels: captionedFrame, ink } = await captionedUltrasound();
    const plain = captionedFrame.map((value, i) => (ink[i]! > 0 ? 0 : value));
    // Odd frames' sector is darker (another moment of the cine); the caption is on 100–110 only.
    const frameAt = (frame: number) => {
      const picture = captioned(frame) ? captionedFrame : plain;
      return frame % 2 === 1 ? picture.map((value, i) => (ink[i]! > 0 && captioned(frame) ? value : value >> 1)) : picture;
    };
    const size = WIDTH * HEIGHT;
    const pixels = new Uint8Array(size * FRAMES);
    for (let frame = 0; frame < FRAMES; frame++) pixels.set(frameAt(frame), frame * size);
    const file = new Blob([pixelDicom({ rows: HEIGHT, columns: WIDTH, frames: FRAMES, modality: 'US', sopClass: US_MULTIFRAME_STORAGE, pixels })]);
    const responses: DeidResponse[] = [];
    const host = createDeidHost((response) => responses.push(response));
    host.handle({ type: 'deidentify', jobId: 'j', keepBytes: 0, ...TERMS, files: [{ index: 0, file, size: file.size }] });
    host.handle({ type: 'preview', requestId: 'p', ...TERMS, file });
    await host.idle();
    const [progress] = checkedFiles(responses);
    if (!progress || progress.result.kind !== 'deidentified' || !progress.result.burnedIn) throw new Error('the ultrasound was not flagged');
    const previewed = responses.find((r) => r.type === 'previewed');
    if (previewed?.type !== 'previewed') throw new Error(`no preview: ${JSON.stringify(responses.at(-1))}`);
    const { preview } = previewed;

    const drafts = await runPipeline(textDetectionPipeline, manifest, sessions, { kind: 'rgbaImage', targetId: '0', width: preview.width, height: preview.height, rgba: preview.rgba, origin: [0, 0], scale: 1 });
    const boxes = boxesOfProposals(drafts);
    expect(boxes.length).toBeGreaterThanOrEqual(1);
    const boxed = boxes.reduce((sum, b) => sum + b.width * b.height, 0);
    expect(boxed).toBeLessThan(WIDTH * 60);

    host.handle({ type: 'prepare', requestId: 'r', ...TERMS, file, confirmed: { reason: progress.result.burnedIn.reason, boxes } });
    await host.idle();
    const prepared = responses.find((r) => r.type === 'prepared');
    if (prepared?.type !== 'prepared') throw new Error(`not prepared: ${JSON.stringify(responses.at(-1))}`);
    const stored = readPart10(new Uint8Array(await bodyOf(file, prepared.parts).arrayBuffer()));
    const after = nativePixelsOf(stored.dict, firstText(stored.meta, '00020010'));
    if (!after.ok) throw new Error(after.reason);
    let inked = 0;
    const left: string[] = [];
    for (let i = 0; i < size; i++) {
      if (ink[i]! <= 128) continue;
      inked += 1;
      for (let frame = 100; frame <= 110; frame++) if (after.data[frame * size + i] !== 0) left.push(`frame ${frame} pixel ${i}`);
    }
    expect(inked).toBeGreaterThan(100);
    expect(left.slice(0, 10)).toEqual([]);
    // The sector's middle is untouched, on a captioned frame and on one without.
    const middle = 200 * WIDTH + 240;
    expect([after.data[105 * size + middle], after.data[3 * size + middle]]).toEqual([frameAt(105)[middle], frameAt(3)[middle]]);
    expect(prepared.report.burnedIn).toMatchObject({ status: 'redacted', frames: FRAMES, boxes });
  });
});

/**
 * The de-identification worker's protocol, driven in-process as the page drives the worker: files
 * in, `progress` for the files checked since the last (what the check found, with counts; no
 * bytes), `finished`; a cancel
 * stops after the file in hand; a flagged image's preview and any file's bytes are made again from
 * the file on request, with confirmed boxes blacked out.
 */
import { describe, expect, it, vi } from 'vitest';
import { firstText } from '../../src/core/deid/dataSet';
import { readPart10 } from '../../src/core/deid/deidentify';
import { BASIC_PROFILE_ONLY } from '../../src/core/deid/policy';
import { phiCtSlice } from '../../src/core/deid/testing/phiDicom';
import { JPEG_BASELINE, pixelDicom } from '../../src/core/deid/testing/pixelDicom';
import { createDeidHost } from './host';
import { checkedFiles } from './testing/checkedFiles';
import type { DeidResponse, PickedFile } from './messages';
import { recordedReads } from './testing/recordedReads';
import { bodyOf } from './writtenParts';

const KEY = new Uint8Array(32).fill(3).buffer;
const TERMS = { options: BASIC_PROFILE_ONLY, key: KEY };

function recorder() {
  const responses: DeidResponse[] = [];
  const host = createDeidHost((response) => responses.push(response));
  return { host, responses };
}

const picked = (index: number, bytes: Uint8Array): PickedFile => {
  const file = new Blob([bytes as Uint8Array<ArrayBuffer>]);
  return { index, file, size: file.size };
};
const ultrasound = () => pixelDicom({ rows: 4, columns: 6, pixels: new Uint8Array(24).map((_, i) => i * 10) });

describe('de-identification worker', () => {
  it('reports what each file will be with counts, flags ultrasound, refuses compressed ultrasound, passes non-DICOM on', async () => {
    const { host, responses } = recorder();
    const files = [picked(0, phiCtSlice(0)), picked(1, ultrasound()), picked(2, pixelDicom({ rows: 2, columns: 2, transferSyntax: JPEG_BASELINE, pixels: new Uint8Array(4) })), picked(3, new TextEncoder().encode('not dicom'))];
    host.handle({ type: 'deidentify', jobId: 'j1', keepBytes: 0, ...TERMS, files });
    await host.idle();
    const progress = responses.flatMap((r) => (r.type === 'progress' ? [r] : []));
    expect(checkedFiles(responses).map((r) => [r.index, r.result.kind])).toEqual([
      [0, 'deidentified'],
      [1, 'deidentified'],
      [2, 'refused'],
      [3, 'notDicom'],
    ]);
    // However the files were grouped, each message counts the files reported so far.
    let reported = 0;
    for (const r of progress) expect([r.done, r.total]).toEqual([(reported += r.checked.length), 4]);
    const total = files.reduce((sum, f) => sum + f.file.size, 0);
    expect(new Set(progress.map((r) => r.bytesTotal))).toEqual(new Set([total]));
    expect(progress.at(-1)?.bytesDone).toBe(total);
    const [ct, us, jpeg] = checkedFiles(responses).map((r) => r.result);
    expect(ct).toEqual({ kind: 'deidentified', sopInstanceUid: expect.stringMatching(/^2\.25\.\d+$/), burnedIn: null });
    expect(us).toEqual({ kind: 'deidentified', sopInstanceUid: expect.stringMatching(/^2\.25\.\d+$/), burnedIn: { reason: 'ultrasound' } });
    expect(jpeg?.kind === 'refused' && jpeg.reason).toMatch(/1\.2\.840\.10008\.1\.2\.4\.50/);
    expect(responses.at(-1)).toEqual({ type: 'finished', jobId: 'j1', done: 4, total: 4, cancelled: false });
  });

  it('reports files checked close together in one message', async () => {
    const { host, responses } = recorder();
    const files = Array.from({ length: 40 }, (_, i) => picked(i, new TextEncoder().encode(`note ${i}`)));
    host.handle({ type: 'deidentify', jobId: 'j-notes', keepBytes: 0, ...TERMS, files });
    await host.idle();
    expect(checkedFiles(responses).map((r) => r.index)).toEqual(files.map((f) => f.index));
    expect(responses.filter((r) => r.type === 'progress').length).toBeLessThan(files.length);
  });

  it('passes a slide on from its first bytes, never reading it whole', async () => {
    const { host, responses } = recorder();
    const tiffHead = new Uint8Array(4096);
    tiffHead.set([0x49, 0x49, 0x2a, 0x00]);
    const head = new Blob([tiffHead]);
    const wholeReads: string[] = [];
    // A 3 GB slide as the picker gives it: only its head may be sliced and read.
    const slide = {
      size: 3e9,
      type: 'image/tiff',
      slice: (start?: number, end?: number) => head.slice(start, end),
      arrayBuffer: () => (wholeReads.push('arrayBuffer'), Promise.reject(new Error('read whole'))),
      stream: () => (wholeReads.push('stream'), head.stream()),
    } as unknown as Blob;
    host.handle({ type: 'deidentify', jobId: 'j-slide', keepBytes: 0, options: BASIC_PROFILE_ONLY, key: KEY, files: [{ index: 0, file: slide, size: slide.size }] });
    await host.idle();
    expect(checkedFiles(responses).map((r) => r.result.kind)).toEqual(['notDicom']);
    expect(wholeReads).toEqual([]);
  });

  it('reads a streamed file once per pass: the check reads it only in a run of heads, the prepare its head once', async () => {
    const { host, responses } = recorder();
    const { file, reads } = recordedReads(phiCtSlice(0));
    const others = [1, 2, 3].map((i) => picked(i, phiCtSlice(i)));
    const runReads = vi.spyOn(Blob.prototype, 'arrayBuffer');
    try {
      host.handle({ type: 'deidentify', jobId: 'j-reads', keepBytes: 0, ...TERMS, files: [{ index: 0, file, size: file.size }, ...others] });
      await host.idle();
      // Four files, one read: their heads (each file whole, a 16 × 16 slice being under a head) as one Blob.
      expect(runReads).toHaveBeenCalledTimes(1);
    } finally {
      runReads.mockRestore();
    }
    expect(checkedFiles(responses).map((r) => r.result.kind)).toEqual(['deidentified', 'deidentified', 'deidentified', 'deidentified']);
    expect(reads).toEqual([]);
    host.handle({ type: 'prepare', requestId: 'r-reads', ...TERMS, file, confirmed: null });
    await host.idle();
    expect(responses.find((r) => r.type === 'prepared')).toMatchObject({ requestId: 'r-reads' });
    expect(reads).toEqual([[0, file.size]]);
  });

  it('hands back each file that goes as it is, as written, while the headers fit the job’s budget', async () => {
    const headers = async (keepBytes: number, files: PickedFile[]) => {
      const { host, responses } = recorder();
      host.handle({ type: 'deidentify', jobId: 'j-kept', ...TERMS, keepBytes, files });
      await host.idle();
      return checkedFiles(responses);
    };
    const sizes = (await headers(1e6, [0, 1, 2].map((i) => picked(i, phiCtSlice(i))))).map((r) => r.kept?.header.byteLength ?? 0);
    const ct = [0, 1, 2].map((i) => recordedReads(phiCtSlice(i)));
    const files = [picked(0, ultrasound()), ...ct.map(({ file }, i) => ({ index: i + 1, file, size: file.size }))];
    const progress = await headers(sizes[0]! + sizes[1]! + Math.floor(sizes[2]! / 2), files);
    // The flagged ultrasound is prepared with its boxes; two CT headers fit, the third does not.
    expect(progress.map((r) => r.kept !== null)).toEqual([false, true, true, false]);
    for (const r of progress.slice(1, 3)) {
      if (!r.kept || r.result.kind !== 'deidentified') throw new Error('not kept');
      expect(r.kept.report.sopInstanceUid).toBe(r.result.sopInstanceUid);
      const sent = readPart10(new Uint8Array(await bodyOf(files[r.index]!.file, r.kept).arrayBuffer()));
      expect(firstText(sent.dict, '00080018')).toBe(r.result.sopInstanceUid);
      expect(firstText(sent.dict, '00100010')).not.toContain('PHIFAMILY');
    }
    // No read of a file's own: its head came in the run's one read, and nothing more for a kept one.
    expect(ct.map(({ reads }) => reads)).toEqual([[], [], []]);
  });

  it('stops after the file in hand when cancelled', async () => {
    const { host, responses } = recorder();
    host.handle({ type: 'deidentify', jobId: 'j2', keepBytes: 0, ...TERMS, files: [0, 1, 2, 3].map((i) => picked(i, phiCtSlice(i))) });
    host.handle({ type: 'cancel', jobId: 'j2' });
    await host.idle();
    const finished = responses.find((r) => r.type === 'finished');
    expect(finished).toMatchObject({ cancelled: true, total: 4 });
    expect(checkedFiles(responses)).toHaveLength(finished?.type === 'finished' ? finished.done : -1);
    expect(finished?.type === 'finished' && finished.done).toBeLessThan(4);
  });

  it('makes a flagged image’s preview again from its file', async () => {
    const { host, responses } = recorder();
    host.handle({ type: 'preview', requestId: 'p1', ...TERMS, file: picked(0, ultrasound()).file });
    host.handle({ type: 'preview', requestId: 'p2', ...TERMS, file: picked(1, phiCtSlice(1)).file });
    await host.idle();
    const previewed = responses.find((r) => r.type === 'previewed');
    if (previewed?.type !== 'previewed') throw new Error('no preview');
    expect([previewed.requestId, previewed.preview.width, previewed.preview.height]).toEqual(['p1', 6, 4]);
    // Stretched from the darkest (0) to the brightest (230) value: the last pixel is white.
    expect(Array.from(previewed.preview.rgba.slice(-4))).toEqual([255, 255, 255, 255]);
    expect(responses.find((r) => r.type === 'error')).toMatchObject({ requestId: 'p2', sentence: expect.stringMatching(/^The image could not be shown/) });
  });

  it('prepares a file again from its file: the same UID as the check said, confirmed boxes blacked out; says why it cannot', async () => {
    const { host, responses } = recorder();
    const file = picked(0, ultrasound()).file;
    host.handle({ type: 'deidentify', jobId: 'j3', keepBytes: 0, ...TERMS, files: [{ index: 0, file, size: file.size }] });
    host.handle({ type: 'prepare', requestId: 'r1', ...TERMS, file, confirmed: { reason: 'ultrasound', boxes: [{ x: 0, y: 0, width: 6, height: 1 }] } });
    const ctFile = picked(1, phiCtSlice(1)).file;
    host.handle({ type: 'prepare', requestId: 'r2', ...TERMS, file: ctFile, confirmed: null });
    host.handle({ type: 'prepare', requestId: 'r3', ...TERMS, file: picked(2, pixelDicom({ rows: 2, columns: 2, transferSyntax: JPEG_BASELINE, pixels: new Uint8Array(4) })).file, confirmed: { reason: 'ultrasound', boxes: [] } });
    await host.idle();
    const [check] = checkedFiles(responses);
    const [redacted, ct] = responses.filter((r) => r.type === 'prepared');
    if (!check || check.result.kind !== 'deidentified' || redacted?.requestId !== 'r1' || ct?.requestId !== 'r2') throw new Error(`not prepared: ${JSON.stringify(responses)}`);
    expect(redacted.report.sopInstanceUid).toBe(check.result.sopInstanceUid);
    expect(redacted.report.burnedIn).toEqual({ reason: 'ultrasound', status: 'redacted', boxes: [{ x: 0, y: 0, width: 6, height: 1 }], frames: 1 });
    const stored = readPart10(new Uint8Array(await bodyOf(file, redacted.parts).arrayBuffer()));
    expect(firstText(stored.dict, '00280301')).toBe('NO');
    expect(firstText(stored.dict, '00100010')).not.toContain('PIXEL');
    expect(ct.report.burnedIn).toBeUndefined();
    expect(firstText(readPart10(new Uint8Array(await bodyOf(ctFile, ct.parts).arrayBuffer())).dict, '00100010')).not.toContain('PHIFAMILY');
    expect(responses.find((r) => r.type === 'error')).toMatchObject({ requestId: 'r3', sentence: expect.stringMatching(/^The text could not be blacked out/) });
  });

  it('answers a warm once its module runs under a usable key, and checks files after it as usual', async () => {
    const { host, responses } = recorder();
    host.handle({ type: 'warm', requestId: 'w1', ...TERMS });
    await host.idle();
    expect(responses).toEqual([{ type: 'warmed', requestId: 'w1' }]);
    host.handle({ type: 'deidentify', jobId: 'j-warm', keepBytes: 0, ...TERMS, files: [picked(0, phiCtSlice(0))] });
    await host.idle();
    expect(responses.at(-1)).toMatchObject({ type: 'finished', jobId: 'j-warm', done: 1 });
  });

  it('answers a warm under a key that cannot be imported with a sentence', async () => {
    const { host, responses } = recorder();
    host.handle({ type: 'warm', requestId: 'w-bad', options: BASIC_PROFILE_ONLY, key: new Uint8Array(3).buffer });
    await host.idle();
    expect(responses).toEqual([{ type: 'error', requestId: 'w-bad', sentence: expect.stringMatching(/^De-identification cannot start: a de-identification key is 32 bytes/) }]);
  });
});

/**
 * A de-identified upload holds no more on the page for many files than for a few: the page's side
 * (check pass, review previews, sending in turn) driven over the worker's own logic in-process,
 * for 6 and for 36 picked files (half CT slices, half ultrasound images to check). The upload's
 * held-bytes count (heldBytes.ts) stays under the headers kept from the check (its budget), two
 * files in flight and one shown preview, the same bound for both, while everything sent adds up to
 * far more.
 */
import { describe, expect, it } from 'vitest';
import { firstText } from '../../core/deid/dataSet';
import { readPart10 } from '../../core/deid/deidentify';
import { BASIC_PROFILE_ONLY } from '../../core/deid/policy';
import { phiCtSlice } from '../../core/deid/testing/phiDicom';
import { pixelDicom } from '../../core/deid/testing/pixelDicom';
import { checkUpload } from './burnedIn/burnedInSession';
import { createDeidWorkerClient } from './burnedIn/deidWorkerClient';
import { inProcessDeidPort } from './burnedIn/inProcessDeidPort';
import { deidentifiedSource, uploadBody, type UploadSource } from './deidentifyUpload';
import { heldBytes } from './heldBytes';
import { sendInTurn } from './sendInTurn';

const PARALLEL = 2;
const US_ROWS = 120;
const US_COLUMNS = 160;
const US_FRAMES = 3;
/** The kept headers' budget: room for about two CT slices' headers, so 36 files run past it. */
const KEEP_BYTES = 4096;

const ultrasound = (i: number) => pixelDicom({ rows: US_ROWS, columns: US_COLUMNS, frames: US_FRAMES, modality: 'US', pixels: new Uint8Array(US_ROWS * US_COLUMNS * US_FRAMES).fill(i % 200) });
const picked = (count: number) =>
  Array.from({ length: count }, (_, i) => new File([i % 2 === 0 ? phiCtSlice(i) : ultrasound(i)], `PHIFAMILY-${i}.dcm`));

/** One whole upload: check, show every flagged image in turn, confirm none, send each row. */
async function upload(count: number) {
  const files = picked(count);
  const held = heldBytes();
  const client = createDeidWorkerClient(BASIC_PROFILE_ONLY, new Uint8Array(32).fill(5), inProcessDeidPort);
  const { job, session } = checkUpload(client, held, files, (index, reason) => { throw new Error(`row ${index} refused: ${reason}`); }, () => {}, KEEP_BYTES);
  expect(await job.finished).toEqual({ cancelled: false });
  const afterCheck = held.now;
  for (const [i] of session.flagged.entries()) expect((await session.previews.load(i)).width).toBe(US_COLUMNS);
  const whileReviewing = held.now;
  const late = session.previews.load(0);
  session.previews.release();
  await late;
  const sources: (UploadSource | null)[] = [...session.sources];
  for (const image of session.flagged) sources[image.index] = deidentifiedSource(client, held, image.file, { reason: image.reason, boxes: [] });
  let sent = 0;
  let rows = 0;
  await sendInTurn(sources, PARALLEL, {
    async send(_, ready) {
      const bytes = new Uint8Array(await uploadBody(ready).slice(Number(ready.reportBytes ?? 0)).arrayBuffer());
      expect(firstText(readPart10(bytes).dict, '00100010')).not.toContain('PHIFAMILY');
      sent += bytes.byteLength;
      rows += 1;
    },
    notMade: (index, error) => { throw new Error(`row ${index} not made: ${String(error)}`); },
    failed: (index, error) => { throw new Error(`row ${index} not sent: ${String(error)}`); },
  });
  const after = held.now;
  session.release(); // each kept header was let go as its file went: nothing is let go twice
  return { flagged: session.flagged.length, afterCheck, whileReviewing, peak: held.peak, after, afterRelease: held.now, sent, rows };
}

/** The check over `count` files; `stop` cancels it when the first file is reported. */
async function checked(count: number, stop: boolean) {
  const held = heldBytes();
  const client = createDeidWorkerClient(BASIC_PROFILE_ONLY, new Uint8Array(32).fill(5), inProcessDeidPort);
  let job: ReturnType<typeof checkUpload>['job'] | null = null;
  const onProgress = ({ done }: { readonly done: number }) => (stop && done > 0 ? job?.cancel() : undefined);
  const started = checkUpload(client, held, picked(count), () => {}, onProgress, KEEP_BYTES);
  job = started.job;
  return { held, session: started.session, finished: await job.finished };
}

describe('the memory a de-identified upload holds on the page', () => {
  it('does not grow with the number of files: the kept headers’ budget, two in flight and one preview at most', async () => {
    const preview = US_ROWS * US_COLUMNS * 4;
    // The largest file de-identified, with room for the UIDs and method codes it gains.
    const largest = Math.max(phiCtSlice(0).byteLength, ultrasound(1).byteLength) + 4096;
    const bound = KEEP_BYTES + PARALLEL * largest + preview;
    const few = await upload(6);
    const many = await upload(36);
    expect([few.flagged, many.flagged]).toEqual([3, 18]);
    expect([few.rows, many.rows]).toEqual([6, 36]);
    for (const run of [few, many]) {
      expect(run.afterCheck).toBeGreaterThan(0);
      expect(run.afterCheck).toBeLessThanOrEqual(KEEP_BYTES);
      expect(run.whileReviewing).toBe(run.afterCheck + preview);
      expect(run.after).toBe(0);
      expect(run.afterRelease).toBe(0);
      expect(run.peak).toBeGreaterThan(0);
      expect(run.peak).toBeLessThanOrEqual(bound);
    }
    expect(many.sent).toBeGreaterThan(5 * many.peak);
  });

  it('lets go of the headers kept for files never sent: the check cancelled, or the review', async () => {
    const cancelled = await checked(36, true);
    expect(cancelled.finished).toEqual({ cancelled: true });
    const reviewed = await checked(6, false);
    expect(reviewed.finished).toEqual({ cancelled: false });
    expect((await reviewed.session.previews.load(0)).width).toBe(US_COLUMNS);
    for (const { held, session } of [cancelled, reviewed]) {
      // Kept from the check (and a preview shown), none of it sent: the upload ends here.
      expect(held.now).toBeGreaterThan(0);
      session.release();
      expect(held.now).toBe(0);
      session.release();
      expect(held.now).toBe(0);
    }
  });
});

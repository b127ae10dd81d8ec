/**
 * The many-files passes of bench/deid.ts, on the page of deid-browser/: the files picked in
 * `#many` sent as the upload screen sends them (src/ui/admin: `sendInTurn` over the same lanes,
 * each row's body read through once where the screen would send it).
 *
 * - `deidentify`: an upload into a `required` dataset: a new worker client, the check pass
 *   (`checkUpload`, which keeps each file as the check wrote it, within the upload's budget),
 *   then each file's body made when its turn comes, as the screen does. Every file must come out
 *   de-identified, none flagged or refused.
 * - `readThrough`: the baseline, an upload with no policy: each picked file's bytes read through
 *   once unchanged (what any upload costs).
 *
 * Each pass is timed here (performance.now) and answers with what it sent.
 */
import { checkUpload } from '../../src/ui/admin/burnedIn/burnedInSession';
import { createDeidWorkerClient } from '../../src/ui/admin/burnedIn/deidWorkerClient';
import { asPicked, type UploadSource } from '../../src/ui/admin/deidentifyUpload';
import { heldBytes } from '../../src/ui/admin/heldBytes';
import { sendInTurn, UPLOAD_LANES } from '../../src/ui/admin/sendInTurn';
import { DEID_BENCH_KEY, DEID_BENCH_OPTIONS } from '../support/deidTerms';
import type {} from '../support/workerProfile';
import { sendOver, type SendMode } from './sendOver';

export interface ManyFilesPass {
  readonly ms: number;
  /** Of `ms`, the check pass (0 where there is none). */
  readonly checkMs: number;
  /** Rows whose body was read through. */
  readonly sent: number;
  readonly sentBytes: number;
}

/** The trace's mark of the check pass's end. */
export const CHECK_DONE = 'deid check pass done';

declare global {
  interface Window {
    __deidBench?: { readonly readThrough: (mode: SendMode) => Promise<ManyFilesPass>; readonly deidentify: (mode: SendMode) => Promise<ManyFilesPass> };
  }
}

/** Every row's body sent (`mode`), `UPLOAD_LANES` at a time; throws on the first row not made or not sent. */
async function sendAll(mode: SendMode, sources: readonly (UploadSource | null)[], checkMs = 0): Promise<Omit<ManyFilesPass, 'ms'>> {
  let sent = 0;
  let sentBytes = 0;
  const failures: string[] = [];
  const fail = (index: number, error: unknown) => failures.push(`row ${index}: ${error instanceof Error ? error.message : String(error)}`);
  await sendInTurn(sources, UPLOAD_LANES, {
    async send(_index, upload) {
      // Read first, then added: `sentBytes += await …` would add to the value before the await, losing the other lane's bytes.
      const bytes = await sendOver(mode, upload);
      sentBytes += bytes;
      sent += 1;
    },
    notMade: fail,
    failed: fail,
  });
  if (failures.length > 0) throw new Error(failures.slice(0, 3).join('; '));
  return { checkMs, sent, sentBytes };
}

async function timed(pass: () => Promise<Omit<ManyFilesPass, 'ms'>>): Promise<ManyFilesPass> {
  const started = performance.now();
  const result = await pass();
  return { ms: performance.now() - started, ...result };
}

async function deidentifyAll(mode: SendMode, files: readonly File[]): Promise<Omit<ManyFilesPass, 'ms'>> {
  const client = createDeidWorkerClient(DEID_BENCH_OPTIONS, DEID_BENCH_KEY);
  try {
    const refused: string[] = [];
    const started = performance.now();
    const { job, session } = checkUpload(client, heldBytes(), files, (index, reason) => refused.push(`${files[index]?.name}: ${reason}`), () => undefined);
    const { cancelled } = await job.finished;
    // Where a trace of the pass splits it (bench/deid.ts under BENCH_PROFILE): the check, then the send phase.
    console.timeStamp(CHECK_DONE);
    if (cancelled || refused.length > 0 || session.flagged.length > 0) throw new Error(`the check did not pass every file: ${JSON.stringify({ cancelled, refused: refused.slice(0, 3), flagged: session.flagged.length })}`);
    return await sendAll(mode, session.sources, performance.now() - started);
  } finally {
    await window.__benchWorkerDone?.();
    client.dispose();
  }
}

export function installManyFiles(input: HTMLInputElement): void {
  const picked = (): File[] => {
    const files = [...(input.files ?? [])];
    if (files.length === 0) throw new Error('no files picked in #many');
    return files;
  };
  window.__deidBench = {
    readThrough: (mode) => timed(() => sendAll(mode, picked().map((file) => asPicked(file, file.name)))),
    deidentify: (mode) => timed(() => deidentifyAll(mode, picked())),
  };
}

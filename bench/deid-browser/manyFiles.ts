/**
 * The many-files passes of bench/deid.ts, on the page of deid-browser/: the files picked in
 * `#many` sent as the upload screen sends them (src/ui/admin: `sendInTurn` over the same lanes,
 * each row's body read through once where the screen would send it).
 *
 * - `staged`: an upload into a `required` dataset as the screen makes it (UploadPanel.tsx): a
 *   staged upload (`stagedDeidUpload` over stagedSink.ts), and the check pass
 *   (`checkUpload`) handing each de-identified file to it as soon as it is checked, so files are
 *   sent while the check goes on; then the commit. Every file must come out de-identified and
 *   staged, none flagged or refused.
 * - `deidentify`: the same upload in sequence, as the screen sent it before the staged upload:
 *   the check pass over every file, then each file's body made when its turn comes.
 * - `readThrough`: the baseline, an upload with no policy: each picked file's bytes read through
 *   once unchanged (what any upload costs).
 * - `readThroughBatched` (information): the picked files unchanged through the same staged upload
 *   as `staged` (stagedUpload.ts: many files a batch), no check: what batching alone gives.
 *
 * Each pass is timed here (performance.now) and answers with what it sent. The two de-identifying
 * passes start their worker client and wait for it to be `ready` before the timer starts: the screen
 * starts it when the dataset is chosen (useDeidClientSlot.ts), so it is ready by the time an admin
 * has picked files; what the admin waits for is the check and the sends, not the worker's start.
 */
import { checkUpload } from '../../src/ui/admin/burnedIn/burnedInSession';
import { createDeidWorkerClient, type DeidWorkerClient } from '../../src/ui/admin/burnedIn/deidWorkerClient';
import { asPicked, KEPT_FILES_BYTES, uploadBody, type UploadSource } from '../../src/ui/admin/deidentifyUpload';
import { heldBytes } from '../../src/ui/admin/heldBytes';
import { sendInTurn, UPLOAD_LANES } from '../../src/ui/admin/sendInTurn';
import { DEID_BENCH_KEY, DEID_BENCH_OPTIONS } from '../support/deidTerms';
import type {} from '../support/workerProfile';
import { stagedDeidUpload, type StagedRows } from '../../src/ui/admin/stagedDeidUpload';
import { StagedUploadSession } from '../../src/ui/admin/stagedUpload';
import { sendOver, type SendMode } from './sendOver';
import { stagedSink } from './stagedSink';

export interface ManyFilesPass {
  readonly ms: number;
  /** Of `ms`, the check pass (0 where there is none). */
  readonly checkMs: number;
  /** Rows whose body was read through. */
  readonly sent: number;
  readonly sentBytes: number;
}

export type ManyFilesKind = 'staged' | 'deidentify' | 'readThrough' | 'readThroughBatched';

/** The trace's mark of the check pass's end. */
export const CHECK_DONE = 'deid check pass done';

declare global {
  interface Window {
    __deidBench?: Readonly<Record<ManyFilesKind, (mode: SendMode) => Promise<ManyFilesPass>>>;
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
      const bytes = await sendOver(mode, { name: upload.name, body: uploadBody(upload), reportBytes: upload.reportBytes });
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

/** `pass` timed with a worker client already started and ready, as the screen's is when files are picked. */
async function timedWithReadyClient(pass: (client: DeidWorkerClient) => Promise<Omit<ManyFilesPass, 'ms'>>): Promise<ManyFilesPass> {
  const client = createDeidWorkerClient(DEID_BENCH_OPTIONS, DEID_BENCH_KEY);
  try {
    await client.ready;
    return await timed(() => pass(client));
  } finally {
    await window.__benchWorkerDone?.();
    client.dispose();
  }
}

async function deidentifyAll(client: DeidWorkerClient, mode: SendMode, files: readonly File[]): Promise<Omit<ManyFilesPass, 'ms'>> {
  const refused: string[] = [];
  const started = performance.now();
  const { job, session } = checkUpload(client, heldBytes(), files, (index, reason) => refused.push(`${files[index]?.name}: ${reason}`), () => undefined);
  const { cancelled } = await job.finished;
  // Where a trace of the pass splits it (bench/deid.ts under BENCH_PROFILE): the check, then the send phase.
  console.timeStamp(CHECK_DONE);
  const failed = checkFailed(cancelled, refused, session.flagged.length);
  if (failed) throw failed;
  return await sendAll(mode, session.sources, performance.now() - started);
}

/** What stops a pass: a file the check refused, flagged or did not de-identify, or the check cancelled. */
function checkFailed(cancelled: boolean, refused: readonly string[], flagged: number): Error | null {
  if (!cancelled && refused.length === 0 && flagged === 0) return null;
  return new Error(`the check did not pass every file: ${JSON.stringify({ cancelled, refused: refused.slice(0, 3), flagged })}`);
}

async function stagedAll(client: DeidWorkerClient, mode: SendMode, files: readonly File[]): Promise<Omit<ManyFilesPass, 'ms'>> {
  const sink = stagedSink(mode);
  const failures: string[] = [];
  const fail = (index: number, error: unknown) => failures.push(`row ${index}: ${error instanceof Error ? error.message : String(error)}`);
  const rows: StagedRows = { progress: () => {}, answered: () => {}, failed: fail, job: () => {}, imported: () => {} };
  const refused: string[] = [];
  const started = performance.now();
  const upload = stagedDeidUpload(sink.api, 'bench', rows);
  const { job, session } = checkUpload(client, heldBytes(), files, (index, reason) => refused.push(`${files[index]?.name}: ${reason}`), () => undefined, KEPT_FILES_BYTES, upload.ready);
  const { cancelled } = await job.finished;
  const checkMs = performance.now() - started;
  console.timeStamp(CHECK_DONE);
  const failed = checkFailed(cancelled, refused, session.flagged.length);
  if (failed) {
    await upload.abort();
    throw failed;
  }
  if (files.some((_, index) => !upload.takes(index))) throw new Error('the staged upload did not take every file');
  await upload.finish([]);
  if (failures.length > 0) throw new Error(failures.slice(0, 3).join('; '));
  return { checkMs, ...sink.counts() };
}

async function stagedAsPicked(mode: SendMode, files: readonly File[]): Promise<Omit<ManyFilesPass, 'ms'>> {
  const sink = stagedSink(mode);
  const failures: string[] = [];
  const session = await StagedUploadSession.open(sink.api, 'bench', UPLOAD_LANES, {
    progress: () => {},
    answered: () => {},
    failed: (index, error) => failures.push(`row ${index}: ${error instanceof Error ? error.message : String(error)}`),
  });
  for (const [index, file] of files.entries()) session.send(index, asPicked(file, file.name));
  await session.sent();
  if (failures.length > 0) throw new Error(failures.slice(0, 3).join('; '));
  return { checkMs: 0, ...sink.counts() };
}

export function installManyFiles(input: HTMLInputElement): void {
  const picked = (): File[] => {
    const files = [...(input.files ?? [])];
    if (files.length === 0) throw new Error('no files picked in #many');
    return files;
  };
  window.__deidBench = {
    readThrough: (mode) => timed(() => sendAll(mode, picked().map((file) => asPicked(file, file.name)))),
    readThroughBatched: (mode) => timed(() => stagedAsPicked(mode, picked())),
    staged: (mode) => timedWithReadyClient((client) => stagedAll(client, mode, picked())),
    deidentify: (mode) => timedWithReadyClient((client) => deidentifyAll(client, mode, picked())),
  };
}

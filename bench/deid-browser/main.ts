/**
 * The page of bench/deid-browser.ts and bench/deid.ts.
 *
 * deid-browser: a file picked in `#picked` through the upload screen's de-identification client
 * and the real worker (workers/deid), as an upload into a `required` dataset does it: the check
 * pass, then the file prepared and its body read through once, as the upload sends it. Baseline,
 * same page, same file: the picked file itself read through once. The outcome lands in
 * `data-result` on <html> (JSON), or `data-error`.
 *
 * deid: the files picked in `#many`, through the passes of manyFiles.ts, which bench/deid.ts calls.
 */
import { createDeidWorkerClient } from '../../src/ui/admin/burnedIn/deidWorkerClient';
import type { FileCheck } from '../../workers/deid/messages';
import { bodyOf } from '../../workers/deid/writtenParts';
import { DEID_BENCH_KEY, DEID_BENCH_OPTIONS } from '../support/deidTerms';
import { installManyFiles } from './manyFiles';
import { readThrough } from './readThrough';

async function run(file: File): Promise<void> {
  const root = document.documentElement;
  const mark = (phase: string) => (root.dataset.phase = phase);
  mark('baseline');
  const baselineStart = performance.now();
  const baselineBytes = await readThrough(file);
  const baselineMs = performance.now() - baselineStart;

  mark('deid');
  const client = createDeidWorkerClient(DEID_BENCH_OPTIONS, DEID_BENCH_KEY);
  const started = performance.now();
  let check: FileCheck | null = null;
  // Nothing kept from the check: this page times the check and a prepare, as before.
  await client.deidentify([file], (_index, result) => (check = result), () => undefined, 0).finished;
  const checkMs = performance.now() - started;
  const prepared = await client.prepare(file, null);
  const sentBytes = await readThrough(bodyOf(file, prepared));
  const deidMs = performance.now() - started;
  client.dispose();
  root.dataset.result = JSON.stringify({ baselineMs, baselineBytes, checkMs, deidMs, sentBytes, inMemory: prepared.header.byteLength, check: (check as FileCheck | null)?.kind ?? null });
}

const input = document.getElementById('picked') as HTMLInputElement;
input.addEventListener('change', () => {
  const file = input.files?.[0];
  if (file) run(file).catch((error: unknown) => (document.documentElement.dataset.error = error instanceof Error ? error.message : String(error)));
});
installManyFiles(document.getElementById('many') as HTMLInputElement);
document.documentElement.dataset.ready = 'true';

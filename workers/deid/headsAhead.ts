/**
 * The check pass's reads: many files' heads read as one Blob (`new Blob([a.slice(0, H), b, …])`)
 * and split by their known sizes. In Chromium a Blob read is a string of tasks on the browser
 * process's IO thread (the read asked for, the file opened, the data pipe's signals, the end),
 * about 30 a file when each head is read on its own, and the worker waits on them; one read of a
 * run of heads costs that string once. The next run is read while the one in hand is checked.
 */
import type { PickedFile } from './messages';
import { headOf, HEAD_BYTES } from './streamedDeid';

/**
 * Heads per read: 32 × 16 KiB (HEAD_BYTES) is 512 KiB at most, two runs held at once (the one
 * checked, the one read ahead), so the pass holds about a megabyte whatever the upload's size.
 */
export const HEADS_PER_READ = 32;

/** A picked file, its head's length known from the size the page sent. */
export type SizedFile = Pick<PickedFile, 'file' | 'size'>;

/**
 * Each file's head (up to HEAD_BYTES), in one read; the views share its buffer. Throws where the
 * bytes read are not the sizes sent (a file changed since it was picked).
 */
export async function headsOf(files: readonly SizedFile[]): Promise<Uint8Array<ArrayBuffer>[]> {
  // A file no larger than its head goes whole: a slice is one more Blob for the browser to make.
  const lengths = files.map(({ size }) => Math.min(size, HEAD_BYTES));
  const bytes = await new Blob(files.map(({ file, size }, i) => (lengths[i] === size ? file : file.slice(0, lengths[i])))).arrayBuffer();
  if (bytes.byteLength !== lengths.reduce((sum, length) => sum + length, 0)) throw new Error('a file changed since it was picked');
  let at = 0;
  return lengths.map((length) => {
    const head = new Uint8Array(bytes, at, length);
    at += length;
    return head;
  });
}

/** One run's heads, each its own promise; where the run's read fails, each file is read on its own, so the error is the one file's that caused it. */
function runOf(files: readonly SizedFile[]): Promise<Uint8Array>[] {
  const together = headsOf(files);
  return files.map(({ file }, i) => {
    const head = together.then((heads) => heads[i]!, () => headOf(file));
    head.catch(() => undefined); // not awaited when the job is cancelled before it; its error is the check's
    return head;
  });
}

/**
 * `files`' heads in turn, `perRead` at a time: asking for file i's starts the read of the run
 * after it and lets go of the run before it, so ask in order.
 */
export function headsAhead(files: readonly SizedFile[], perRead: number = HEADS_PER_READ): (index: number) => Promise<Uint8Array> {
  const runs = new Map<number, Promise<Uint8Array>[]>();
  const run = (n: number): Promise<Uint8Array>[] => {
    const start = n * perRead;
    let heads = runs.get(n);
    if (!heads && start < files.length) {
      heads = runOf(files.slice(start, start + perRead));
      runs.set(n, heads);
    }
    return heads ?? [];
  };
  return (index) => {
    const n = Math.floor(index / perRead);
    runs.delete(n - 1);
    const head = run(n)[index - n * perRead];
    run(n + 1);
    if (!head) throw new RangeError(`no file ${index} of ${files.length}`);
    return head;
  };
}

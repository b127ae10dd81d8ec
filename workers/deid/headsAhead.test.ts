/**
 * The check pass's heads read many at a time: each file's first bytes exactly (a file under a
 * head whole), one Blob read per run of files, and where a run's read fails (a file changed on
 * disk since it was picked) the other files' heads still come and the changed one's read fails.
 */
import { openAsBlob, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { headsAhead, HEADS_PER_READ, type SizedFile } from './headsAhead';
import { HEAD_BYTES } from './streamedDeid';

/** File `i`'s bytes: sizes on both sides of a head, each byte telling file and place apart. */
const bytesOf = (i: number) => new Uint8Array(i % 3 === 0 ? 900 + i : HEAD_BYTES + 5000 * i).map((_, at) => (at * 13 + i) & 0xff);

/** As the page sends a picked file: with its size. */
const sized = (file: Blob): SizedFile => ({ file, size: file.size });

let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'mejirushi-heads-'));
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe('heads read ahead', () => {
  it('gives each file’s first bytes, a run of files to a read', async () => {
    const count = 2 * HEADS_PER_READ + 6;
    const files = Array.from({ length: count }, (_, i) => sized(new Blob([bytesOf(i)])));
    const reads = vi.spyOn(Blob.prototype, 'arrayBuffer');
    try {
      const headOf = headsAhead(files);
      for (let i = 0; i < count; i += 1) expect(await headOf(i), `file ${i}`).toEqual(bytesOf(i).subarray(0, HEAD_BYTES));
      expect(reads).toHaveBeenCalledTimes(3);
    } finally {
      reads.mockRestore();
    }
  });

  it('still gives the other files’ heads where one file of a run can no longer be read', async () => {
    const paths = [0, 1, 2, 3].map((i) => join(folder, `${i}.dcm`));
    for (const [i, path] of paths.entries()) writeFileSync(path, bytesOf(i));
    const files = await Promise.all(paths.map(async (path) => sized(await openAsBlob(path))));
    writeFileSync(paths[2]!, new Uint8Array(10)); // changed after it was picked
    const headOf = headsAhead(files, 4);
    const heads = await Promise.allSettled(files.map((_, i) => headOf(i)));
    expect(heads.map((head) => head.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    for (const i of [0, 1, 3]) expect((heads[i] as PromiseFulfilledResult<Uint8Array>).value).toEqual(bytesOf(i).subarray(0, HEAD_BYTES));
  });

  it('reads a file on its own where the run’s bytes are not the sizes sent (a file changed since it was picked)', async () => {
    const files = [sized(new Blob([bytesOf(0)])), { file: new Blob([bytesOf(3)]), size: 500 }, sized(new Blob([bytesOf(6)]))];
    const headOf = headsAhead(files);
    for (const [i, n] of [0, 3, 6].entries()) expect(await headOf(i)).toEqual(bytesOf(n).subarray(0, HEAD_BYTES));
  });
});

/** kill -9 of the import CLI halfway through a series: nobody sees a partial series, and the next run heals it. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SeriesItem } from '../../src/core/item';
import { SQLITE_FILE_NAME } from '../config';
import { openDatabase } from '../db/open';
import { generateHeadCtPhantom } from '../demo/phantom';
import { runScript, startScript } from '../testing/processes';

const SLICES = 28;
const KILLED_AFTER = 17;

describe('npm run import killed with kill -9', () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'mejirushi-killed-'));
    mkdirSync(join(root, 'incoming'));
    for (const file of generateHeadCtPhantom({ sliceCount: SLICES, seed: 7 }).files) writeFileSync(join(root, 'incoming', file.name), file.bytes);
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  const args = () => [join(root, 'incoming'), '--dataset', 'Killed', '--data', join(root, 'data')];

  async function seriesItems(): Promise<{ importing: boolean; slices: number }[]> {
    const db = openDatabase({ kind: 'sqlite', file: join(root, 'data', SQLITE_FILE_NAME) });
    try {
      const rows = await db.selectFrom('items').select(['importing', 'content']).execute();
      return rows.map((row) => ({ importing: Number(row.importing) === 1, slices: (JSON.parse(row.content) as SeriesItem).slices.length }));
    } finally {
      await db.destroy();
    }
  }

  it(`after ${KILLED_AFTER} of ${SLICES} files no series is shown with fewer slices, and a re-run shows all ${SLICES}`, async () => {
    const run = startScript('server/cli/import.ts', args(), {}, { killable: true });
    await run.waitForLine(new RegExp(`^imported .*slice-${String(KILLED_AFTER).padStart(2, '0')}\\.dcm$`));
    run.killHard();
    expect(await run.exited).toBe(null);

    const afterKill = await seriesItems();
    expect(afterKill.filter((item) => !item.importing && item.slices < SLICES)).toEqual([]);

    const rerun = await runScript('server/cli/import.ts', args());
    expect(rerun.code).toBe(0);
    expect(await seriesItems()).toEqual([{ importing: false, slices: SLICES }]);
  });
});

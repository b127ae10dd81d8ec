/** The import CLI on a Hamamatsu NDPI (the generated fixture) and a truncated copy: one line per file. */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeNdpiFixture } from '../testing/ndpiFixture';
import { runScript } from '../testing/processes';

describe('npm run import with NDPI files', () => {
  let root: string;
  let folder: string;
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'mejirushi-cli-ndpi-'));
    folder = join(root, 'incoming');
    mkdirSync(join(folder, 'slides'), { recursive: true });
    const ndpi = await writeNdpiFixture(join(folder, 'slides'));
    writeFileSync(join(folder, 'slides', 'cut.ndpi'), readFileSync(ndpi).subarray(0, 50_000));
  }, 60_000);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('imports the NDPI with progress lines and refuses the truncated one', async () => {
    const result = await runScript('server/cli/import.ts', [folder, '--dataset', 'Gastric', '--label-set', 'gastric-biopsy@1', '--data', join(root, 'data')]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines).toContain('  building tiles of slides/synthetic-he.ndpi: 100% (152/152 tiles)');
    expect(lines).toContain('imported   slides/synthetic-he.ndpi');
    expect(lines).toContainEqual(expect.stringMatching(/^refused +slides\/cut\.ndpi: the file is cut short/));
    expect(lines.at(-1)).toBe('2 file(s): 1 imported, 0 duplicate(s), 1 refused; dataset "Gastric" has 0 series item(s) and 1 slide(s)');
  });
});

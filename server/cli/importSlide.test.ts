/** The import CLI on slide files: progress lines while the pyramid is built, a line per file, duplicates on a second run. */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScript } from '../testing/processes';
import { hasPathologySampleData, pathologySample, sampleDataDir } from '../testing/sampleData';

if (!hasPathologySampleData()) console.log(`sample data not found at ${sampleDataDir()}: slide CLI suite did not run`);

describe.runIf(hasPathologySampleData())('npm run import with slide files', () => {
  let root: string;
  let folder: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'mejirushi-cli-slides-'));
    folder = join(root, 'incoming');
    mkdirSync(join(folder, 'slides'), { recursive: true });
    copyFileSync(pathologySample('CMU-1-Small-Region.svs'), join(folder, 'slides', 'CMU-1-Small-Region.svs'));
    writeFileSync(join(folder, 'slides', 'cut.svs'), readFileSync(pathologySample('CMU-1-Small-Region.svs')).subarray(0, 1_000_000));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  const run = () => runScript('server/cli/import.ts', [folder, '--dataset', 'Gastric', '--label-set', 'gastric-biopsy@1', '--data', join(root, 'data')]);

  it('prints progress while the pyramid is built, then one line per file and the summary', async () => {
    const result = await run();
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n');
    const progress = lines.filter((line) => line.startsWith('  building tiles of slides/CMU-1-Small-Region.svs: '));
    expect(progress[0]).toBe('  building tiles of slides/CMU-1-Small-Region.svs: 0% (0/152 tiles)');
    expect(progress.at(-1)).toBe('  building tiles of slides/CMU-1-Small-Region.svs: 100% (152/152 tiles)');
    expect(progress.length).toBeGreaterThanOrEqual(5);
    expect(lines).toContain('imported   slides/CMU-1-Small-Region.svs');
    expect(lines).toContainEqual(expect.stringMatching(/^refused +slides\/cut\.svs: the file is cut short/));
    expect(lines.at(-1)).toBe('2 file(s): 1 imported, 0 duplicate(s), 1 refused; dataset "Gastric" has 0 series item(s) and 1 slide(s)');
  });

  it('reports the slide as a duplicate on a second run', async () => {
    const result = await run();
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('duplicate  slides/CMU-1-Small-Region.svs (the same file is already in the dataset)');
  });
});

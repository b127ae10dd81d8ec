/** The import CLI as a user runs it: real files in a folder, a real process, its lines and exit code. */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SQLITE_FILE_NAME } from '../config';
import { generateHeadCtPhantom } from '../demo/phantom';
import { ODD_DICOM_DIR } from '../testing/oddDicom';
import { runScript } from '../testing/processes';
import { hasSampleData, sampleDataDir } from '../testing/sampleData';

describe('npm run import', () => {
  let root: string;
  let folder: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'mejirushi-cli-'));
    folder = join(root, 'incoming');
    mkdirSync(join(folder, 'series'), { recursive: true });
    for (const file of generateHeadCtPhantom({ sliceCount: 6 }).files) writeFileSync(join(folder, 'series', file.name), file.bytes);
    writeFileSync(join(folder, 'README.txt'), 'not an image');
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  const data = () => join(root, 'data');

  it('imports a folder recursively, one line per file and a summary; refusals do not fail the run', async () => {
    const result = await runScript('server/cli/import.ts', [folder, '--dataset', 'Batch A', '--data', data()]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines[0]).toBe('created dataset "Batch A" (label set sah-slice@2)');
    expect(lines.filter((l) => /^imported +series\/slice-\d\d\.dcm$/.test(l))).toHaveLength(6);
    expect(lines).toContainEqual(expect.stringMatching(/^refused +README\.txt: not a DICOM file/));
    expect(lines.at(-1)).toBe('7 file(s): 6 imported, 0 duplicate(s), 1 refused; dataset "Batch A" has 1 series item(s)');
    // The bytes went to the blob store of the data folder, one file per slice; the refused file did not.
    for (const file of generateHeadCtPhantom({ sliceCount: 6 }).files) {
      const sha256 = createHash('sha256').update(file.bytes).digest('hex');
      expect(existsSync(join(data(), 'blobs', 'sha256', sha256.slice(0, 2), sha256.slice(2, 4), sha256)), file.name).toBe(true);
    }
    expect(readdirSync(join(data(), 'blobs', 'sha256'), { recursive: true, withFileTypes: true }).filter((e) => e.isFile())).toHaveLength(6);
  });

  it('reports duplicates on a second run and still succeeds', async () => {
    const result = await runScript('server/cli/import.ts', [folder, '--dataset', 'Batch A', '--data', data()]);
    expect(result.code).toBe(0);
    expect(result.stdout).not.toContain('created dataset');
    expect(result.stdout.trim().split('\n').at(-1)).toBe('7 file(s): 0 imported, 6 duplicate(s), 1 refused; dataset "Batch A" has 1 series item(s)');
  });

  it('fails when nothing could be imported, and on usage errors', async () => {
    const junk = join(root, 'junk');
    mkdirSync(junk);
    writeFileSync(join(junk, 'a.dcm'), 'garbage');
    const nothing = await runScript('server/cli/import.ts', [junk, '--dataset', 'Junk', '--data', data()]);
    expect(nothing.code).toBe(1);
    expect(nothing.stderr).toMatch(/nothing could be imported/);

    for (const args of [[], [folder], [folder, '--dataset'], [join(root, 'missing'), '--dataset', 'x'], [folder, '--dataset', 'x', '--label-set', 'nope']]) {
      const usage = await runScript('server/cli/import.ts', [...args, '--data', data()]);
      expect(usage.code, args.join(' ')).toBe(2);
      expect(usage.stderr).toMatch(/Usage: npm run import/);
    }
  });

  it('resolves the folder and --data against the shell folder npm passes as INIT_CWD, not the package root', async () => {
    const result = await runScript('server/cli/import.ts', ['incoming', '--dataset', 'Relative', '--data', 'data-relative'], { INIT_CWD: root });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout.trim().split('\n').at(-1)).toBe('7 file(s): 6 imported, 0 duplicate(s), 1 refused; dataset "Relative" has 1 series item(s)');
    expect(existsSync(join(root, 'data-relative', SQLITE_FILE_NAME))).toBe(true);
  });

  it('prints why each odd file was refused and what was changed in each repaired one', async () => {
    const result = await runScript('server/cli/import.ts', [ODD_DICOM_DIR, '--dataset', 'Odd', '--data', data()]);
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n');
    const refusal = (name: string) => lines.find((line) => line.startsWith('refused') && line.includes(` ${name}: `));
    expect(lines).toContain('imported   wsi_tiles.dcm');
    expect(refusal('deflate_bomb_1gib.dcm')).toMatch(/deflate bomb/);
    expect(refusal('frames_2000000_native.dcm')).toMatch(/2,000,000 frames/);
    expect(refusal('frames_2000000_jpeg.dcm')).toMatch(/2,000,000 frames/);
    expect(refusal('jpeg_undecodable.dcm')).toMatch(/could not be decoded/);
    const notesOf = (name: string) => {
      const at = lines.findIndex((line) => line === `imported   ${name}`);
      const after = lines.slice(at + 1);
      return at < 0 ? null : after.slice(0, Math.max(0, after.findIndex((line) => !line.startsWith('  note: ')))).length;
    };
    expect(notesOf('uids_too_long.dcm')).toBe(3);
    expect(notesOf('no_meta_explicit.dcm') ?? notesOf('no_meta_implicit.dcm')).toBe(1);
    expect(lines).toContainEqual(expect.stringMatching(/^ {2}note: it had no SeriesInstanceUID; it was given 2\.25\.\d+$/));
    // 11 DICOM files and the generator script beside them (not DICOM).
    expect(lines.at(-1)).toBe('12 file(s): 5 imported, 2 duplicate(s), 5 refused; dataset "Odd" has 4 series item(s) and 1 slide(s)');
  });

  it.runIf(hasSampleData())('imports the sample radiology folder, saying why each refused file was refused', async () => {
    const result = await runScript('server/cli/import.ts', [join(sampleDataDir(), 'radiology'), '--dataset', 'Samples', '--data', data()]);
    expect(result.code).toBe(0);
    const refused = result.stdout.split('\n').filter((line) => line.startsWith('refused'));
    expect(refused).toEqual([
      expect.stringMatching(/^refused +dicom-labels\/rtstruct_no_meta\.dcm: \S/),
      expect.stringMatching(/^refused +dicom-labels\/seg_liver_binary_3frame\.dcm: \S/),
    ]);
  });
});

if (!hasSampleData()) console.warn(`import CLI sample-data test did not run: no sample data at ${sampleDataDir()}/radiology`);

/**
 * Runs DCMTK's dcmdump on DICOM bytes: an independent reader for tests of what we write.
 * DCMTK is a test dependency (CI installs Debian's `dcmtk`).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface DcmdumpResult {
  /** Set when dcmdump could not be run at all (e.g. not installed). */
  readonly missing: string | null;
  readonly status: number | null;
  readonly output: string;
  /** Warning and error lines (`W:` / `E:`) DCMTK printed. */
  readonly problems: readonly string[];
}

export function dcmdump(bytes: Uint8Array, args: readonly string[] = []): DcmdumpResult {
  const dir = mkdtempSync(join(tmpdir(), 'mejirushi-dcmdump-'));
  try {
    const file = join(dir, 'file.dcm');
    writeFileSync(file, bytes);
    const run = spawnSync('dcmdump', ['--log-level', 'warn', ...args, file], { encoding: 'utf8' });
    if (run.error) {
      return {
        missing: `dcmdump could not be run (${run.error.message}); install DCMTK: apt-get install dcmtk`,
        status: null,
        output: '',
        problems: [],
      };
    }
    const output = `${run.stdout}${run.stderr}`;
    const problems = output.split('\n').filter((line) => /^[WEF]: /.test(line));
    return { missing: null, status: run.status, output, problems };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

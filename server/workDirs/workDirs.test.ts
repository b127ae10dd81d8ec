/** Work folders in the data folder: private to the server's user, gone once released, beating while the instance lives. */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ALIVE_FILE, WorkDirs, workRootIn } from './workDirs';

const modeOf = (path: string) => statSync(path).mode & 0o777;

describe('work folders', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'mejirushi-workdirs-'));
  });
  afterEach(() => {
    vi.useRealTimers();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('are made in the instance folder under <data>/tmp/work, both mode 0700, and removed on release', async () => {
    const workDirs = new WorkDirs(dataDir, 'instance-a');
    const work = await workDirs.workDir('video');
    expect(workDirs.root).toBe(join(dataDir, 'tmp', 'work', 'instance-a'));
    expect(work.path.startsWith(join(workRootIn(dataDir), 'instance-a', 'video-'))).toBe(true);
    expect(modeOf(workDirs.root)).toBe(0o700);
    expect(modeOf(work.path)).toBe(0o700);
    writeFileSync(join(work.path, 'frame-1.jpg'), 'pixels');

    await work.release();
    expect(existsSync(work.path)).toBe(false);
    await work.release(); // twice: nothing to do
    await workDirs.close();
  });

  it('give each call a folder of its own', async () => {
    const workDirs = new WorkDirs(dataDir);
    const [one, two] = await Promise.all([workDirs.workDir('pack'), workDirs.workDir('pack')]);
    expect(one?.path).not.toBe(two?.path);
    await workDirs.close();
  });

  it('name their host and process in the alive file, written again each third of the lease, and go with the instance folder at close', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const workDirs = new WorkDirs(dataDir, 'instance-a', 30_000);
    await workDirs.workDir('dz');
    const alive = join(workDirs.root, ALIVE_FILE);
    expect(JSON.parse(readFileSync(alive, 'utf8'))).toEqual({ host: hostname(), pid: process.pid });
    expect(modeOf(alive)).toBe(0o600);

    const longAgo = new Date('2020-01-01T00:00:00.000Z');
    utimesSync(alive, longAgo, longAgo);
    vi.advanceTimersByTime(10_000);
    await vi.waitFor(() => expect(statSync(alive).mtimeMs).toBeGreaterThan(longAgo.getTime()));

    await workDirs.close();
    expect(existsSync(workDirs.root)).toBe(false);
  });
});

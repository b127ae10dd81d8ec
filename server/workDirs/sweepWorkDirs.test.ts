/** The start-up sweep of work folders: dead instances' go, told as a count and bytes; a live instance's stay. */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sweepWorkDirs } from './sweepWorkDirs';
import { ALIVE_FILE, WorkDirs, workRootIn } from './workDirs';

const LEASE_MS = 30_000;
/** Process ids the tests call dead on this host; every other one runs. */
const DEAD_PIDS = new Set([4_000_001]);
const isRunning = (pid: number) => !DEAD_PIDS.has(pid);

describe('the work folder sweep', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'mejirushi-sweep-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  /** An instance folder as a process left it: its alive note, last written `beatAgoMs` before `now`, and one file of `bytes`. */
  function leftFolder(instance: string, note: { host: string; pid: number } | null, beatAgoMs: number, now: Date, bytes: number): string {
    const root = join(workRootIn(dataDir), instance);
    mkdirSync(join(root, 'slide-x'), { recursive: true });
    writeFileSync(join(root, 'slide-x', 'patient-name.svs'), Buffer.alloc(bytes));
    const at = new Date(now.getTime() - beatAgoMs);
    if (note) {
      writeFileSync(join(root, ALIVE_FILE), JSON.stringify(note));
      utimesSync(join(root, ALIVE_FILE), at, at);
    }
    utimesSync(root, at, at);
    return root;
  }

  it('removes the folders of dead instances and keeps those of live ones, this one included', async () => {
    const now = new Date();
    const self = new WorkDirs(dataDir, 'self');
    const mine = await self.workDir('video');
    // This host: its process is gone, though it beat a moment ago (killed): removed at once.
    leftFolder('killed-here', { host: hostname(), pid: 4_000_001 }, 1_000, now, 100);
    // This host, its process runs (another instance, or the import CLI), beating: kept.
    leftFolder('running-here', { host: hostname(), pid: 4_000_002 }, 1_000, now, 10);
    // This host, a process of that id runs but the folder has not beaten for a lease (the id reused): removed.
    leftFolder('reused-pid', { host: hostname(), pid: 4_000_002 }, LEASE_MS + 1_000, now, 200);
    // Another host sharing the data folder, beating: kept, whatever this host's processes.
    leftFolder('other-host-live', { host: 'elsewhere', pid: 4_000_001 }, 1_000, now, 10);
    // Another host, silent for more than a lease: removed.
    leftFolder('other-host-dead', { host: 'elsewhere', pid: 7 }, LEASE_MS + 1_000, now, 300);
    // Killed before it wrote its note: judged by the folder's own time.
    leftFolder('no-note-old', null, LEASE_MS + 1_000, now, 400);
    leftFolder('no-note-new', null, 1_000, now, 10);
    // A link in a dead folder is counted as itself, never followed (a de-identification links to its upload).
    const linked = leftFolder('killed-with-link', { host: hostname(), pid: 4_000_001 }, 1_000, now, 0);
    symlinkSync(mine.path, join(linked, 'source'));

    const swept = await sweepWorkDirs(dataDir, { now, leaseMs: LEASE_MS, except: self.instance, isRunning });

    expect(readdirSync(workRootIn(dataDir)).sort()).toEqual(['no-note-new', 'other-host-live', 'running-here', 'self']);
    expect(swept.folders).toBe(5);
    // Files, alive notes and the link itself (its target's path), never what the link points to.
    const notes = [{ host: hostname(), pid: 4_000_001 }, { host: hostname(), pid: 4_000_002 }, { host: 'elsewhere', pid: 7 }, { host: hostname(), pid: 4_000_001 }];
    const noteBytes = notes.reduce((sum, note) => sum + JSON.stringify(note).length, 0);
    expect(swept.bytes).toBe(100 + 200 + 300 + 400 + noteBytes + Buffer.byteLength(mine.path));
    expect(existsSync(mine.path)).toBe(true);
    await self.close();
  });

  it('keeps its own folder even when it looks dead, and finds nothing on a first start', async () => {
    const now = new Date();
    expect(await sweepWorkDirs(dataDir, { now, leaseMs: LEASE_MS, isRunning })).toEqual({ folders: 0, bytes: 0 });
    leftFolder('self', { host: hostname(), pid: 4_000_001 }, LEASE_MS * 10, now, 10);
    expect(await sweepWorkDirs(dataDir, { now, leaseMs: LEASE_MS, except: 'self', isRunning })).toEqual({ folders: 0, bytes: 0 });
    expect(readdirSync(workRootIn(dataDir))).toEqual(['self']);
  });
});

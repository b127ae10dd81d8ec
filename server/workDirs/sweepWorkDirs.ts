/**
 * At start-up: the work folders of instances that are gone (killed, crashed, the machine lost
 * power) removed from `<data>/tmp/work/`. Several instances may share the data folder, so an
 * instance's folder goes only when it is surely dead:
 *   - on this host, its process no longer runs (a restart sweeps its predecessor's at once);
 *   - on any host, its `alive` file has not been written for a lease (the import jobs' lease: an
 *     instance beats three times a lease). This also catches a reused process id, and instances of
 *     other hosts sharing the folder, whose processes this host cannot see. As with the jobs'
 *     heartbeat, the instances' clocks must agree to well within the lease.
 * What was removed is told as a count and bytes: names in there may carry a patient's name.
 */
import { lstat, readdir, readFile, rm } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { ALIVE_FILE, workRootIn, type AliveNote } from './workDirs';

export interface SweptWorkDirs {
  /** Instance folders removed. */
  readonly folders: number;
  readonly bytes: number;
}

export interface SweepOptions {
  readonly now: Date;
  readonly leaseMs: number;
  /** The calling instance, whose folder stays whatever it looks like. */
  readonly except?: string;
  /** Whether a process of this host runs; replaceable in tests. */
  readonly isRunning?: (pid: number) => boolean;
}

export async function sweepWorkDirs(dataDir: string, options: SweepOptions): Promise<SweptWorkDirs> {
  const root = workRootIn(dataDir);
  const names = await readdir(root).catch(() => [] as string[]);
  const isRunning = options.isRunning ?? processRuns;
  let folders = 0;
  let bytes = 0;
  for (const name of names) {
    if (name === options.except) continue;
    const path = join(root, name);
    const seen = await lastSign(path);
    if (seen === null) continue; // removed meanwhile by another instance's start
    const diedHere = seen.note !== null && seen.note.host === hostname() && seen.note.pid !== process.pid && !isRunning(seen.note.pid);
    const silent = options.now.getTime() - seen.atMs > options.leaseMs;
    if (!diedHere && !silent) continue;
    bytes += await bytesUnder(path);
    await rm(path, { recursive: true, force: true });
    folders += 1;
  }
  return { folders, bytes };
}

/** The folder's `alive` note and last beat; a folder without one (killed before it wrote it) by its own time. */
async function lastSign(path: string): Promise<{ readonly note: AliveNote | null; readonly atMs: number } | null> {
  const alive = join(path, ALIVE_FILE);
  const beat = await lstat(alive).catch(() => null);
  if (beat) return { note: await readNote(alive), atMs: beat.mtimeMs };
  const folder = await lstat(path).catch(() => null);
  return folder ? { note: null, atMs: folder.mtimeMs } : null;
}

async function readNote(path: string): Promise<AliveNote | null> {
  try {
    const note = JSON.parse(await readFile(path, 'utf8')) as Partial<AliveNote>;
    return typeof note.host === 'string' && Number.isSafeInteger(note.pid) && (note.pid as number) > 0 ? { host: note.host, pid: note.pid as number } : null;
  } catch {
    return null; // cut short as its process died: the beat's time decides
  }
}

/** Signal 0 tests for the process without touching it; EPERM: it runs, as another user. */
function processRuns(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Bytes of the files under `path`; links counted as themselves, never followed (a de-identification's `source` links to an upload). */
async function bytesUnder(path: string): Promise<number> {
  const info = await lstat(path).catch(() => null);
  if (!info) return 0;
  if (!info.isDirectory()) return info.size;
  let total = 0;
  for (const name of await readdir(path).catch(() => [] as string[])) total += await bytesUnder(join(path, name));
  return total;
}

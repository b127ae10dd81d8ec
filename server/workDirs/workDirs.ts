/**
 * Work folders of importers and de-identification (decoded frames, a slide's Deep Zoom cut, a
 * tile pack being written, a de-identified slide): under the data folder, `<data>/tmp/work/<instance>/`,
 * never the system's temporary folder. A slide's work folder can be as big as the slide, and /tmp
 * is often a small tmpfs in RAM; here it lies on the blob store's file system (storing is a
 * rename) and what a killed server leaves is swept at the next start (sweepWorkDirs.ts).
 *
 * Each process has a folder of its own (its instance), mode 0700: work folders hold patient images
 * before de-identification. Its `alive` file names the host and process and is touched every few
 * seconds, so a start of another instance over the same data folder can tell a live instance's
 * folder from a dead one's.
 *
 *   const work = await workDirs.workDir('video');
 *   try { decode into work.path } finally { await work.release() }
 */
import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_IMPORT_JOB_LEASE_MS } from '../config';

export interface WorkDir {
  readonly path: string;
  /** Removes the folder with all it holds; a second call does nothing. */
  release(): Promise<void>;
}

/** What an instance's `alive` file says: enough to tell, on its own host, whether it still runs. */
export interface AliveNote {
  readonly host: string;
  readonly pid: number;
}

export const ALIVE_FILE = 'alive';
/** Folders only this process's user may enter: they hold images not yet de-identified. */
const PRIVATE = 0o700;
/** Beats per lease, as the import jobs' heartbeat: a live instance misses two before it is taken for dead. */
const BEATS_PER_LEASE = 3;

/** Where the server's temporary files live in its data folder (work folders, staged slides). */
export const tmpDirIn = (dataDir: string): string => join(dataDir, 'tmp');

/** The folder holding each instance's work folders. */
export const workRootIn = (dataDir: string): string => join(tmpDirIn(dataDir), 'work');

export class WorkDirs {
  /** This instance's folder: `<data>/tmp/work/<instance>`. */
  readonly root: string;
  private beating: Promise<NodeJS.Timeout> | null = null;

  /**
   * `instance`: this process's name under the work root (the import jobs' owner where there is
   * one); `leaseMs`: how long the instance may go without a beat before a start takes it for dead.
   */
  constructor(
    dataDir: string,
    readonly instance: string = randomUUID(),
    private readonly leaseMs: number = DEFAULT_IMPORT_JOB_LEASE_MS,
  ) {
    this.root = join(workRootIn(dataDir), instance);
  }

  /** A new empty folder of this instance named `<prefix>-…`, mode 0700. */
  async workDir(prefix: string): Promise<WorkDir> {
    // Made on each call: a folder some operator removed by hand comes back.
    await mkdir(this.root, { recursive: true, mode: PRIVATE });
    this.beating ??= this.startBeating().catch((error: unknown) => {
      this.beating = null;
      throw error;
    });
    await this.beating;
    const path = await mkdtemp(join(this.root, `${prefix}-`));
    return { path, release: () => rm(path, { recursive: true, force: true }) };
  }

  /** Stops beating and removes this instance's folder: call once nothing works in it any more (the server's stop). */
  async close(): Promise<void> {
    const beating = this.beating;
    this.beating = null;
    if (beating) clearInterval(await beating.catch(() => undefined));
    await rm(this.root, { recursive: true, force: true });
  }

  /** Writes the `alive` file now and again every third of the lease; its modification time is the beat. */
  private async startBeating(): Promise<NodeJS.Timeout> {
    const alive = join(this.root, ALIVE_FILE);
    const note = JSON.stringify({ host: hostname(), pid: process.pid } satisfies AliveNote);
    await writeFile(alive, note, { mode: 0o600 });
    // A beat that fails (the disk full a moment) is made up by the next one.
    const timer = setInterval(() => void writeFile(alive, note, { mode: 0o600 }).catch(() => undefined), this.leaseMs / BEATS_PER_LEASE);
    timer.unref();
    return timer;
  }
}

/**
 * The stand-in data folder of code run without one (unit tests, benches), under the system's
 * temporary folder. The server and the import CLI always pass their own data folder's.
 */
export const SCRATCH_DATA_DIR = join(tmpdir(), 'mejirushi-scratch');

let scratch: WorkDirs | null = null;

/** This process's work folders in SCRATCH_DATA_DIR, for code given none. */
export function scratchWorkDirs(): WorkDirs {
  scratch ??= new WorkDirs(SCRATCH_DATA_DIR);
  return scratch;
}

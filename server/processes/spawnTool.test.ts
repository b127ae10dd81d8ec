/**
 * A real `vips` call that decodes its input to a temporary file (`--vips-disc-threshold=0`: any
 * image, not only one over 100 MB) writes it in the job's work folder, never in the TMPDIR of the
 * process that started it, and a cancelled one's leftover goes with the work folder.
 */
import { watch, type FSWatcher } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { WorkDirs, type WorkDir } from '../workDirs/workDirs';
import { runTool } from './runTool';
import { toolError, ToolMissing } from './spawnTool';

/** libvips' name for an image decoded to disc. */
const VIPS_TEMP = /^vips-.*\.v$/;

describe('tools started by spawnTool', () => {
  const systemTmp = process.env.TMPDIR;
  let root: string;
  /** What the server process would call /tmp: the test process's private TMPDIR. */
  let processTmp: string;
  let workDirs: WorkDirs;
  let work: WorkDir;
  let watcher: FSWatcher;
  /** Names that appeared in the work folder while a tool ran (a watch reports each several times). */
  let appeared: Set<string>;
  let onAppear: (name: string) => void;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'mejirushi-spawn-tool-'));
    processTmp = join(root, 'process-tmp');
    await mkdir(processTmp);
    process.env.TMPDIR = processTmp;
    workDirs = new WorkDirs(join(root, 'data'), 'instance');
  });
  afterAll(async () => {
    if (systemTmp === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = systemTmp;
    await workDirs.close();
    await rm(root, { recursive: true, force: true });
  });
  beforeEach(async () => {
    work = await workDirs.workDir('vips');
    appeared = new Set();
    onAppear = () => undefined;
    watcher = watch(work.path, (_event, name) => {
      if (name === null) return;
      appeared.add(name);
      onAppear(name);
    });
  });
  afterEach(async () => {
    watcher.close();
    await work.release();
  });

  /** A `side`² RGB PNG in the work folder, made by vips itself. */
  async function picture(side: number): Promise<string> {
    const path = join(work.path, 'in.png');
    const made = await runTool('vips', ['black', path, String(side), String(side), '--bands', '3'], { tmpDir: work.path });
    expect(made).toMatchObject({ ok: true });
    return path;
  }

  it('write their temporary files in the work folder, not in the TMPDIR of the server process', async () => {
    const source = await picture(600);
    const rotated = await runTool('vips', ['rot', source, join(work.path, 'out.png'), 'd90', '--vips-disc-threshold=0'], { tmpDir: work.path });

    expect(rotated).toMatchObject({ ok: true, stderr: '' });
    expect([...appeared].filter((name) => VIPS_TEMP.test(name))).toHaveLength(1);
    // libvips removes it when done: only what the call was asked to write stays.
    expect((await readdir(work.path)).sort()).toEqual(['in.png', 'out.png']);
    expect(await readdir(processTmp)).toEqual([]);
  });

  it('leave a cancelled tool’s temporary file in the work folder, which its release removes', async () => {
    const source = await picture(3000);
    const cancel = new AbortController();
    onAppear = (name) => {
      if (VIPS_TEMP.test(name)) cancel.abort(new Error('cancelled'));
    };
    const running = runTool('vips', ['rot', source, join(work.path, 'out.png'), 'd90', '--vips-disc-threshold=0'], { tmpDir: work.path, signal: cancel.signal });

    await expect(running).rejects.toThrow('cancelled');
    // Killed before it could remove it: the leftover lies in the work folder, none in the process's TMPDIR.
    expect((await readdir(work.path)).filter((name) => VIPS_TEMP.test(name))).toHaveLength(1);
    expect(await readdir(processTmp)).toEqual([]);
    await work.release();
    expect(await readdir(workDirs.root)).not.toContain(work.path.split('/').pop());
  });

  it('reject a tool not installed with ToolMissing, naming the Debian package of those the server runs', async () => {
    await expect(runTool('vips-not-installed', [], { tmpDir: work.path })).rejects.toBeInstanceOf(ToolMissing);
    const enoent = Object.assign(new Error('spawn ffprobe ENOENT'), { code: 'ENOENT' });
    expect(toolError('ffprobe', enoent)).toMatchObject({ name: 'ToolMissing', message: 'ffprobe is not installed (Debian: ffmpeg)' });
  });
});

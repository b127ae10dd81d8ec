/**
 * The one way the server starts a tool (vips, vipsheader, OpenSlide's, ffmpeg, ffprobe, dcmj2pnm):
 * without a shell, with `TMPDIR` set to the job's work folder. libvips (an image too big to decode
 * in memory is decoded to a `vips-*.v` file), ffmpeg and dcmtk put their own temporary files in
 * `TMPDIR`, which unset means the system's /tmp: there a killed tool's leftovers outlive the job,
 * and a slide's can be gigabytes on a small tmpfs. In the work folder they go with it, whether the
 * job ends, is cancelled, or its server dies and the next start sweeps it (workDirs/).
 *
 * Aborting `signal` stops the tool (stopOnAbort.ts), detached again once it has exited.
 */
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import { stopOnAbort } from './stopOnAbort';

export interface ToolLaunch {
  /** The job's work folder: the tool's TMPDIR. */
  readonly tmpDir: string;
  readonly signal?: AbortSignal;
  /** Killed (SIGTERM) after this long; none when absent. */
  readonly timeoutMs?: number;
}

/** A tool not installed: the Debian package that brings it, for the message. */
export class ToolMissing extends Error {
  override readonly name = 'ToolMissing';
}

const DEBIAN_PACKAGE: Readonly<Record<string, string>> = {
  vips: 'libvips-tools',
  vipsheader: 'libvips-tools',
  'openslide-show-properties': 'openslide-tools',
  ffmpeg: 'ffmpeg',
  ffprobe: 'ffmpeg',
  dcmj2pnm: 'dcmtk',
};

/** Starts `command args` with stdout and stderr piped; `input: 'pipe'` also pipes stdin (else it is closed). */
export function spawnTool(command: string, args: readonly string[], launch: ToolLaunch & { readonly input: 'pipe' }): ChildProcessByStdio<Writable, Readable, Readable>;
export function spawnTool(command: string, args: readonly string[], launch: ToolLaunch): ChildProcessByStdio<null, Readable, Readable>;
export function spawnTool(command: string, args: readonly string[], launch: ToolLaunch & { readonly input?: 'pipe' }): ChildProcessByStdio<Writable | null, Readable, Readable> {
  const options = { env: { ...debianVipsEnv(), TMPDIR: launch.tmpDir }, timeout: launch.timeoutMs };
  const child = launch.input === 'pipe' ? spawn(command, [...args], { ...options, stdio: ['pipe', 'pipe', 'pipe'] }) : spawn(command, [...args], { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
  const detach = stopOnAbort(child, command, launch.signal);
  child.once('close', detach);
  child.once('error', detach); // not started: no 'close' need follow
  return child;
}

/** The error a tool's 'error' event means: ToolMissing when it is not installed. */
export function toolError(command: string, error: NodeJS.ErrnoException): Error {
  if (error.code !== 'ENOENT') return error;
  const debian = DEBIAN_PACKAGE[command];
  return new ToolMissing(`${command} is not installed${debian ? ` (Debian: ${debian})` : ''}`);
}

/**
 * Loading sharp sets VIPSHOME to its own bundled libvips; Debian's vips then looks for its
 * modules there, finds no OpenSlide loader and silently reads an SVS with plain tiffload.
 */
function debianVipsEnv(): NodeJS.ProcessEnv {
  const { VIPSHOME: _sharpsLibvips, ...env } = process.env;
  return env;
}

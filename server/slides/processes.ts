/** The Debian imaging tools (vips, vipsheader, openslide-show-properties) run as child processes. */
import { execFile } from 'node:child_process';
import { stopOnAbort } from '../processes/stopOnAbort';

export interface ToolResult {
  readonly ok: boolean;
  readonly stdout: string;
  /** The tool's complaint, trimmed to its last lines (it can be long). */
  readonly stderr: string;
}

export interface ToolOptions {
  readonly timeoutMs?: number;
  /** Aborting stops the tool (stopOnAbort); runTool then rejects with the signal's reason once it has exited. */
  readonly signal?: AbortSignal;
}

/** Runs `command args` without a shell; never throws for a non-zero exit (the caller judges). */
export function runTool(command: string, args: readonly string[], { timeoutMs = 30 * 60 * 1000, signal }: ToolOptions = {}): Promise<ToolResult> {
  return new Promise((resolve, reject) => {
    signal?.throwIfAborted();
    const child = execFile(command, [...args], { maxBuffer: 16 * 1024 * 1024, timeout: timeoutMs, env: debianVipsEnv() }, (error, stdout, stderr) => {
      detach();
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      if (error && (error as NodeJS.ErrnoException).code === 'ENOENT') {
        reject(new Error(`${command} is not installed (Debian: libvips-tools, openslide-tools)`));
        return;
      }
      resolve({ ok: !error, stdout, stderr: stderr.trim().split('\n').slice(-3).join(' ') });
    });
    const detach = stopOnAbort(child, command, signal);
  });
}

/** `key: 'value'` lines (openslide-show-properties) or `key: value` lines (vipsheader -a). */
export function parseProperties(text: string): Map<string, string> {
  const properties = new Map<string, string>();
  for (const line of text.split('\n')) {
    const match = /^([^:\s][^:]*): (.*)$/.exec(line);
    if (!match) continue;
    const [, key = '', raw = ''] = match;
    properties.set(key.trim(), raw.startsWith("'") && raw.endsWith("'") ? raw.slice(1, -1) : raw);
  }
  return properties;
}

/**
 * Loading sharp sets VIPSHOME to its own bundled libvips; Debian's vips then looks for its
 * modules there, finds no OpenSlide loader and silently reads an SVS with plain tiffload.
 */
function debianVipsEnv(): NodeJS.ProcessEnv {
  const { VIPSHOME: _sharpsLibvips, ...env } = process.env;
  return env;
}

/** A tool run to its end with its output collected (vipsheader, OpenSlide's properties, ffprobe, a whole `vips` call). */
import { spawnTool, toolError, type ToolLaunch } from './spawnTool';

export interface ToolResult {
  readonly ok: boolean;
  readonly stdout: string;
  /** The tool's complaint, trimmed to its last lines (it can be long). */
  readonly stderr: string;
}

export interface ToolOptions extends ToolLaunch {
  /** Default 30 min. */
  readonly timeoutMs?: number;
}

/** More standard output than any of these tools prints: past it the tool is stopped and fails. */
const MAX_STDOUT_BYTES = 16 * 2 ** 20;
const STDERR_KEPT_CHARS = 4_000;

/**
 * Runs `command args` (spawnTool: no shell, TMPDIR the work folder); never rejects for a non-zero
 * exit (the caller judges). Aborting stops the tool, and runTool rejects with the signal's reason
 * once it has exited; a tool not installed rejects with ToolMissing.
 */
export function runTool(command: string, args: readonly string[], options: ToolOptions): Promise<ToolResult> {
  return new Promise((resolve, reject) => {
    options.signal?.throwIfAborted();
    const child = spawnTool(command, args, { ...options, timeoutMs: options.timeoutMs ?? 30 * 60 * 1000 });
    const stdout: Buffer[] = [];
    let stdoutBytes = 0;
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdoutBytes += chunk.byteLength;
      if (stdoutBytes > MAX_STDOUT_BYTES) child.kill();
      else stdout.push(chunk);
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-STDERR_KEPT_CHARS);
    });
    child.on('error', (error: NodeJS.ErrnoException) => reject(toolError(command, error)));
    child.on('close', (code) => {
      if (options.signal?.aborted) reject(options.signal.reason);
      else resolve({ ok: code === 0 && stdoutBytes <= MAX_STDOUT_BYTES, stdout: Buffer.concat(stdout).toString('utf8'), stderr: stderr.trim().split('\n').slice(-3).join(' ') });
    });
  });
}

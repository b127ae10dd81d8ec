/**
 * Runs the server's TypeScript entry points as real processes, for CLI and start-up tests: one node
 * process with tsx as its loader (`node --import tsx`), not the tsx CLI. The CLI runs the script
 * in a second process and, on SIGTERM, waits only 30 ms for it to confirm it handles the signal
 * before killing it (exit 143): on a loaded machine a clean stop then looks like a crash.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

const TSX_LOADER = ['--import', 'tsx'] as const;

/** Environment without settings that would point a test process at a real database or data folder. */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const { DATABASE_URL: _url, MEJIRUSHI_DATA: _data, PORT: _port, ...env } = process.env;
  return { ...env, ...extra };
}

export interface Finished {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function runScript(script: string, args: readonly string[], env: Record<string, string> = {}): Promise<Finished> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [...TSX_LOADER, script, ...args], { cwd: REPO_ROOT, env: cleanEnv(env) });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ code, stdout, stderr }));
  });
}

export interface Running {
  readonly child: ChildProcess;
  /** Every stdout line so far. */
  readonly lines: string[];
  /** Resolves with the first stdout line matching `pattern` (also one already printed). */
  waitForLine(pattern: RegExp): Promise<string>;
  /** Resolves with the exit code. */
  readonly exited: Promise<number | null>;
  /**
   * kill -9 of the script's process group (the script and anything it started), as a crash would
   * leave things. Only for a script started with `killable`.
   */
  killHard(): void;
}

export interface StartOptions {
  /** Run in a process group of its own, so that killHard reaches the whole tree. */
  readonly killable?: boolean;
}

export function startScript(script: string, args: readonly string[], env: Record<string, string> = {}, options: StartOptions = {}): Running {
  const child = spawn(process.execPath, [...TSX_LOADER, script, ...args], { cwd: REPO_ROOT, env: cleanEnv(env), detached: options.killable === true });
  const lines: string[] = [];
  const waiters: { pattern: RegExp; resolve: (line: string) => void }[] = [];
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  createInterface({ input: child.stdout }).on('line', (line) => {
    lines.push(line);
    for (const waiter of waiters.filter((w) => w.pattern.test(line))) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve(line);
    }
  });
  const exited = new Promise<number | null>((resolveExit) => child.on('close', (code) => resolveExit(code)));
  return {
    child,
    lines,
    exited,
    killHard() {
      if (options.killable !== true) throw new Error('killHard needs a script started with killable');
      if (child.pid !== undefined && child.exitCode === null) process.kill(-child.pid, 'SIGKILL');
    },
    waitForLine(pattern) {
      const already = lines.find((line) => pattern.test(line));
      if (already !== undefined) return Promise.resolve(already);
      return new Promise((resolveLine, reject) => {
        waiters.push({ pattern, resolve: resolveLine });
        void exited.then((code) => reject(new Error(`process exited (${code}) before printing ${pattern}; stderr: ${stderr}`)));
      });
    },
  };
}

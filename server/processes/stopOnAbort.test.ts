import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { KILL_GRACE_MS, stopOnAbort } from './stopOnAbort';

interface StartedTool {
  tool: ChildProcess;
  /** Settles with the signal that ended the tool, else its exit code. */
  exited: Promise<NodeJS.Signals | number | null>;
}

const running = new Set<ChildProcess>();

/**
 * A Node child that has printed `ready`, so its SIGTERM handling is in place before a test signals
 * it; it answers each line on stdin with a line on stdout.
 */
async function started({ ignoreSigterm }: { ignoreSigterm: boolean }): Promise<StartedTool> {
  const script = `${ignoreSigterm ? "process.on('SIGTERM', () => {});" : ''} process.stdin.on('data', () => console.log('here')); console.log('ready');`;
  const tool = spawn(process.execPath, ['-e', script], { stdio: ['pipe', 'pipe', 'inherit'] });
  running.add(tool);
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) =>
    tool.once('exit', (code, signal) => {
      running.delete(tool);
      resolve(signal ?? code);
    }),
  );
  await once(tool.stdout as NodeJS.ReadableStream, 'data');
  return { tool, exited };
}

/**
 * Whether the tool still answers a line. A signal sent to it before the line is delivered before
 * it can read the line, so a terminating one ends it instead: no sleep needed to see it was spared.
 */
function answers({ tool, exited }: StartedTool): Promise<boolean> {
  const answer = once(tool.stdout as NodeJS.ReadableStream, 'data').then(() => true);
  tool.stdin?.write('are you there\n');
  return Promise.race([answer, exited.then(() => false)]);
}

// A failing test must not leave its child running behind the suite.
afterEach(() => {
  vi.useRealTimers();
  for (const tool of running) tool.kill('SIGKILL');
});

describe('stopOnAbort', () => {
  it('ends a tool that honours SIGTERM with SIGTERM', async () => {
    const { tool, exited } = await started({ ignoreSigterm: false });
    const abort = new AbortController();
    const detach = stopOnAbort(tool, 'node', abort.signal);
    abort.abort();
    expect(await exited).toBe('SIGTERM');
    detach();
  });

  it('kills a tool that ignores SIGTERM once the grace has run out', async () => {
    const { tool, exited } = await started({ ignoreSigterm: true });
    const abort = new AbortController();
    const detach = stopOnAbort(tool, 'node', abort.signal);
    abort.abort();
    expect(await exited).toBe('SIGKILL');
    detach();
  });

  it('does not kill a tool detached within the grace', async () => {
    const node = await started({ ignoreSigterm: true });
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const abort = new AbortController();
    const detach = stopOnAbort(node.tool, 'node', abort.signal);
    abort.abort();
    detach();
    vi.advanceTimersByTime(KILL_GRACE_MS);
    expect(await answers(node)).toBe(true);
  });

  it('stops a tool at once when the signal has already aborted', async () => {
    const { tool, exited } = await started({ ignoreSigterm: false });
    const detach = stopOnAbort(tool, 'node', AbortSignal.abort());
    expect(await exited).toBe('SIGTERM');
    detach();
  });

  it('leaves a tool alone once detached', async () => {
    const node = await started({ ignoreSigterm: false });
    const abort = new AbortController();
    stopOnAbort(node.tool, 'node', abort.signal)();
    abort.abort();
    expect(node.tool.exitCode).toBeNull();
    expect(node.tool.signalCode).toBeNull();
    expect(await answers(node)).toBe(true);
    node.tool.kill('SIGINT');
    expect(await node.exited).toBe('SIGINT');
  });
});

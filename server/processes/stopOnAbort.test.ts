import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { stopOnAbort } from './stopOnAbort';

/** A Node child that prints `ready` once its SIGTERM handling is set up. */
function child(ignoreSigterm: boolean): ChildProcess {
  const script = `${ignoreSigterm ? "process.on('SIGTERM', () => {});" : ''} console.log('ready'); setInterval(() => {}, 1000);`;
  return spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
}

async function ready(tool: ChildProcess): Promise<void> {
  await once(tool.stdout as NodeJS.ReadableStream, 'data');
}

function exitOf(tool: ChildProcess): Promise<NodeJS.Signals | number | null> {
  return new Promise((resolve) => tool.once('exit', (code, signal) => resolve(signal ?? code)));
}

describe('stopOnAbort', () => {
  it('ends a tool that honours SIGTERM with SIGTERM', async () => {
    const tool = child(false);
    const exited = exitOf(tool);
    await ready(tool);
    const abort = new AbortController();
    const detach = stopOnAbort(tool, 'node', abort.signal);
    abort.abort();
    expect(await exited).toBe('SIGTERM');
    detach();
  });

  it('kills a tool that ignores SIGTERM once the grace has run out', async () => {
    const tool = child(true);
    const exited = exitOf(tool);
    await ready(tool);
    const abort = new AbortController();
    const detach = stopOnAbort(tool, 'node', abort.signal);
    abort.abort();
    expect(await exited).toBe('SIGKILL');
    detach();
  });

  it('stops a tool at once when the signal has already aborted', async () => {
    const tool = child(false);
    const exited = exitOf(tool);
    await ready(tool);
    const detach = stopOnAbort(tool, 'node', AbortSignal.abort());
    expect(await exited).toBe('SIGTERM');
    detach();
  });

  it('leaves a tool alone once detached', async () => {
    const tool = child(false);
    const exited = exitOf(tool);
    await ready(tool);
    const abort = new AbortController();
    stopOnAbort(tool, 'node', abort.signal)();
    abort.abort();
    expect(tool.exitCode).toBeNull();
    expect(tool.signalCode).toBeNull();
    tool.kill('SIGINT');
    expect(await exited).toBe('SIGINT');
  });
});

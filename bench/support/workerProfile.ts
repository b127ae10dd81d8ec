/**
 * A CPU profile of the page's dedicated workers (CDP on each worker target), for BENCH_PROFILE=1:
 * Playwright opens CDP sessions on pages only, so the page's session auto-attaches to its workers
 * (non-flat: commands go through `Target.sendMessageToTarget`), each new worker held at its start
 * until its profiler runs. The page must call `window.__benchWorkerDone()` before it ends a worker
 * (a worker's profile ends with it); that stops the profile and prints its self time per function.
 */
import type { Page } from '@playwright/test';
import { printTop, selfTimes, type CpuProfile } from './profile';

declare global {
  interface Window {
    /** Set while a worker profile runs; the page awaits it before it terminates a worker. */
    __benchWorkerDone?: () => Promise<void>;
  }
}

interface Reply {
  readonly id?: number;
  readonly result?: unknown;
  readonly error?: { readonly message: string };
}

/** Profiles every worker `page` starts from now on; each worker's summary is printed under `title` when the page reports it done. */
export async function profileWorkers(page: Page, title: string): Promise<void> {
  const session = await page.context().newCDPSession(page);
  const pending = new Map<number, (reply: Reply) => void>();
  const workers: string[] = [];
  let nextId = 0;
  const ask = (sessionId: string, method: string, params: object = {}): Promise<unknown> => {
    const id = (nextId += 1);
    return new Promise((resolve, reject) => {
      pending.set(id, (reply) => (reply.error ? reject(new Error(`${method}: ${reply.error.message}`)) : resolve(reply.result)));
      session.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) }).catch(reject);
    });
  };
  session.on('Target.receivedMessageFromTarget', ({ message }) => {
    const reply = JSON.parse(message) as Reply;
    if (reply.id === undefined) return;
    pending.get(reply.id)?.(reply);
    pending.delete(reply.id);
  });
  session.on('Target.attachedToTarget', ({ sessionId, targetInfo }) => {
    if (targetInfo.type !== 'worker') return;
    workers.push(sessionId);
    void (async () => {
      await ask(sessionId, 'Profiler.enable');
      await ask(sessionId, 'Profiler.setSamplingInterval', { interval: 200 });
      await ask(sessionId, 'Profiler.start');
      await ask(sessionId, 'Runtime.runIfWaitingForDebugger');
    })().catch((error: unknown) => console.error(`the worker could not be profiled: ${error instanceof Error ? error.message : String(error)}`));
  });
  await page.exposeFunction('__benchWorkerDone', async () => {
    for (const sessionId of workers.splice(0)) {
      const { profile } = (await ask(sessionId, 'Profiler.stop')) as { profile: CpuProfile };
      printTop(`profile, ${title} (worker): self time per function`, selfTimes(profile));
    }
  });
  await session.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: true, flatten: false });
}

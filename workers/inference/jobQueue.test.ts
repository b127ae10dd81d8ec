import { describe, expect, it } from 'vitest';
import { JobQueue, type QueuedJob } from './jobQueue';

type Job = QueuedJob & { readonly failAt?: number };

/** A queue whose runner logs each event; `onInput` lets a test act between inputs as messages would. */
function harness(onInput: (job: Job, index: number) => void = () => undefined) {
  const log: string[] = [];
  const queue: JobQueue<Job> = new JobQueue<Job>({
    async runInput(job, index) {
      if (job.failAt === index) throw new Error(`input ${index} is unreadable`);
      log.push(`${job.jobId}:${index}`);
      onInput(job, index);
    },
    finished: (job) => log.push(`${job.jobId} finished`),
    failed: (job, error) => log.push(`${job.jobId} failed: ${(error as Error).message}`),
    cancelled: (job, count) => log.push(`${job.jobId} cancelled after ${count}`),
  });
  return { queue, log, idle: () => queue.idle() };
}

describe('JobQueue', () => {
  it('runs an interactive job before the next input of a running batch job', async () => {
    const h = harness((job, index) => {
      if (job.jobId === 'series' && index === 0) h.queue.enqueue({ jobId: 'click', priority: 'interactive', total: 1 });
    });
    h.queue.enqueue({ jobId: 'series', priority: 'batch', total: 3 });
    await h.idle();
    expect(h.log).toEqual(['series:0', 'click:0', 'click finished', 'series:1', 'series:2', 'series finished']);
  });

  it('runs an interactive job before batch jobs queued earlier, and batch jobs in arrival order', async () => {
    const h = harness();
    h.queue.enqueue({ jobId: 'a', priority: 'batch', total: 1 });
    h.queue.enqueue({ jobId: 'b', priority: 'batch', total: 1 });
    h.queue.enqueue({ jobId: 'click', priority: 'interactive', total: 1 });
    await h.idle();
    // 'a' started before the click arrived (enqueue starts work at once); the click still beats 'b'.
    expect(h.log).toEqual(['a:0', 'a finished', 'click:0', 'click finished', 'b:0', 'b finished']);
  });

  it('stops a cancelled job between inputs and drops a queued one without running it', async () => {
    const h = harness((job, index) => {
      if (job.jobId === 'series' && index === 1) {
        expect(h.queue.cancel('series')).toBe(true);
        expect(h.queue.cancel('queued')).toBe(true);
      }
    });
    h.queue.enqueue({ jobId: 'series', priority: 'batch', total: 5 });
    h.queue.enqueue({ jobId: 'queued', priority: 'batch', total: 2 });
    await h.idle();
    expect(h.log).toEqual(['series:0', 'series:1', 'series cancelled after 2', 'queued cancelled after 0']);
    expect(h.queue.cancel('series')).toBe(false);
  });

  it('ends a job at its first failing input and goes on with the next job', async () => {
    const h = harness();
    h.queue.enqueue({ jobId: 'bad', priority: 'batch', total: 3, failAt: 1 });
    h.queue.enqueue({ jobId: 'good', priority: 'batch', total: 1 });
    await h.idle();
    expect(h.log).toEqual(['bad:0', 'bad failed: input 1 is unreadable', 'good:0', 'good finished']);
  });

  it('finishes a job of no inputs at once and keeps working after going idle', async () => {
    const h = harness();
    h.queue.enqueue({ jobId: 'empty', priority: 'batch', total: 0 });
    await h.idle();
    h.queue.enqueue({ jobId: 'later', priority: 'batch', total: 1 });
    await h.idle();
    expect(h.log).toEqual(['empty finished', 'later:0', 'later finished']);
  });
});

/**
 * The worker's one line of work: jobs are lists of inputs run one input at a time. Before each
 * input the queue picks again, so an interactive job (a click-prompt) runs before the next input of
 * any batch job; batch jobs run in the order they came. Between inputs the queue yields to the
 * event loop, so a `cancel` or a click posted meanwhile is heard before the next input starts.
 */
import type { JobPriority } from './messages';

export interface QueuedJob {
  readonly jobId: string;
  readonly priority: JobPriority;
  readonly total: number;
}

export interface JobRunner<J extends QueuedJob> {
  /** Runs input `index` of `job`; a rejection ends the job (reported by `failed`). */
  runInput(job: J, index: number): Promise<void>;
  finished(job: J): void;
  failed(job: J, error: unknown): void;
  cancelled(job: J, done: number): void;
}

interface Entry<J> {
  readonly job: J;
  next: number;
  cancelled: boolean;
}

/** A macrotask: lets the messages that arrived meanwhile be handled first. */
const yieldToMessages = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export class JobQueue<J extends QueuedJob> {
  private readonly entries: Entry<J>[] = [];
  private running: Promise<void> | null = null;
  private inFlight: Promise<void> | null = null;

  constructor(private readonly runner: JobRunner<J>) {}

  enqueue(job: J): void {
    this.entries.push({ job, next: 0, cancelled: false });
    this.start();
  }

  private start(): void {
    if (this.running) return;
    this.running = this.drain().finally(() => {
      this.running = null;
      // A job enqueued after the last pick but before this callback would otherwise wait forever.
      if (this.entries.length > 0) this.start();
    });
  }

  /**
   * Stops a job before its next input; a queued job is dropped without running. False when no such
   * job is waiting or running (it already ended).
   */
  cancel(jobId: string): boolean {
    const entry = this.entries.find((e) => e.job.jobId === jobId);
    if (!entry) return false;
    entry.cancelled = true;
    return true;
  }

  /** Cancels every job `matches` picks. */
  cancelWhere(matches: (job: J) => boolean): void {
    for (const entry of this.entries) if (matches(entry.job)) entry.cancelled = true;
  }

  /** Resolves when the queue has nothing left to run. */
  idle(): Promise<void> {
    return this.running ?? Promise.resolve();
  }

  /** Resolves when the input running now (if any) is done. */
  inputSettled(): Promise<void> {
    return (this.inFlight ?? Promise.resolve()).catch(() => undefined);
  }

  private pick(): Entry<J> | undefined {
    return this.entries.find((e) => e.job.priority === 'interactive') ?? this.entries[0];
  }

  private remove(entry: Entry<J>): void {
    this.entries.splice(this.entries.indexOf(entry), 1);
  }

  private async drain(): Promise<void> {
    for (let entry = this.pick(); entry; entry = this.pick()) {
      if (entry.cancelled) {
        this.remove(entry);
        this.runner.cancelled(entry.job, entry.next);
        continue;
      }
      if (entry.next >= entry.job.total) {
        this.remove(entry);
        this.runner.finished(entry.job);
        continue;
      }
      try {
        this.inFlight = this.runner.runInput(entry.job, entry.next);
        await this.inFlight;
        entry.next += 1;
        if (entry.next >= entry.job.total) {
          this.remove(entry);
          this.runner.finished(entry.job);
        }
      } catch (error) {
        this.remove(entry);
        this.runner.failed(entry.job, error);
      } finally {
        this.inFlight = null;
      }
      await yieldToMessages();
    }
  }
}

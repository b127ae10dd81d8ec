/**
 * Turns a pyramid build's tile counts (or a video's decoded frames) into the phase and percent a
 * job row shows, and writes a row only when what it shows changes: at most about a hundred writes
 * per file, however many tiles or frames it has, each after the one before (never out of order).
 * A PACS pull shows its counts too, so it writes once per instance decided.
 */
import type { ImportJobCounts, ImportJobPhase } from '../../../src/core/api';

export interface JobProgress {
  readonly phase: ImportJobPhase;
  readonly percent: number;
  /** A PACS pull's instances and bytes; absent for every other job. */
  readonly counts?: ImportJobCounts;
}

/** What is being built: a slide de-identified (bytes), a slide's tiles or a video's frames. */
export type BuildPhase = Extract<ImportJobPhase, 'deidentifying' | 'tiles' | 'frames'>;

/**
 * Where a build stands after `done` of `total` tiles (or frames): that phase until the last one,
 * then storing. De-identifying is followed by the build, not by storing: it ends at 100.
 */
export function progressOf(done: number, total: number, phase: BuildPhase = 'tiles'): JobProgress {
  if (phase === 'deidentifying') return { phase, percent: total > 0 ? Math.min(100, Math.floor((done * 100) / total)) : 0 };
  if (total <= 0 || done >= total) return { phase: 'storing', percent: 100 };
  return { phase, percent: Math.floor((done * 100) / total) };
}

/** Follows a job its claim (claimImportJob) has written as opening its file. */
export class ProgressWriter {
  private shown: JobProgress = { phase: 'opening', percent: 0 };
  private writing: Promise<void> = Promise.resolve();

  constructor(private readonly write: (progress: JobProgress) => Promise<void>) {}

  built(phase: BuildPhase, done: number, total: number): void {
    const next = progressOf(done, total, phase);
    if (next.phase === this.shown.phase && next.percent === this.shown.percent) return;
    this.shown = next;
    void this.enqueue(next);
  }

  /** A pull's instances: phase instances until the job ends (a PACS may send more than it listed). */
  pulled(counts: ImportJobCounts): void {
    const percent = counts.total > 0 ? Math.min(100, Math.floor((counts.done * 100) / counts.total)) : 0;
    this.shown = { phase: 'instances', percent, counts };
    void this.enqueue(this.shown);
  }

  /** Every write asked for so far has been made. */
  settled(): Promise<void> {
    return this.writing;
  }

  private enqueue(progress: JobProgress): Promise<void> {
    // A lost progress write only leaves the bar behind; the job's end is written on its own.
    this.writing = this.writing.then(() => this.write(progress)).catch(() => undefined);
    return this.writing;
  }
}

import type { Clock } from '../clock';

/** A clock whose time moves only when a test says so; timers fire in due order on `advance`. */
export class ManualClock implements Clock {
  private time: number;
  private nextHandle = 1;
  private readonly timers = new Map<number, { readonly at: number; readonly callback: () => void }>();

  constructor(start = Date.parse('2024-05-01T08:00:00Z')) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  setTimeout(callback: () => void, ms: number): unknown {
    const handle = this.nextHandle++;
    this.timers.set(handle, { at: this.time + Math.max(0, ms), callback });
    return handle;
  }

  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }

  /** Epoch ms of the earliest pending timer, or null. */
  nextTimerAt(): number | null {
    let earliest: number | null = null;
    for (const { at } of this.timers.values()) earliest = earliest === null ? at : Math.min(earliest, at);
    return earliest;
  }

  advance(ms: number): void {
    const until = this.time + ms;
    for (;;) {
      const due = [...this.timers.entries()].filter(([, timer]) => timer.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.timers.delete(due[0]);
      this.time = Math.max(this.time, due[1].at);
      due[1].callback();
    }
    this.time = until;
  }
}

/**
 * Where a browser benchmark's main-thread time goes, printed once when `BENCH_PROFILE=1` (off by
 * default: the profiler itself slows the page). A CDP CPU profile of the measured phase, its self
 * time summed per function (name and source position), the top ones printed. Set it with an
 * unminified build (`prepareSite` builds one under the same knob) so the names are the source's.
 */
import type { Page } from '@playwright/test';

export const PROFILE = process.env.BENCH_PROFILE === '1';

/** How many functions the summary lists. */
const TOP = 25;

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
}

export interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples?: readonly number[];
  readonly timeDeltas?: readonly number[];
}

/**
 * Starts a CPU profile and a timeline trace of `page` when BENCH_PROFILE is set; the returned
 * function stops them and prints their summaries under `title`. The trace tells what the profile
 * cannot name: style, layout, paint, raster and image decoding, per thread.
 */
export async function startProfile(page: Page, title: string): Promise<() => Promise<void>> {
  const browser = page.context().browser();
  if (!PROFILE || !browser) return async () => undefined;
  const session = await page.context().newCDPSession(page);
  await session.send('Profiler.enable');
  await session.send('Profiler.setSamplingInterval', { interval: 200 });
  await browser.startTracing(page, { categories: TRACE_CATEGORIES });
  await session.send('Profiler.start');
  return async () => {
    const { profile } = (await session.send('Profiler.stop')) as unknown as { profile: CpuProfile };
    const trace = JSON.parse((await browser.stopTracing()).toString('utf8')) as { traceEvents: TraceEvent[] };
    await session.detach();
    printTop(`profile, ${title}: self time per function`, selfTimes(profile));
    printTop(`trace, ${title}: self time per thread and event`, traceSelfTimes(trace.traceEvents));
    printTop(`trace, ${title}: events per thread and name`, traceCounts(trace.traceEvents), '');
  };
}

export const TRACE_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'cc', 'blink'];

export interface TraceEvent {
  readonly ph: string;
  readonly name: string;
  readonly pid: number;
  readonly tid: number;
  readonly ts: number;
  readonly dur?: number;
  readonly args?: { readonly name?: string };
}

/** Thread names by "pid:tid", from the trace's metadata events. */
export function traceThreadNames(events: readonly TraceEvent[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const event of events) if (event.ph === 'M' && event.name === 'thread_name') names.set(`${event.pid}:${event.tid}`, event.args?.name ?? '?');
  return names;
}

/** Self time (ms) of the trace's complete events per thread name and event name: an event's duration less its children's. */
export function traceSelfTimes(events: readonly TraceEvent[]): Map<string, number> {
  return traceSelfTimesWithin(events, Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY);
}

/**
 * Self time (ms) of complete events per "thread: event", only the part inside [from, to] (trace µs).
 * Events nest per thread by time; a child counts against its parent only where they overlap.
 */
export function traceSelfTimesWithin(events: readonly TraceEvent[], from: number, to: number): Map<string, number> {
  const names = traceThreadNames(events);
  const byThread = new Map<string, TraceEvent[]>();
  for (const event of events) {
    if (event.ph !== 'X' || event.dur === undefined) continue;
    const thread = `${event.pid}:${event.tid}`;
    const list = byThread.get(thread) ?? [];
    list.push(event);
    byThread.set(thread, list);
  }
  const clip = (start: number, end: number) => Math.max(0, Math.min(end, to) - Math.max(start, from));
  const times = new Map<string, number>();
  for (const [thread, list] of byThread) {
    list.sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
    const open: { start: number; end: number; key: string; children: number }[] = [];
    const close = () => {
      const done = open.pop();
      if (!done) return;
      const self = clip(done.start, done.end) - done.children;
      times.set(done.key, (times.get(done.key) ?? 0) + self / 1000);
    };
    for (const event of list) {
      while (open.length > 0 && (open[open.length - 1]?.end ?? 0) <= event.ts) close();
      const end = event.ts + (event.dur ?? 0);
      const parent = open[open.length - 1];
      if (parent) parent.children += clip(event.ts, Math.min(end, parent.end));
      open.push({ start: event.ts, end, key: `${names.get(thread) ?? thread}: ${event.name}`, children: 0 });
    }
    while (open.length > 0) close();
  }
  return times;
}

/** Self time (ms) per function, from the profile's samples and the time between them. */
export function selfTimes(profile: CpuProfile): Map<string, number> {
  const nameOf = new Map(profile.nodes.map((node) => [node.id, functionKey(node)]));
  const times = new Map<string, number>();
  const [samples, deltas] = [profile.samples ?? [], profile.timeDeltas ?? []];
  // Sample i's node ran from sample i's time until sample i + 1's.
  for (let i = 0; i + 1 < samples.length; i += 1) {
    const key = nameOf.get(samples[i] as number) ?? '?';
    times.set(key, (times.get(key) ?? 0) + (deltas[i + 1] as number) / 1000);
  }
  return times;
}

/** How many complete events the trace holds per thread name and event name. */
export function traceCounts(events: readonly TraceEvent[]): Map<string, number> {
  const threadNames = traceThreadNames(events);
  const counts = new Map<string, number>();
  for (const event of events) {
    if (event.ph !== 'X') continue;
    const key = `${threadNames.get(`${event.pid}:${event.tid}`) ?? '?'}: ${event.name}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

function functionKey(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  const file = url.slice(url.lastIndexOf('/') + 1);
  return `${functionName || '(anonymous)'} ${file ? `${file}:${lineNumber + 1}` : ''}`.trim();
}

export function printTop(title: string, figures: Map<string, number>, unit = ' ms'): void {
  const total = [...figures.values()].reduce((a, b) => a + b, 0);
  console.log(`${title} (${total.toFixed(0)}${unit} in all):`);
  for (const [key, value] of [...figures].sort((a, b) => b[1] - a[1]).slice(0, TOP)) console.log(`  ${value.toFixed(unit ? 1 : 0).padStart(8)}${unit}  ${key}`);
}

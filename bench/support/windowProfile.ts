/**
 * Where a page spent a stretch of time between two of its own milestones (`BENCH_PROFILE=1`): a
 * Chromium trace with V8's sampling profiler on every thread of the renderer (the page, its
 * workers), attributed per thread to trace events (self time: scripts, compiling, WebAssembly,
 * layout, paint…) and to JavaScript functions (self time from the samples), clipped to a window
 * given in the page's own clock (`performance.now()`). The page marks one moment with
 * `performance.mark(ANCHOR_MARK)` so the two clocks can be lined up.
 */
import type { Browser, Page } from '@playwright/test';
import { traceSelfTimesWithin, traceThreadNames } from './profile';

/** The user-timing mark whose page time and trace time line the clocks up. */
export const ANCHOR_MARK = 'bench:anchor';

const CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'blink.user_timing',
  'v8',
  'v8.wasm',
  'disabled-by-default-v8.cpu_profiler',
  'loading',
];

interface TraceEvent {
  readonly ph: string;
  readonly name: string;
  readonly cat?: string;
  readonly pid: number;
  readonly tid: number;
  readonly ts: number;
  readonly dur?: number;
  readonly id?: string;
  readonly args?: {
    readonly name?: string;
    readonly data?: {
      readonly startTime?: number;
      readonly cpuProfile?: { readonly nodes?: readonly ProfileNode[]; readonly samples?: readonly number[] };
      readonly timeDeltas?: readonly number[];
    };
  };
}

interface ProfileNode {
  readonly id: number;
  readonly parent?: number;
  readonly callFrame: { readonly functionName: string; readonly url?: string; readonly lineNumber?: number };
}

export interface WindowTrace {
  readonly events: readonly TraceEvent[];
}

/** Starts tracing the page's renderer; the returned function stops and answers the trace. */
export async function startWindowTrace(browser: Browser, page: Page): Promise<() => Promise<WindowTrace>> {
  await browser.startTracing(page, { categories: CATEGORIES });
  return async () => {
    const trace = JSON.parse((await browser.stopTracing()).toString('utf8')) as { traceEvents: TraceEvent[] };
    return { events: trace.traceEvents };
  };
}

/** A stretch of the page's clock (ms since its navigation started). */
export interface PageWindow {
  readonly from: number;
  readonly to: number;
}

export interface Attribution {
  /** Self ms per "thread: event". */
  readonly events: Map<string, number>;
  /** Self ms per "thread: function file:line" from V8's samples. */
  readonly functions: Map<string, number>;
}

/** Trace µs of page ms `at`, from the anchor mark (set at page time `anchorMs`). */
function toTrace(trace: WindowTrace, anchorMs: number): (at: number) => number {
  const mark = trace.events.find((event) => event.name === ANCHOR_MARK && event.ph !== 'M');
  if (!mark) throw new Error(`the trace holds no ${ANCHOR_MARK} mark`);
  return (at) => mark.ts - (anchorMs - at) * 1000;
}

/** Self time per function from the trace's V8 profile chunks (every thread), clipped to [from, to] (trace µs), in ms. */
function functionSelfTimes(events: readonly TraceEvent[], names: Map<string, string>, from: number, to: number): Map<string, number> {
  const profiles = new Map<string, { thread: string; time: number; nodes: Map<number, string> }>();
  const times = new Map<string, number>();
  for (const event of events) {
    const key = `${event.pid}:${event.id ?? ''}`;
    if (event.name === 'Profile') {
      profiles.set(key, { thread: names.get(`${event.pid}:${event.tid}`) ?? '?', time: event.args?.data?.startTime ?? event.ts, nodes: new Map() });
      continue;
    }
    if (event.name !== 'ProfileChunk') continue;
    const profile = profiles.get(key);
    const data = event.args?.data;
    if (!profile || !data) continue;
    for (const node of data.cpuProfile?.nodes ?? []) {
      const { functionName, url = '', lineNumber } = node.callFrame;
      const file = url.slice(url.lastIndexOf('/') + 1);
      profile.nodes.set(node.id, `${functionName || '(anonymous)'}${file ? ` ${file}:${(lineNumber ?? 0) + 1}` : ''}`);
    }
    const samples = data.cpuProfile?.samples ?? [];
    const deltas = data.timeDeltas ?? [];
    // Sample i was taken at the running sum of the deltas; it stands for the time until the next.
    for (let i = 0; i < samples.length; i += 1) {
      profile.time += deltas[i] ?? 0;
      const next = profile.time + (deltas[i + 1] ?? 0);
      const spent = Math.max(0, Math.min(next, to) - Math.max(profile.time, from));
      if (spent === 0) continue;
      const name = profile.nodes.get(samples[i] as number) ?? '?';
      if (name.startsWith('(idle)')) continue;
      const label = `${profile.thread}: ${name}`;
      times.set(label, (times.get(label) ?? 0) + spent / 1000);
    }
  }
  return times;
}

/** What ran in the page window, per thread and event and per function. */
export function attribute(trace: WindowTrace, anchorMs: number, window: PageWindow): Attribution {
  const at = toTrace(trace, anchorMs);
  const [from, to] = [at(window.from), at(window.to)];
  const names = traceThreadNames(trace.events);
  return { events: traceSelfTimesWithin(trace.events, from, to), functions: functionSelfTimes(trace.events, names, from, to) };
}

/** Prints the largest figures of an attribution under `title`. */
export function printAttribution(title: string, attribution: Attribution, top = 20): void {
  for (const [kind, figures] of [
    ['self time per thread and trace event', attribution.events],
    ['self time per thread and function (V8 samples)', attribution.functions],
  ] as const) {
    const total = [...figures.values()].reduce((a, b) => a + b, 0);
    console.log(`  ${title}, ${kind} (${total.toFixed(0)} ms in all):`);
    for (const [key, value] of [...figures].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`    ${value.toFixed(1).padStart(8)} ms  ${key}`);
  }
}

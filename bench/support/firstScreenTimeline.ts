/**
 * One navigation's requests (its workers' too), performance marks and first-screen milestones in
 * the order they happened, on the page's clock (ms since navigation start): what a median of
 * milestones hides, such as which request a tile waited behind, or a mark that came late in one
 * run only. Printed by `WSI_TIMELINE=1 npm run bench -- wsi-tiles` for each cold run.
 */
import type { Page, Request } from '@playwright/test';
import { STEPS, type FirstScreenMilestones } from './firstScreenMilestones';

export interface TimelineEvent {
  /** ms since navigation start. */
  readonly at: number;
  readonly kind: 'request' | 'mark' | 'milestone';
  readonly what: string;
}

/** A request as the browser reported it: start and end in ms since the epoch (end null while unanswered). */
export interface SentRequest {
  readonly type: string;
  readonly path: string;
  readonly start: number;
  readonly end: number | null;
}

/** The events in time order (a request at its start, with its end in page time). */
export function timelineOf(requests: readonly SentRequest[], marks: readonly { name: string; at: number }[], milestones: FirstScreenMilestones | null, timeOrigin: number): TimelineEvent[] {
  const events: TimelineEvent[] = [
    ...requests.map(({ type, path, start, end }) => ({
      at: start - timeOrigin,
      kind: 'request' as const,
      what: `${type} ${path}${end === null ? ' (no answer yet)' : ` (in at ${(end - timeOrigin).toFixed(1)})`}`,
    })),
    ...marks.map(({ name, at }) => ({ at, kind: 'mark' as const, what: name })),
    ...(milestones ? STEPS.flatMap(([key, name]) => (milestones[key] === null ? [] : [{ at: milestones[key] as number, kind: 'milestone' as const, what: name }])) : []),
  ];
  return events.sort((a, b) => a.at - b.at);
}

export function formatTimeline(events: readonly TimelineEvent[]): string[] {
  return events.map(({ at, kind, what }) => `${at.toFixed(1).padStart(9)} ms  ${kind.padEnd(9)}  ${what}`);
}

/** Starts logging `page`'s requests; the returned function reads its marks and gives the timeline. */
export function recordTimeline(page: Page): (milestones: FirstScreenMilestones | null) => Promise<TimelineEvent[]> {
  const sent: Request[] = [];
  const onRequest = (request: Request) => sent.push(request);
  page.on('request', onRequest);
  return async (milestones) => {
    page.off('request', onRequest);
    const { timeOrigin, marks } = await page.evaluate(() => ({
      timeOrigin: performance.timeOrigin,
      marks: performance.getEntriesByType('mark').map((mark) => ({ name: mark.name, at: mark.startTime })),
    }));
    const requests = sent.map((request) => {
      const { startTime, responseEnd } = request.timing();
      const url = new URL(request.url());
      return { type: request.resourceType(), path: url.protocol === 'blob:' ? 'blob:' : url.pathname, start: startTime, end: responseEnd < 0 ? null : startTime + responseEnd };
    });
    return timelineOf(requests, marks, milestones, timeOrigin);
  };
}

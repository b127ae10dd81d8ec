/** The queue screen's filter controls as the server's query, and how long a row has waited. */
import type { ReviewQueueQuery } from '../../../core/api';
import type { MessageKey } from '../../../i18n/messages';

export const AGE_OPTIONS = ['hour', 'day', 'week'] as const;
export type AgeOption = (typeof AGE_OPTIONS)[number];

const AGE_MS: Readonly<Record<AgeOption, number>> = { hour: 3_600_000, day: 86_400_000, week: 7 * 86_400_000 };

/** What the controls hold; '' is "any". */
export interface QueueFilter {
  readonly datasetId: string;
  readonly annotatorId: string;
  readonly age: AgeOption | '';
  readonly disagreement: 'only' | 'none' | '';
}

export const NO_FILTER: QueueFilter = { datasetId: '', annotatorId: '', age: '', disagreement: '' };

/** The filter a link names (`/review?datasetId=…&age=day`); unknown values are left out. */
export function filterOfSearch(search: string): QueueFilter {
  const params = new URLSearchParams(search);
  const age = params.get('age') ?? '';
  const disagreement = params.get('disagreement') ?? '';
  return {
    datasetId: params.get('datasetId') ?? '',
    annotatorId: params.get('annotatorId') ?? '',
    age: (AGE_OPTIONS as readonly string[]).includes(age) ? (age as AgeOption) : '',
    disagreement: disagreement === 'only' || disagreement === 'none' ? disagreement : '',
  };
}

/** The filter as the page's query string, so a reload or a shared link shows the same queue. */
export function searchOfFilter(filter: QueueFilter): string {
  const params = new URLSearchParams(Object.entries(filter).filter(([, value]) => value !== ''));
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The query for one page: "waiting over a day" is work handed in before `now` less a day. */
export function queueQueryOf(filter: QueueFilter, now: Date, cursor: string | null, limit: number): ReviewQueueQuery {
  return {
    ...(filter.datasetId && { datasetId: filter.datasetId }),
    ...(filter.annotatorId && { annotatorId: filter.annotatorId }),
    ...(filter.age && { submittedBefore: new Date(now.getTime() - AGE_MS[filter.age]).toISOString() }),
    ...(filter.disagreement && { disagreement: filter.disagreement }),
    ...(cursor && { cursor }),
    limit,
  };
}

/** How long since `submittedAt`, in the largest whole unit (minutes under an hour, hours under a day). */
export function waitingFor(submittedAt: string, now: Date): { readonly key: MessageKey; readonly count: number } {
  const minutes = Math.max(0, Math.floor((now.getTime() - Date.parse(submittedAt)) / 60_000));
  if (minutes < 60) return { key: 'reviewQueue.age.minutes', count: minutes };
  if (minutes < 24 * 60) return { key: 'reviewQueue.age.hours', count: Math.floor(minutes / 60) };
  return { key: 'reviewQueue.age.days', count: Math.floor(minutes / (24 * 60)) };
}

/** The row selected after moving `delta` rows from `index`, kept within the list (-1: none selected). */
export function moveSelection(index: number, delta: number, length: number): number {
  if (length === 0) return -1;
  if (index < 0) return delta > 0 ? 0 : length - 1;
  return Math.min(length - 1, Math.max(0, index + delta));
}

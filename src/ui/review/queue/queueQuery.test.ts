import { describe, expect, it } from 'vitest';
import { filterOfSearch, moveSelection, NO_FILTER, queueQueryOf, searchOfFilter, waitingFor } from './queueQuery';

const NOW = new Date('2026-01-15T12:00:00.000Z');

describe('queueQueryOf', () => {
  it('sends only the filters that are set, and the page', () => {
    expect(queueQueryOf(NO_FILTER, NOW, null, 50)).toEqual({ limit: 50 });
    expect(queueQueryOf({ datasetId: 'd', annotatorId: 'a', age: '', disagreement: 'only' }, NOW, 'c1', 20)).toEqual({
      datasetId: 'd',
      annotatorId: 'a',
      disagreement: 'only',
      cursor: 'c1',
      limit: 20,
    });
  });

  it('turns "waiting over" into a submitted-before bound', () => {
    expect(queueQueryOf({ ...NO_FILTER, age: 'hour' }, NOW, null, 1).submittedBefore).toBe('2026-01-15T11:00:00.000Z');
    expect(queueQueryOf({ ...NO_FILTER, age: 'day' }, NOW, null, 1).submittedBefore).toBe('2026-01-14T12:00:00.000Z');
    expect(queueQueryOf({ ...NO_FILTER, age: 'week' }, NOW, null, 1).submittedBefore).toBe('2026-01-08T12:00:00.000Z');
  });
});

describe('filterOfSearch / searchOfFilter', () => {
  it('round-trips a filter through the page’s query string', () => {
    const filter = { datasetId: 'd-1', annotatorId: '', age: 'day', disagreement: 'only' } as const;
    expect(searchOfFilter(filter)).toBe('?datasetId=d-1&age=day&disagreement=only');
    expect(filterOfSearch(searchOfFilter(filter))).toEqual(filter);
    expect(searchOfFilter(NO_FILTER)).toBe('');
  });

  it('leaves out values it does not know', () => {
    expect(filterOfSearch('?age=year&disagreement=maybe&annotatorId=a')).toEqual({ ...NO_FILTER, annotatorId: 'a' });
  });
});

describe('waitingFor', () => {
  it('names the largest whole unit', () => {
    expect(waitingFor('2026-01-15T11:59:30.000Z', NOW)).toEqual({ key: 'reviewQueue.age.minutes', count: 0 });
    expect(waitingFor('2026-01-15T11:01:00.000Z', NOW)).toEqual({ key: 'reviewQueue.age.minutes', count: 59 });
    expect(waitingFor('2026-01-15T09:30:00.000Z', NOW)).toEqual({ key: 'reviewQueue.age.hours', count: 2 });
    expect(waitingFor('2026-01-12T11:00:00.000Z', NOW)).toEqual({ key: 'reviewQueue.age.days', count: 3 });
  });

  it('reads a submit time ahead of the local clock as just now', () => {
    expect(waitingFor('2026-01-15T12:05:00.000Z', NOW)).toEqual({ key: 'reviewQueue.age.minutes', count: 0 });
  });
});

describe('moveSelection', () => {
  it('starts at the first or last row and stays within the list', () => {
    expect(moveSelection(-1, 1, 3)).toBe(0);
    expect(moveSelection(-1, -1, 3)).toBe(2);
    expect(moveSelection(0, 1, 3)).toBe(1);
    expect(moveSelection(2, 1, 3)).toBe(2);
    expect(moveSelection(0, -1, 3)).toBe(0);
    expect(moveSelection(0, 1, 0)).toBe(-1);
  });
});

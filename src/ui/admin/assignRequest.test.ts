import { describe, expect, it } from 'vitest';
import { assignRequestOf } from './assignRequest';

describe('assignRequestOf', () => {
  it('sends readers per item only for the strategies that spread items, and a due date when one is set', () => {
    expect(assignRequestOf({ readerIds: ['a'], strategy: 'everyReader', readersPerItem: '3', dueDate: '' })).toEqual({ readerIds: ['a'], strategy: 'everyReader' });
    expect(assignRequestOf({ readerIds: ['a', 'b'], strategy: 'roundRobin', readersPerItem: '2', dueDate: '2026-12-24' })).toEqual({
      readerIds: ['a', 'b'],
      strategy: 'roundRobin',
      readersPerItem: 2,
      dueDate: '2026-12-24',
    });
  });

  it('reads a blank or nonsense count as one reader per item', () => {
    expect(assignRequestOf({ readerIds: ['a'], strategy: 'balanced', readersPerItem: '', dueDate: '' }).readersPerItem).toBe(1);
    expect(assignRequestOf({ readerIds: ['a'], strategy: 'balanced', readersPerItem: '-2', dueDate: '' }).readersPerItem).toBe(1);
  });
});

import { describe, expect, it } from 'vitest';
import { parseRoute, paths } from './router';

describe('parseRoute', () => {
  it('maps each screen path and round-trips ids with special characters', () => {
    expect(parseRoute('/')).toEqual({ name: 'datasets' });
    expect(parseRoute(paths.dataset('d 1/x'))).toEqual({ name: 'dataset', datasetId: 'd 1/x' });
    expect(parseRoute(paths.item('1.2.840.1'))).toEqual({ name: 'item', itemId: '1.2.840.1' });
    expect(parseRoute('/admin')).toEqual({ name: 'admin' });
    expect(parseRoute(paths.reviewQueue())).toEqual({ name: 'reviewQueue' });
    expect(parseRoute(paths.dashboard('d 1'))).toEqual({ name: 'dashboard', datasetId: 'd 1' });
    expect(parseRoute(paths.credit('u1'))).toEqual({ name: 'credit', userId: 'u1' });
    expect(paths.credit('u1', { from: '2026-12-01', to: '2026-12-31' })).toBe('/credit/u1?from=2026-12-01&to=2026-12-31');
    expect(parseRoute(paths.reviewItem('i 1'))).toEqual({ name: 'reviewItem', itemId: 'i 1' });
  });

  it('puts the reviewer screen’s reader and next page in its query', () => {
    expect(paths.reviewItem('i1', { annotator: 'a1', next: '/review/items/i2?annotator=a2' })).toBe('/review/items/i1?annotator=a1&next=%2Freview%2Fitems%2Fi2%3Fannotator%3Da2');
    expect(paths.reviewItem('i1')).toBe('/review/items/i1');
    expect(parseRoute(paths.adjudicate('1.2.3'))).toEqual({ name: 'adjudicate', itemId: '1.2.3' });
    expect(parseRoute(paths.releases('d 1'))).toEqual({ name: 'releases', datasetId: 'd 1' });
  });

  it('answers notFound for anything else', () => {
    expect(parseRoute('/items')).toEqual({ name: 'notFound', path: '/items' });
    expect(parseRoute('/admin/x')).toEqual({ name: 'notFound', path: '/admin/x' });
    expect(parseRoute('/review/x')).toEqual({ name: 'notFound', path: '/review/x' });
    expect(parseRoute('/datasets/d1/other')).toEqual({ name: 'notFound', path: '/datasets/d1/other' });
    expect(parseRoute('/credit')).toEqual({ name: 'notFound', path: '/credit' });
  });
});

import { describe, expect, it } from 'vitest';
import { parseRoute, paths } from './router';

describe('parseRoute', () => {
  it('maps each screen path and round-trips ids with special characters', () => {
    expect(parseRoute('/')).toEqual({ name: 'datasets' });
    expect(parseRoute(paths.dataset('d 1/x'))).toEqual({ name: 'dataset', datasetId: 'd 1/x' });
    expect(parseRoute(paths.item('1.2.840.1'))).toEqual({ name: 'item', itemId: '1.2.840.1' });
    expect(parseRoute('/admin')).toEqual({ name: 'admin' });
    expect(parseRoute(paths.adjudicate('1.2.3'))).toEqual({ name: 'adjudicate', itemId: '1.2.3' });
    expect(parseRoute(paths.releases('d 1'))).toEqual({ name: 'releases', datasetId: 'd 1' });
  });

  it('answers notFound for anything else', () => {
    expect(parseRoute('/items')).toEqual({ name: 'notFound', path: '/items' });
    expect(parseRoute('/admin/x')).toEqual({ name: 'notFound', path: '/admin/x' });
  });
});

import { describe, expect, it } from 'vitest';
import { slideTilePath } from './api';

describe('slideTilePath', () => {
  it('names the item, the pyramid version and the tile, escaped', () => {
    expect(slideTilePath('item 1', 'ab12cd34ef56ab78', 3, 4, 5)).toBe('/api/items/item%201/tiles/ab12cd34ef56ab78/3/4/5');
  });

  it('gives a rebuilt pyramid\'s tile another path (another offline key, another HTTP cache entry)', () => {
    expect(slideTilePath('s', 'demo-v1', 0, 0, 0)).not.toBe(slideTilePath('s', 'demo-v2', 0, 0, 0));
  });
});

import { describe, expect, it } from 'vitest';
import { TileSources, type TileSource } from './tileSources';

const source = (memoryBytes: number): TileSource => ({ tileFormat: 'jpeg', memoryBytes, tile: () => Promise.resolve(null) });

describe('TileSources', () => {
  it('looks an item up once, and again after it was forgotten (its slide got a new pack)', async () => {
    const lookups: string[] = [];
    const sources = new TileSources([
      (itemId) => {
        lookups.push(itemId);
        return Promise.resolve(source(10));
      },
    ]);
    await sources.of('a');
    await sources.of('a');
    expect(lookups).toEqual(['a']);
    sources.forget('a');
    await sources.of('a');
    expect(lookups).toEqual(['a', 'a']);
  });
});

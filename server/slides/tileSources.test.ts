import { describe, expect, it } from 'vitest';
import { TileSources, type TileSource } from './tileSources';

const source = (memoryBytes: number, version = 'v1'): TileSource => ({ tileFormat: 'jpeg', version, memoryBytes, tile: () => Promise.resolve(null) });

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

  it('looks again for a version the cached source does not serve (rebuilt elsewhere), at most once a second, then knows it gone', async () => {
    let current = 'v1';
    let lookups = 0;
    let clock = 0;
    const sources = new TileSources(
      [
        () => {
          lookups += 1;
          return Promise.resolve(source(10, current));
        },
      ],
      1_000_000,
      () => new Date(clock),
    );
    expect((await sources.ofVersion('a', 'v1'))?.version).toBe('v1');
    current = 'v2';
    expect((await sources.ofVersion('a', 'v1'))?.version).toBe('v1');
    expect(lookups).toBe(1);
    // Another instance rebuilt the slide: a viewer that read the new detail asks for v2, moments later in vain.
    expect((await sources.ofVersion('a', 'v2'))?.version).toBe('v1');
    expect(lookups).toBe(1);
    clock += 1_000;
    expect((await sources.ofVersion('a', 'v2'))?.version).toBe('v2');
    expect(lookups).toBe(2);
    // A viewer still on v1 costs one more lookup, then none, however late.
    clock += 1_000;
    expect((await sources.ofVersion('a', 'v1'))?.version).toBe('v2');
    clock += 1_000;
    expect((await sources.ofVersion('a', 'v1'))?.version).toBe('v2');
    expect((await sources.ofVersion('a', 'v2'))?.version).toBe('v2');
    expect(lookups).toBe(3);
  });

  it('keeps a lookup that finished after its item was forgotten out of the cache', async () => {
    let release: (s: TileSource) => void = () => undefined;
    let lookups = 0;
    const sources = new TileSources([
      () => {
        lookups += 1;
        return lookups === 1 ? new Promise<TileSource>((resolve) => (release = resolve)) : Promise.resolve(source(10, 'v2'));
      },
    ]);
    const stale = sources.of('a');
    sources.forget('a');
    expect((await sources.of('a'))?.version).toBe('v2');
    release(source(10, 'v1'));
    expect((await stale)?.version).toBe('v1');
    expect((await sources.of('a'))?.version).toBe('v2');
    expect(lookups).toBe(2);
  });
});

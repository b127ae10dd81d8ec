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
  it('confirms a cached version is still served at most once a second per item, and refuses it within that second once rebuilt elsewhere', async () => {
    let current = 'v1';
    let lookups = 0;
    let checks = 0;
    let clock = 0;
    const sources = new TileSources(
      [
        () => {
          lookups += 1;
          const version = current;
          return Promise.resolve({
            ...source(10, version),
            stillServed: () => {
              checks += 1;
              return Promise.resolve(current === version);
            },
          });
        },
      ],
      1_000_000,
      () => new Date(clock),
    );
    expect((await sources.ofVersion('a', 'v1'))?.version).toBe('v1');
    // A screenful of tiles within the second: no check.
    for (let tile = 0; tile < 20; tile += 1) await sources.ofVersion('a', 'v1');
    expect([lookups, checks]).toEqual([1, 0]);
    clock += 1_000;
    // Tiles asked at once share one check.
    const asked = await Promise.all([sources.ofVersion('a', 'v1'), sources.ofVersion('a', 'v1'), sources.ofVersion('a', 'v1')]);
    expect(asked.map((answer) => answer?.version)).toEqual(['v1', 'v1', 'v1']);
    expect([lookups, checks]).toEqual([1, 1]);

    // Another instance rebuilds the slide: a viewer still on v1 is told within the second.
    current = 'v2';
    clock += 999;
    expect((await sources.ofVersion('a', 'v1'))?.version).toBe('v1');
    clock += 1;
    expect((await sources.ofVersion('a', 'v1'))?.version).toBe('v2');
    expect([lookups, checks]).toEqual([2, 2]);
    expect((await sources.ofVersion('a', 'v2'))?.version).toBe('v2');
  });

  it('goes on serving the cached source when its check fails (the database away a moment), and checks again a second later', async () => {
    let clock = 0;
    let failing = true;
    let checks = 0;
    const sources = new TileSources(
      [
        () =>
          Promise.resolve({
            ...source(10, 'v1'),
            stillServed: () => {
              checks += 1;
              return failing ? Promise.reject(new Error('database away')) : Promise.resolve(true);
            },
          }),
      ],
      1_000_000,
      () => new Date(clock),
    );
    await sources.ofVersion('a', 'v1');
    clock += 1_000;
    expect((await sources.ofVersion('a', 'v1'))?.version).toBe('v1');
    failing = false;
    expect((await sources.ofVersion('a', 'v1'))?.version).toBe('v1');
    expect(checks).toBe(1);
    clock += 1_000;
    expect((await sources.ofVersion('a', 'v1'))?.version).toBe('v1');
    expect(checks).toBe(2);
  });
});

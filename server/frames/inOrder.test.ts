import { describe, expect, it } from 'vitest';
import { inOrder } from './inOrder';

/** A promise and its resolver, so a test decides when each piece of work ends. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('inOrder', () => {
  it('runs at most `limit` at once and yields in the items\' order whatever order they finish in', async () => {
    const gates = [0, 1, 2, 3, 4].map(() => deferred<void>());
    let running = 0;
    let most = 0;
    const results = inOrder([0, 1, 2, 3, 4], 2, async (n) => {
      running += 1;
      most = Math.max(most, running);
      await gates[n]!.promise;
      running -= 1;
      return n * 10;
    });
    const seen: number[] = [];
    const reading = (async () => {
      for await (const result of results) seen.push(result);
    })();
    for (const n of [1, 0, 3, 2, 4]) {
      gates[n]!.resolve();
      await new Promise((r) => setTimeout(r, 0));
    }
    await reading;
    expect(seen).toEqual([0, 10, 20, 30, 40]);
    expect(most).toBe(2);
  });

  it('passes a failure on when its turn comes', async () => {
    const results = inOrder([1, 2], 2, async (n) => {
      if (n === 2) throw new Error('two');
      return n;
    });
    expect((await results.next()).value).toBe(1);
    await expect(results.next()).rejects.toThrow('two');
  });
});

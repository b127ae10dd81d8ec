import { describe, expect, it } from 'vitest';
import { sharedResources } from './sharedResource';

describe('sharedResources', () => {
  it('creates one resource per key for all holders and frees it when the last lets go', () => {
    const log: string[] = [];
    let made = 0;
    const shared = sharedResources(
      (key: { name: string }) => {
        made += 1;
        log.push(`create ${key.name}`);
        return `${key.name}#${made}`;
      },
      (resource) => log.push(`free ${resource}`),
    );
    const volume = { name: 'ct' };
    expect(shared.acquire(volume)).toBe('ct#1');
    expect(shared.acquire(volume)).toBe('ct#1');
    shared.release(volume);
    expect(log).toEqual(['create ct']);
    shared.release(volume);
    expect(log).toEqual(['create ct', 'free ct#1']);
    // Held again after it was freed (StrictMode's remount): made afresh; a stray release is ignored.
    expect(shared.acquire(volume)).toBe('ct#2');
    shared.release(volume);
    shared.release(volume);
    expect(log).toEqual(['create ct', 'free ct#1', 'create ct', 'free ct#2']);
  });
});

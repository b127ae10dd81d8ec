import { describe, expect, it } from 'vitest';
import { readTabChoice, type TabChoice, type TabStorage } from './tabChoice';

type Colour = 'red' | 'blue';
const COLOUR: TabChoice<Colour> = { param: 'colour', key: 'test.colour', parse: (v) => (v === 'red' || v === 'blue' ? v : null) };

function tabStorage(): TabStorage & { readonly kept: Map<string, string> } {
  const kept = new Map<string, string>();
  return { kept, getItem: (key) => kept.get(key) ?? null, setItem: (key, value) => void kept.set(key, value) };
}

describe('readTabChoice', () => {
  it('takes the query and keeps it for the rest of the tab', () => {
    const storage = tabStorage();
    expect(readTabChoice(COLOUR, '?colour=blue&x=1', () => storage)).toBe('blue');
    expect(storage.kept.get('test.colour')).toBe('blue');
    expect(readTabChoice(COLOUR, '', () => storage)).toBe('blue');
    expect(readTabChoice(COLOUR, '?colour=red', () => storage)).toBe('red');
    expect(readTabChoice(COLOUR, '?other=1', () => storage)).toBe('red');
  });

  it('ignores values it does not know, in the query and in storage', () => {
    const storage = tabStorage();
    expect(readTabChoice(COLOUR, '?colour=green', () => storage)).toBeNull();
    expect(storage.kept.size).toBe(0);
    storage.kept.set('test.colour', 'green');
    expect(readTabChoice(COLOUR, '', () => storage)).toBeNull();
  });

  it('falls back to the query alone when storage cannot be used', () => {
    const blocked = () => {
      throw new DOMException('blocked', 'SecurityError');
    };
    expect(readTabChoice(COLOUR, '?colour=red', blocked)).toBe('red');
    expect(readTabChoice(COLOUR, '', blocked)).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { interpolate, translate } from './translate';
import type { MessageTable } from './types';

describe('interpolate', () => {
  it('fills every placeholder, numbers included', () => {
    expect(interpolate('Slice {n} / {total} ({n})', { n: 3, total: 28 })).toBe('Slice 3 / 28 (3)');
  });

  it('leaves a placeholder without a value visible', () => {
    expect(interpolate('Hello {name}', { other: 'x' })).toBe('Hello {name}');
    expect(interpolate('Hello {name}')).toBe('Hello {name}');
  });
});

describe('translate', () => {
  const table = {
    greet: { en: 'Hello {name}', ja: 'こんにちは {name}' },
    untranslated: { en: 'Only English', ja: '' },
  } satisfies MessageTable;

  it('picks the language and interpolates', () => {
    expect(translate(table, 'ja', 'greet', { name: '佐藤' })).toBe('こんにちは 佐藤');
    expect(translate(table, 'en', 'greet', { name: 'Sato' })).toBe('Hello Sato');
  });

  it('falls back to English for an empty translation', () => {
    expect(translate(table, 'ja', 'untranslated')).toBe('Only English');
  });

  it('shows an unknown key as itself', () => {
    expect(translate(table, 'ja', 'no.such.key')).toBe('no.such.key');
  });
});

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

/** A Storage stand-in: Node has no localStorage, and the module reads it when first imported. */
function memoryStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return {
    getItem: (key: string) => data.get(key) ?? null,
    setItem: (key: string, value: string) => void data.set(key, value),
    removeItem: (key: string) => void data.delete(key),
    data,
  };
}

async function freshModules() {
  vi.resetModules();
  const language = await import('./language');
  const i18n = await import('./index');
  return { language, i18n };
}

describe('language', () => {
  beforeEach(() => {
    vi.unstubAllGlobals();
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('maps browser locales: any ja locale to Japanese, the rest to English', async () => {
    const { language } = await freshModules();
    expect(language.languageFromLocale('ja')).toBe('ja');
    expect(language.languageFromLocale('ja-JP')).toBe('ja');
    expect(language.languageFromLocale('en-GB')).toBe('en');
    expect(language.languageFromLocale('fr')).toBe('en');
    expect(language.languageFromLocale(undefined)).toBe('en');
  });

  it('defaults to the browser language when nothing is stored', async () => {
    vi.stubGlobal('localStorage', memoryStorage());
    vi.stubGlobal('navigator', { language: 'ja-JP' });
    const { language } = await freshModules();
    expect(language.getLanguage()).toBe('ja');
  });

  it('prefers the stored choice over the browser language', async () => {
    vi.stubGlobal('localStorage', memoryStorage({ 'mejirushi.language': 'en' }));
    vi.stubGlobal('navigator', { language: 'ja-JP' });
    const { language } = await freshModules();
    expect(language.getLanguage()).toBe('en');
  });

  it('persists a change, notifies subscribers and switches t()', async () => {
    const storage = memoryStorage();
    vi.stubGlobal('localStorage', storage);
    vi.stubGlobal('navigator', { language: 'en-US' });
    const { language, i18n } = await freshModules();
    const seen: string[] = [];
    const unsubscribe = language.subscribeLanguage(() => seen.push(language.getLanguage()));

    expect(i18n.t('viewer.slice', { n: 2, total: 28 })).toBe('Slice 2 / 28');
    i18n.setLanguage('ja');
    expect(i18n.t('viewer.slice', { n: 2, total: 28 })).toBe('スライス 2 / 28');
    expect(storage.data.get('mejirushi.language')).toBe('ja');
    expect(seen).toEqual(['ja']);

    unsubscribe();
    i18n.setLanguage('en');
    expect(seen).toEqual(['ja']);
  });

  it('refuses an unknown language and keeps the current one', async () => {
    vi.stubGlobal('navigator', { language: 'en' });
    const { language } = await freshModules();
    expect(() => language.setLanguage('fr' as never)).toThrow(/Unknown language/);
    expect(language.getLanguage()).toBe('en');
  });
});

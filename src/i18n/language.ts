import { LANGUAGES, type Language } from './types';

/** The chosen language lives here; React reads it through `useLanguage`, plain code through `getLanguage`. */
const STORAGE_KEY = 'mejirushi.language';

type Listener = () => void;
const listeners = new Set<Listener>();

function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** Browser language → UI language: any Japanese locale (ja, ja-JP) gets Japanese, everything else English. */
export function languageFromLocale(locale: string | undefined): Language {
  return locale?.toLowerCase().startsWith('ja') ? 'ja' : 'en';
}

function readStored(): Language | null {
  try {
    const stored = globalThis.localStorage?.getItem(STORAGE_KEY);
    return isLanguage(stored) ? stored : null;
  } catch {
    // Storage can be blocked (private mode, sandboxed frames); the browser language still applies.
    return null;
  }
}

function initialLanguage(): Language {
  return readStored() ?? languageFromLocale(globalThis.navigator?.language);
}

let current: Language = initialLanguage();

function applyToDocument(language: Language): void {
  if (typeof document !== 'undefined') document.documentElement.lang = language;
}
applyToDocument(current);

export function getLanguage(): Language {
  return current;
}

export function setLanguage(language: Language): void {
  if (!isLanguage(language)) throw new Error(`Unknown language "${String(language)}"`);
  if (language === current) return;
  current = language;
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, language);
  } catch {
    // Not persisted where storage is blocked; the choice still holds for this page.
  }
  applyToDocument(language);
  for (const listener of listeners) listener();
}

export function subscribeLanguage(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

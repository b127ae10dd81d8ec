import { useCallback, useSyncExternalStore } from 'react';
import { getLanguage, setLanguage, subscribeLanguage } from './language';
import { messages, type MessageKey } from './messages';
import { translate } from './translate';
import type { Language, MessageVars } from './types';

export type { Language, MessageTable, MessageVars } from './types';
export type { MessageKey } from './messages';
export { getLanguage, setLanguage, languageFromLocale } from './language';

/** Text for a key in the current language, `{name}` placeholders filled from `vars`. */
export function t(key: MessageKey, vars?: MessageVars): string {
  return translate(messages, getLanguage(), key, vars);
}

export type Translate = typeof t;

function useCurrentLanguage(): Language {
  return useSyncExternalStore(subscribeLanguage, getLanguage, getLanguage);
}

/** `t` for components: the component re-renders when the language changes. */
export function useT(): Translate {
  const language = useCurrentLanguage();
  return useCallback(
    (key: MessageKey, vars?: MessageVars) => translate(messages, language, key, vars),
    [language],
  );
}

/** The current language and a setter that persists it and updates `<html lang>`. */
export function useLanguage(): [Language, (language: Language) => void] {
  return [useCurrentLanguage(), setLanguage];
}

import type { Language, MessageTable, MessageVars } from './types';

const PLACEHOLDER = /\{(\w+)\}/g;

/** Replaces `{name}` with `vars.name`; a placeholder without a value stays visible, so it gets noticed. */
export function interpolate(template: string, vars?: MessageVars): string {
  if (!vars) return template;
  return template.replace(PLACEHOLDER, (whole, name: string) => {
    const value = vars[name];
    return value === undefined ? whole : String(value);
  });
}

/**
 * Looks a key up for a language. An empty translation falls back to English, and a key missing
 * from the table (only reachable through a cast) is shown as itself rather than as nothing.
 */
export function translate(
  table: MessageTable,
  language: Language,
  key: string,
  vars?: MessageVars,
): string {
  const entry = table[key];
  if (!entry) return key;
  const text = entry[language] || entry.en;
  return interpolate(text, vars);
}

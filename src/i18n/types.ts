/** The languages every message exists in. */
export type Language = 'en' | 'ja';

export const LANGUAGES: readonly Language[] = ['en', 'ja'];

/** One feature's messages: key → text per language. `{name}` marks a placeholder. */
export type MessageTable = Record<string, { readonly en: string; readonly ja: string }>;

/** Values substituted for `{name}` placeholders. */
export type MessageVars = Readonly<Record<string, string | number>>;

/**
 * The `nextCursor` of a record page read from its text without parsing the page: the server
 * writes it after the records (`{"records":[…],"nextCursor":…,"revision":…}`), so the next page
 * can be asked for while this one (megabytes of outlines) is still being parsed. A page written
 * in another order answers `undefined` or a wrong guess; callers check the guess against the
 * parsed page and ask again when it differs.
 */
const KEY = '"nextCursor":';
/** The value after the key: null or a JSON string, then the next member or the page's end. */
const VALUE = /^\s*(null|"(?:[^"\\]|\\.)*")\s*[,}]/;

export function peekNextCursor(text: string): string | null | undefined {
  // A key in the text is an object's key: inside a JSON string its quotes are escaped. The last
  // one is the page's own, the records coming before it.
  const at = text.lastIndexOf(KEY);
  if (at < 0) return undefined;
  const value = VALUE.exec(text.slice(at + KEY.length, at + KEY.length + 4096))?.[1];
  return value === undefined ? undefined : (JSON.parse(value) as string | null);
}

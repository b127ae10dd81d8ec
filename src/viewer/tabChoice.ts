/**
 * A choice a query parameter makes for the whole tab (`?render=gpu`, `?reformat=volume`): kept in
 * session storage, since in-app navigation drops the query string.
 */
export interface TabChoice<T extends string> {
  readonly param: string;
  /** The session storage key that keeps it (tests may set it directly). */
  readonly key: string;
  /** The value, or null for anything this choice does not know. */
  readonly parse: (value: string | null | undefined) => T | null;
}

export type TabStorage = Pick<Storage, 'getItem' | 'setItem'>;

/**
 * The choice in the query (which is then kept for the tab), else the one kept earlier in this tab,
 * else null. Without usable storage (blocked, sandboxed) only the query counts.
 */
export function readTabChoice<T extends string>(
  choice: TabChoice<T>,
  search: string = window.location.search,
  storage: () => TabStorage = () => sessionStorage,
): T | null {
  const fromQuery = choice.parse(new URLSearchParams(search).get(choice.param));
  try {
    const kept = storage();
    if (fromQuery) kept.setItem(choice.key, fromQuery);
    return fromQuery ?? choice.parse(kept.getItem(choice.key));
  } catch {
    return fromQuery;
  }
}

/**
 * The app's paths and what each names, free of React: the early boot script reads the route
 * before the app's bundle runs (see src/early/earlyBoot.ts).
 */

export type Route =
  | { readonly name: 'datasets' }
  | { readonly name: 'dataset'; readonly datasetId: string }
  | { readonly name: 'item'; readonly itemId: string }
  | { readonly name: 'admin' }
  | { readonly name: 'reviewQueue' }
  | { readonly name: 'dashboard'; readonly datasetId: string }
  | { readonly name: 'credit'; readonly userId: string }
  | { readonly name: 'reviewItem'; readonly itemId: string }
  | { readonly name: 'adjudicate'; readonly itemId: string }
  | { readonly name: 'releases'; readonly datasetId: string }
  | { readonly name: 'notFound'; readonly path: string };

export function parseRoute(pathname: string): Route {
  const parts = pathname.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts.length === 0) return { name: 'datasets' };
  if (parts[0] === 'datasets' && parts.length === 2 && parts[1]) return { name: 'dataset', datasetId: parts[1] };
  if (parts[0] === 'datasets' && parts.length === 3 && parts[1] && parts[2] === 'releases') return { name: 'releases', datasetId: parts[1] };
  if (parts[0] === 'adjudicate' && parts[1] === 'items' && parts.length === 3 && parts[2]) return { name: 'adjudicate', itemId: parts[2] };
  if (parts[0] === 'items' && parts.length === 2 && parts[1]) return { name: 'item', itemId: parts[1] };
  if (parts[0] === 'admin' && parts.length === 1) return { name: 'admin' };
  if (parts[0] === 'review' && parts.length === 1) return { name: 'reviewQueue' };
  if (parts[0] === 'datasets' && parts.length === 3 && parts[1] && parts[2] === 'dashboard') return { name: 'dashboard', datasetId: parts[1] };
  if (parts[0] === 'credit' && parts.length === 2 && parts[1]) return { name: 'credit', userId: parts[1] };
  if (parts[0] === 'review' && parts[1] === 'items' && parts.length === 3 && parts[2]) return { name: 'reviewItem', itemId: parts[2] };
  return { name: 'notFound', path: pathname };
}

export const paths = {
  datasets: () => '/',
  dataset: (datasetId: string) => `/datasets/${encodeURIComponent(datasetId)}`,
  item: (itemId: string) => `/items/${encodeURIComponent(itemId)}`,
  admin: () => '/admin',
  reviewQueue: () => '/review',
  dashboard: (datasetId: string) => `/datasets/${encodeURIComponent(datasetId)}/dashboard`,
  /** The printable certificate; the period (from, to: YYYY-MM-DD) rides in the query, the current month without one. */
  credit: (userId: string, period?: { readonly from: string; readonly to: string }) =>
    `/credit/${encodeURIComponent(userId)}${period ? `?from=${period.from}&to=${period.to}` : ''}`,
  /** The reviewer's screen of an item; `annotator`: the reader shown first; `next`: where to go after a decision. */
  reviewItem: (itemId: string, query: { readonly annotator?: string; readonly next?: string } = {}) => {
    const search = new URLSearchParams(Object.entries(query).filter((entry): entry is [string, string] => entry[1] !== undefined));
    return `/review/items/${encodeURIComponent(itemId)}${search.size ? `?${search}` : ''}`;
  },
  adjudicate: (itemId: string) => `/adjudicate/items/${encodeURIComponent(itemId)}`,
  releases: (datasetId: string) => `/datasets/${encodeURIComponent(datasetId)}/releases`,
};

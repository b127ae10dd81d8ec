/**
 * Datasets and item lists of the logged-in user, fetched from the server and cached in
 * IndexedDB so they read offline. Progress of items with unsynced local edits is computed from
 * the local drafts, so the lists never look behind what the user just did.
 */
import type { StateCreator } from 'zustand';
import type { DatasetSummary, ItemSummary } from '../core/api';
import { progressOf } from '../core/progress';
import { NetworkError } from '../data/api';
import { itemPageKey } from '../data/db';
import type { AppState } from './appState';
import { isUnauthorized, toAppError, type AppError } from './loadError';
import type { AppServices } from './services';
import { targetIdsOf } from './targets';

export const ITEM_PAGE_SIZE = 50;

export interface ItemList {
  readonly items: readonly ItemSummary[];
  readonly nextCursor: string | null;
  readonly loading: boolean;
  /** Shown from the offline cache: may be behind the server. */
  readonly fromCache: boolean;
  readonly error: AppError | null;
}

export interface CatalogSlice {
  datasets: readonly DatasetSummary[] | null;
  datasetsLoading: boolean;
  datasetsFromCache: boolean;
  datasetsError: AppError | null;
  itemLists: Readonly<Record<string, ItemList>>;
  loadDatasets(): Promise<void>;
  /** First page, or with `more` the page after the ones loaded. */
  loadItems(datasetId: string, options?: { readonly more?: boolean }): Promise<void>;
}

const emptyList: ItemList = { items: [], nextCursor: null, loading: false, fromCache: false, error: null };

export const createCatalogSlice =
  (services: AppServices): StateCreator<AppState, [], [], CatalogSlice> =>
  (set, get) => {
    const userId = (): string | null => get().session?.user.id ?? null;

    function updateList(datasetId: string, change: Partial<ItemList>): void {
      set((state) => ({
        itemLists: { ...state.itemLists, [datasetId]: { ...(state.itemLists[datasetId] ?? emptyList), ...change } },
      }));
    }

    async function withLocalProgress(items: readonly ItemSummary[], always: boolean): Promise<ItemSummary[]> {
      const me = userId();
      if (!me) return [...items];
      const drafts = await services.db.drafts.bulkGet(items.map((item) => [item.id, me] as [string, string]));
      const details = await services.db.itemDetails.bulkGet(items.map((item) => item.id));
      return items.map((item, index) => {
        const draft = drafts[index];
        const detail = details[index];
        if (!draft || !detail || (!always && draft.version <= draft.syncedVersion)) return item;
        const progress = progressOf(draft.doc, targetIdsOf(detail.detail.item));
        const state = item.state === 'assigned' && progress.labelled > 0 ? 'inProgress' : item.state;
        return { ...item, progress, state };
      });
    }

    return {
      datasets: null,
      datasetsLoading: false,
      datasetsFromCache: false,
      datasetsError: null,
      itemLists: {},

      async loadDatasets() {
        const me = userId();
        if (!me) return;
        set({ datasetsLoading: true, datasetsError: null });
        try {
          const datasets = await services.api.listDatasets();
          await services.db.datasets.put({ userId: me, datasets, cachedAt: Date.now() });
          set({ datasets, datasetsFromCache: false, datasetsLoading: false });
        } catch (error) {
          if (isUnauthorized(error)) set({ sessionExpired: true });
          const cached = error instanceof NetworkError ? await services.db.datasets.get(me) : undefined;
          if (cached) set({ datasets: cached.datasets, datasetsFromCache: true, datasetsLoading: false });
          else set({ datasetsError: toAppError(error), datasetsLoading: false });
        }
      },

      async loadItems(datasetId, options = {}) {
        const current = get().itemLists[datasetId] ?? emptyList;
        if (current.loading) return;
        const cursor = options.more ? current.nextCursor : null;
        if (options.more && !cursor) return;
        updateList(datasetId, { loading: true, error: null });
        const key = itemPageKey(datasetId, cursor);
        try {
          const page = await services.api.listItems(datasetId, { cursor, limit: ITEM_PAGE_SIZE });
          await services.db.itemPages.put({ key, page, cachedAt: Date.now() });
          const fresh = await withLocalProgress(page.items, false);
          const items = options.more ? [...current.items, ...fresh] : fresh;
          updateList(datasetId, { items, nextCursor: page.nextCursor, loading: false, fromCache: false });
        } catch (error) {
          if (isUnauthorized(error)) set({ sessionExpired: true });
          const cached = error instanceof NetworkError ? await services.db.itemPages.get(key) : undefined;
          if (!cached) {
            updateList(datasetId, { loading: false, error: toAppError(error) });
            return;
          }
          const fresh = await withLocalProgress(cached.page.items, true);
          const items = options.more ? [...current.items, ...fresh] : fresh;
          updateList(datasetId, { items, nextCursor: cached.page.nextCursor, loading: false, fromCache: true });
        }
      },
    };
  };

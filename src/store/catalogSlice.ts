/**
 * Datasets and item lists of the logged-in user, fetched from the server and cached in
 * IndexedDB so they read offline. Beside each list, this device's sync status and local
 * progress per item (`itemSync`), so the lists never look behind what the user just did.
 */
import type { StateCreator } from 'zustand';
import type { DatasetSummary, ItemSummary } from '../core/api';
import { NetworkError } from '../data/api';
import { itemPageKey } from '../data/db';
import { deriveLocalItemSync, type LocalItemSync } from '../data/localItemSync';
import { browserOffline } from '../data/onlineSignal';
import { readSyncRows, type SyncRows } from '../data/sync/syncRows';
import type { AppState } from './appState';
import { isUnauthorized, toAppError, type AppError } from './loadError';
import type { AppServices } from './services';

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
  /** This device's copy of listed items (those opened here), by item id. */
  itemSync: Readonly<Record<string, LocalItemSync>>;
  loadDatasets(): Promise<void>;
  /** First page, or with `more` the page after the ones loaded. */
  loadItems(datasetId: string, options?: { readonly more?: boolean }): Promise<void>;
  /** Re-reads the local sync rows of these items, all in one IndexedDB transaction. */
  refreshItemSync(itemIds: readonly string[]): Promise<void>;
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

    /** Newest read per item, so a slow read never overwrites the result of a later one. */
    const latestRead = new Map<string, number>();
    let reads = 0;

    async function readItemSync(itemIds: readonly string[]): Promise<Record<string, LocalItemSync>> {
      const me = userId();
      if (!me || itemIds.length === 0) return {};
      const { db } = services;
      const rows = await db.transaction('r', db.heads, db.outbox, db.records, async () => {
        const read = await Promise.all(itemIds.map((itemId) => readSyncRows(db, { itemId, annotatorId: me })));
        return new Map(itemIds.map((itemId, i) => [itemId, read[i] as SyncRows]));
      });
      return deriveLocalItemSync(rows, { offline: browserOffline(), now: Date.now() });
    }

    return {
      datasets: null,
      datasetsLoading: false,
      datasetsFromCache: false,
      datasetsError: null,
      itemLists: {},
      itemSync: {},

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
          await get().refreshItemSync(page.items.map((item) => item.id));
          const items = options.more ? [...current.items, ...page.items] : page.items;
          updateList(datasetId, { items, nextCursor: page.nextCursor, loading: false, fromCache: false });
        } catch (error) {
          if (isUnauthorized(error)) set({ sessionExpired: true });
          const cached = error instanceof NetworkError ? await services.db.itemPages.get(key) : undefined;
          if (!cached) {
            updateList(datasetId, { loading: false, error: toAppError(error) });
            return;
          }
          await get().refreshItemSync(cached.page.items.map((item) => item.id));
          const items = options.more ? [...current.items, ...cached.page.items] : cached.page.items;
          updateList(datasetId, { items, nextCursor: cached.page.nextCursor, loading: false, fromCache: true });
        }
      },

      async refreshItemSync(itemIds) {
        const read = ++reads;
        for (const itemId of itemIds) latestRead.set(itemId, read);
        const derived = await readItemSync(itemIds);
        const current = itemIds.filter((itemId) => latestRead.get(itemId) === read);
        if (current.length === 0) return;
        set((state) => {
          const itemSync = { ...state.itemSync };
          for (const itemId of current) {
            const local = derived[itemId];
            if (local) itemSync[itemId] = local;
            else delete itemSync[itemId];
          }
          return { itemSync };
        });
      },
    };
  };

import { MejirushiDb } from '../../data/db';
import { ANNOTATOR, type LiveServer } from '../../data/testing/liveServer';
import { createAppStore } from '../createAppStore';

/**
 * A device (its own IndexedDB `dbName`) on which the annotator signed in and opened the live
 * server's item, so what the server told them is kept to read offline; `cached` counts it
 * (datasets, item pages, item details).
 */
export async function annotatorOpenedItem(server: LiveServer, dbName: string) {
  const db = new MejirushiDb(dbName);
  const { store } = createAppStore({ db, baseUrl: server.baseUrl, engine: { onlineSignal: () => () => undefined } });
  await store.getState().login(ANNOTATOR.username, ANNOTATOR.password);
  await store.getState().loadDatasets();
  await store.getState().loadItems(server.detail.item.datasetId);
  await store.getState().openItemById(server.itemId);
  await store.getState().whenSavedLocally();
  const cached = () => Promise.all([db.datasets.count(), db.itemPages.count(), db.itemDetails.count()]);
  return { db, store, cached };
}

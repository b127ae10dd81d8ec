import { useEffect } from 'react';
import { appStore, useAppStore } from '../../store';

/**
 * Keeps `itemSync` current while a dataset's item list is on screen: each state event of the
 * sync engine re-reads that item, and the browser going on- or offline re-reads the listed ones.
 * Only while the list is shown, so labelling never pays for it.
 */
export function useLiveItemSync(datasetId: string): void {
  const engine = useAppStore((state) => state.engine);
  const refreshItemSync = useAppStore((state) => state.refreshItemSync);

  useEffect(() => {
    const refreshListed = () => {
      const items = appStore().getState().itemLists[datasetId]?.items ?? [];
      void refreshItemSync(items.map((item) => item.id));
    };
    const stopEvents = engine?.subscribe((event) => {
      if (event.type === 'state') void refreshItemSync([event.itemId]);
    });
    window.addEventListener('online', refreshListed);
    window.addEventListener('offline', refreshListed);
    return () => {
      stopEvents?.();
      window.removeEventListener('online', refreshListed);
      window.removeEventListener('offline', refreshListed);
    };
  }, [datasetId, engine, refreshItemSync]);
}

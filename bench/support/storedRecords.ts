/** What the app holds in IndexedDB for one document, read straight from its store (one row per record), not through the app. */
import type { Page } from '@playwright/test';
import type { AnnotationRecord } from '../../src/core/annotation';

export async function storedRecords(page: Page, itemId: string, userId: string): Promise<(AnnotationRecord | null)[]> {
  const range = JSON.stringify([
    [itemId, userId, ''],
    [itemId, userId, '\uffff'],
  ]);
  return (await page.evaluate(`new Promise((resolve, reject) => {
    const open = indexedDB.open('mejirushi');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const [lower, upper] = ${range};
      const read = open.result.transaction('records').objectStore('records').getAll(IDBKeyRange.bound(lower, upper));
      read.onerror = () => reject(read.error);
      read.onsuccess = () => { resolve(read.result.map((row) => row.record)); open.result.close(); };
    };
  })`)) as (AnnotationRecord | null)[];
}

import type { StoredRecord } from '../../core/records';
import type { ApiClient } from '../api';

/** Every current record of the caller's document for an item, paging through `/records` (tests). */
export async function allRecords(api: Pick<ApiClient, 'listRecords'>, itemId: string): Promise<StoredRecord[]> {
  const out: StoredRecord[] = [];
  let after: string | null = null;
  for (;;) {
    const page = await api.listRecords(itemId, { after });
    out.push(...page.records);
    if (!page.nextCursor) return out;
    after = page.nextCursor;
  }
}

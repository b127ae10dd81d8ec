import { describe, expect, it } from 'vitest';
import type { ItemReviewReader, RecordPage } from '../../../core/api';
import { humanProvenance, labelRecord, seriesItem, TEST_LABEL_SET } from '../../../core/testing/records';
import type { ApiClient } from '../../../data/api';
import { loadReaderWork } from './readerWork';

const item = seriesItem(3);
const targetIds = ['slice-1', 'slice-2', 'slice-3'];
const reader = (annotatorId: string): ItemReviewReader => ({ annotatorId, displayName: annotatorId, state: 'submitted', updatedAt: '2024-05-01T08:00:00.000Z' });

/** Each reader's records one page per record, so loading follows every cursor. */
function pagedApi(records: Record<string, ReturnType<typeof labelRecord>[]>): { api: ApiClient; pagesRead: () => number } {
  let pages = 0;
  const listReaderRecords = async (_itemId: string, annotatorId: string, page: { after?: string | null } = {}): Promise<RecordPage> => {
    pages += 1;
    const all = records[annotatorId] ?? [];
    const at = page.after ? Number(page.after) : 0;
    const record = all[at];
    return { records: record ? [{ id: record.id, version: 1, schema: 1, record }] : [], nextCursor: at + 1 < all.length ? String(at + 1) : null, revision: 1 };
  };
  return { api: { listReaderRecords } as unknown as ApiClient, pagesRead: () => pages };
}

describe('loadReaderWork', () => {
  it('numbers and colours readers in order and reads each one’s answer per slice from every page', async () => {
    const { api, pagesRead } = pagedApi({
      ann: [labelRecord('slice-1', ['sah.present'], humanProvenance('ann')), labelRecord('slice-3', ['sah.absent'], humanProvenance('ann'))],
      bob: [labelRecord('slice-1', ['sah.absent'], humanProvenance('bob'))],
    });
    const work = await loadReaderWork(api, { item, labelSet: TEST_LABEL_SET, state: null }, [reader('ann'), reader('bob')], targetIds);
    expect(pagesRead()).toBe(3);
    expect(work.map((w) => [w.number, w.reader.annotatorId])).toEqual([
      [1, 'ann'],
      [2, 'bob'],
    ]);
    expect(new Set(work.map((w) => w.color)).size).toBe(2);
    expect(work.map((w) => w.cells.map((cell) => cell.map((c) => c.code).join(' ')))).toEqual([
      ['sah.present', '', 'sah.absent'],
      ['sah.absent', '', ''],
    ]);
    expect(work.map((w) => w.records.length)).toEqual([2, 1]);
  });
});

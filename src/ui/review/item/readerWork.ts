/**
 * What the reviewer's screen shows of each reader: their number ("Reader 1" in id order, as the
 * server lists them), a colour of their own, and their answer to the item's label question per
 * slice (on a slide: its one target, the slide-level answer) and their records. Read from the server only (the reviewer keeps no drafts).
 */
import type { ItemDetail, ItemReviewReader } from '../../../core/api';
import type { AnnotationRecord } from '../../../core/annotation';
import { isLabelQuestion, type LabelClass } from '../../../core/labelSet';
import { RecordStore, targetOrder } from '../../../core/recordStore';
import type { ApiClient } from '../../../data/api';
import { sliceCells } from '../../item/proposalCells';

/** Reader colours, told apart from each other and from the label classes' fills on the dark room. */
const READER_COLORS = ['#4c8dff', '#ff9f43', '#2ecc71', '#e056fd', '#f8e71c', '#00d2d3'] as const;

export interface ReaderWork {
  readonly reader: ItemReviewReader;
  /** 1, 2, … */
  readonly number: number;
  readonly color: string;
  /** Per slice in reading order, the classes the reader settled on. */
  readonly cells: readonly (readonly LabelClass[])[];
  /** Everything the reader handed in (a slide's outlines are drawn from these). */
  readonly records: readonly AnnotationRecord[];
}

async function readerRecords(api: ApiClient, itemId: string, annotatorId: string): Promise<AnnotationRecord[]> {
  const records: AnnotationRecord[] = [];
  let after: string | null = null;
  do {
    const page = await api.listReaderRecords(itemId, annotatorId, { after });
    for (const stored of page.records) if (stored.record) records.push(stored.record);
    after = page.nextCursor;
  } while (after !== null);
  return records;
}

export async function loadReaderWork(api: ApiClient, detail: ItemDetail, readers: readonly ItemReviewReader[], targetIds: readonly string[]): Promise<ReaderWork[]> {
  const question = detail.labelSet.questions.find(isLabelQuestion) ?? null;
  const key = { itemId: detail.item.id, labelSetId: detail.labelSet.id, labelSetVersion: detail.labelSet.version };
  return Promise.all(
    readers.map(async (reader, index) => {
      const records = await readerRecords(api, detail.item.id, reader.annotatorId);
      const store = new RecordStore({ ...key, annotatorId: reader.annotatorId }, records, targetOrder(targetIds));
      const cells = question ? sliceCells(store, targetIds, question, {}).map((cell) => cell.settled) : targetIds.map(() => []);
      return { reader, number: index + 1, color: READER_COLORS[index % READER_COLORS.length] as string, cells, records };
    }),
  );
}

/**
 * The export files of a release, each streamed item by item from the approved work (one
 * document in memory at a time) with its records pseudonymised: `records.json` (items → readers
 * → records with their versions) and `labels.csv` (the labels CSV of every approved document,
 * with the item and reader in front). Both walk the work in the same order, so the same reader
 * gets the same name in both; the JSON pass also tallies what the manifest reports.
 */
import type { Kysely } from 'kysely';
import type { ReleaseReaderEntry } from '../../../src/core/api';
import { isLive, type AnnotationRecord } from '../../../src/core/annotation';
import { csvField, LABEL_CSV_COLUMNS, labelsCsvRows } from '../../../src/core/exchange/labelsCsv';
import type { LabelSet } from '../../../src/core/labelSet';
import { RecordStore } from '../../../src/core/recordStore';
import type { Database } from '../../db/schema';
import { approvedItems, readApprovedDocument } from './approvedWork';
import type { Pseudonyms } from './pseudonyms';

export interface ReleaseHeader {
  readonly release: number;
  readonly dataset: { readonly id: string; readonly name: string };
  readonly labelSet: { readonly id: string; readonly version: number };
  readonly createdAt: string;
}

/** What the JSON pass saw, for the manifest. */
export class ReleaseTally {
  readonly items: { id: string; title: string; readers: ReleaseReaderEntry[] }[] = [];
  records = 0;
  readonly byQuestion: Record<string, Record<string, number>> = {};

  add(record: AnnotationRecord): void {
    this.records += 1;
    if (!isLive(record)) return;
    const codes = record.type === 'label' ? record.classCodes : [record.classCode];
    const perClass = (this.byQuestion[record.questionId] ??= {});
    for (const code of codes) perClass[code] = (perClass[code] ?? 0) + 1;
  }
}

const encoder = new TextEncoder();

export async function* releaseRecordsJson(db: Kysely<Database>, datasetId: string, header: ReleaseHeader, names: Pseudonyms, tally: ReleaseTally): AsyncGenerator<Uint8Array> {
  yield encoder.encode(`${JSON.stringify(header).slice(0, -1)},"items":[`);
  let firstItem = true;
  for await (const item of approvedItems(db, datasetId)) {
    const readers: ReleaseReaderEntry[] = [];
    const parts: string[] = [];
    for (const document of item.documents) {
      const records = await readApprovedDocument(db, item.id, document);
      for (const { record } of records) tally.add(record);
      const reader = names.of(document.annotatorId);
      readers.push({ reader, revision: document.revision, recordCount: records.length });
      const body = records.map(({ version, record }) => JSON.stringify({ version, record: names.record(record) })).join(',');
      parts.push(`{"reader":${JSON.stringify(reader)},"revision":${document.revision},"records":[${body}]}`);
    }
    tally.items.push({ id: item.id, title: item.title, readers });
    yield encoder.encode(`${firstItem ? '' : ','}{"id":${JSON.stringify(item.id)},"title":${JSON.stringify(item.title)},"readers":[${parts.join(',')}]}`);
    firstItem = false;
  }
  yield encoder.encode(']}\n');
}

export const RELEASE_CSV_COLUMNS = ['item_id', 'reader', ...LABEL_CSV_COLUMNS] as const;

export async function* releaseLabelsCsv(db: Kysely<Database>, datasetId: string, labelSet: LabelSet, names: Pseudonyms): AsyncGenerator<Uint8Array> {
  yield encoder.encode(`${RELEASE_CSV_COLUMNS.join(',')}\r\n`);
  for await (const item of approvedItems(db, datasetId)) {
    for (const document of item.documents) {
      const records = await readApprovedDocument(db, item.id, document);
      const key = { itemId: item.id, annotatorId: document.annotatorId, labelSetId: labelSet.id, labelSetVersion: labelSet.version };
      const view = new RecordStore(key, records.map(({ record }) => names.record(record)));
      const prefix = `${csvField(item.id)},${csvField(names.of(document.annotatorId))},`;
      const rows = labelsCsvRows(view, labelSet, item.targetIds, item.id);
      if (rows.length > 0) yield encoder.encode(rows.map((row) => `${prefix}${row}\r\n`).join(''));
    }
  }
}

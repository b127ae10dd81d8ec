/**
 * The export files of a release, each streamed item by item from the approved work (one
 * document in memory at a time) with its records pseudonymised: `records.json` (items → readers
 * → records with their versions, or an adjudicated item's consensus) and `labels.csv` (the labels
 * CSV of every approved document or consensus, with the item and reader, or `consensus`, in front). Both walk the work in the same order, so the same reader
 * gets the same name in both; the JSON pass also tallies what the manifest reports.
 */
import type { Kysely } from 'kysely';
import type { ReleaseManifestItem, ReleaseReaderEntry } from '../../../src/core/api';
import { isLive, type AnnotationRecord } from '../../../src/core/annotation';
import { csvField, LABEL_CSV_COLUMNS, labelsCsvRows } from '../../../src/core/exchange/labelsCsv';
import type { LabelSet } from '../../../src/core/labelSet';
import { RecordStore } from '../../../src/core/recordStore';
import type { Database } from '../../db/schema';
import { approvedItems, readApprovedDocument, type ApprovedItem } from './approvedWork';
import type { Pseudonyms } from './pseudonyms';
import { releasedConsensus } from './releasedConsensus';

export interface ReleaseHeader {
  readonly release: number;
  readonly dataset: { readonly id: string; readonly name: string };
  readonly labelSet: { readonly id: string; readonly version: number };
  readonly createdAt: string;
}

/** What the JSON pass saw, for the manifest. */
export class ReleaseTally {
  readonly items: ReleaseManifestItem[] = [];
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

/**
 * `records.json`: per item, either its consensus (`source: "consensus"`: the record set a lead's
 * decisions made, each record citing the reader records it came from) or its readers' approved
 * documents (`source: "readers"`). An adjudicated item whose consensus is not complete and that
 * has no approved document is left out.
 */
export async function* releaseRecordsJson(db: Kysely<Database>, datasetId: string, labelSet: LabelSet, header: ReleaseHeader, names: Pseudonyms, tally: ReleaseTally): AsyncGenerator<Uint8Array> {
  yield encoder.encode(`${JSON.stringify(header).slice(0, -1)},"items":[`);
  let firstItem = true;
  for await (const item of approvedItems(db, datasetId)) {
    const consensus = await releasedConsensus(db, item, labelSet, datasetId, names);
    const head = `${firstItem ? '' : ','}{"id":${JSON.stringify(item.id)},"title":${JSON.stringify(item.title)}`;
    if (consensus) {
      for (const { record } of consensus.records) tally.add(record);
      tally.items.push({ id: item.id, title: item.title, source: 'consensus', readers: [], consensus: { readers: consensus.readers, recordCount: consensus.records.length } });
      const body = consensus.records.map((entry) => JSON.stringify(entry)).join(',');
      yield encoder.encode(`${head},"source":"consensus","readers":${JSON.stringify(consensus.readers)},"records":[${body}]}`);
      firstItem = false;
      continue;
    }
    if (item.documents.length === 0) continue;
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
    tally.items.push({ id: item.id, title: item.title, source: 'readers', readers });
    yield encoder.encode(`${head},"source":"readers","readers":[${parts.join(',')}]}`);
    firstItem = false;
  }
  yield encoder.encode(']}\n');
}

/** The CSV's reader column for an item released as its consensus. */
export const CONSENSUS_READER = 'consensus';

export const RELEASE_CSV_COLUMNS = ['item_id', 'reader', ...LABEL_CSV_COLUMNS] as const;

export async function* releaseLabelsCsv(db: Kysely<Database>, datasetId: string, labelSet: LabelSet, names: Pseudonyms): AsyncGenerator<Uint8Array> {
  yield encoder.encode(`${RELEASE_CSV_COLUMNS.join(',')}\r\n`);
  const rowsOf = (item: ApprovedItem, reader: string, records: readonly AnnotationRecord[]): string => {
    const key = { itemId: item.id, annotatorId: reader, labelSetId: labelSet.id, labelSetVersion: labelSet.version };
    const prefix = `${csvField(item.id)},${csvField(reader)},`;
    return labelsCsvRows(new RecordStore(key, records), labelSet, item.targetIds, item.id)
      .map((row) => `${prefix}${row}\r\n`)
      .join('');
  };
  for await (const item of approvedItems(db, datasetId)) {
    const consensus = await releasedConsensus(db, item, labelSet, datasetId, names);
    if (consensus) {
      const text = rowsOf(item, CONSENSUS_READER, consensus.records.map((entry) => entry.record));
      if (text) yield encoder.encode(text);
      continue;
    }
    for (const document of item.documents) {
      const records = await readApprovedDocument(db, item.id, document);
      const text = rowsOf(item, names.of(document.annotatorId), records.map(({ record }) => names.record(record)));
      if (text) yield encoder.encode(text);
    }
  }
}

/**
 * A release's exports in the formats other tools read per image, each an archive of one file per
 * released record set (the item's consensus, or each reader's approved document) named
 * `<item id>.<reader or consensus>.<ext>`: `geojson.tar` holds slides' outlines as QuPath GeoJSON
 * (a slide without outlines has no file), `coco.tar` frame sets' records as COCO JSON. One archive
 * per format keeps a release a handful of files at 10^4 items. Series have none yet (DICOM SEG
 * comes with the radiology workstation). The same walk as the CSV: one item and one document in
 * memory at a time.
 */
import type { Kysely } from 'kysely';
import { isLive, type AnnotationRecord } from '../../../src/core/annotation';
import { exportCoco } from '../../../src/core/exchange/cocoExport';
import { exportGeoJson } from '../../../src/core/exchange/geojsonExport';
import type { FrameSetItem, ItemContent, SlideItem } from '../../../src/core/item';
import type { LabelSet } from '../../../src/core/labelSet';
import { RecordStore } from '../../../src/core/recordStore';
import type { Database } from '../../db/schema';
import { approvedItems, readApprovedDocument, type ApprovedItem } from './approvedWork';
import { CONSENSUS_READER } from './exports';
import type { Pseudonyms } from './pseudonyms';
import { releasedConsensus } from './releasedConsensus';
import type { TarEntry } from './tar';

/** The archives a release can hold: their file name and the item kind each is made from. */
export const IMAGE_EXPORTS = [
  { name: 'geojson.tar', kind: 'slide' },
  { name: 'coco.tar', kind: 'frameSet' },
] as const satisfies readonly { readonly name: string; readonly kind: ItemContent['kind'] }[];

export type ImageExportKind = (typeof IMAGE_EXPORTS)[number]['kind'];

const encoder = new TextEncoder();

/** The export of one released record set, or null when it holds nothing that format can show. */
function exportOf(item: ApprovedItem, content: SlideItem | FrameSetItem, reader: string, records: readonly AnnotationRecord[], labelSet: LabelSet, at: string): TarEntry | null {
  if (content.kind === 'slide') {
    if (!records.some((record) => record.type === 'shape' && isLive(record))) return null;
    return { name: `${item.id}.${reader}.geojson`, bytes: encoder.encode(`${JSON.stringify(exportGeoJson(records, labelSet))}\n`) };
  }
  const document = new RecordStore({ itemId: item.id, annotatorId: reader, labelSetId: labelSet.id, labelSetVersion: labelSet.version }, records);
  const { file } = exportCoco(document, { id: item.id, content }, labelSet, at);
  return { name: `${item.id}.${reader}.coco.json`, bytes: encoder.encode(`${JSON.stringify(file)}\n`) };
}

async function contentOf(db: Kysely<Database>, itemId: string): Promise<ItemContent> {
  const row = await db.selectFrom('items').select('content').where('id', '=', itemId).executeTakeFirstOrThrow();
  return JSON.parse(row.content) as ItemContent;
}

/** The item kinds of a dataset that have an image export: which archives its releases hold. */
export async function imageExportKinds(db: Kysely<Database>, datasetId: string): Promise<Set<ImageExportKind>> {
  const rows = await db
    .selectFrom('items')
    .select('kind')
    .distinct()
    .where('dataset_id', '=', datasetId)
    .where(
      'kind',
      'in',
      IMAGE_EXPORTS.map((entry) => entry.kind),
    )
    .execute();
  return new Set(rows.map((row) => row.kind as ImageExportKind));
}

/** The files of one archive: every released record set of the dataset's items of `kind`, in listing order. */
export async function* releaseImageExports(db: Kysely<Database>, datasetId: string, kind: ImageExportKind, labelSet: LabelSet, names: Pseudonyms, at: string): AsyncGenerator<TarEntry> {
  for await (const item of approvedItems(db, datasetId)) {
    if (item.kind !== kind) continue;
    const content = await contentOf(db, item.id);
    if (content.kind !== 'slide' && content.kind !== 'frameSet') continue;
    const consensus = await releasedConsensus(db, item, labelSet, datasetId, names);
    if (consensus) {
      const file = exportOf(item, content, CONSENSUS_READER, consensus.records.map((entry) => entry.record), labelSet, at);
      if (file) yield file;
      continue;
    }
    for (const document of item.documents) {
      const records = await readApprovedDocument(db, item.id, document);
      const file = exportOf(item, content, names.of(document.annotatorId), records.map(({ record }) => names.record(record)), labelSet, at);
      if (file) yield file;
    }
  }
}

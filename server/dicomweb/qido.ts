/**
 * QIDO-RS over a dataset's series items (PS3.18 §10.6): studies, series and instances the caller
 * may read, by the same rules as the item API (services/access.ts). Studies and series are paged
 * by the `items_study` index; instances are those of one series.
 */
import { sql, type Expression, type ExpressionBuilder, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { User } from '../../src/core/api';
import { dialectOf, toNumber } from '../db/dialect';
import type { Database } from '../db/schema';
import type { DicomInstanceMeta } from '../dicom/parse';
import { seesAllItems, seesImportingItems } from '../services/access';
import { attribute, selectFields, TAGS, type DicomJson } from './dicomJson';

export interface QidoQuery {
  readonly studyUids: readonly string[];
  readonly seriesUids: readonly string[];
  readonly sopInstanceUids: readonly string[];
  readonly modality: string | null;
  /** StudyDate: one date (from = to) or a range, either end open; DA text (YYYYMMDD), compared as text. */
  readonly studyDate: { readonly from: string | null; readonly to: string | null } | null;
  readonly accessionNumber: string | null;
  readonly limit: number;
  readonly offset: number;
  readonly includeFields: readonly string[];
}

/** Largest page one request may ask for; QIDO clients page with limit and offset. */
export const MAX_QIDO_LIMIT = 1000;

/** Query keys this service matches on; others are ignored and named in a Warning header. */
export const MATCHING_KEYS: ReadonlySet<string> = new Set(['StudyInstanceUID', '0020000D', 'SeriesInstanceUID', '0020000E', 'SOPInstanceUID', '00080018', 'Modality', '00080060', 'ModalitiesInStudy', '00080061', 'StudyDate', '00080020', 'AccessionNumber', '00080050']);

const CONTROL_KEYS: ReadonlySet<string> = new Set(['limit', 'offset', 'includefield', 'fuzzymatching']);

/** The query string as QIDO keys; `unsupported` lists the keys that were ignored. */
export function parseQidoQuery(query: Readonly<Record<string, string | string[] | undefined>>): { query: QidoQuery; unsupported: string[] } {
  const one = (key: string): string | undefined => {
    const value = query[key];
    return Array.isArray(value) ? value[0] : value;
  };
  const all = (key: string): string[] => {
    const value = query[key];
    return value === undefined ? [] : Array.isArray(value) ? value : [value];
  };
  const uids = (...keys: string[]) => keys.flatMap(all).flatMap((list) => list.split(/[\\,]/)).map((uid) => uid.trim()).filter((uid) => uid !== '');
  const modality = one('Modality') ?? one('00080060') ?? one('ModalitiesInStudy') ?? one('00080061') ?? null;
  const dateText = one('StudyDate') ?? one('00080020');
  const studyDate = dateText === undefined ? null : dateRangeOf(dateText);
  const accessionNumber = (one('AccessionNumber') ?? one('00080050') ?? '').trim();
  const malformed = dateText !== undefined && studyDate === null ? ['StudyDate', '00080020'].filter((key) => query[key] !== undefined) : [];
  return {
    query: {
      studyUids: uids('StudyInstanceUID', '0020000D'),
      seriesUids: uids('SeriesInstanceUID', '0020000E'),
      sopInstanceUids: uids('SOPInstanceUID', '00080018'),
      modality: modality === null || modality.trim() === '' ? null : modality.trim(),
      studyDate,
      accessionNumber: accessionNumber === '' ? null : accessionNumber,
      limit: Math.min(MAX_QIDO_LIMIT, naturalOr(one('limit'), MAX_QIDO_LIMIT)),
      offset: naturalOr(one('offset'), 0),
      includeFields: all('includefield'),
    },
    unsupported: [...Object.keys(query).filter((key) => !MATCHING_KEYS.has(key) && !CONTROL_KEYS.has(key)), ...malformed],
  };
}

/**
 * PS3.4 C.2.2.2.5 range matching of a DA: `20200101`, `20200101-20201231`, `20200101-` or
 * `-20201231`; null (the key ignored, and named in the Warning) for anything else.
 */
export function dateRangeOf(text: string): { from: string | null; to: string | null } | null {
  const match = /^(\d{8})?(-)?(\d{8})?$/.exec(text.trim());
  if (!match || (!match[1] && !match[3])) return null;
  const [, from = null, dash, to = null] = match;
  if (!dash) return from && !to ? { from, to: from } : null;
  return { from, to };
}

function naturalOr(text: string | undefined, fallback: number): number {
  return text !== undefined && /^[0-9]{1,9}$/.test(text) ? Number(text) : fallback;
}

/** Where the service of a dataset is, for RetrieveURLs: `https://host/api/dicomweb/datasets/:id`. */
export type ServiceRoot = string;

/** The series items of a dataset the caller may read: every one for oversight roles, else the assigned ones. */
export function visibleSeries(db: Kysely<Database>, user: User, datasetId: string) {
  let query = db.selectFrom('items').where('items.dataset_id', '=', datasetId).where('items.kind', '=', 'series');
  if (!seesAllItems(user)) {
    query = query.where((eb) =>
      eb.exists(eb.selectFrom('assignments').select('assignments.item_id').whereRef('assignments.item_id', '=', 'items.id').where('assignments.user_id', '=', user.id)),
    );
  }
  if (!seesImportingItems(user)) query = query.where('items.importing', '=', 0);
  return query;
}

/** A text field of the item's JSON content, in SQL. */
export function contentText(db: Kysely<Database>, field: 'modality' | 'seriesDescription'): RawBuilder<string | null> {
  return dialectOf(db) === 'postgres' ? sql<string | null>`(items.content::json ->> ${field})` : sql<string | null>`json_extract(items.content, ${`$.${field}`})`;
}

function matching(db: Kysely<Database>, query: QidoQuery) {
  return (eb: ExpressionBuilder<Database, 'items'>): Expression<SqlBool> => {
    const conditions: Expression<SqlBool>[] = [];
    if (query.studyUids.length > 0) conditions.push(eb('items.study_uid', 'in', query.studyUids));
    if (query.seriesUids.length > 0) conditions.push(eb('items.source_key', 'in', query.seriesUids));
    if (query.modality !== null) conditions.push(eb(contentText(db, 'modality'), '=', query.modality));
    if (query.studyDate?.from) conditions.push(eb('items.study_date', '>=', query.studyDate.from));
    if (query.studyDate?.to) conditions.push(eb('items.study_date', '<=', query.studyDate.to));
    if (query.accessionNumber !== null) conditions.push(eb('items.accession_number', '=', query.accessionNumber));
    return eb.and(conditions);
  };
}

const STUDY_FIELDS = new Set([
  TAGS.StudyDate,
  TAGS.StudyTime,
  TAGS.AccessionNumber,
  TAGS.ModalitiesInStudy,
  TAGS.ReferringPhysicianName,
  TAGS.PatientName,
  TAGS.PatientID,
  TAGS.PatientBirthDate,
  TAGS.PatientSex,
  TAGS.StudyInstanceUID,
  TAGS.StudyID,
  TAGS.StudyDescription,
  TAGS.NumberOfStudyRelatedSeries,
  TAGS.NumberOfStudyRelatedInstances,
  TAGS.RetrieveURL,
]);

/**
 * Studies of the dataset, ordered by StudyInstanceUID. Patient attributes are returned empty: the
 * dataset server keeps no patient identity. Study date, time, accession number and description
 * are what the files say (after the dataset's policy), from the first series that states each.
 */
export async function queryStudies(db: Kysely<Database>, user: User, datasetId: string, root: ServiceRoot, query: QidoQuery): Promise<DicomJson[]> {
  const page = await visibleSeries(db, user, datasetId)
    .where(matching(db, query))
    .select('items.study_uid')
    .distinct()
    .orderBy('items.study_uid')
    .limit(query.limit)
    .offset(query.offset)
    .execute();
  const studyUids = page.map((row) => row.study_uid).filter((uid): uid is string => uid !== null);
  if (studyUids.length === 0) return [];
  const series = await visibleSeries(db, user, datasetId)
    .where('items.study_uid', 'in', studyUids)
    .select(['items.id', 'items.study_uid', contentText(db, 'modality').as('modality'), 'items.study_date', 'items.study_time', 'items.accession_number', 'items.study_description'])
    .orderBy('items.id')
    .execute();
  const instances = await instanceCounts(db, series.map((row) => row.id));
  return studyUids.map((studyUid) => {
    const ofStudy = series.filter((row) => row.study_uid === studyUid);
    const modalities = [...new Set(ofStudy.map((row) => row.modality).filter((m): m is string => !!m))].sort();
    const stated = (column: 'study_date' | 'study_time' | 'accession_number' | 'study_description') => ofStudy.find((row) => row[column] !== null)?.[column] ?? undefined;
    const all: DicomJson = {
      [TAGS.StudyDate]: attribute('DA', stated('study_date')),
      [TAGS.StudyTime]: attribute('TM', stated('study_time')),
      [TAGS.AccessionNumber]: attribute('SH', stated('accession_number')),
      [TAGS.ModalitiesInStudy]: attribute('CS', ...modalities),
      [TAGS.ReferringPhysicianName]: attribute('PN'),
      [TAGS.PatientName]: attribute('PN'),
      [TAGS.PatientID]: attribute('LO'),
      [TAGS.PatientBirthDate]: attribute('DA'),
      [TAGS.PatientSex]: attribute('CS'),
      [TAGS.StudyInstanceUID]: attribute('UI', studyUid),
      [TAGS.StudyID]: attribute('SH'),
      [TAGS.StudyDescription]: attribute('LO', stated('study_description')),
      [TAGS.NumberOfStudyRelatedSeries]: attribute('IS', ofStudy.length),
      [TAGS.NumberOfStudyRelatedInstances]: attribute('IS', ofStudy.reduce((sum, row) => sum + (instances.get(row.id) ?? 0), 0)),
      [TAGS.RetrieveURL]: attribute('UR', `${root}/studies/${studyUid}`),
    };
    return selectFields(all, STUDY_FIELDS, query.includeFields);
  });
}

const SERIES_FIELDS = new Set([
  TAGS.Modality,
  TAGS.SeriesDescription,
  TAGS.SeriesInstanceUID,
  TAGS.SeriesNumber,
  TAGS.NumberOfSeriesRelatedInstances,
  TAGS.RetrieveURL,
  TAGS.StudyInstanceUID,
]);

/** Series of the dataset (of one study when `query.studyUids` names it), ordered by study then item. */
export async function querySeries(db: Kysely<Database>, user: User, datasetId: string, root: ServiceRoot, query: QidoQuery): Promise<DicomJson[]> {
  const rows = await visibleSeries(db, user, datasetId)
    .where(matching(db, query))
    .select(['items.id', 'items.study_uid', 'items.source_key', contentText(db, 'modality').as('modality'), contentText(db, 'seriesDescription').as('description'), 'items.series_number'])
    .orderBy('items.study_uid')
    .orderBy('items.id')
    .limit(query.limit)
    .offset(query.offset)
    .execute();
  const instances = await instanceCounts(db, rows.map((row) => row.id));
  return rows.map((row) => {
    const { modality, description } = row;
    const all: DicomJson = {
      [TAGS.StudyInstanceUID]: attribute('UI', row.study_uid),
      [TAGS.SeriesInstanceUID]: attribute('UI', row.source_key),
      [TAGS.Modality]: attribute('CS', modality),
      [TAGS.SeriesDescription]: attribute('LO', description),
      [TAGS.SeriesNumber]: attribute('IS', row.series_number ?? undefined),
      [TAGS.NumberOfSeriesRelatedInstances]: attribute('IS', instances.get(row.id) ?? 0),
      [TAGS.RetrieveURL]: attribute('UR', `${root}/studies/${row.study_uid}/series/${row.source_key}`),
    };
    return selectFields(all, SERIES_FIELDS, query.includeFields);
  });
}

const INSTANCE_FIELDS = new Set([
  TAGS.SOPClassUID,
  TAGS.SOPInstanceUID,
  TAGS.InstanceNumber,
  TAGS.Rows,
  TAGS.Columns,
  TAGS.NumberOfFrames,
  TAGS.AvailableTransferSyntaxUID,
  TAGS.RetrieveURL,
  TAGS.StudyInstanceUID,
  TAGS.SeriesInstanceUID,
]);

/** A stored instance the caller may read: its file row and what the import read of it. */
export interface VisibleInstance {
  readonly fileId: string;
  readonly sha256: string;
  readonly size: number;
  readonly meta: DicomInstanceMeta;
}

/**
 * The instances of the visible series that match, in InstanceNumber order. Every level of a
 * retrieve URL must agree: an instance of another study is not found under this one.
 */
export async function visibleInstances(db: Kysely<Database>, user: User, datasetId: string, query: Pick<QidoQuery, 'studyUids' | 'seriesUids' | 'sopInstanceUids'>): Promise<VisibleInstance[]> {
  let files = db
    .selectFrom('item_files')
    .select(['item_files.id', 'item_files.sha256', 'item_files.size', 'item_files.meta'])
    .where('item_files.item_id', 'in', visibleSeries(db, user, datasetId).where(matching(db, { ...query, modality: null, studyDate: null, accessionNumber: null } as QidoQuery)).select('items.id'));
  if (query.sopInstanceUids.length > 0) files = files.where('item_files.dataset_id', '=', datasetId).where('item_files.sop_instance_uid', 'in', query.sopInstanceUids);
  const rows = await files.execute();
  return rows
    .map((row) => ({ fileId: row.id, sha256: row.sha256, size: toNumber(row.size), meta: JSON.parse(row.meta) as DicomInstanceMeta }))
    .sort((a, b) => (a.meta.instanceNumber ?? 0) - (b.meta.instanceNumber ?? 0) || a.meta.sopInstanceUid.localeCompare(b.meta.sopInstanceUid));
}

/** Instances of one series (or study), as QIDO-RS answers them. */
export async function queryInstances(db: Kysely<Database>, user: User, datasetId: string, root: ServiceRoot, query: QidoQuery): Promise<DicomJson[]> {
  const instances = await visibleInstances(db, user, datasetId, query);
  return instances.slice(query.offset, query.offset + query.limit).map(({ meta }) => {
    const all: DicomJson = {
      [TAGS.StudyInstanceUID]: attribute('UI', meta.studyInstanceUid),
      [TAGS.SeriesInstanceUID]: attribute('UI', meta.seriesInstanceUid),
      [TAGS.SOPClassUID]: attribute('UI', meta.sopClassUid),
      [TAGS.SOPInstanceUID]: attribute('UI', meta.sopInstanceUid),
      [TAGS.InstanceNumber]: attribute('IS', meta.instanceNumber),
      [TAGS.Rows]: attribute('US', meta.rows),
      [TAGS.Columns]: attribute('US', meta.columns),
      [TAGS.NumberOfFrames]: attribute('IS', meta.numberOfFrames),
      [TAGS.AvailableTransferSyntaxUID]: attribute('UI', meta.transferSyntaxUid),
      [TAGS.PhotometricInterpretation]: attribute('CS', meta.photometricInterpretation),
      [TAGS.BitsAllocated]: attribute('US', meta.bitsAllocated),
      [TAGS.ImagePositionPatient]: attribute('DS', ...(meta.imagePosition ?? [])),
      [TAGS.ImageOrientationPatient]: attribute('DS', ...(meta.imageOrientation ?? [])),
      [TAGS.PixelSpacing]: attribute('DS', ...(meta.pixelSpacing ?? [])),
      [TAGS.RetrieveURL]: attribute('UR', `${root}/studies/${meta.studyInstanceUid}/series/${meta.seriesInstanceUid}/instances/${meta.sopInstanceUid}`),
    };
    return selectFields(all, INSTANCE_FIELDS, query.includeFields);
  });
}

/** Files per item, for the Number Of … Related Instances counts. */
async function instanceCounts(db: Kysely<Database>, itemIds: readonly string[]): Promise<Map<string, number>> {
  if (itemIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('item_files')
    .select((eb) => ['item_files.item_id', eb.fn.countAll().as('files')])
    .where('item_files.item_id', 'in', itemIds)
    .groupBy('item_files.item_id')
    .execute();
  return new Map(rows.map((row) => [row.item_id, toNumber(row.files as number | string)]));
}

/**
 * The series of an item's study: the series items of its dataset under the same StudyInstanceUID
 * that the caller may open (readers only their own: blinding holds across series), read through
 * the `items_study` index (dataset_id, study_uid, id), keyset-paged on the id.
 */
import type { Kysely } from 'kysely';
import type { StudySeriesPage, User } from '../../src/core/api';
import { toNumber } from '../db/dialect';
import type { Database, ItemRow } from '../db/schema';
import { contentText, visibleSeries } from '../dicomweb/qido';
import { decodeKeysetCursor, encodeKeysetCursor } from '../http/keysetCursor';

export const decodeStudyCursor = (cursor: string): string => decodeKeysetCursor(cursor, 1)[0] as string;

export async function listStudySeries(db: Kysely<Database>, user: User, item: ItemRow, afterId: string | null, limit: number): Promise<StudySeriesPage> {
  // A series without a study UID (or another kind of item) stands alone.
  if (item.kind !== 'series' || item.study_uid === null) return { series: [], nextCursor: null };
  let query = visibleSeries(db, user, item.dataset_id)
    .where('items.study_uid', '=', item.study_uid)
    .select([
      'items.id',
      'items.title',
      'items.series_number',
      'items.target_count',
      'items.updated_at',
      contentText(db, 'modality').as('modality'),
      contentText(db, 'seriesDescription').as('description'),
    ])
    .orderBy('items.id')
    .limit(limit + 1);
  if (afterId !== null) query = query.where('items.id', '>', afterId);
  const rows = await query.execute();
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    series: page.map((row) => ({
      itemId: row.id,
      title: row.title,
      seriesNumber: row.series_number === null ? null : toNumber(row.series_number),
      seriesDescription: row.description ?? '',
      modality: row.modality ?? '',
      sliceCount: toNumber(row.target_count),
      updatedAt: row.updated_at,
    })),
    nextCursor: rows.length > limit && last ? encodeKeysetCursor([last.id]) : null,
  };
}

/**
 * Who may see what. Reviewers, WG leads and admins see every item; anyone else only the items
 * assigned to them, and an item they may not see is answered as if it did not exist (404). Readers
 * of an item are blinded to each other's work of it (http/rolePolicy.ts).
 */
import type { Kysely } from 'kysely';
import type { AssignmentState, User } from '../../src/core/api';
import { toNumber } from '../db/dialect';
import type { Database, ItemRow } from '../db/schema';
import { HttpError, notFound } from '../http/errors';
import { hasRole, OVERSIGHT_ROLES } from '../http/rolePolicy';

export function seesAllItems(user: User): boolean {
  return hasRole(user, OVERSIGHT_ROLES);
}

/**
 * Refuses a reader of the item (the caller holds an assignment of it) what only those who do
 * not read it may do: see the other readers' work, or review it.
 */
export function assertNotReader(item: { readonly state: AssignmentState | null }, sentence: string): void {
  if (item.state !== null) throw new HttpError(403, 'reader_blinded', sentence);
}

/** Only admins see a series an import run is still building (items.importing). */
export function seesImportingItems(user: User): boolean {
  return user.roles.includes('admin');
}

export interface VisibleItem {
  readonly item: ItemRow;
  /** The caller's own assignment of this item, if any. */
  readonly state: AssignmentState | null;
}

export async function visibleItem(db: Kysely<Database>, user: User, itemId: string): Promise<VisibleItem> {
  const row = await db
    .selectFrom('items')
    .leftJoin('assignments', (join) => join.onRef('assignments.item_id', '=', 'items.id').on('assignments.user_id', '=', user.id))
    .selectAll('items')
    .select('assignments.state as assignment_state')
    .where('items.id', '=', itemId)
    .executeTakeFirst();
  const state = visibleState(user, itemId, row);
  const { assignment_state: _omit, ...item } = row as NonNullable<typeof row>;
  return { item, state };
}

/** What annotation routes need of an item: its stamp and label set, without its (possibly large) content. */
export interface AnnotatedItem {
  readonly id: string;
  readonly updatedAt: string;
  readonly labelSetId: string;
  readonly labelSetVersion: number;
  /** The caller's own assignment of this item, if any. */
  readonly state: AssignmentState | null;
}

export async function visibleAnnotatedItem(db: Kysely<Database>, user: User, itemId: string): Promise<AnnotatedItem> {
  const row = await db
    .selectFrom('items')
    .innerJoin('datasets', 'datasets.id', 'items.dataset_id')
    .leftJoin('assignments', (join) => join.onRef('assignments.item_id', '=', 'items.id').on('assignments.user_id', '=', user.id))
    .select(['items.id', 'items.updated_at', 'items.importing', 'datasets.label_set_id', 'datasets.label_set_version', 'assignments.state as assignment_state'])
    .where('items.id', '=', itemId)
    .executeTakeFirst();
  const state = visibleState(user, itemId, row);
  const { id, updated_at, label_set_id, label_set_version } = row as NonNullable<typeof row>;
  return { id, updatedAt: updated_at, labelSetId: label_set_id, labelSetVersion: toNumber(label_set_version), state };
}

/** The caller's state of a row that exists and that they may see; 404 otherwise. */
function visibleState(
  user: User,
  itemId: string,
  row: { readonly assignment_state: string | null; readonly importing: number | string } | undefined,
): AssignmentState | null {
  const state = (row?.assignment_state ?? null) as AssignmentState | null;
  if (!row || (state === null && !seesAllItems(user))) throw notFound(`no item ${itemId}`);
  if (toNumber(row.importing) !== 0 && !seesImportingItems(user)) throw notFound(`no item ${itemId}`);
  return state;
}

/** A dataset is visible to reviewers, WG leads and admins, and to anyone with an item of it assigned. */
export async function assertDatasetVisible(db: Kysely<Database>, user: User, datasetId: string): Promise<void> {
  const dataset = await db.selectFrom('datasets').select('id').where('id', '=', datasetId).executeTakeFirst();
  if (dataset && seesAllItems(user)) return;
  const assigned = dataset
    ? await db
        .selectFrom('assignments')
        .innerJoin('items', 'items.id', 'assignments.item_id')
        .select('items.id')
        .where('assignments.user_id', '=', user.id)
        .where('items.dataset_id', '=', datasetId)
        .limit(1)
        .executeTakeFirst()
    : undefined;
  if (!assigned) throw notFound(`no dataset ${datasetId}`);
}

/**
 * The few places where SQLite and PostgreSQL differ, kept in one helper so migrations and
 * queries stay dialect-free everywhere else.
 */
import { PostgresAdapter, sql, type ColumnDefinitionBuilder, type CreateTableBuilder, type Kysely, type RawBuilder } from 'kysely';

export type DialectKind = 'sqlite' | 'postgres';

// any: migrations and these helpers run before (or regardless of) the typed schema.
type AnyDb = Kysely<any>;

export function dialectOf(db: AnyDb): DialectKind {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

/** Column type of raw bytes. */
export function bytesType(db: AnyDb): 'blob' | 'bytea' {
  return dialectOf(db) === 'postgres' ? 'bytea' : 'blob';
}

/** Whether `table` (in the current schema) has `column`; migrations use it to be re-runnable. */
export async function hasColumn(db: AnyDb, table: string, column: string): Promise<boolean> {
  const query =
    dialectOf(db) === 'postgres'
      ? sql`select 1 from information_schema.columns where table_schema = current_schema() and table_name = ${table} and column_name = ${column}`
      : sql`select 1 from pragma_table_info(${table}) where name = ${column}`;
  return (await query.execute(db)).rows.length > 0;
}

/** Adds an ever-increasing integer primary key `name` (64-bit on PostgreSQL). */
export function addSequenceKey<T extends string>(db: AnyDb, table: CreateTableBuilder<T, never>, name: string): CreateTableBuilder<T, never> {
  return dialectOf(db) === 'postgres'
    ? table.addColumn(name, 'bigint', (c: ColumnDefinitionBuilder) => c.primaryKey().generatedAlwaysAsIdentity())
    : table.addColumn(name, 'integer', (c: ColumnDefinitionBuilder) => c.primaryKey().autoIncrement());
}

/**
 * Makes this transaction the only writer of one (item, annotator) document until it ends: batch
 * writes, submit and review of that document queue here, while other documents write in
 * parallel. On PostgreSQL a transaction-scoped advisory lock on a 64-bit hash of the document's
 * key, taken before anything is read, so a retry overlapping its original waits for the
 * original's commit and then finds its Idempotency-Key. SQLite writers are serial already.
 */
export async function lockDocument(trx: AnyDb, itemId: string, annotatorId: string): Promise<void> {
  if (dialectOf(trx) === 'postgres') await sql`select pg_advisory_xact_lock(hashtextextended(${`${itemId}/${annotatorId}`}, 0))`.execute(trx);
}

/**
 * The writing transaction's id, stored with every op so the change feed can hold back rows of
 * transactions that may still be running (see services/annotations/feed.ts); 0 on SQLite.
 */
export function currentTxid(db: AnyDb): RawBuilder<number> {
  return dialectOf(db) === 'postgres' ? sql<number>`pg_current_xact_id()::text::bigint` : sql<number>`0`;
}

/** Counts and 64-bit integers arrive as strings from PostgreSQL; everything numeric goes through here. */
export function toNumber(value: number | string | bigint | null | undefined): number {
  if (value === null || value === undefined) return 0;
  const n = Number(value);
  if (!Number.isFinite(n)) throw new Error(`not a number from the database: ${String(value)}`);
  return n;
}

/** True for a unique/primary-key violation in either dialect (a concurrent writer got there first). */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/**
 * A write that lost a race and can simply be run again: a unique violation, a PostgreSQL
 * serialization failure or deadlock, or SQLite's busy answer when another process (the import
 * CLI) wrote between this transaction's first read and its first write.
 */
export function isRetryableConflict(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return isUniqueViolation(error) || code === '40001' || code === '40P01' || code === 'SQLITE_BUSY' || code === 'SQLITE_BUSY_SNAPSHOT';
}

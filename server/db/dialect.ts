/**
 * The few places where SQLite and PostgreSQL differ, kept in one helper so migrations and
 * queries stay dialect-free everywhere else.
 */
import { PostgresAdapter, sql, type ColumnDefinitionBuilder, type CreateTableBuilder, type Kysely } from 'kysely';

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
 * Serialises annotation writes (document writes, submit, review) inside their transaction. On
 * PostgreSQL, sequence values are taken before commit, so two concurrent writers could commit out
 * of seq order and a change-feed reader's checkpoint would skip the slower one; a submit could
 * interleave with a document write; and a retried request could look up its Idempotency-Key
 * before its overlapping original committed it. A transaction-scoped advisory lock makes seq
 * order equal commit order across every server instance. SQLite writers are serial already.
 */
export async function serializeWrites(trx: AnyDb): Promise<void> {
  if (dialectOf(trx) === 'postgres') await sql`select pg_advisory_xact_lock(7346021)`.execute(trx);
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

/**
 * The collector's list of blob-key columns is the schema's: every column named `sha256` or
 * `*_sha256` after the last migration, on both dialects. A migration adding one fails here until
 * the column is listed in BLOB_KEY_COLUMNS (or in CATALOG_COLUMNS, which say why it keeps no blob).
 */
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { prepareDatabase } from '../../bootstrap';
import { dialectOf } from '../../db/dialect';
import { openTestDatabase, testDialects, type TestDatabase } from '../../testing/testDatabase';
import { BLOB_KEY_COLUMNS, CATALOG_COLUMNS } from './blobReferences';

const BLOB_KEY_NAME = /(^|_)sha256$/;

/** `table.column` of every column of the schema named like a blob key. */
async function blobKeyNamedColumns(db: TestDatabase['db']): Promise<Set<string>> {
  const columns =
    dialectOf(db) === 'postgres'
      ? sql<{ table_name: string; column_name: string }>`select table_name, column_name from information_schema.columns where table_schema = current_schema()`
      : sql<{ table_name: string; column_name: string }>`select m.name as table_name, p.name as column_name from sqlite_master m join pragma_table_info(m.name) p where m.type = 'table'`;
  return new Set((await columns.execute(db)).rows.filter((row) => BLOB_KEY_NAME.test(row.column_name)).map((row) => `${row.table_name}.${row.column_name}`));
}

const listed = new Set([...BLOB_KEY_COLUMNS, ...CATALOG_COLUMNS].map(({ table, column }) => `${table}.${column}`));

describe.each(testDialects('blob-key columns'))('blob-key columns on %s', (dialect) => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await openTestDatabase(dialect);
    await prepareDatabase(database.db);
  });
  afterEach(() => database.dispose());

  it('lists every column of the schema named like a blob key, and only real columns', async () => {
    const named = await blobKeyNamedColumns(database.db);
    expect(named.size).toBeGreaterThan(5);
    expect(named).toEqual(listed);
    // The catalog is listed apart: its rows keep no blob.
    expect(BLOB_KEY_COLUMNS.map(({ table }) => table)).not.toContain('blobs');
  });

  it('sees a blob-key column a migration would add without listing it', async () => {
    await database.db.schema.alterTable('items').addColumn('cover_sha256', 'text').execute();
    const named = await blobKeyNamedColumns(database.db);
    expect([...named].filter((column) => !listed.has(column))).toEqual(['items.cover_sha256']);
  });
});

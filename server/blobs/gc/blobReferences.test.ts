/**
 * The collector's list of blob-key columns is the schema's: every column named `sha256` or
 * `*_sha256` after the last migration, on both dialects. A migration adding one fails here until
 * the column is listed in BLOB_KEY_COLUMNS (or the list says why it is not a blob key).
 */
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { prepareDatabase } from '../../bootstrap';
import { dialectOf } from '../../db/dialect';
import { openTestDatabase, testDialects, type TestDatabase } from '../../testing/testDatabase';
import { BLOB_KEY_COLUMNS } from './blobReferences';

const BLOB_KEY_NAME = /(^|_)sha256$/;

describe.each(testDialects('blob-key columns'))('blob-key columns on %s', (dialect) => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await openTestDatabase(dialect);
    await prepareDatabase(database.db);
  });
  afterEach(() => database.dispose());

  it('lists every column of the schema named like a blob key, and only real columns', async () => {
    const { db } = database;
    const columns =
      dialectOf(db) === 'postgres'
        ? sql<{ table_name: string; column_name: string }>`select table_name, column_name from information_schema.columns where table_schema = current_schema()`
        : sql<{ table_name: string; column_name: string }>`select m.name as table_name, p.name as column_name from sqlite_master m join pragma_table_info(m.name) p where m.type = 'table'`;
    const named = (await columns.execute(db)).rows.filter((row) => BLOB_KEY_NAME.test(row.column_name)).map((row) => `${row.table_name}.${row.column_name}`);
    expect(named.length).toBeGreaterThan(5);
    expect(new Set(named)).toEqual(new Set(BLOB_KEY_COLUMNS.map(({ table, column }) => `${table}.${column}`)));
  });
});

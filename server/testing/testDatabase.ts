/**
 * Databases for tests: a real SQLite file in a fresh temp folder, and, when
 * MEJIRUSHI_TEST_PG_URL is set, a fresh schema in that PostgreSQL database, dropped afterwards.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import { SQLITE_FILE_NAME } from '../config';
import { dialectOf } from '../db/dialect';
import { openDatabase } from '../db/open';
import type { Database } from '../db/schema';

export type TestDialect = 'sqlite' | 'postgres';

export function pgTestUrl(): string | null {
  const url = process.env.MEJIRUSHI_TEST_PG_URL?.trim();
  return url ? url : null;
}

/**
 * SQLite always; PostgreSQL too when MEJIRUSHI_TEST_PG_URL is set, else one line saying which
 * suite did not run on PostgreSQL.
 */
export function testDialects(suite: string): TestDialect[] {
  if (pgTestUrl()) return ['sqlite', 'postgres'];
  console.warn(`PostgreSQL run of "${suite}" did not run: set MEJIRUSHI_TEST_PG_URL=postgres://… to run it.`);
  return ['sqlite'];
}

export interface TestDatabase {
  readonly db: Kysely<Database>;
  readonly dialect: TestDialect;
  /** A fresh temp folder (the SQLite file lives here; usable as the server's data folder). */
  readonly dataDir: string;
  /** Another handle on the same database, as a second server instance has (a pool; a SQLite connection); the caller destroys it. */
  openAnother(): Kysely<Database>;
  dispose(): Promise<void>;
}

export async function openTestDatabase(dialect: TestDialect): Promise<TestDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), 'mejirushi-test-'));
  const removeDir = () => rmSync(dataDir, { recursive: true, force: true });
  if (dialect === 'sqlite') {
    const config = { kind: 'sqlite', file: join(dataDir, SQLITE_FILE_NAME) } as const;
    const db = openDatabase(config);
    return {
      db,
      dialect,
      dataDir,
      openAnother: () => openDatabase(config),
      async dispose() {
        await db.destroy();
        removeDir();
      },
    };
  }
  const url = pgTestUrl();
  if (!url) throw new Error('MEJIRUSHI_TEST_PG_URL is not set');
  const schema = `mejirushi_test_${randomBytes(6).toString('hex')}`;
  await withClient(url, (client) => client.query(`create schema ${schema}`));
  const open = () => openDatabase({ kind: 'postgres', url }, { searchPath: schema, maxConnections: 5 });
  const db = open();
  return {
    db,
    dialect,
    dataDir,
    openAnother: open,
    async dispose() {
      await db.destroy();
      await withClient(url, (client) => client.query(`drop schema ${schema} cascade`));
      removeDir();
    },
  };
}

async function withClient<T>(url: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

/** Names of the user tables, for schema assertions. */
export async function tableNames(db: Kysely<Database>): Promise<string[]> {
  // PostgreSQL lists every schema's tables; other tests' schemas live in the same database.
  const schema = dialectOf(db) === 'postgres' ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]?.schema : undefined;
  const tables = await db.introspection.getTables();
  return tables.filter((table) => schema === undefined || table.schema === schema).map((table) => table.name).sort();
}

import { sql, type Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditCheck } from '../../cli/auditCheck';
import { migrateToLatest } from '../../db/migrations';
import type { Database } from '../../db/schema';
import { openTestDatabase, testDialects, type TestDatabase } from '../../testing/testDatabase';
import { writeAudit } from '../audit';
import { sealAuditChain } from './seal';
import { verifyAuditChain } from './verify';

const at = (n: number) => new Date(Date.UTC(2026, 0, 15, 9, 0, n)).toISOString();

async function writeRows(db: Kysely<Database>, count: number, from = 0): Promise<void> {
  for (let n = from; n < from + count; n += 1) {
    await writeAudit(db, { at: at(n), userId: `user-${n % 3}`, action: 'annotation.batch', entity: 'item', entityId: `item-${n}`, revision: n, detail: { ops: n } });
  }
}

const seqAt = async (db: Kysely<Database>, chainIndex: number) =>
  (await db.selectFrom('audit_log').select('seq').where('chain_index', '=', chainIndex).executeTakeFirstOrThrow()).seq;

describe.each(testDialects('audit chain'))('audit hash chain (%s)', (dialect) => {
  let database: TestDatabase;
  let db: Kysely<Database>;

  beforeEach(async () => {
    database = await openTestDatabase(dialect);
    db = database.db;
    await migrateToLatest(db);
  });
  afterEach(async () => database.dispose());

  it('seals rows in seq order, only the new ones on each run, and an intact chain verifies page by page', async () => {
    await writeRows(db, 5);
    expect(await sealAuditChain(db)).toBe(5);
    expect(await sealAuditChain(db)).toBe(0);
    await writeRows(db, 4, 5);
    expect(await sealAuditChain(db)).toBe(4);

    const rows = await db.selectFrom('audit_log').select(['seq', 'chain_index', 'prev_hash', 'hash']).orderBy('seq').execute();
    expect(rows.map((row) => Number(row.chain_index))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(rows[0]?.prev_hash).toBe('0'.repeat(64));
    for (let i = 1; i < rows.length; i += 1) expect(rows[i]?.prev_hash).toBe(rows[i - 1]?.hash);

    expect(await verifyAuditChain(db, 2)).toEqual({ ok: true, checked: 9, length: 9, headHash: rows[8]?.hash, break: null });
  });

  it('detects an edited detail', async () => {
    await writeRows(db, 6);
    await sealAuditChain(db);
    await db.updateTable('audit_log').set({ detail: '{"ops":999}' }).where('chain_index', '=', 3).execute();
    const verdict = await verifyAuditChain(db, 2);
    expect(verdict).toMatchObject({ ok: false, checked: 3, break: { kind: 'edited', chainIndex: 3, seq: Number(await seqAt(db, 3)) } });
    expect(verdict.break?.message).toMatch(/chain place 3 .* was changed/);
  });

  it('detects a deleted row in the middle and at the end', async () => {
    await writeRows(db, 6);
    await sealAuditChain(db);
    await db.deleteFrom('audit_log').where('chain_index', '=', 2).execute();
    expect(await verifyAuditChain(db, 4)).toMatchObject({ ok: false, break: { kind: 'missing', chainIndex: 2, seq: null } });

    await writeRows(db, 1, 6);
    await sealAuditChain(db);
    await db.deleteFrom('audit_log').where('chain_index', '>=', 2).execute();
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, checked: 2, length: 7, break: { kind: 'missing', chainIndex: 2 } });
  });

  it('detects a changed hash, and a row rewritten with a fresh hash that no longer links', async () => {
    await writeRows(db, 5);
    await sealAuditChain(db);
    await db.updateTable('audit_log').set({ hash: 'f'.repeat(64) }).where('chain_index', '=', 4).execute();
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, break: { kind: 'edited', chainIndex: 4 } });

    await db.updateTable('audit_log').set({ prev_hash: 'e'.repeat(64) }).where('chain_index', '=', 1).execute();
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, break: { kind: 'broken-link', chainIndex: 1 } });
  });

  // PostgreSQL: two pools, as two server instances. SQLite: one connection interleaving writers and
  // sealers (better-sqlite3 is synchronous, so a second connection in this process would block on the first).
  it('keeps one unforked chain under concurrent writes and concurrent sealers', async () => {
    const other = dialect === 'postgres' ? database.openAnother() : db;
    try {
      const writers = Array.from({ length: 8 }, (_, w) =>
        (async () => {
          for (let n = 0; n < 10; n += 1) {
            await (w % 2 === 0 ? db : other).transaction().execute((trx) => writeRows(trx, 1, w * 100 + n));
            if (n % 3 === 0) await sealAuditChain(w % 2 === 0 ? db : other);
          }
        })(),
      );
      await Promise.all(writers);
      await Promise.all([sealAuditChain(db), sealAuditChain(other)]);
    } finally {
      if (other !== db) await other.destroy();
    }
    const indexes = (await db.selectFrom('audit_log').select('chain_index').orderBy('chain_index').execute()).map((row) => Number(row.chain_index));
    expect(indexes).toEqual(Array.from({ length: 80 }, (_, i) => i));
    expect(await verifyAuditChain(db, 7)).toMatchObject({ ok: true, checked: 80, length: 80, break: null });
  });

  it('the check command seals first and answers a one-line verdict with its exit code', async () => {
    await writeRows(db, 3);
    const intact = await auditCheck(db);
    const head = (await db.selectFrom('audit_log').select('hash').where('chain_index', '=', 2).executeTakeFirstOrThrow()).hash;
    expect(intact).toEqual({ line: `audit chain intact: 3 row(s) verified, head ${head}`, exitCode: 0 });
    await sql`update audit_log set action = 'user.create' where chain_index = 0`.execute(db);
    const broken = await auditCheck(db);
    expect(broken.exitCode).toBe(1);
    expect(broken.line).toMatch(/^audit chain BROKEN \(edited\) at place 0: /);
  });
});

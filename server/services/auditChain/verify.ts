/**
 * Walks the sealed audit chain in chain order, a page at a time (bounded memory), recomputing
 * each row's hash from its fields and the hash before it, and reports the first break: a row whose
 * fields no longer give its hash (edited), a chain place with no row or rows cut off the end
 * (missing), or a row whose recorded previous hash is not its predecessor's (broken link).
 * Callers seal first (sealAuditChain) so every committed row is checked.
 */
import type { Kysely } from 'kysely';
import type { AuditChainBreakKind, AuditChainVerdict } from '../../../src/core/api';
import { toNumber } from '../../db/dialect';
import type { Database } from '../../db/schema';
import { auditRowHash, GENESIS_HASH } from './rowHash';

const VERIFY_PAGE = 1000;

export async function verifyAuditChain(db: Kysely<Database>, pageSize = VERIFY_PAGE): Promise<AuditChainVerdict> {
  // The head is read first: rows sealed while the walk runs lie beyond it and are left for the next check.
  const head = await db.selectFrom('audit_chain_head').select(['length', 'hash']).where('id', '=', 1).executeTakeFirst();
  if (!head) return broken(0, 0, null, 'missing', 0, null, 'the chain head row is gone');
  const length = toNumber(head.length);
  let expected = 0;
  let prevHash = GENESIS_HASH;
  while (expected < length) {
    const rows = await db
      .selectFrom('audit_log')
      .select(['seq', 'at', 'user_id', 'action', 'entity', 'entity_id', 'revision', 'detail', 'chain_index', 'prev_hash', 'hash'])
      .where('chain_index', '>=', expected)
      .where('chain_index', '<', length)
      .orderBy('chain_index')
      .limit(pageSize)
      .execute();
    if (rows.length === 0) break;
    for (const row of rows) {
      const index = toNumber(row.chain_index);
      const seq = toNumber(row.seq);
      if (index !== expected) return broken(expected, length, head.hash, 'missing', expected, null, `no row at chain place ${expected} (the next sealed row is seq ${seq} at place ${index}): a row was deleted`);
      if (row.prev_hash !== prevHash) return broken(expected, length, head.hash, 'broken-link', index, seq, `the row at chain place ${index} (seq ${seq}) does not link to the row before it`);
      if (auditRowHash(prevHash, index, row) !== row.hash) return broken(expected, length, head.hash, 'edited', index, seq, `the row at chain place ${index} (seq ${seq}) no longer matches its hash: it was changed`);
      prevHash = row.hash;
      expected += 1;
    }
  }
  if (expected < length) return broken(expected, length, head.hash, 'missing', expected, null, `the chain ends at place ${expected} but its head records ${length} rows: rows were deleted`);
  if (prevHash !== head.hash) return broken(expected, length, head.hash, 'broken-link', Math.max(length - 1, 0), null, 'the last row does not match the hash the chain head records');
  return { ok: true, checked: expected, length, headHash: head.hash, break: null };
}

function broken(checked: number, length: number, headHash: string | null, kind: AuditChainBreakKind, chainIndex: number, seq: number | null, message: string): AuditChainVerdict {
  return { ok: false, checked, length, headHash, break: { kind, chainIndex, seq, message } };
}

/** One line for the CLI and logs. */
export function verdictLine(verdict: AuditChainVerdict): string {
  return verdict.ok
    ? `audit chain intact: ${verdict.checked} row(s) verified, head ${verdict.headHash}`
    : `audit chain BROKEN (${verdict.break?.kind}) at place ${verdict.break?.chainIndex}: ${verdict.break?.message}`;
}

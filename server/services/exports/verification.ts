/**
 * Who verified the document an SR reports, and when (its Verification Flag and Verifying Observer
 * Sequence): for a reading, the reviewer whose latest decision on it approved it; for a consensus,
 * the WG leads whose decisions settled it, or, where its readers agreed throughout and there was
 * nothing to settle, the reviewers who approved every one of its readings.
 */
import type { Kysely } from 'kysely';
import type { DecidedUnit } from '../../../src/core/consensus';
import type { Database } from '../../db/schema';

export interface Verification {
  readonly userId: string;
  /** ISO-8601 UTC. */
  readonly at: string;
}

/** The approval standing on a reader's document: workflow.ts audits each review decision as `item.approve` / `item.return`. */
export async function readingApproval(db: Kysely<Database>, itemId: string, annotatorId: string): Promise<Verification | null> {
  const assignment = await db.selectFrom('assignments').select('state').where('item_id', '=', itemId).where('user_id', '=', annotatorId).executeTakeFirst();
  if (assignment?.state !== 'approved') return null;
  const latest = await db
    .selectFrom('audit_log')
    .select(['user_id', 'action', 'at'])
    .where('entity', '=', 'assignment')
    .where('entity_id', '=', `${itemId}/${annotatorId}`)
    .where('action', 'in', ['item.approve', 'item.return'])
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  return latest?.action === 'item.approve' && latest.user_id !== null ? { userId: latest.user_id, at: latest.at } : null;
}

/** Each person once, at their latest verification; earliest first. */
function latestEach(verifications: readonly Verification[]): Verification[] {
  const latest = new Map<string, Verification>();
  for (const v of verifications) {
    const known = latest.get(v.userId);
    if (!known || v.at > known.at) latest.set(v.userId, v);
  }
  return [...latest.values()].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.userId < b.userId ? -1 : 1));
}

/** The consensus of `readerIds`' handed-in readings of an item, settled by `decisions` (the current ones). */
export async function consensusVerification(db: Kysely<Database>, itemId: string, readerIds: readonly string[], decisions: readonly DecidedUnit[]): Promise<Verification[]> {
  if (decisions.length > 0) return latestEach(decisions.map((d) => ({ userId: d.decidedBy, at: d.decidedAt })));
  const approvals: Verification[] = [];
  for (const readerId of readerIds) {
    const approval = await readingApproval(db, itemId, readerId);
    if (!approval) return [];
    approvals.push(approval);
  }
  return latestEach(approvals);
}

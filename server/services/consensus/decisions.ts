/**
 * A WG lead's decisions on the units where an item's readers differ: the current one per unit,
 * and writing a new one. A changed decision is a new version; the one it replaces stays as
 * history (current = 0). Every write is audited in its transaction.
 */
import type { Kysely } from 'kysely';
import type { ConsensusDecision, DecidedUnit } from '../../../src/core/consensus';
import { isUniqueViolation, toNumber } from '../../db/dialect';
import type { Database } from '../../db/schema';
import { HttpError } from '../../http/errors';
import { writeAudit } from '../audit';

type DecisionRow = { question_id: string; target_key: string; version: number | string; decision: string; decided_by: string; decided_at: string };

function decidedUnitOf(row: DecisionRow): DecidedUnit {
  return {
    questionId: row.question_id,
    targetKey: row.target_key,
    decision: JSON.parse(row.decision) as ConsensusDecision,
    version: toNumber(row.version),
    decidedBy: row.decided_by,
    decidedAt: row.decided_at,
  };
}

/** The current decision of every decided unit of an item. */
export async function currentDecisions(db: Kysely<Database>, itemId: string): Promise<DecidedUnit[]> {
  const rows = await db
    .selectFrom('consensus_decisions')
    .select(['question_id', 'target_key', 'version', 'decision', 'decided_by', 'decided_at'])
    .where('item_id', '=', itemId)
    .where('current', '=', 1)
    .orderBy('question_id')
    .orderBy('target_key')
    .execute();
  return rows.map(decidedUnitOf);
}

/** Every decision taken on one unit, oldest first. */
export async function decisionHistory(db: Kysely<Database>, itemId: string, questionId: string, targetKey: string): Promise<DecidedUnit[]> {
  const rows = await db
    .selectFrom('consensus_decisions')
    .select(['question_id', 'target_key', 'version', 'decision', 'decided_by', 'decided_at'])
    .where('item_id', '=', itemId)
    .where('question_id', '=', questionId)
    .where('target_key', '=', targetKey)
    .orderBy('version')
    .execute();
  return rows.map(decidedUnitOf);
}

export interface Decide {
  readonly itemId: string;
  readonly questionId: string;
  readonly targetKey: string;
  readonly decision: ConsensusDecision;
  /** The version of the unit's decision the lead decided against (0: none yet). */
  readonly baseVersion: number;
  readonly deciderId: string;
}

function stale(version: number | null): HttpError {
  const now = version === null ? '' : ` (it is at version ${version})`;
  return new HttpError(412, 'precondition_failed', `this unit was decided since you looked${now}; look again and decide once more`);
}

/** Records `decide` as the unit's next version; 412 when the unit's current version is not `baseVersion`. */
export async function writeDecision(db: Kysely<Database>, decide: Decide, at: string): Promise<DecidedUnit> {
  try {
    return await db.transaction().execute(async (trx) => {
      const row = await trx
        .selectFrom('consensus_decisions')
        .select(['question_id', 'target_key', 'version', 'decision', 'decided_by', 'decided_at'])
        .where('item_id', '=', decide.itemId)
        .where('question_id', '=', decide.questionId)
        .where('target_key', '=', decide.targetKey)
        .where('current', '=', 1)
        .executeTakeFirst();
      const current = row ? decidedUnitOf(row) : null;
      if ((current?.version ?? 0) !== decide.baseVersion) throw stale(current?.version ?? 0);
      const version = decide.baseVersion + 1;
      if (current) {
        await trx
          .updateTable('consensus_decisions')
          .set({ current: 0 })
          .where('item_id', '=', decide.itemId)
          .where('question_id', '=', decide.questionId)
          .where('target_key', '=', decide.targetKey)
          .where('version', '=', current.version)
          .execute();
      }
      const decided: DecidedUnit = { questionId: decide.questionId, targetKey: decide.targetKey, decision: decide.decision, version, decidedBy: decide.deciderId, decidedAt: at };
      await trx
        .insertInto('consensus_decisions')
        .values({
          item_id: decide.itemId,
          question_id: decide.questionId,
          target_key: decide.targetKey,
          version,
          current: 1,
          decision: JSON.stringify(decide.decision),
          decided_by: decide.deciderId,
          decided_at: at,
        })
        .execute();
      await writeAudit(trx, {
        at,
        userId: decide.deciderId,
        action: 'consensus.decide',
        entity: 'consensus',
        entityId: `${decide.itemId}/${decide.questionId}/${decide.targetKey}`,
        revision: version,
        detail: { itemId: decide.itemId, questionId: decide.questionId, targetKey: decide.targetKey, decision: decide.decision },
      });
      return decided;
    });
  } catch (error) {
    // Two leads deciding the same unit at once: the second sees the first's version.
    if (isUniqueViolation(error)) throw stale(null);
    throw error;
  }
}

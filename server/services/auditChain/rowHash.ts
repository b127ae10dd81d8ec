/**
 * What a sealed audit row's hash covers: its chain place, seq and every recorded field, as a JSON
 * array in fixed order (one canonical text per row), after the previous row's hash.
 */
import { createHash } from 'node:crypto';
import { toNumber } from '../../db/dialect';

/** The hash before the first row: 64 zeros, as the chain head starts (migration 0012). */
export const GENESIS_HASH = '0'.repeat(64);

export interface ChainedFields {
  readonly seq: number | string;
  readonly at: string;
  readonly user_id: string | null;
  readonly action: string;
  readonly entity: string;
  readonly entity_id: string;
  readonly revision: number | string | null;
  readonly detail: string;
}

export function canonicalAuditRow(chainIndex: number, row: ChainedFields): string {
  return JSON.stringify([
    chainIndex,
    toNumber(row.seq),
    row.at,
    row.user_id,
    row.action,
    row.entity,
    row.entity_id,
    row.revision === null ? null : toNumber(row.revision),
    row.detail,
  ]);
}

/** sha256(prev_hash || canonical row) in hex. */
export function auditRowHash(prevHash: string, chainIndex: number, row: ChainedFields): string {
  return createHash('sha256').update(prevHash).update(canonicalAuditRow(chainIndex, row)).digest('hex');
}

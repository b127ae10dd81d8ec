/** What a model's proposal counts mean to a reader: how often people kept its proposals, and how often only after editing. */
import type { ProposalDecision } from '../annotation';

export interface ProposalRates {
  /** Proposals someone accepted, edited or rejected. */
  readonly decided: number;
  /** Accepted as proposed or after editing, as a share of decided (null before any decision). */
  readonly acceptance: number | null;
  /** Edited before being kept, as a share of decided. */
  readonly edit: number | null;
}

export function proposalRates(counts: Readonly<Record<ProposalDecision, number>>): ProposalRates {
  const decided = counts.accepted + counts.edited + counts.rejected;
  if (decided === 0) return { decided, acceptance: null, edit: null };
  return { decided, acceptance: (counts.accepted + counts.edited) / decided, edit: counts.edited / decided };
}

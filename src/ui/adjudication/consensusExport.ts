/**
 * When the adjudication screen offers the consensus as DICOM SEG and SR, and why not: the server
 * writes them only for a CT or MR series, to a WG lead, once at least two readers have handed in
 * and every difference is settled (exportSource.ts `hasCompleteConsensus`).
 */
import type { AdjudicationView, Role } from '../../core/api';
import type { ItemKind } from '../../core/item';
import { ADJUDICATE_ROLES, holdsRole } from '../../core/roles';

/** Why the consensus cannot be downloaded yet, as a message key; null once it can. */
export type ConsensusExportBlocker = 'consensusExport.blocked.tooFewReaders' | 'consensusExport.blocked.undecided';

/** Whether the buttons belong on the screen at all: a derived DICOM object exists only of a series, and only its WG lead exports the consensus. */
export function offersConsensusExport(kind: ItemKind, roles: readonly Role[]): boolean {
  return kind === 'series' && holdsRole(roles, ADJUDICATE_ROLES);
}

export function consensusExportBlocker(view: Pick<AdjudicationView, 'readers' | 'complete'>): ConsensusExportBlocker | null {
  if (view.readers.length < 2) return 'consensusExport.blocked.tooFewReaders';
  return view.complete ? null : 'consensusExport.blocked.undecided';
}

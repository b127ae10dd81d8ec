/**
 * The consensus of an adjudicated item as a release carries it: taken when complete (every
 * differing unit settled), pseudonymised (readers as `reader-N`, the deciding lead as `person-N`),
 * each record with the reader records it came from. An item without one is released as its
 * readers' approved documents.
 */
import type { Kysely } from 'kysely';
import type { ConsensusRecord } from '../../../src/core/consensus';
import type { LabelSet } from '../../../src/core/labelSet';
import type { Database } from '../../db/schema';
import { hasCompleteConsensus, itemAdjudication } from '../consensus/itemConsensus';
import type { ApprovedItem } from './approvedWork';
import type { Pseudonyms } from './pseudonyms';

export interface ReleasedConsensus {
  /** The compared readers' pseudonyms. */
  readonly readers: readonly string[];
  readonly records: readonly ConsensusRecord[];
}

export async function releasedConsensus(db: Kysely<Database>, item: ApprovedItem, labelSet: LabelSet, datasetId: string, names: Pseudonyms): Promise<ReleasedConsensus | null> {
  if (!item.adjudicated) return null;
  const adjudication = await itemAdjudication(db, { id: item.id, datasetId, title: item.title, targetIds: item.targetIds, labelSet });
  if (!hasCompleteConsensus(adjudication)) return null;
  return {
    readers: adjudication.work.map((w) => names.of(w.readerId)),
    records: adjudication.consensus.records.map((entry) => ({
      record: names.record(entry.record),
      basis: entry.basis,
      sources: entry.sources.map((source) => ({ ...source, readerId: names.of(source.readerId) })),
      decision: entry.decision && { ...entry.decision, decidedBy: names.of(entry.decision.decidedBy) },
    })),
  };
}

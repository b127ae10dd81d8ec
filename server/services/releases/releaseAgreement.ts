/**
 * The agreement figures of a release: over exactly the approved work it holds (each document as
 * approved), with readers named by their pseudonyms, so the manifest says how far the released
 * readers agreed without saying who they are.
 */
import type { Kysely } from 'kysely';
import { agreementReport, readingsOfItem, type AgreementReport, type ReaderDocument, type Reading } from '../../../src/core/agreement';
import type { LabelSet } from '../../../src/core/labelSet';
import type { Database } from '../../db/schema';
import { approvedItems, readApprovedDocument } from './approvedWork';
import type { Pseudonyms } from './pseudonyms';

/** Resamples of each bootstrap interval (seeded, so a release's figures are reproducible). */
const RESAMPLES = 400;

export async function releaseAgreement(db: Kysely<Database>, datasetId: string, labelSet: LabelSet, names: Pseudonyms, at: string): Promise<AgreementReport> {
  const readings: Reading[] = [];
  for await (const item of approvedItems(db, datasetId)) {
    if (item.documents.length < 2) continue;
    const documents: ReaderDocument[] = [];
    for (const document of item.documents) {
      const records = (await readApprovedDocument(db, item.id, document)).map((pinned) => pinned.record);
      // The release's own time stands for answers given by leaving a target unlabelled.
      documents.push({ readerId: names.of(document.annotatorId), records, submittedAt: at });
    }
    readings.push(...readingsOfItem(labelSet, { itemId: item.id, targetIds: item.targetIds }, documents));
  }
  return agreementReport(labelSet, readings, { resamples: RESAMPLES });
}

/**
 * A pull into a dataset whose policy is `required`: a PACS holds identified studies, so each
 * instance is de-identified in memory with the dataset's options and the project key, by the step
 * the CLI importer takes (server/deid/deidentifyInstance.ts), before the gate sees it. No person
 * can confirm burned-in text boxes during a pull, so an instance the policy asks to check is
 * refused, saying how to bring it in. The report names a study or series by its new UID: the
 * PACS's UIDs identify as much as the patient's name does.
 */
import { importDeidKey, keyedUid } from '../../src/core/deid/keyedHash';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { deidentifyInstance, unconfirmedPixelStep } from '../deid/deidentifyInstance';
import { readDeidKey, readDeidPolicy } from '../deid/policies';
import type { DeidentifyStep } from './store';

export const PULL_BURNED_IN_ADVICE = "retrieve it from the PACS as a file and upload it through the admin screen's upload, where a person confirms the boxes to black out";

export interface PullDeid {
  readonly deidentify: DeidentifyStep;
  /** `studies/<uid>[/series/<uid>]` with the UIDs the dataset gives them. */
  readonly shownPath: (retrievePath: string) => Promise<string>;
}

/** The dataset's de-identification for a pull; null when its policy does not require it (instances stored as they come). */
export async function pullDeidOf(db: Kysely<Database>, datasetId: string): Promise<PullDeid | null> {
  const policy = await readDeidPolicy(db, datasetId);
  if (policy.mode !== 'required') return null;
  const raw = await readDeidKey(db, policy.keyId);
  if (!raw) throw new Error(`the dataset's de-identification key ${policy.keyId} is missing`);
  const key = importDeidKey(raw);
  const pixelStep = unconfirmedPixelStep(policy.options, PULL_BURNED_IN_ADVICE);
  return {
    deidentify: (bytes) => deidentifyInstance(bytes, policy.options, key, pixelStep),
    // Segments alternate: a resource (studies, series), then its UID.
    shownPath: async (retrievePath) => retrievePath.split('/').map((segment, index) => (index % 2 === 1 ? keyedUid(key, segment) : segment)).join('/'),
  };
}

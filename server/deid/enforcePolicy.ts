/**
 * The server's gate for DICOM bytes entering a dataset: the admin upload, the CLI importer and
 * STOW-RS call it before anything is stored. Under policy `required` a file is admitted only when
 * nothing identifying is left in it (src/core/deid/identifying.ts); the verdict lists what was
 * found by attribute, never by value, so it may be answered, logged and audited.
 *
 *   const verdict = await enforceDeidPolicy(db, datasetId, bytes);
 *   if (!verdict.admitted) → refuse (reason, findings); else store, under `verdict.fileName ?? name`.
 *
 * Call it with the whole file in memory, before the blob store sees it: the blob store keeps
 * whatever it is given.
 */
import type { Kysely } from 'kysely';
import type { FileImportOutcome, ImportRefusalCode } from '../../src/core/api';
import { NotDicomError } from '../../src/core/deid/deidentify';
import { checkDeidentified, type IdentifyingFinding } from '../../src/core/deid/identifying';
import type { DeidPolicy } from '../../src/core/deid/policy';
import type { Database } from '../db/schema';
import { readDeidPolicy } from './policies';
import { isSlideLabelOrOverview } from './slideLabelInstance';

export type DeidVerdict =
  | {
      readonly admitted: true;
      readonly policy: DeidPolicy;
      /**
       * Under `required`, the name to store the file by (`<SOPInstanceUID>.dcm`): file and folder
       * names often carry the patient's name. Null under `off`: keep the given name.
       */
      readonly fileName: string | null;
    }
  | {
      readonly admitted: false;
      readonly policy: DeidPolicy;
      /** One sentence for the uploader, naming the attributes (no values). */
      readonly reason: string;
      readonly findings: readonly IdentifyingFinding[];
      /** Set where the refusal is not about attributes (a slide's label image). */
      readonly code?: ImportRefusalCode;
    };

/** The `file` of a refusal under a policy. */
export const REFUSED_FILE = '(not stored)';

export async function enforceDeidPolicy(db: Kysely<Database>, datasetId: string, bytes: Uint8Array): Promise<DeidVerdict> {
  const policy = await readDeidPolicy(db, datasetId);
  return judgeDeid(policy, bytes);
}

/** The verdict on `bytes` under a policy already read (one read for many files). */
export function judgeDeid(policy: DeidPolicy, bytes: Uint8Array): DeidVerdict {
  if (policy.mode === 'off') return { admitted: true, policy, fileName: null };
  let check: ReturnType<typeof checkDeidentified>;
  try {
    check = checkDeidentified(bytes, policy.options);
  } catch (error) {
    if (!(error instanceof NotDicomError)) throw error;
    // Stills and videos have no de-identification yet; a TIFF slide is de-identified before it gets here (deidentifySlide.ts).
    return { admitted: false, policy, reason: 'this dataset requires de-identified DICOM files; this file is not one that can be checked', findings: [] };
  }
  const { findings, sopInstanceUid } = check;
  if (isSlideLabelOrOverview(bytes)) {
    return { admitted: false, policy, reason: "a slide's label or overview image (it shows the glass label): dropped under this dataset's de-identification policy", findings: [], code: 'slideLabelDropped' };
  }
  if (findings.length > 0) {
    return { admitted: false, policy, reason: `still identifying (de-identify before upload): ${describeFindings(findings)}`, findings };
  }
  return { admitted: true, policy, fileName: /^[0-9.]{1,64}$/.test(sopInstanceUid) ? `${sopInstanceUid}.dcm` : 'instance.dcm' };
}

/** "(0010,0010) PatientName, (0010,0020) PatientID, … and 3 more" */
export function describeFindings(findings: readonly IdentifyingFinding[], shown = 12): string {
  const names = findings.slice(0, shown).map((finding) => (finding.kind === 'methodMissing' ? `method code ${finding.path}` : `${finding.path} ${finding.keyword}`));
  return findings.length > shown ? `${names.join(', ')} and ${findings.length - shown} more` : names.join(', ');
}

/**
 * A refused verdict as the importer reports a refused file. The answer does not echo the file's
 * name, which may be the patient's: the uploader knows which file it sent.
 */
export function refusalOf(verdict: Extract<DeidVerdict, { admitted: false }>): FileImportOutcome {
  const file = REFUSED_FILE;
  if (verdict.findings.length === 0) return { file, status: 'refused', reason: verdict.reason, code: verdict.code ?? 'notDeidentifiable' };
  return { file, status: 'refused', reason: verdict.reason, code: 'stillIdentifying', identifying: verdict.findings };
}

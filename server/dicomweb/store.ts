/**
 * Every DICOM instance that enters a dataset through DICOMweb (STOW-RS, a pull from a PACS) comes
 * in here: a pull's de-identification step first where the dataset requires it (a PACS holds
 * identified studies; STOW-RS gives none, its sender de-identifies), then the dataset's
 * de-identification gate (server/deid) on what that step made, then the importer every upload goes
 * through (same refusals, same blob store); the reports of the instances stored are kept with the
 * dataset, as an upload's. Only DICOM series instances: a slide, still or video part is refused,
 * as DICOMweb carries none of those here.
 */
import dicomParser from 'dicom-parser';
import type { Kysely } from 'kysely';
import type { FileImportOutcome, ImportReport } from '../../src/core/api';
import type { DeidReport } from '../../src/core/deid/deidentify';
import type { BlobStore } from '../blobs/blobStore';
import type { Database } from '../db/schema';
import type { InstanceDeid } from '../deid/deidentifyInstance';
import { enforceDeidPolicy, refusalOf } from '../deid/enforcePolicy';
import { saveDeidReport } from '../deid/policies';
import { importDicomFiles } from '../import/importFiles';
import { routeImport } from '../import/route';
import type { WorkDirs } from '../workDirs/workDirs';

export interface StoreDeps {
  readonly db: Kysely<Database>;
  readonly blobs: BlobStore;
  readonly now: () => Date;
  readonly workDirs: WorkDirs;
}

/** One instance as it arrived: a name for the report and its bytes. */
export interface ArrivedInstance {
  readonly name: string;
  readonly bytes: Uint8Array;
}

/** De-identifies one instance in memory (deidentifyInstance with the dataset's options and the project key). */
export type DeidentifyStep = (bytes: Uint8Array) => Promise<InstanceDeid>;

/** Stores the instances one at a time as they arrive; the report lists every one, refused ones too. */
export async function storeInstances(
  deps: StoreDeps,
  datasetId: string,
  instances: AsyncIterable<ArrivedInstance>,
  actorId: string | null,
  onOutcome?: (outcome: FileImportOutcome) => void,
  deidentify?: DeidentifyStep,
): Promise<ImportReport> {
  const refused: FileImportOutcome[] = [];
  const refuse = (outcome: FileImportOutcome) => {
    refused.push(outcome);
    onOutcome?.(outcome);
  };
  async function* admitted() {
    for await (const instance of instances) {
      const route = routeImport(instance.bytes);
      if (route.importer !== 'series') {
        refuse({ file: instance.name, status: 'refused', reason: 'not a DICOM instance of a series (DICOMweb here takes CT, MR and other image series)' });
        continue;
      }
      let bytes = instance.bytes;
      let deidReport: DeidReport | null = null;
      if (deidentify) {
        const step = await deidentify(bytes);
        if (step.refused) {
          refuse({ file: instance.name, status: 'refused', reason: step.reason });
          continue;
        }
        ({ bytes, report: deidReport } = step);
      }
      // The gate runs on what the step made too: a library that missed something is caught here.
      const verdict = await enforceDeidPolicy(deps.db, datasetId, bytes);
      if (!verdict.admitted) {
        // Named as it arrived (a part's number, a retrieve's path), never by its content: with the policy's code and findings.
        refuse({ ...refusalOf(verdict), file: instance.name });
        continue;
      }
      if (deidReport) reports.set(deidReport.sopInstanceUid, deidReport);
      yield { name: verdict.fileName ?? instance.name, bytes };
    }
  }
  // By new SOP Instance UID: kept for those the importer stores (or finds already there), as the CLI does.
  const reports = new Map<string, DeidReport>();
  const report = await importDicomFiles(deps.db, datasetId, admitted(), actorId, { blobs: deps.blobs, now: deps.now, workDirs: deps.workDirs, onOutcome });
  for (const outcome of report.outcomes) {
    const deidReport = outcome.status === 'refused' ? undefined : reports.get(outcome.sopInstanceUid ?? '');
    if (deidReport) await saveDeidReport(deps.db, datasetId, deidReport, deps.now().toISOString());
  }
  return { outcomes: [...refused, ...report.outcomes], itemIds: report.itemIds };
}

/** SOP Class and Instance UIDs of a file, for the store response; empty when it cannot be read. */
export function sopUidsOf(bytes: Uint8Array): { sopClassUid: string; sopInstanceUid: string } {
  try {
    const ds = dicomParser.parseDicom(bytes, { untilTag: 'x00080019' });
    return { sopClassUid: (ds.string('x00080016') ?? '').trim(), sopInstanceUid: (ds.string('x00080018') ?? '').trim() };
  } catch {
    return { sopClassUid: '', sopInstanceUid: '' };
  }
}

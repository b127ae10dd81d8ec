/**
 * Talking QIDO-RS to a PACS (a DICOMweb server we are the client of): the credentials as a header,
 * the study query, and one sentence for each way the PACS can fail us. Used by the pull (which
 * needs only the studies' UIDs) and by the admin's search before a pull (which shows the studies
 * to pick from). Nothing here stores or logs what the PACS answers: it may name patients.
 */
import type { DicomwebCredentials, PacsStudy } from '../../src/core/api';
import { TAGS, type DicomJson } from './dicomJson';

/** The PACS answered, but not with what was asked: its message is the sentence. */
export class PacsRefused extends Error {
  override readonly name = 'PacsRefused';
}

/** HTTP Basic credentials for the PACS, when a user is given. */
export function pacsHeaders(credentials: DicomwebCredentials): Record<string, string> {
  if (!credentials.username) return {};
  return { authorization: `Basic ${Buffer.from(`${credentials.username}:${credentials.password ?? ''}`).toString('base64')}` };
}

/** One sentence for what went wrong between us and the PACS during `step`. */
export function pacsFailure(error: unknown, step: string): string {
  if (error instanceof PacsRefused) return error.message;
  const message = error instanceof Error ? error.message : String(error);
  // fetch throws a TypeError for a refused connection ("fetch failed", the cause says why) and for one that drops mid-body ("terminated").
  if (error instanceof TypeError) {
    const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
    return `the PACS cannot be reached or stopped answering during ${step}: ${message}${cause}`;
  }
  return `the PACS's answer to ${step} cannot be read: ${message}`;
}

/** What the search shows of each study, asked of the PACS by tag (PACSs return only some attributes unless asked). */
const STUDY_FIELDS = [
  TAGS.StudyInstanceUID,
  TAGS.StudyDate,
  TAGS.StudyDescription,
  TAGS.ModalitiesInStudy,
  TAGS.NumberOfStudyRelatedSeries,
  TAGS.NumberOfStudyRelatedInstances,
  TAGS.AccessionNumber,
  TAGS.PatientID,
];

export interface PacsStudies {
  readonly studies: readonly PacsStudy[];
  /** The PACS had more than `limit` studies matching. */
  readonly more: boolean;
}

/**
 * The studies matching a QIDO-RS query (its keys passed as given: the PACS decides which it
 * matches on), at most `limit` of them. One more is asked for, to know whether more matched.
 * Throws PacsRefused for a PACS's refusal, fetch's TypeError when it cannot be reached.
 */
export async function queryPacsStudies(base: string, headers: Readonly<Record<string, string>>, query: Readonly<Record<string, string>>, limit: number): Promise<PacsStudies> {
  const params = new URLSearchParams({ ...query, limit: String(limit + 1) });
  for (const field of STUDY_FIELDS) params.append('includefield', field);
  const response = await fetch(`${base}/studies?${params}`, { headers: { ...headers, accept: 'application/dicom+json' } });
  if (response.status === 204) return { studies: [], more: false };
  if (!response.ok) {
    await response.body?.cancel();
    throw new PacsRefused(`the PACS answered ${response.status} ${response.statusText} to the study query`);
  }
  const answer = (await response.json()) as unknown;
  if (!Array.isArray(answer)) throw new PacsRefused('the PACS answered the study query with something other than a list of studies');
  const studies = (answer as DicomJson[]).map(studyOf).filter((study): study is PacsStudy => study !== null);
  return { studies: studies.slice(0, limit), more: studies.length > limit };
}

function studyOf(json: DicomJson): PacsStudy | null {
  const studyInstanceUid = text(json, TAGS.StudyInstanceUID);
  if (studyInstanceUid === null) return null;
  return {
    studyInstanceUid,
    studyDate: text(json, TAGS.StudyDate),
    description: text(json, TAGS.StudyDescription),
    modalities: (json[TAGS.ModalitiesInStudy]?.Value ?? []).filter((value): value is string => typeof value === 'string'),
    seriesCount: count(json, TAGS.NumberOfStudyRelatedSeries),
    instanceCount: count(json, TAGS.NumberOfStudyRelatedInstances),
    accessionNumber: text(json, TAGS.AccessionNumber),
    patientId: text(json, TAGS.PatientID),
  };
}

function text(json: DicomJson, tag: string): string | null {
  const value = json[tag]?.Value?.[0];
  return typeof value === 'string' && value !== '' ? value : null;
}

/** An IS value: a number in DICOM JSON, though some PACSs send it as a string. */
function count(json: DicomJson, tag: string): number | null {
  const value = json[tag]?.Value?.[0];
  const number = typeof value === 'string' ? Number(value) : value;
  return typeof number === 'number' && Number.isInteger(number) && number >= 0 ? number : null;
}

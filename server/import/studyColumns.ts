/**
 * A series item's study columns (migration 0023) from its files' metadata: the first file that
 * states each one. Study attributes are the same in every file of a study; a file that leaves
 * one empty does not blank what another states.
 */
import type { DicomInstanceMeta } from '../dicom/parse';

export interface StudyColumns {
  readonly study_date: string | null;
  readonly study_time: string | null;
  readonly accession_number: string | null;
  readonly study_description: string | null;
  readonly series_number: number | null;
}

export function studyColumnsOf(metas: readonly DicomInstanceMeta[]): StudyColumns {
  const first = (read: (meta: DicomInstanceMeta) => string | undefined): string | null => metas.map(read).find((value) => value !== undefined && value.trim() !== '')?.trim() ?? null;
  return {
    study_date: first((meta) => meta.studyDate),
    study_time: first((meta) => meta.studyTime),
    accession_number: first((meta) => meta.accessionNumber),
    study_description: first((meta) => meta.studyDescription),
    series_number: metas.map((meta) => meta.seriesNumber).find((n): n is number => typeof n === 'number') ?? null,
  };
}

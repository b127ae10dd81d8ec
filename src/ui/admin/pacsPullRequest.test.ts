import { describe, expect, it } from 'vitest';
import { EMPTY_PACS_PULL_FORM, pacsPullRequest, type PacsPullForm } from './pacsPullRequest';

const form = (change: Partial<PacsPullForm>): PacsPullForm => ({ ...EMPTY_PACS_PULL_FORM, baseUrl: ' http://pacs:8042/dicom-web ', ...change });

describe('the PACS pull request', () => {
  it('names a study, and a series of it where one is given, without empty fields', () => {
    expect(pacsPullRequest(form({ studyInstanceUid: ' 1.2.3 ' }))).toEqual({ request: { baseUrl: 'http://pacs:8042/dicom-web', studyInstanceUid: '1.2.3' } });
    expect(pacsPullRequest(form({ studyInstanceUid: '1.2.3', seriesInstanceUid: '1.2.3.4' }))).toEqual({
      request: { baseUrl: 'http://pacs:8042/dicom-web', studyInstanceUid: '1.2.3', seriesInstanceUid: '1.2.3.4' },
    });
  });

  it('sends a user with the password as typed, and no password without a user', () => {
    expect(pacsPullRequest(form({ studyInstanceUid: '1.2', username: ' orthanc ', password: ' pw ' }))).toEqual({
      request: { baseUrl: 'http://pacs:8042/dicom-web', username: 'orthanc', password: ' pw ', studyInstanceUid: '1.2' },
    });
    expect(pacsPullRequest(form({ studyInstanceUid: '1.2', password: 'pw' }))).toEqual({ request: { baseUrl: 'http://pacs:8042/dicom-web', studyInstanceUid: '1.2' } });
  });

  it('reads a query one Key=Value a line, blank lines skipped, and ignores the study fields', () => {
    const result = pacsPullRequest(form({ scope: 'query', studyInstanceUid: '1.2', queryText: 'StudyDate=20240101-20240131\n\n ModalitiesInStudy = CT \n' }));
    expect(result).toEqual({ request: { baseUrl: 'http://pacs:8042/dicom-web', query: { StudyDate: '20240101-20240131', ModalitiesInStudy: 'CT' } } });
  });

  it('says what is missing or malformed instead of sending it', () => {
    expect(pacsPullRequest(form({ baseUrl: '  ', studyInstanceUid: '1.2' }))).toEqual({ problem: 'pacsPull.problem.baseUrl' });
    expect(pacsPullRequest(form({ studyInstanceUid: ' ' }))).toEqual({ problem: 'pacsPull.problem.study' });
    expect(pacsPullRequest(form({ scope: 'query', queryText: 'StudyDate=2024\nCT' }))).toEqual({ problem: 'pacsPull.problem.queryLine', line: 'CT' });
    expect(pacsPullRequest(form({ scope: 'query', queryText: '=CT' }))).toEqual({ problem: 'pacsPull.problem.queryLine', line: '=CT' });
    expect(pacsPullRequest(form({ scope: 'query', queryText: '\n' }))).toEqual({ problem: 'pacsPull.problem.queryEmpty' });
  });
});

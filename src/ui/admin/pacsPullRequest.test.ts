import { describe, expect, it } from 'vitest';
import { EMPTY_PACS_PULL_FORM, pacsPullRequest, pacsQueryRequest, pickedPullRequest, type PacsPullForm } from './pacsPullRequest';

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

  it('searches with the same query lines, and refuses the same mistakes', () => {
    expect(pacsQueryRequest(form({ username: 'u', password: 'p', queryText: 'PatientID=P1\nModalitiesInStudy=CT' }))).toEqual({
      request: { baseUrl: 'http://pacs:8042/dicom-web', username: 'u', password: 'p', query: { PatientID: 'P1', ModalitiesInStudy: 'CT' } },
    });
    expect(pacsQueryRequest(form({ queryText: '' }))).toEqual({ problem: 'pacsPull.problem.queryEmpty' });
    expect(pacsQueryRequest(form({ baseUrl: '', queryText: 'PatientID=P1' }))).toEqual({ problem: 'pacsPull.problem.baseUrl' });
  });

  it('pulls the picked studies from the PACS the search asked, as its user, without its query', () => {
    const search = { baseUrl: 'http://pacs/dicom-web', username: 'u', password: 'p', query: { PatientID: 'P1' } };
    expect(pickedPullRequest(search, ['1.2', '1.3'])).toEqual({ baseUrl: 'http://pacs/dicom-web', username: 'u', password: 'p', studyInstanceUids: ['1.2', '1.3'] });
    expect(pickedPullRequest({ baseUrl: 'http://pacs/dicom-web', query: { PatientID: 'P1' } }, ['1.2'])).toEqual({ baseUrl: 'http://pacs/dicom-web', studyInstanceUids: ['1.2'] });
  });
});

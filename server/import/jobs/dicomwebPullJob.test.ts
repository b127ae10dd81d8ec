/** A PACS pull's job: named by host and UIDs, its request read back from its blob, its password never stored, nor its studies under de-identification. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readWholeBlob, type BlobStore } from '../../blobs/blobStore';
import { blobStoreIn } from '../../blobs/diskBlobStore';
import { dicomwebPullJobName, isDicomwebPullJob, PASSWORD_NOT_KEPT, pullJobSource, pullRequestOfJob, STUDIES_NOT_KEPT } from './dicomwebPullJob';

describe('DICOMweb pull job', () => {
  let dir = '';
  let blobs: BlobStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'mejirushi-pull-job-'));
    blobs = blobStoreIn(dir);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is named by the PACS host and the UIDs it pulls, never by a query\'s values', () => {
    const baseUrl = 'http://pacs.example:8042/dicom-web';
    expect(dicomwebPullJobName({ baseUrl, studyInstanceUid: '1.2.3' })).toBe('pacs.example:8042: study 1.2.3');
    expect(dicomwebPullJobName({ baseUrl, studyInstanceUid: '1.2.3', seriesInstanceUid: '1.2.3.4' })).toBe('pacs.example:8042: series 1.2.3.4');
    expect(dicomwebPullJobName({ baseUrl, query: { PatientName: 'SATO^HANAKO' } })).toBe('pacs.example:8042: query');
    expect(dicomwebPullJobName({ baseUrl, studyInstanceUids: ['1.2.3'] })).toBe('pacs.example:8042: study 1.2.3');
    expect(dicomwebPullJobName({ baseUrl, studyInstanceUids: ['1.2.3', '1.2.4'] })).toBe('pacs.example:8042: 2 picked studies');
    expect(isDicomwebPullJob({ kind: 'dicomwebPull' })).toBe(true);
    expect(isDicomwebPullJob({ kind: 'stillsFolder' })).toBe(false);
  });

  it('keeps the request without its password, and gives it back only with the password the job holds', async () => {
    const request = { baseUrl: 'http://pacs/dicom-web', username: 'puller', password: 's3cret', query: { StudyDate: '20240101' } };
    const { manifest, secret, fileName } = await pullJobSource(blobs, request, false);
    expect(fileName).toBe('pacs: query');
    expect((await readWholeBlob(blobs, manifest.sha256)).toString('utf8')).not.toContain('s3cret');
    expect(await pullRequestOfJob(blobs, { source_sha256: manifest.sha256 }, secret)).toEqual(request);
    await expect(pullRequestOfJob(blobs, { source_sha256: manifest.sha256 }, undefined)).rejects.toThrow(PASSWORD_NOT_KEPT);

    const open = await pullJobSource(blobs, { baseUrl: 'http://pacs/dicom-web', studyInstanceUid: '1.2.3' }, false);
    expect(open.secret).toBeUndefined();
    expect(await pullRequestOfJob(blobs, { source_sha256: open.manifest.sha256 }, undefined)).toEqual({ baseUrl: 'http://pacs/dicom-web', studyInstanceUid: '1.2.3' });
  });

  it('holds the studies in memory, never in its blob or name, when the dataset requires de-identification', async () => {
    const picked = { baseUrl: 'http://pacs/dicom-web', studyInstanceUids: ['1.2.840.99.1', '1.2.840.99.2'] };
    const held = await pullJobSource(blobs, picked, true);
    expect(held.fileName).toBe('pacs: 2 picked studies');
    expect((await readWholeBlob(blobs, held.manifest.sha256)).toString('utf8')).not.toContain('1.2.840.99');
    expect(await pullRequestOfJob(blobs, { source_sha256: held.manifest.sha256 }, held.secret)).toEqual(picked);
    await expect(pullRequestOfJob(blobs, { source_sha256: held.manifest.sha256 }, undefined)).rejects.toThrow(STUDIES_NOT_KEPT);

    const query = { baseUrl: 'http://pacs/dicom-web', username: 'puller', password: 's3cret', query: { PatientName: 'SATO^HANAKO' } };
    const both = await pullJobSource(blobs, query, true);
    expect(both.fileName).toBe('pacs: query');
    expect((await readWholeBlob(blobs, both.manifest.sha256)).toString('utf8')).not.toMatch(/SATO|s3cret/);
    expect(await pullRequestOfJob(blobs, { source_sha256: both.manifest.sha256 }, both.secret)).toEqual(query);
    const series = await pullJobSource(blobs, { baseUrl: 'http://pacs/dicom-web', studyInstanceUid: '1.2.3', seriesInstanceUid: '1.2.3.4' }, true);
    expect(series.fileName).toBe('pacs: one series');
  });
});

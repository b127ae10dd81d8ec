import { describe, expect, it } from 'vitest';
import type { FileImportOutcome, ImportJob, StagedFileAnswer } from '../../core/api';
import type { FileCheck } from '../../../workers/deid/messages';
import type { UploadSource } from './deidentifyUpload';
import { stagedDeidUpload, type StagedRows } from './stagedDeidUpload';
import type { StagedUploadApi } from './stagedUpload';

const DEIDENTIFIED: FileCheck = { kind: 'deidentified', sopInstanceUid: '1.2', burnedIn: null };
const NOT_DICOM: FileCheck = { kind: 'notDicom' };
const source = (name: string): UploadSource => async () => ({ upload: { name, parts: [name], size: name.length, type: 'application/dicom', report: null, reportBytes: null }, release: () => {} });
const imported = (file: string): FileImportOutcome => ({ file, status: 'imported' }) as FileImportOutcome;

/** A server that keeps every file except those named in `refuse`, and imports `outcomes` on commit. */
function fakeApi(outcomes: readonly FileImportOutcome[], refuse: readonly string[] = []) {
  const calls: string[] = [];
  const answerOf = (index: number, name: string): StagedFileAnswer =>
    refuse.includes(name) ? { index, staged: false, outcome: { file: name, status: 'refused', reason: 'identifying' } as FileImportOutcome } : { index, staged: true, size: 1 };
  const api: StagedUploadApi = {
    openStagedUpload: async () => {
      calls.push('open');
      return { id: 'u', datasetId: 'd' };
    },
    stageFile: async (_id, index, name): Promise<StagedFileAnswer> => {
      calls.push(`stage ${index} ${name}`);
      return answerOf(index, name);
    },
    stageFiles: async (_id, parts) => {
      for (const { index, name } of parts) calls.push(`stage ${index} ${name}`);
      return { answers: parts.map(({ index, name }) => answerOf(index, name)) };
    },
    commitStagedUpload: async () => {
      calls.push('commit');
      return { id: 'j', datasetId: 'd', fileName: 'staged', kind: 'stagedUpload', createdAt: '', updatedAt: '', state: 'done', report: { outcomes, itemIds: [] } } as ImportJob;
    },
    abortStagedUpload: async () => void calls.push('abort'),
    getImportJob: async () => {
      throw new Error('the commit answered a finished job');
    },
  };
  return { api, calls };
}

function recordingRows() {
  const seen: string[] = [];
  const rows: StagedRows = {
    progress: () => {},
    answered: (index, answer) => seen.push(`${index} ${answer.staged ? 'staged' : 'refused'}`),
    failed: (index) => seen.push(`${index} failed`),
    job: (job) => seen.push(`job ${job.state}`),
    imported: (index, outcome) => seen.push(`${index} ${outcome.status}`),
  };
  return { rows, seen };
}

describe('stagedDeidUpload', () => {
  it('stages de-identified rows as they are checked, leaves the others, sends the reviewed ones, then matches the outcomes by name', async () => {
    const fake = fakeApi([imported('b.dcm'), imported('a.dcm')]);
    const { rows, seen } = recordingRows();
    const upload = stagedDeidUpload(fake.api, 'd', rows);
    upload.ready(0, source('a.dcm'), DEIDENTIFIED);
    upload.ready(1, source('slide.svs'), NOT_DICOM);
    expect([upload.takes(0), upload.takes(1)]).toEqual([true, false]);
    await upload.finish([{ index: 2, source: source('b.dcm') }]);
    expect(fake.calls).toEqual(['open', 'stage 0 a.dcm', 'stage 2 b.dcm', 'commit']);
    expect(seen).toEqual(['0 staged', '2 staged', 'job done', '2 imported', '0 imported']);
  });

  it('gives a staged row the job left out an error, and a refused row its refusal', async () => {
    const fake = fakeApi([imported('a.dcm')], ['c.dcm']);
    const { rows, seen } = recordingRows();
    const upload = stagedDeidUpload(fake.api, 'd', rows);
    upload.ready(0, source('a.dcm'), DEIDENTIFIED);
    upload.ready(1, source('b.dcm'), DEIDENTIFIED);
    upload.ready(2, source('c.dcm'), DEIDENTIFIED);
    await upload.finish([]);
    // The rows' answers come as their lanes' batches are answered, in no set order; the commit after all of them.
    expect([seen.slice(0, 3).sort(), seen.slice(3)]).toEqual([
      ['0 staged', '1 staged', '2 refused'],
      ['job done', '0 imported', '1 failed'],
    ]);
  });

  it('discards the session rather than commit nothing, when every row was refused', async () => {
    const fake = fakeApi([], ['a.dcm']);
    const upload = stagedDeidUpload(fake.api, 'd', recordingRows().rows);
    upload.ready(0, source('a.dcm'), DEIDENTIFIED);
    await upload.finish([]);
    expect(fake.calls).toEqual(['open', 'stage 0 a.dcm', 'abort']);
  });

  it('aborts: what was sent is discarded, nothing is committed, and a row checked after it is not sent', async () => {
    const fake = fakeApi([]);
    const upload = stagedDeidUpload(fake.api, 'd', recordingRows().rows);
    upload.ready(0, source('a.dcm'), DEIDENTIFIED);
    await upload.abort();
    upload.ready(1, source('b.dcm'), DEIDENTIFIED);
    expect(fake.calls).toEqual(['open', 'stage 0 a.dcm', 'abort']);
    expect(upload.takes(1)).toBe(false);
  });

  it('stops before the commit: the rows on the wire end, nothing more is sent, the session is discarded, not committed', async () => {
    const fake = fakeApi([imported('a.dcm')]);
    let release = () => {};
    const onTheWire = new Promise<void>((resolve) => (release = resolve));
    const stageFiles = fake.api.stageFiles;
    fake.api.stageFiles = async (...args) => {
      await onTheWire;
      return stageFiles(...args);
    };
    const upload = stagedDeidUpload(fake.api, 'd', recordingRows().rows);
    upload.ready(0, source('a.dcm'), DEIDENTIFIED);
    const finished = upload.finish([]);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(upload.stop()).toBe(true);
    upload.ready(1, source('b.dcm'), DEIDENTIFIED);
    release();
    await finished;
    await upload.abort();
    expect(fake.calls).toEqual(['open', 'stage 0 a.dcm', 'abort']);
  });

  it('does not stop once the commit is asked: the import goes on', async () => {
    const fake = fakeApi([imported('a.dcm')]);
    const upload = stagedDeidUpload(fake.api, 'd', recordingRows().rows);
    const commit = fake.api.commitStagedUpload;
    let stoppedAtCommit: boolean | null = null;
    fake.api.commitStagedUpload = (id) => {
      stoppedAtCommit = upload.stop();
      return commit(id);
    };
    upload.ready(0, source('a.dcm'), DEIDENTIFIED);
    await upload.finish([]);
    expect(stoppedAtCommit).toBe(false);
    expect(fake.calls).toEqual(['open', 'stage 0 a.dcm', 'commit']);
  });

  it('opens no session when no file is de-identified (a slide-only upload): nothing to commit or discard', async () => {
    const fake = fakeApi([]);
    const { rows, seen } = recordingRows();
    const upload = stagedDeidUpload(fake.api, 'd', rows);
    upload.ready(0, source('slide.svs'), NOT_DICOM);
    await upload.finish([]);
    await upload.abort();
    expect(fake.calls).toEqual([]);
    expect(seen).toEqual([]);
  });

  it('opens the session with the first file, once, whether it comes from the check or the review', async () => {
    const fake = fakeApi([imported('a.dcm'), imported('b.dcm')]);
    const upload = stagedDeidUpload(fake.api, 'd', recordingRows().rows);
    expect(fake.calls).toEqual([]);
    await upload.finish([
      { index: 0, source: source('a.dcm') },
      { index: 1, source: source('b.dcm') },
    ]);
    expect(fake.calls).toEqual(['open', 'stage 0 a.dcm', 'stage 1 b.dcm', 'commit']);
  });

  it('fails each row sent when the session cannot be opened, and commits nothing', async () => {
    const fake = fakeApi([]);
    fake.api.openStagedUpload = async () => {
      throw new Error('no staged uploads here');
    };
    const { rows, seen } = recordingRows();
    const upload = stagedDeidUpload(fake.api, 'd', rows);
    upload.ready(0, source('a.dcm'), DEIDENTIFIED);
    upload.ready(1, source('b.dcm'), DEIDENTIFIED);
    await upload.finish([]);
    expect(seen).toEqual(['0 failed', '1 failed']);
    expect(fake.calls).toEqual([]);
  });
});

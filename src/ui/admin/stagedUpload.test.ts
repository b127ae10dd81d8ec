import { describe, expect, it } from 'vitest';
import type { ImportJob, StagedBatchAnswer, StagedFileAnswer } from '../../core/api';
import type { DeidReport } from '../../core/deid/deidentify';
import { MAX_STAGED_BATCH_BYTES, MAX_STAGED_BATCH_FILES } from '../../core/staged/stagedParts';
import { ApiRequestError } from '../../data/api';
import type { PreparedUpload, UploadSource } from './deidentifyUpload';
import { StagedUploadSession, type StagedUploadApi } from './stagedUpload';

const REPORT: DeidReport = { sopInstanceUid: '1.2.3', methodCodes: ['113100'], dayShift: null, entries: [] };
const upload = (name: string, size = name.length): PreparedUpload => ({ name, parts: [name], size, type: 'application/dicom', report: null, reportBytes: null });
const source = (name: string, released: string[]): UploadSource => async () => ({ upload: upload(name), release: () => released.push(name) });
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

function fakeApi() {
  const calls: string[] = [];
  let inFlight = 0;
  let most = 0;
  const finishers: (() => void)[] = [];
  const job = (state: 'queued' | 'done'): ImportJob =>
    state === 'queued'
      ? { id: 'j', datasetId: 'd', fileName: '2 staged files', kind: 'stagedUpload', createdAt: '', updatedAt: '', state: 'queued' }
      : ({ id: 'j', datasetId: 'd', fileName: '2 staged files', kind: 'stagedUpload', createdAt: '', updatedAt: '', state: 'done', report: { outcomes: [], itemIds: ['i'] } } as ImportJob);
  let polls = 0;
  const api: StagedUploadApi = {
    openStagedUpload: async () => ({ id: 'u', datasetId: 'd' }),
    stageFile: (_id, index, name) => {
      calls.push(`stage ${index} ${name}`);
      inFlight += 1;
      most = Math.max(most, inFlight);
      return new Promise<StagedFileAnswer>((resolve) =>
        finishers.push(() => {
          inFlight -= 1;
          resolve({ index, staged: true, size: 1 });
        }),
      );
    },
    stageFiles: (_id, parts) => {
      calls.push(`batch ${parts.map((part) => `${part.index} ${part.name}`).join(', ')}`);
      inFlight += 1;
      most = Math.max(most, inFlight);
      return new Promise<StagedBatchAnswer>((resolve) =>
        finishers.push(() => {
          inFlight -= 1;
          resolve({ answers: parts.map((part) => ({ index: part.index, staged: true, size: part.bytes })) });
        }),
      );
    },
    commitStagedUpload: async () => (calls.push('commit'), job('queued')),
    abortStagedUpload: async () => void calls.push('abort'),
    getImportJob: async () => ((polls += 1), job(polls < 2 ? 'queued' : 'done')),
  };
  return { api, calls, most: () => most, finishAll: () => finishers.splice(0).forEach((finish) => finish()) };
}

describe('StagedUploadSession', () => {
  it('sends rows as they come, every row waiting when a lane is free in one batch, at most `parallel` requests at once, and commits once all are answered, following the job to its end', async () => {
    const fake = fakeApi();
    const answered: number[] = [];
    const released: string[] = [];
    const session = await StagedUploadSession.open(fake.api, 'd', 2, { progress: () => {}, answered: (index) => answered.push(index), failed: (_i, error) => { throw error; } });
    for (const index of [0, 1, 2, 3]) session.send(index, source(`${index}.dcm`, released));
    await tick();
    expect(fake.most()).toBe(2);
    const jobs: string[] = [];
    const committed = session.commit((job) => jobs.push(job.state), 0, async () => {});
    while (answered.length < 4) {
      fake.finishAll();
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    const report = await committed;
    expect(report.itemIds).toEqual(['i']);
    // Each lane took row 0 or 1 first, and the rows that came while it was making that one.
    expect(fake.calls).toEqual(['batch 0 0.dcm, 2 2.dcm', 'batch 1 1.dcm, 3 3.dcm', 'commit']);
    expect(jobs).toEqual(['queued', 'queued', 'done']);
    expect(released.sort()).toEqual(['0.dcm', '1.dcm', '2.dcm', '3.dcm']);
  });

  it('drops rows not yet sent on abort and discards the session', async () => {
    const fake = fakeApi();
    const session = await StagedUploadSession.open(fake.api, 'd', 1, { progress: () => {}, answered: () => {}, failed: () => {} });
    session.send(0, source('0.dcm', []));
    await tick();
    for (const index of [1, 2]) session.send(index, source(`${index}.dcm`, []));
    const aborted = session.abort();
    fake.finishAll();
    await aborted;
    expect(fake.calls).toEqual(['batch 0 0.dcm', 'abort']);
  });

  it("sends de-identified files' bodies as prepared, back to back in one body, each with its report's length for the server to split it", async () => {
    const fake = fakeApi();
    const sent: { body: string; parts: string }[] = [];
    const api: StagedUploadApi = {
      ...fake.api,
      stageFiles: async (_id, parts, body) => (sent.push({ body: await body.text(), parts: JSON.stringify(parts) }), { answers: parts.map((part) => ({ index: part.index, staged: true, size: part.bytes })) }),
    };
    const session = await StagedUploadSession.open(api, 'd', 1, { progress: () => {}, answered: () => {}, failed: (_i, error) => { throw error; } });
    const json = JSON.stringify(REPORT);
    const reported = (name: string, file: string): UploadSource => async () => ({ upload: { name, parts: [json, new Blob([file])], size: json.length + file.length, type: 'application/dicom', report: REPORT, reportBytes: String(json.length) }, release: () => {} });
    session.send(0, reported('1.2.3.dcm', 'DICM'));
    session.send(1, reported('1.2.4.dcm', 'DICM!'));
    await session.sent();
    expect(sent).toEqual([
      {
        body: `${json}DICM${json}DICM!`,
        parts: JSON.stringify([
          { index: 0, bytes: json.length + 4, reportBytes: json.length, name: '1.2.3.dcm' },
          { index: 1, bytes: json.length + 5, reportBytes: json.length, name: '1.2.4.dcm' },
        ]),
      },
    ]);
  });

  it('answers each row of a batch for itself: staged, refused, failed with its own error, or not answered', async () => {
    const fake = fakeApi();
    const refused = { file: '1.dcm', status: 'refused', reason: 'identifying' } as const;
    const api: StagedUploadApi = {
      ...fake.api,
      stageFiles: async () => ({
        answers: [
          { index: 0, staged: true, size: 5 },
          { index: 1, staged: false, outcome: refused },
          { index: 2, staged: false, status: 413, error: { error: 'quota_exceeded', message: 'over quota' } },
        ],
      }),
    };
    const answered: string[] = [];
    const failed: string[] = [];
    const session = await StagedUploadSession.open(api, 'd', 1, {
      progress: () => {},
      answered: (index, answer) => answered.push(`${index} ${answer.staged}`),
      failed: (index, error) => failed.push(`${index} ${error instanceof ApiRequestError ? `${error.status} ${error.code}` : (error as Error).message}`),
    });
    for (const index of [0, 1, 2, 3]) session.send(index, source(`${index}.dcm`, []));
    await session.sent();
    expect(answered).toEqual(['0 true', '1 false']);
    expect(failed).toEqual(['2 413 quota_exceeded', '3 the server did not answer for this file']);
  });

  it('fails every row of a batch whose request failed, and lets each go', async () => {
    const fake = fakeApi();
    const api: StagedUploadApi = { ...fake.api, stageFiles: async () => Promise.reject(new Error('offline')) };
    const failed: string[] = [];
    const released: string[] = [];
    const session = await StagedUploadSession.open(api, 'd', 1, { progress: () => {}, answered: () => {}, failed: (index, error) => failed.push(`${index} ${(error as Error).message}`) });
    for (const index of [0, 1]) session.send(index, source(`${index}.dcm`, released));
    await session.sent();
    expect(failed).toEqual(['0 offline', '1 offline']);
    expect(released).toEqual(['0.dcm', '1.dcm']);
  });

  it('fails a row whose file could not be made and sends the others', async () => {
    const fake = fakeApi();
    const failed: number[] = [];
    const session = await StagedUploadSession.open(fake.api, 'd', 1, { progress: () => {}, answered: () => {}, failed: (index) => failed.push(index) });
    session.send(0, async () => Promise.reject(new Error('the worker stopped')));
    session.send(1, source('1.dcm', []));
    await tick();
    fake.finishAll();
    await session.sent();
    expect([failed, fake.calls]).toEqual([[0], ['batch 1 1.dcm']]);
  });

  it('cuts batches at the files and bytes a batch holds, and sends a file larger than a batch alone', async () => {
    const fake = fakeApi();
    const session = await StagedUploadSession.open(fake.api, 'd', 1, { progress: () => {}, answered: () => {}, failed: (_i, error) => { throw error; } });
    const rows = MAX_STAGED_BATCH_FILES + 2;
    for (let index = 0; index < rows; index += 1) session.send(index, async () => ({ upload: upload(`${index}.dcm`, index === 1 ? MAX_STAGED_BATCH_BYTES + 1 : 10), release: () => {} }));
    const sent = session.sent();
    for (let turn = 0; turn < 20; turn += 1) {
      await tick();
      fake.finishAll();
    }
    await sent;
    const counts = fake.calls.map((call) => (call.startsWith('batch') ? `batch of ${call.split(',').length}` : call));
    // Row 1 alone fills a batch's bytes: rows 0 and 1 are one turn of the lane, then a batch's count of rows.
    expect(counts).toEqual(['batch of 1', 'stage 1 1.dcm', `batch of ${MAX_STAGED_BATCH_FILES}`]);
  });

  it("tells each row's progress from the batch's bytes sent, only when that row's count moved", async () => {
    const fake = fakeApi();
    const api: StagedUploadApi = {
      ...fake.api,
      stageFiles: async (_id, parts, _body, options) => {
        for (const sent of [0, 3, 3, 8, 12]) options?.onProgress?.(sent, 12);
        return { answers: parts.map((part) => ({ index: part.index, staged: true, size: part.bytes })) };
      },
    };
    const progress: string[] = [];
    const session = await StagedUploadSession.open(api, 'd', 1, { progress: (index, sent) => progress.push(`${index}:${sent}`), answered: () => {}, failed: (_i, error) => { throw error; } });
    session.send(0, async () => ({ upload: upload('a', 5), release: () => {} }));
    session.send(1, async () => ({ upload: upload('b', 7), release: () => {} }));
    await session.sent();
    expect(progress).toEqual(['0:0', '1:0', '0:3', '0:5', '1:3', '1:7']);
  });
});

import { describe, expect, it } from 'vitest';
import type { ImportJob, StagedFileAnswer } from '../../core/api';
import type { DeidReport } from '../../core/deid/deidentify';
import type { UploadSource } from './deidentifyUpload';
import { StagedUploadSession, type StagedUploadApi } from './stagedUpload';

const REPORT: DeidReport = { sopInstanceUid: '1.2.3', methodCodes: ['113100'], dayShift: null, entries: [] };
const source = (name: string, released: string[]): UploadSource => async () => ({ upload: { name, body: new Blob([name]), report: null, reportBytes: null }, release: () => released.push(name) });

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
    commitStagedUpload: async () => (calls.push('commit'), job('queued')),
    abortStagedUpload: async () => void calls.push('abort'),
    getImportJob: async () => ((polls += 1), job(polls < 2 ? 'queued' : 'done')),
  };
  return { api, calls, most: () => most, finishAll: () => finishers.splice(0).forEach((finish) => finish()) };
}

describe('StagedUploadSession', () => {
  it('sends rows as they come, at most `parallel` at once, and commits once all are answered, following the job to its end', async () => {
    const fake = fakeApi();
    const answered: number[] = [];
    const released: string[] = [];
    const session = await StagedUploadSession.open(fake.api, 'd', 2, { progress: () => {}, answered: (index) => answered.push(index), failed: (_i, error) => { throw error; } });
    for (const index of [0, 1, 2]) session.send(index, source(`${index}.dcm`, released));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(fake.most()).toBe(2);
    const jobs: string[] = [];
    const committed = session.commit((job) => jobs.push(job.state), 0, async () => {});
    while (answered.length < 3) {
      fake.finishAll();
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    const report = await committed;
    expect(report.itemIds).toEqual(['i']);
    expect(fake.calls).toEqual(['stage 0 0.dcm', 'stage 1 1.dcm', 'stage 2 2.dcm', 'commit']);
    expect(jobs).toEqual(['queued', 'queued', 'done']);
    expect(released.sort()).toEqual(['0.dcm', '1.dcm', '2.dcm']);
  });

  it('drops rows not yet sent on abort and discards the session', async () => {
    const fake = fakeApi();
    const session = await StagedUploadSession.open(fake.api, 'd', 1, { progress: () => {}, answered: () => {}, failed: () => {} });
    for (const index of [0, 1, 2]) session.send(index, source(`${index}.dcm`, []));
    await new Promise((resolve) => setTimeout(resolve, 0));
    const aborted = session.abort();
    fake.finishAll();
    await aborted;
    expect(fake.calls).toEqual(['stage 0 0.dcm', 'abort']);
  });

  it("sends a de-identified file's body as prepared, with its report's length for the server to split it", async () => {
    const fake = fakeApi();
    const sent: { body: string; reportBytes: string | null | undefined }[] = [];
    const api: StagedUploadApi = { ...fake.api, stageFile: async (_id, index, _name, body, upload) => (sent.push({ body: await body.text(), reportBytes: upload?.reportBytes }), { index, staged: true, size: body.size }) };
    const session = await StagedUploadSession.open(api, 'd', 1, { progress: () => {}, answered: () => {}, failed: (_i, error) => { throw error; } });
    const json = JSON.stringify(REPORT);
    session.send(0, async () => ({ upload: { name: '1.2.3.dcm', body: new Blob([json, 'DICM']), report: REPORT, reportBytes: String(json.length) }, release: () => {} }));
    await session.sent();
    expect(sent).toEqual([{ body: `${json}DICM`, reportBytes: String(json.length) }]);
  });
});

/**
 * The staged-upload API (src/ui/admin/stagedUpload.ts's `StagedUploadApi`) as the deid bench's
 * sink: each staged file or batch of files is sent over `mode` (sendOver.ts: read through, or
 * POSTed to the page server's sink) and kept; the commit answers a finished job importing every kept file by name, as
 * the dataset server's would. No dataset server's work, so what is measured is the browser's.
 */
import type { FileImportOutcome, ImportJob } from '../../src/core/api';
import type { StagedUploadApi } from '../../src/ui/admin/stagedUpload';
import { sendBatchOver, sendOver, type SendMode } from './sendOver';

export interface StagedSink {
  readonly api: StagedUploadApi;
  /** Files staged and the bytes of their bodies (report and file) sent. */
  counts(): { readonly sent: number; readonly sentBytes: number };
}

export function stagedSink(mode: SendMode): StagedSink {
  const names: string[] = [];
  let sentBytes = 0;
  const job = (outcomes: readonly FileImportOutcome[]): ImportJob => ({
    id: 'bench-job',
    datasetId: 'bench',
    fileName: 'staged',
    kind: 'stagedUpload',
    createdAt: '',
    updatedAt: '',
    state: 'done',
    report: { outcomes, itemIds: ['bench-item'] },
  });
  const api: StagedUploadApi = {
    openStagedUpload: async (datasetId) => ({ id: 'bench-upload', datasetId }),
    async stageFile(_id, index, name, body, upload) {
      const bytes = await sendOver(mode, { name, body, reportBytes: upload?.reportBytes ?? null });
      sentBytes += bytes;
      names.push(name);
      return { index, staged: true, size: bytes };
    },
    async stageFiles(_id, parts, body) {
      // Read first, then added: `sentBytes += await …` would add to the value before the await, losing the other lane's bytes.
      const bytes = await sendBatchOver(mode, parts, body);
      sentBytes += bytes;
      names.push(...parts.map((part) => part.name));
      return { answers: parts.map((part) => ({ index: part.index, staged: true, size: part.bytes })) };
    },
    commitStagedUpload: async () => job(names.map((file) => ({ file, status: 'imported', itemId: 'bench-item' }))),
    abortStagedUpload: async () => {},
    getImportJob: async () => {
      throw new Error('the bench sink answers the commit with a finished job');
    },
  };
  return { api, counts: () => ({ sent: names.length, sentBytes }) };
}

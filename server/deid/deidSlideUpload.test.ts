/**
 * Issue 11's privacy check for slides, end to end: a real server process, a PHI-laden Aperio slide
 * (label and macro images, PHI in its ImageDescription fields and TIFF tags, a patient's file
 * name) uploaded over real HTTP into a dataset whose policy is `required`. It comes in as a
 * de-identified slide under a pseudonymous name with its report; then not one PHI string is in
 * the database file, any blob, the server's output or the API's answers.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DeidReportsAnswer, ImportJob, ItemDetail } from '../../src/core/api';
import type { DeidOptions } from '../../src/core/deid/policy';
import { GASTRIC_BIOPSY_LABEL_SET } from '../../src/core/labelSets/builtin';
import { DEID_SLIDE_JOB_NAME } from '../import/jobs/deidSlideJob';
import { phiIn } from '../testing/phiSearch';
import { startPhiServer, type PhiServer } from '../testing/phiServer';
import { makePhiSvs } from '../testing/phiSlide';
import { hasPathologySampleData } from '../testing/sampleData';

const OPTIONS: DeidOptions = {
  temporal: 'off',
  retainPatientCharacteristics: false,
  retainDeviceIdentity: false,
  cleanDescriptors: true,
  cleanStructuredContent: false,
  retainSafePrivate: false,
};

describe.skipIf(!hasPathologySampleData())('slide upload into a dataset that requires de-identification', () => {
  const fixtureDir = mkdtempSync(join(tmpdir(), 'mejirushi-phi-slide-'));
  let server: PhiServer;
  const api = (path: string, init?: RequestInit) => server.api(path, init);

  beforeAll(async () => {
    server = await startPhiServer({ name: 'De-identified biopsies', labelSet: GASTRIC_BIOPSY_LABEL_SET, options: OPTIONS });
  });

  afterAll(() => {
    server.remove();
    rmSync(fixtureDir, { recursive: true, force: true });
  });

  it('answers at once with the job, which de-identifies the slide, names it pseudonymously, keeps its report and its objective power', async () => {
    const phi = makePhiSvs(fixtureDir);
    const answer = await api(`api/datasets/${server.datasetId}/files`, {
      method: 'POST',
      headers: { 'content-type': 'image/tiff', 'x-file-name': encodeURIComponent('PHIFAMILY_PHIGIVEN.svs') },
      body: readFileSync(phi),
    });
    expect(answer.status).toBe(202);
    const queued = (await answer.json()) as ImportJob;
    expect(queued).toMatchObject({ kind: 'deidSlide', fileName: DEID_SLIDE_JOB_NAME });
    const job = await vi.waitFor(
      async () => {
        const current = (await (await api(`api/import-jobs/${queued.id}`)).json()) as ImportJob;
        if (current.state !== 'done' && current.state !== 'failed') throw new Error(`job ${current.state}`);
        return current;
      },
      { timeout: 120_000, interval: 250 },
    );
    expect(job.fileName).toMatch(/^slide-[0-9a-f]{12}\.tif$/);
    expect(job).toMatchObject({ state: 'done', report: { outcomes: [{ status: 'imported', file: job.fileName }] } });
    const itemId = job.state === 'done' ? (job.report.itemIds[0] as string) : '';
    const item = (await (await api(`api/items/${itemId}`)).json()) as ItemDetail;
    expect(item.item.title).toBe(job.fileName.replace(/\.tif$/, ''));
    expect(item.item.content).toMatchObject({ kind: 'slide', objectivePower: 20, scanner: 'Aperio', micronsPerPixel: [0.499, 0.499] });
    const reports = (await (await api(`api/datasets/${server.datasetId}/deid-reports`)).json()) as DeidReportsAnswer;
    expect(reports.map((report) => report.sopInstanceUid)).toEqual([job.fileName]);
    expect(reports[0]?.entries.map((entry) => entry.keyword)).toEqual(expect.arrayContaining(['LabelImage', 'MacroImage', 'ImageDescription', 'Artist', 'aperio.Filename']));
    await api(`api/datasets/${server.datasetId}/items`);
    await api(`api/datasets/${server.datasetId}/import-jobs`);
  });

  it('leaves no PHI string in the database, the blob store, the server output or the API answers', async () => {
    expect(phiIn(readFileSync(makePhiSvs(fixtureDir)))).toEqual(expect.arrayContaining(['PHIFAMILY', 'PHIOPERATOR', 'PHISTATION', 'PHIACC-0099']));
    expect(await server.stopAndSearch()).toEqual({ exitCode: 0, databaseFile: true, stored: [], printed: [], answered: [] });
  });
});

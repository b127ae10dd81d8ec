/**
 * Issue 11's privacy check for slides, end to end: a real server process, a PHI-laden Aperio slide
 * (label and macro images, PHI in its ImageDescription fields and TIFF tags, a patient's file
 * name) uploaded over real HTTP into a dataset whose policy is `required`. It comes in as a
 * de-identified slide under a pseudonymous name with its report; then not one PHI string is in
 * the database file, any blob, the server's output or the API's answers.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DeidReportsAnswer, ImportJob, ItemDetail, LoginResponse } from '../../src/core/api';
import type { DeidOptions } from '../../src/core/deid/policy';
import { GASTRIC_BIOPSY_LABEL_SET } from '../../src/core/labelSets/builtin';
import { phiIn, phiUnder } from '../testing/phiSearch';
import { makePhiSvs } from '../testing/phiSlide';
import { startScript, type Running } from '../testing/processes';
import { hasPathologySampleData } from '../testing/sampleData';

const RUNNING = /^Mejirushi is running at (http:\/\/127\.0\.0\.1:\d+\/)$/;
const ADMIN = /^Admin account created\. Username: admin {2}One-time password: (\S+)$/;
const OPTIONS: DeidOptions = {
  temporal: 'off',
  retainPatientCharacteristics: false,
  retainDeviceIdentity: false,
  cleanDescriptors: true,
  cleanStructuredContent: false,
  retainSafePrivate: false,
};

describe.skipIf(!hasPathologySampleData())('slide upload into a dataset that requires de-identification', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'mejirushi-deid-slide-'));
  const fixtureDir = mkdtempSync(join(tmpdir(), 'mejirushi-phi-slide-'));
  let server: Running;
  let output = '';
  let url = '';
  let auth: Record<string, string> = {};
  let datasetId = '';
  /** Every API answer body, searched for PHI at the end. */
  const answers: string[] = [];

  const api = async (path: string, init: RequestInit = {}): Promise<Response> => {
    const response = await fetch(`${url}${path}`, { ...init, headers: { ...auth, ...(init.headers as Record<string, string>) } });
    answers.push(await response.clone().text());
    return response;
  };

  beforeAll(async () => {
    server = startScript('server/main.ts', ['--port', '0', '--data', dataDir, '--static', join(dataDir, 'no-dist')], { MEJIRUSHI_DEMO_VIDEO: 'off' });
    server.child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    server.child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    url = RUNNING.exec(await server.waitForLine(RUNNING))?.[1] as string;
    const password = ADMIN.exec(await server.waitForLine(ADMIN))?.[1] as string;
    const json = { 'content-type': 'application/json' };
    const login = (await (await api('api/auth/login', { method: 'POST', headers: json, body: JSON.stringify({ username: 'admin', password }) })).json()) as LoginResponse;
    auth = { authorization: `Bearer ${login.token}` };
    await api('api/auth/password', { method: 'POST', headers: json, body: JSON.stringify({ currentPassword: password, newPassword: 'pathology rocks 2026' }) });
    const { id, version } = GASTRIC_BIOPSY_LABEL_SET;
    const created = await api('api/datasets', { method: 'POST', headers: json, body: JSON.stringify({ name: 'De-identified biopsies', labelSetId: id, labelSetVersion: version }) });
    datasetId = ((await created.json()) as { id: string }).id;
    expect((await api(`api/datasets/${datasetId}/deid-policy`, { method: 'PUT', headers: json, body: JSON.stringify({ mode: 'required', options: OPTIONS }) })).status).toBe(200);
  });

  afterAll(() => {
    if (server.child.exitCode === null) server.child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(fixtureDir, { recursive: true, force: true });
  });

  it('takes the slide de-identified, under a pseudonymous name, as a job, and keeps its report', async () => {
    const phi = makePhiSvs(fixtureDir);
    const answer = await api(`api/datasets/${datasetId}/files`, {
      method: 'POST',
      headers: { 'content-type': 'image/tiff', 'x-file-name': encodeURIComponent('PHIFAMILY_PHIGIVEN.svs') },
      body: readFileSync(phi),
    });
    expect(answer.status).toBe(202);
    const job = (await answer.json()) as ImportJob;
    expect(job.fileName).toMatch(/^slide-[0-9a-f]{12}\.tif$/);
    const done = await vi.waitFor(
      async () => {
        const current = (await (await api(`api/import-jobs/${job.id}`)).json()) as ImportJob;
        if (current.state !== 'done' && current.state !== 'failed') throw new Error(`job ${current.state}`);
        return current;
      },
      { timeout: 120_000, interval: 250 },
    );
    expect(done).toMatchObject({ state: 'done', report: { outcomes: [{ status: 'imported', file: job.fileName }] } });
    const itemId = done.state === 'done' ? (done.report.itemIds[0] as string) : '';
    const item = (await (await api(`api/items/${itemId}`)).json()) as ItemDetail;
    expect(item.item.title).toBe(job.fileName.replace(/\.tif$/, ''));
    const reports = (await (await api(`api/datasets/${datasetId}/deid-reports`)).json()) as DeidReportsAnswer;
    expect(reports.map((report) => report.sopInstanceUid)).toEqual([job.fileName]);
    expect(reports[0]?.entries.map((entry) => entry.keyword)).toEqual(expect.arrayContaining(['LabelImage', 'MacroImage', 'ImageDescription', 'Artist', 'aperio.Filename']));
    await api(`api/datasets/${datasetId}/items`);
    await api(`api/datasets/${datasetId}/import-jobs`);
  });

  it('leaves no PHI string in the database, the blob store, the server output or the API answers', async () => {
    expect(phiIn(readFileSync(makePhiSvs(fixtureDir)))).toEqual(expect.arrayContaining(['PHIFAMILY', 'PHIOPERATOR', 'PHISTATION', 'PHIACC-0099']));
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(existsSync(join(dataDir, 'mejirushi.sqlite'))).toBe(true);
    expect(phiUnder(dataDir)).toEqual([]);
    expect(phiIn(Buffer.from(output))).toEqual([]);
    expect(phiIn(Buffer.from(answers.join('\n')))).toEqual([]);
  });
});

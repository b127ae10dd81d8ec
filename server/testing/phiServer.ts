/**
 * The harness of the end-to-end privacy checks (issue 11): a real server process in its own data
 * folder, signed in as its first admin over real HTTP, with one dataset whose de-identification
 * policy is `required`. It keeps every API answer and everything the server printed, so a test can
 * search them, the database file and the blobs for PHI once the server has stopped.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LoginResponse } from '../../src/core/api';
import type { DeidOptions } from '../../src/core/deid/policy';
import type { LabelSet } from '../../src/core/labelSet';
import { phiIn, phiUnder } from './phiSearch';
import { startScript, type Running } from './processes';

const RUNNING = /^Mejirushi is running at (http:\/\/127\.0\.0\.1:\d+\/)$/;
const ADMIN = /^Admin account created\. Username: admin {2}One-time password: (\S+)$/;
const JSON_BODY = { 'content-type': 'application/json' };

export interface PhiServer {
  readonly datasetId: string;
  /** A request as the admin; its answer's body is kept for the PHI search. */
  readonly api: (path: string, init?: RequestInit) => Promise<Response>;
  /** Stops the server cleanly, then lists the PHI strings found where they must not be (none, when all is well). */
  readonly stopAndSearch: () => Promise<{ readonly exitCode: number | null; readonly databaseFile: boolean; readonly stored: { path: string; phi: string[] }[]; readonly printed: string[]; readonly answered: string[] }>;
  /** Kills the server if it still runs and removes its data folder. */
  readonly remove: () => void;
}

export async function startPhiServer(dataset: { readonly name: string; readonly labelSet: LabelSet; readonly options: DeidOptions }): Promise<PhiServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'mejirushi-phi-server-'));
  const server: Running = startScript('server/main.ts', ['--port', '0', '--data', dataDir, '--static', join(dataDir, 'no-dist')], { MEJIRUSHI_DEMO_VIDEO: 'off' });
  let output = '';
  server.child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  server.child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const answers: string[] = [];
  let auth: Record<string, string> = {};
  const url = RUNNING.exec(await server.waitForLine(RUNNING))?.[1] as string;
  const api = async (path: string, init: RequestInit = {}): Promise<Response> => {
    const response = await fetch(`${url}${path}`, { ...init, headers: { ...auth, ...(init.headers as Record<string, string>) } });
    answers.push(await response.clone().text());
    return response;
  };

  const password = ADMIN.exec(await server.waitForLine(ADMIN))?.[1] as string;
  const login = (await (await api('api/auth/login', { method: 'POST', headers: JSON_BODY, body: JSON.stringify({ username: 'admin', password }) })).json()) as LoginResponse;
  auth = { authorization: `Bearer ${login.token}` };
  await api('api/auth/password', { method: 'POST', headers: JSON_BODY, body: JSON.stringify({ currentPassword: password, newPassword: 'privacy first 2026' }) });
  const { id, version } = dataset.labelSet;
  const created = await api('api/datasets', { method: 'POST', headers: JSON_BODY, body: JSON.stringify({ name: dataset.name, labelSetId: id, labelSetVersion: version }) });
  const datasetId = ((await created.json()) as { id: string }).id;
  const policy = await api(`api/datasets/${datasetId}/deid-policy`, { method: 'PUT', headers: JSON_BODY, body: JSON.stringify({ mode: 'required', options: dataset.options }) });
  if (policy.status !== 200) throw new Error(`the de-identification policy was not set: ${policy.status}`);

  return {
    datasetId,
    api,
    async stopAndSearch() {
      server.child.kill('SIGTERM');
      const exitCode = await server.exited;
      return {
        exitCode,
        databaseFile: existsSync(join(dataDir, 'mejirushi.sqlite')),
        // The database file, its journal if any, and every blob.
        stored: phiUnder(dataDir),
        printed: phiIn(Buffer.from(output)),
        answered: phiIn(Buffer.from(answers.join('\n'))),
      };
    },
    remove() {
      if (server.child.exitCode === null) server.child.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

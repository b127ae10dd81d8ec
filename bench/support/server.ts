/**
 * The real dataset server as a child process for the benchmarks: a fresh data folder
 * (first start: admin + demo dataset), the admin's one-time password replaced, and a login the
 * benchmark hands to the browser.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ApiError, DatasetSummary, ImportReport, ItemDetail, ItemPage, LoginResponse } from '../../src/core/api';
import { SAH_SLICE_LABEL_SET } from '../../src/core/labelSets/builtin';
import { startScript } from '../../server/testing/processes';

const BENCH_PASSWORD = 'benchmark passphrase 7391';

export interface BenchServer {
  /** Origin without a trailing slash, e.g. http://127.0.0.1:41234 */
  readonly url: string;
  /** The server's data folder (its SQLite database is `mejirushi.sqlite` there). */
  readonly dataDir: string;
  /** The server's process (the tsx launcher; the Node process running the server is its child). */
  readonly pid: number;
  /** The admin's login, as the app stores it. */
  readonly login: LoginResponse;
  /** JSON API call as the admin; throws on a non-2xx answer. */
  api<T>(method: string, path: string, body?: unknown): Promise<T>;
  stop(): Promise<void>;
}

async function call<T>(url: string, token: string | null, method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (!response.ok) {
    const error = (await response.json().catch(() => null)) as ApiError | null;
    throw new Error(`${method} ${path} answered ${response.status}: ${error?.message ?? response.statusText}`);
  }
  return (response.status === 204 ? undefined : await response.json()) as T;
}

export async function startBenchServer(staticDir: string): Promise<BenchServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'mejirushi-bench-data-'));
  const server = startScript('server/main.ts', ['--port', '0', '--data', dataDir, '--static', staticDir]);
  const stop = async () => {
    if (server.child.exitCode === null) server.child.kill('SIGTERM');
    await server.exited;
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const oneTime = /One-time password: (\S+)/.exec(await server.waitForLine(/One-time password: /))?.[1] as string;
    const url = /at (http:\S+?)\/?$/.exec(await server.waitForLine(/^Mejirushi is running at /))?.[1] as string;
    const first = await call<LoginResponse>(url, null, 'POST', '/api/auth/login', { username: 'admin', password: oneTime });
    await call(url, first.token, 'POST', '/api/auth/password', { currentPassword: oneTime, newPassword: BENCH_PASSWORD });
    const login = await call<LoginResponse>(url, null, 'POST', '/api/auth/login', { username: 'admin', password: BENCH_PASSWORD });
    return {
      url,
      dataDir,
      pid: server.child.pid as number,
      login,
      api: (method, path, body) => call(url, login.token, method, path, body),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** The first item of the dataset named `datasetName`, with its detail. */
export async function findItem(server: BenchServer, datasetName: string): Promise<ItemDetail> {
  const datasets = await server.api<DatasetSummary[]>('GET', '/api/datasets');
  const dataset = datasets.find((d) => d.name === datasetName);
  if (!dataset) throw new Error(`no dataset named ${datasetName} (have: ${datasets.map((d) => d.name).join(', ')})`);
  return firstItem(server, dataset);
}

async function firstItem(server: BenchServer, dataset: DatasetSummary): Promise<ItemDetail> {
  const page = await server.api<ItemPage>('GET', `/api/datasets/${dataset.id}/items`);
  const first = page.items[0];
  if (!first) throw new Error(`dataset ${dataset.name} has no items`);
  return server.api<ItemDetail>('GET', `/api/items/${first.id}`);
}

/** Uploads every file of `folder` into a new dataset (SAH label set) assigned to the admin. */
export async function importFolder(server: BenchServer, folder: string, name: string): Promise<ItemDetail> {
  // The current SAH label set, with its outline question: the reading room has its mask layer and tools, as a reader has it.
  const dataset = await server.api<DatasetSummary>('POST', '/api/datasets', { name, labelSetId: SAH_SLICE_LABEL_SET.id, labelSetVersion: SAH_SLICE_LABEL_SET.version });
  for (const file of readdirSync(folder).sort()) {
    const response = await fetch(`${server.url}/api/datasets/${dataset.id}/files`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.login.token}`, 'content-type': 'application/dicom', 'x-file-name': encodeURIComponent(file) },
      body: readFileSync(join(folder, file)),
    });
    if (!response.ok) throw new Error(`upload of ${file} answered ${response.status}: ${await response.text()}`);
    const outcome = ((await response.json()) as ImportReport).outcomes[0];
    if (outcome?.status !== 'imported') throw new Error(`${file} was not imported: ${JSON.stringify(outcome)}`);
  }
  await server.api('POST', `/api/datasets/${dataset.id}/assignments`, { readerIds: [server.login.user.id] });
  return firstItem(server, dataset);
}

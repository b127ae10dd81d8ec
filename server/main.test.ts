/** `npm start` as a user runs it: a real process on a free port, printing what the README promises. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { DatasetSummary, LoginResponse } from '../src/core/api';
import { startScript, type Running } from './testing/processes';

const RUNNING = /^Mejirushi is running at (http:\/\/127\.0\.0\.1:(\d+)\/)$/;
const ADMIN = /^Admin account created\. Username: admin {2}One-time password: (\S+)$/;

describe('server start-up', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'mejirushi-main-'));
  const started: Running[] = [];
  afterAll(() => {
    for (const run of started) if (run.child.exitCode === null) run.child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  const start = () => {
    const run = startScript('server/main.ts', ['--port', '0', '--data', dataDir, '--static', join(dataDir, 'no-dist')]);
    started.push(run);
    return run;
  };

  it('prints the one-time admin password once, serves, and stops cleanly on SIGTERM', async () => {
    const run = start();
    const url = RUNNING.exec(await run.waitForLine(RUNNING))![1]!;
    const password = ADMIN.exec(await run.waitForLine(ADMIN))![1]!;
    expect(run.lines.indexOf(run.lines.find((l) => ADMIN.test(l))!)).toBeLessThan(run.lines.findIndex((l) => RUNNING.test(l)));

    const login = await fetch(`${url}api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password }),
    });
    expect(login.status).toBe(200);
    expect(login.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
    const session = (await login.json()) as LoginResponse;
    const auth = { authorization: `Bearer ${session.token}` };
    const change = await fetch(`${url}api/auth/password`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ currentPassword: password, newPassword: 'radiology rocks 2026' }),
    });
    expect(change.status).toBe(204);
    const datasets = (await (await fetch(`${url}api/datasets`, { headers: auth })).json()) as DatasetSummary[];
    expect(datasets.map((d) => [d.name, d.itemCount, d.progress.total])).toEqual([
      ['Endoscopy video (demo)', 1, 300],
      ['Gastric biopsy (demo)', 1, 1],
      ['Head CT study, two series (demo)', 2, 18],
      ['SAH demo (synthetic head CT)', 1, 24],
    ]);

    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
  });

  it('starts again on the same data folder without creating anything', async () => {
    const run = start();
    await run.waitForLine(RUNNING);
    expect(run.lines.some((line) => ADMIN.test(line))).toBe(false);
    expect(run.lines.some((line) => /Demo dataset created/.test(line))).toBe(false);
    run.child.kill('SIGINT');
    expect(await run.exited).toBe(0);
  });

  it('refuses a bad setting with a clear message and exit code 2', async () => {
    const run = startScript('server/main.ts', ['--port', 'eighty']);
    started.push(run);
    expect(await run.exited).toBe(2);
  });
});

import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { LoginResponse } from '../src/core/api';
import { BUILTIN_LABEL_SETS, PREVIOUS_BUILTIN_LABEL_SETS } from '../src/core/labelSets/builtin';
import { buildApp } from './app';
import { readWholeBlob } from './blobs/blobStore';
import { blobStoreIn } from './blobs/diskBlobStore';
import { ADMIN_USERNAME, bootstrap, DEMO_DATASET_NAME, DEMO_STUDY_DATASET_NAME, groundTruthPath } from './bootstrap';
import { generateHeadCtPhantom } from './demo/phantom';
import { DEMO_STUDY_SERIES } from './demo/study';
import { DEMO_VIDEO_DATASET_NAME, DEMO_VIDEO_FILE_NAME } from './demo/video/seed';
import { openTestDatabase, testDialects, type TestDatabase } from './testing/testDatabase';
import { WorkDirs, workRootIn } from './workDirs/workDirs';

const TABLES = ['users', 'datasets', 'items', 'item_files', 'assignments', 'label_sets', 'audit_log', 'dataset_attachments'] as const;

describe.each(testDialects('bootstrap'))('bootstrap on %s', (dialect) => {
  let database: TestDatabase;
  afterEach(async () => database.dispose());

  async function counts(): Promise<Record<string, number>> {
    const out: Record<string, number> = {};
    for (const table of TABLES) {
      const row = await database.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      out[table] = Number(row.n);
    }
    return out;
  }

  async function login(password: string): Promise<LoginResponse | null> {
    const app = await buildApp({ db: database.db, blobs: blobStoreIn(database.dataDir) });
    try {
      const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: ADMIN_USERNAME, password } });
      return response.statusCode === 200 ? (response.json() as LoginResponse) : null;
    } finally {
      await app.close();
    }
  }

  it('creates the admin and the demo dataset on the first start only', async () => {
    database = await openTestDatabase(dialect);
    const first = await bootstrap(database.db, { dataDir: database.dataDir });
    expect(first.migrationsApplied.length).toBeGreaterThan(0);
    expect(first.adminPassword).toMatch(/^[A-Za-z0-9]{20}$/);
    expect(first.demoDatasetId).not.toBeNull();

    const session = await login(first.adminPassword!);
    expect(session?.user).toMatchObject({ username: 'admin', mustChangePassword: true });
    expect([...session!.user.roles].sort()).toEqual(['admin', 'annotator', 'reviewer', 'wgLead']);
    const stored = await database.db.selectFrom('users').select('password_hash').executeTakeFirstOrThrow();
    expect(stored.password_hash).not.toContain(first.adminPassword!);

    const dataset = await database.db.selectFrom('datasets').selectAll().where('name', '=', DEMO_DATASET_NAME).executeTakeFirstOrThrow();
    const items = await database.db.selectFrom('items').select(['id', 'target_count']).where('dataset_id', '=', dataset.id).execute();
    const { truth, files } = generateHeadCtPhantom();
    expect(items.map((i) => Number(i.target_count))).toEqual([truth.sliceCount]);
    const firstFile = await database.db.selectFrom('item_files').select('sha256').where('name', '=', files[0]!.name).executeTakeFirstOrThrow();
    expect((await readWholeBlob(blobStoreIn(database.dataDir), firstFile.sha256)).equals(Buffer.from(files[0]!.bytes))).toBe(true);
    const assignment = await database.db.selectFrom('assignments').select(['user_id', 'state']).executeTakeFirstOrThrow();
    expect(assignment).toEqual({ user_id: session!.user.id, state: 'assigned' });

    // The two-series study: one StudyInstanceUID, its series numbered and of their own slice counts.
    const study = await database.db.selectFrom('datasets').select('id').where('name', '=', DEMO_STUDY_DATASET_NAME).executeTakeFirstOrThrow();
    const series = await database.db.selectFrom('items').select(['study_uid', 'series_number', 'target_count']).where('dataset_id', '=', study.id).orderBy('series_number').execute();
    expect(series.map((s) => [Number(s.series_number), Number(s.target_count)])).toEqual(DEMO_STUDY_SERIES.map((s) => [s.number, s.sliceCount]));
    expect(new Set(series.map((s) => s.study_uid)).size).toBe(1);

    const attachment = await database.db.selectFrom('dataset_attachments').select('body').where('dataset_id', '=', dataset.id).executeTakeFirstOrThrow();
    expect(JSON.parse(attachment.body)).toEqual(truth);
    expect(JSON.parse(readFileSync(groundTruthPath(database.dataDir), 'utf8'))).toEqual(truth);

    // Built-in label sets are stored in the question shape, exactly as core defines them.
    const labelSets = await database.db.selectFrom('label_sets').select('body').orderBy('id').orderBy('version').execute();
    const builtins = [...PREVIOUS_BUILTIN_LABEL_SETS, ...BUILTIN_LABEL_SETS].sort((a, b) => a.id.localeCompare(b.id) || a.version - b.version);
    expect(labelSets.map((row) => JSON.parse(row.body) as unknown)).toEqual(builtins);

    const before = await counts();
    const second = await bootstrap(database.db, { dataDir: database.dataDir });
    expect(second).toEqual({ migrationsApplied: [], adminPassword: null, demoDatasetId: null, demoVideoSkipped: null, workDirsSwept: { folders: 0, bytes: 0 } });
    expect(await counts()).toEqual(before);
    expect(await login(first.adminPassword!)).not.toBeNull();
  });

  it('does the first-start steps once when two instances start at the same moment', async () => {
    database = await openTestDatabase(dialect);
    // A second instance on PostgreSQL has its own pool. In one process SQLite gets one handle:
    // a second connection would block the event loop while waiting for the first's write lock.
    const other = dialect === 'postgres' ? database.openAnother() : database.db;
    try {
      const starts = await Promise.all([database.db, other].map((db) => bootstrap(db, { dataDir: database.dataDir })));
      const passwords = starts.map((start) => start.adminPassword).filter((password) => password !== null);
      expect(passwords).toHaveLength(1);
      expect(starts.filter((start) => start.demoDatasetId !== null)).toHaveLength(1);
      // The head-CT phantom, the two-series study, the demo slide and the demo video, each once (the study has no ground truth attached).
      expect(await counts()).toMatchObject({ users: 1, datasets: 4, items: 5, assignments: 5, dataset_attachments: 3 });
      expect(await login(passwords[0]!)).not.toBeNull();
    } finally {
      if (other !== database.db) await other.destroy();
    }
  });

  it('leaves the demo video out while it is switched off, and adds it on a later start with it on', async () => {
    database = await openTestDatabase(dialect);
    const datasetNames = async () => (await database.db.selectFrom('datasets').select('name').orderBy('name').execute()).map((row) => row.name);
    await bootstrap(database.db, { dataDir: database.dataDir, demoVideo: false });
    await bootstrap(database.db, { dataDir: database.dataDir, demoVideo: false });
    expect(await datasetNames()).not.toContain(DEMO_VIDEO_DATASET_NAME);
    expect(existsSync(join(database.dataDir, 'demo', DEMO_VIDEO_FILE_NAME))).toBe(false);
    await bootstrap(database.db, { dataDir: database.dataDir });
    expect(await datasetNames()).toContain(DEMO_VIDEO_DATASET_NAME);
  });

  it('rewrites a missing ground-truth file from the database', async () => {
    database = await openTestDatabase(dialect);
    await bootstrap(database.db, { dataDir: database.dataDir, demoVideo: false });
    const path = groundTruthPath(database.dataDir);
    const original = readFileSync(path, 'utf8');
    rmSync(path);
    await bootstrap(database.db, { dataDir: database.dataDir, demoVideo: false });
    expect(existsSync(path)).toBe(true);
    expect(readFileSync(path, 'utf8')).toBe(original);
  });

  it('gives a fresh one-time password when an earlier start stopped before announcing the admin', async () => {
    database = await openTestDatabase(dialect);
    const first = await bootstrap(database.db, { dataDir: database.dataDir, demo: false });
    await database.db.deleteFrom('app_state').where('key', '=', 'bootstrap.admin').execute();
    const again = await bootstrap(database.db, { dataDir: database.dataDir, demo: false });
    expect(again.adminPassword).toMatch(/^[A-Za-z0-9]{20}$/);
    expect(again.adminPassword).not.toBe(first.adminPassword);
    expect(await login(first.adminPassword!)).toBeNull();
    expect(await login(again.adminPassword!)).not.toBeNull();
    expect((await counts()).users).toBe(1);
  });

  it('removes the work folders of a dead instance at start and says how many and how big, keeping its own', async () => {
    database = await openTestDatabase(dialect);
    const dead = join(workRootIn(database.dataDir), 'dead-instance');
    mkdirSync(join(dead, 'video-x'), { recursive: true });
    writeFileSync(join(dead, 'video-x', 'frame.jpg'), Buffer.alloc(1000));
    writeFileSync(join(dead, 'alive'), JSON.stringify({ host: 'a-host-long-gone', pid: 1 }));
    const longAgo = new Date(Date.now() - 60 * 60 * 1000);
    utimesSync(join(dead, 'alive'), longAgo, longAgo);
    const workDirs = new WorkDirs(database.dataDir);
    await workDirs.workDir('video');

    const started = await bootstrap(database.db, { dataDir: database.dataDir, demo: false, workDirs });
    expect(started.workDirsSwept).toEqual({ folders: 1, bytes: 1000 + JSON.stringify({ host: 'a-host-long-gone', pid: 1 }).length });
    expect(readdirSync(workRootIn(database.dataDir))).toEqual([workDirs.instance]);
    await workDirs.close();
  });
});

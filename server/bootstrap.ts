/**
 * Brings a database to a usable state at start: migrations, moving an older database's image
 * bytes out to the blob store, built-in label sets, built-in models (models/), pruning of
 * expired rows and, on the very first start only, the admin account (one-time password returned
 * to print once) and the demo datasets: the head-CT phantom, the generated slide and the generated
 * endoscopy video (the last two each a step of its own, which a database made before they existed
 * gets on its next start; the video only where ffmpeg is installed). The first-start steps run in one
 * transaction that holds the first-start lock and are recorded in `app_state` there, so a later
 * start recreates nothing and of several instances starting at once exactly one does them.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Kysely, Transaction } from 'kysely';
import { SAH_SLICE_LABEL_SET } from '../src/core/labelSets/builtin';
import { hashPassword } from './auth/password';
import { oneTimePasswordFor } from './auth/passwordPolicy';
import type { BlobStore } from './blobs/blobStore';
import { blobStoreIn } from './blobs/diskBlobStore';
import { moveLegacyBlobsOut } from './blobs/moveOut';
import { DEFAULT_IMPORT_JOB_LEASE_MS } from './config';
import { migrateToLatest } from './db/migrations';
import { stagingDirIn, sweepStagingDir } from './import/jobs/deidSlideJob';
import { failAbandonedImportJobs } from './import/jobs/jobRows';
import { BUILTIN_MODELS_DIR, seedBuiltinModels } from './models/seedBuiltinModels';
import type { Database } from './db/schema';
import { generateHeadCtPhantom, type PhantomFile, type PhantomTruth } from './demo/phantom';
import { seedDemoSlide } from './demo/slide/seed';
import { demoStudyFiles } from './demo/study';
import { ensureDemoVideo } from './demo/video/generate';
import { ToolMissing } from './processes/spawnTool';
import { DEMO_VIDEO_FILE_NAME, seedDemoVideo } from './demo/video/seed';
import { importDicomFiles } from './import/importFiles';
import { assignItems, createDataset, findDatasetByName } from './services/datasets';
import { seedBuiltinLabelSets } from './services/labelSets';
import { fillReviewFlags } from './services/review/queueEntries';
import { pruneAllExpired } from './services/retention';
import { createUser } from './services/users';
import { sweepWorkDirs, type SweptWorkDirs } from './workDirs/sweepWorkDirs';
import { WorkDirs } from './workDirs/workDirs';

export const ADMIN_USERNAME = 'admin';
export const DEMO_DATASET_NAME = 'SAH demo (synthetic head CT)';
export const GROUND_TRUTH_ATTACHMENT = 'ground-truth';
export const DEMO_STUDY_DATASET_NAME = 'Head CT study, two series (demo)';

const ADMIN_DONE = 'bootstrap.admin';
const DEMO_DONE = 'bootstrap.demo';
/** Its own step, so a database made before the demo slide existed gets it on its next start. */
const DEMO_SLIDE_DONE = 'bootstrap.demoSlide';
/** Its own step, so a database made before the two-series demo study existed gets it on its next start. */
const DEMO_STUDY_DONE = 'bootstrap.demoStudy';
/** Its own step too, and left undone where ffmpeg is missing, so a later start with ffmpeg adds the video. */
const DEMO_VIDEO_DONE = 'bootstrap.demoVideo';
/** Row whose write is the first-start lock; its value is when a start last took it. */
const FIRST_START_LOCK = 'bootstrap.lock';

export interface BootstrapOptions {
  /** Where `demo/ground-truth.json` is written. */
  readonly dataDir: string;
  /** Where image bytes go; default: the disk store in the data folder. */
  readonly blobs?: BlobStore;
  readonly now?: () => Date;
  /** Skip the demo dataset (e.g. tests that only need the admin). */
  readonly demo?: boolean;
  /** Leave the demo video out on this start (config `demoVideo`); a later start with it on adds it. */
  readonly demoVideo?: boolean;
  /** Built-in models to seed into the registry; default `models/` of the repository. */
  readonly modelsDir?: string;
  /** Import jobs not beaten for this long are failed as abandoned (config importJobLeaseMs); default DEFAULT_IMPORT_JOB_LEASE_MS. */
  readonly importJobLeaseMs?: number;
  /** This process's work folders (the demo video is decoded in one); absent: new ones in the data folder, removed when done. */
  readonly workDirs?: WorkDirs;
}

export interface BootstrapResult {
  readonly migrationsApplied: readonly string[];
  /** Set only on the start that created the admin: print it once, it is stored nowhere. */
  readonly adminPassword: string | null;
  /** Set only on the start that created the demo dataset. */
  readonly demoDatasetId: string | null;
  /** Why the demo video was left out on this start (ffmpeg missing), to print; null otherwise. */
  readonly demoVideoSkipped: string | null;
  /** Work folders of stopped instances removed on this start (to log: count and bytes, no names). */
  readonly workDirsSwept: SweptWorkDirs;
}

/** Schema and built-in label sets: all that routes and the import CLI need. */
export async function prepareDatabase(db: Kysely<Database>): Promise<string[]> {
  const applied = await migrateToLatest(db);
  await seedBuiltinLabelSets(db);
  await fillReviewFlags(db);
  return applied;
}

/** Schema, then any image bytes the database still holds written to the store: before serving or importing. */
export async function prepareStorage(db: Kysely<Database>, blobs: BlobStore): Promise<string[]> {
  const applied = await prepareDatabase(db);
  await moveLegacyBlobsOut(db, blobs);
  return applied;
}

export async function bootstrap(db: Kysely<Database>, options: BootstrapOptions): Promise<BootstrapResult> {
  const workDirs = options.workDirs ?? new WorkDirs(options.dataDir, undefined, options.importJobLeaseMs);
  try {
    return await bootstrapWith(db, options, workDirs);
  } finally {
    if (!options.workDirs) await workDirs.close();
  }
}

async function bootstrapWith(db: Kysely<Database>, options: BootstrapOptions, workDirs: WorkDirs): Promise<BootstrapResult> {
  const now = options.now ?? (() => new Date());
  const blobs = options.blobs ?? blobStoreIn(options.dataDir);
  const leaseMs = options.importJobLeaseMs ?? DEFAULT_IMPORT_JOB_LEASE_MS;
  const migrationsApplied = await prepareStorage(db, blobs);
  await pruneAllExpired(db, now());
  // Jobs of an instance that died; never those another live instance runs (it beats for them).
  await failAbandonedImportJobs(db, now(), leaseMs);
  // Their staged slides, and uploads a killed server never handed to a job.
  await sweepStagingDir(db, stagingDirIn(options.dataDir), now());
  // Work folders of instances that died (killed mid-import): a slide's may be gigabytes.
  const workDirsSwept = await sweepWorkDirs(options.dataDir, { now: now(), leaseMs, except: workDirs.instance });
  await seedBuiltinModels(db, blobs, { modelsDir: options.modelsDir ?? BUILTIN_MODELS_DIR, now });
  // Encoded before the first-start lock is taken (a few seconds, once per data folder), imported under it.
  const demoVideo = options.demo === false || options.demoVideo === false || (await isDone(db, DEMO_VIDEO_DONE)) ? null : await prepareDemoVideo(options.dataDir, workDirs);
  const { adminPassword, demoDatasetId } = await db.transaction().execute(async (trx) => {
    await lockFirstStart(trx, now().toISOString());
    // Read under the lock: another instance may have done a step while this one waited.
    const password = (await isDone(trx, ADMIN_DONE)) ? null : await createFirstAdmin(trx, now);
    const demo = options.demo === false || (await isDone(trx, DEMO_DONE)) ? null : await createDemoDataset(trx, blobs, now);
    if (options.demo !== false && !(await isDone(trx, DEMO_SLIDE_DONE))) await createDemoSlide(trx, blobs, now);
    if (options.demo !== false && !(await isDone(trx, DEMO_STUDY_DONE))) await createDemoStudy(trx, blobs, now);
    if (demoVideo?.path && !(await isDone(trx, DEMO_VIDEO_DONE))) await createDemoVideo(trx, blobs, workDirs, demoVideo.path, now);
    return { adminPassword: password, demoDatasetId: demo };
  });
  if (options.demo !== false) await ensureGroundTruthFile(db, options.dataDir);
  return { migrationsApplied, adminPassword, demoDatasetId, demoVideoSkipped: demoVideo?.skipped ?? null, workDirsSwept };
}

/** The demo video's file in the data folder, made if missing; without ffmpeg, why it is skipped. */
async function prepareDemoVideo(dataDir: string, workDirs: WorkDirs): Promise<{ readonly path: string; readonly skipped: null } | { readonly path: null; readonly skipped: string }> {
  const path = join(dataDir, 'demo', DEMO_VIDEO_FILE_NAME);
  try {
    await ensureDemoVideo(path, workDirs);
    return { path, skipped: null };
  } catch (error) {
    if (!(error instanceof ToolMissing)) throw error;
    return { path: null, skipped: 'Demo video skipped: ffmpeg is not installed (install Debian ffmpeg and restart to get it).' };
  }
}

/** The generated endoscopy video (server/demo/video), assigned to the admin as the other demos are. */
async function createDemoVideo(db: Transaction<Database>, blobs: BlobStore, workDirs: WorkDirs, path: string, now: () => Date): Promise<void> {
  const admin = await db.selectFrom('users').select('id').where('username', '=', ADMIN_USERNAME).executeTakeFirst();
  await seedDemoVideo(db, blobs, workDirs, path, now, admin?.id ?? null);
  await markDone(db, DEMO_VIDEO_DONE, now().toISOString());
}

/**
 * Makes this transaction the only one doing first-start steps until it ends. Writing the lock
 * row takes a row lock (PostgreSQL) or the database's write lock (SQLite), which another start
 * waits on until this one commits; the steps it then reads as done it skips. Without it two
 * instances starting at once both create the admin (duplicate key), and a start a moment later
 * could replace the password the first one has just printed.
 */
async function lockFirstStart(trx: Transaction<Database>, at: string): Promise<void> {
  await trx
    .insertInto('app_state')
    .values({ key: FIRST_START_LOCK, value: at })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: at }))
    .execute();
}

async function isDone(db: Kysely<Database>, key: string): Promise<boolean> {
  return (await db.selectFrom('app_state').select('key').where('key', '=', key).executeTakeFirst()) !== undefined;
}

async function markDone(db: Kysely<Database>, key: string, at: string): Promise<void> {
  await db
    .insertInto('app_state')
    .values({ key, value: at })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
}

/**
 * Creates `admin` with a one-time password. If an earlier version's start created it but stopped
 * before recording that, its password was never shown: a fresh one-time password replaces it.
 */
async function createFirstAdmin(db: Transaction<Database>, now: () => Date): Promise<string> {
  const password = oneTimePasswordFor(ADMIN_USERNAME);
  const at = now().toISOString();
  const existing = await db.selectFrom('users').select('id').where('username', '=', ADMIN_USERNAME).executeTakeFirst();
  if (existing) {
    const hash = await hashPassword(password);
    await db.updateTable('users').set({ password_hash: hash, must_change_password: 1 }).where('id', '=', existing.id).execute();
  } else {
    await createUser(
      db,
      { username: ADMIN_USERNAME, displayName: 'Administrator', password, roles: ['admin', 'wgLead', 'annotator', 'reviewer'], mustChangePassword: true },
      null,
      at,
    );
  }
  await markDone(db, ADMIN_DONE, at);
  return password;
}

async function createDemoDataset(db: Transaction<Database>, blobs: BlobStore, now: () => Date): Promise<string> {
  const { files, truth } = generateHeadCtPhantom();
  const datasetId = await importDemoCt(
    db,
    blobs,
    now,
    {
      name: DEMO_DATASET_NAME,
      description: 'A head-CT phantom generated by Mejirushi: skull, brain, ventricles and a subarachnoid bleed in known slices.',
    },
    files,
  );
  await saveGroundTruth(db, datasetId, truth, now().toISOString());
  await markDone(db, DEMO_DONE, now().toISOString());
  return datasetId;
}

/** A generated CT dataset (SAH label set) made or found by name, its files imported and its items assigned to the admin; answers its id. */
async function importDemoCt(
  db: Transaction<Database>,
  blobs: BlobStore,
  now: () => Date,
  named: { readonly name: string; readonly description: string },
  files: readonly PhantomFile[],
): Promise<string> {
  const dataset =
    (await findDatasetByName(db, named.name)) ??
    (await createDataset(db, { ...named, labelSetId: SAH_SLICE_LABEL_SET.id, labelSetVersion: SAH_SLICE_LABEL_SET.version }, null, now().toISOString()));
  const report = await importDicomFiles(db, dataset.id, files, null, { blobs, now });
  const refused = report.outcomes.filter((outcome) => outcome.status === 'refused');
  if (refused.length > 0) {
    throw new Error(`the demo "${named.name}" was refused by the importer: ${refused.map((o) => ('reason' in o ? o.reason : '')).join('; ')}`);
  }
  const admin = await db.selectFrom('users').select('id').where('username', '=', ADMIN_USERNAME).executeTakeFirst();
  if (admin) await assignItems(db, dataset.id, admin.id, null, null, now().toISOString());
  return dataset.id;
}

/** The two-series demo study (server/demo/study.ts), assigned to the admin as the other demos are. */
async function createDemoStudy(db: Transaction<Database>, blobs: BlobStore, now: () => Date): Promise<void> {
  await importDemoCt(
    db,
    blobs,
    now,
    {
      name: DEMO_STUDY_DATASET_NAME,
      description: 'One head-CT study of two series (5 mm and 10 mm) generated by Mejirushi, to read side by side from the study panel.',
    },
    demoStudyFiles(),
  );
  await markDone(db, DEMO_STUDY_DONE, now().toISOString());
}

/** The generated gastric biopsy slide (server/demo/slide), assigned to the admin as the CT demo is. */
async function createDemoSlide(db: Transaction<Database>, blobs: BlobStore, now: () => Date): Promise<void> {
  const admin = await db.selectFrom('users').select('id').where('username', '=', ADMIN_USERNAME).executeTakeFirst();
  await seedDemoSlide(db, blobs, now().toISOString(), admin?.id ?? null);
  await markDone(db, DEMO_SLIDE_DONE, now().toISOString());
}

async function saveGroundTruth(db: Kysely<Database>, datasetId: string, truth: PhantomTruth, at: string): Promise<void> {
  await db
    .insertInto('dataset_attachments')
    .values({ dataset_id: datasetId, name: GROUND_TRUTH_ATTACHMENT, body: JSON.stringify(truth), created_at: at })
    .onConflict((oc) => oc.columns(['dataset_id', 'name']).doUpdateSet({ body: JSON.stringify(truth) }))
    .execute();
}

export function groundTruthPath(dataDir: string): string {
  return join(dataDir, 'demo', 'ground-truth.json');
}

/** Writes `<data>/demo/ground-truth.json` from the database when it is missing (e.g. a new data folder on PostgreSQL). */
async function ensureGroundTruthFile(db: Kysely<Database>, dataDir: string): Promise<void> {
  const path = groundTruthPath(dataDir);
  if (existsSync(path)) return;
  const row = await db
    .selectFrom('dataset_attachments')
    .innerJoin('datasets', 'datasets.id', 'dataset_attachments.dataset_id')
    .select('dataset_attachments.body')
    .where('datasets.name', '=', DEMO_DATASET_NAME)
    .where('dataset_attachments.name', '=', GROUND_TRUTH_ATTACHMENT)
    .executeTakeFirst();
  if (!row) return;
  await mkdir(join(dataDir, 'demo'), { recursive: true });
  await writeFile(path, JSON.stringify(JSON.parse(row.body), null, 2) + '\n');
}

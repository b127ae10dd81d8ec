/**
 * `npm run blobs:gc -- [--data <dir>] [--grace <duration>] [--dry-run]`
 *
 * Deletes the blobs of the data folder's store that no row of the database refers to and that
 * were last put longer ago than the grace period (server/blobs/gc/collectBlobs.ts), and prints
 * one line of counts and MiB: never a blob's or a file's name (they may stand for a patient's
 * file). Does nothing while an import job runs on any instance. Safe beside running servers.
 * Exit code 0 when it swept (or found a job running), 2 on usage errors.
 */
import { resolve } from 'node:path';
import { blobStoreIn } from '../blobs/diskBlobStore';
import { collectUnreferencedBlobs, DEFAULT_BLOB_GRACE_MS, type CollectResult } from '../blobs/gc/collectBlobs';
import { ConfigError, DEFAULT_IMPORT_JOB_LEASE_MS, parseDatabaseUrl, parseDuration, parseFlags, SQLITE_FILE_NAME, type DatabaseConfig } from '../config';
import { migrateToLatest } from '../db/migrations';
import { openDatabase } from '../db/open';

const USAGE = `Usage: npm run blobs:gc -- [--data <dir>] [--grace <duration>] [--dry-run]
  --data <dir>        data folder: database and blob store [MEJIRUSHI_DATA] (default: the server's ./data); DATABASE_URL selects PostgreSQL
  --grace <duration>  keep unreferenced blobs put within this long: 30m, 12h, 7d… (default ${DEFAULT_BLOB_GRACE_MS / 3_600_000}h)
  --dry-run           count what would be deleted, delete nothing
  [MEJIRUSHI_IMPORT_JOB_LEASE]  the servers' import-job lease, as they are configured (default ${DEFAULT_IMPORT_JOB_LEASE_MS / 1000}s)`;

interface GcArgs {
  readonly database: DatabaseConfig;
  readonly dataDir: string;
  readonly graceMs: number;
  readonly leaseMs: number;
  readonly dryRun: boolean;
}

/** Paths on the command line are relative to the user's shell folder (npm passes it as INIT_CWD), as for `npm run import`. */
export function parseGcArgs(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): GcArgs {
  const shellDir = env.INIT_CWD?.trim() || process.cwd();
  // parseFlags knows only flags with values.
  const dryRun = argv.includes('--dry-run');
  const { flags, rest } = parseFlags(
    argv.filter((arg) => arg !== '--dry-run'),
    ['data', 'grace'],
  );
  if (rest.length > 0) throw new ConfigError(`unexpected argument "${rest[0]}"`);
  const dataFlag = flags.get('data');
  const dataDir = dataFlag === undefined ? resolve(env.MEJIRUSHI_DATA?.trim() || 'data') : resolve(shellDir, dataFlag);
  const url = env.DATABASE_URL?.trim();
  const grace = flags.get('grace');
  const lease = env.MEJIRUSHI_IMPORT_JOB_LEASE?.trim();
  return {
    database: url ? parseDatabaseUrl(url) : { kind: 'sqlite', file: resolve(dataDir, SQLITE_FILE_NAME) },
    dataDir,
    graceMs: grace === undefined ? DEFAULT_BLOB_GRACE_MS : parseDuration(grace, '--grace'),
    leaseMs: lease ? parseDuration(lease, 'MEJIRUSHI_IMPORT_JOB_LEASE') : DEFAULT_IMPORT_JOB_LEASE_MS,
    dryRun,
  };
}

const mib = (bytes: number): string => (bytes / 1024 / 1024).toFixed(1);

export function resultLine(result: CollectResult, dryRun: boolean): string {
  if (result.skipped) return `blobs:gc: ${result.liveJobs} import job(s) running; nothing collected. Run it again once they have ended.`;
  const verb = dryRun ? 'would delete' : 'deleted';
  return `blobs:gc: ${verb} ${result.collected} unreferenced blob(s), ${mib(result.bytes)} MiB; kept ${result.referenced} referenced and ${result.young} too young, of ${result.listed} listed.`;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(USAGE);
    return;
  }
  let args: GcArgs;
  try {
    args = parseGcArgs(argv, process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`blobs:gc: ${error.message}\n\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  const db = openDatabase(args.database);
  try {
    await migrateToLatest(db);
    const result = await collectUnreferencedBlobs(db, blobStoreIn(args.dataDir), { now: new Date(), graceMs: args.graceMs, leaseMs: args.leaseMs, dryRun: args.dryRun });
    console.log(resultLine(result, args.dryRun));
  } finally {
    await db.destroy();
  }
}

// Run only as the command, not when a test imports its parts.
if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.dirname, 'blobsGc.ts')) {
  main().catch((error: unknown) => {
    console.error('blobs:gc failed:', error);
    process.exitCode = 1;
  });
}

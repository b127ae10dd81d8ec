/**
 * `npm run audit:check [-- --data <dir>]`
 *
 * Opens the configured database (DATABASE_URL, else the SQLite file in the data folder), seals
 * the audit rows not yet in the hash chain, verifies the whole chain and prints one line. Exit
 * code 0 when the chain is intact, 1 when it is broken, 2 on usage errors.
 */
import { resolve } from 'node:path';
import type { Kysely } from 'kysely';
import { ConfigError, parseDatabaseUrl, parseFlags, SQLITE_FILE_NAME, type DatabaseConfig } from '../config';
import { migrateToLatest } from '../db/migrations';
import { openDatabase } from '../db/open';
import type { Database } from '../db/schema';
import { sealAuditChain } from '../services/auditChain/seal';
import { verdictLine, verifyAuditChain } from '../services/auditChain/verify';

const USAGE = `Usage: npm run audit:check [-- --data <dir>]
  --data <dir>   data folder holding the SQLite database [MEJIRUSHI_DATA] (default: the server's ./data); DATABASE_URL selects PostgreSQL`;

function databaseOf(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): DatabaseConfig {
  const { flags, rest } = parseFlags(argv, ['data']);
  if (rest.length > 0) throw new ConfigError(`unexpected argument "${rest[0]}"`);
  const url = env.DATABASE_URL?.trim();
  if (url) return parseDatabaseUrl(url);
  const shellDir = env.INIT_CWD?.trim() || process.cwd();
  const dataFlag = flags.get('data');
  const dataDir = dataFlag === undefined ? resolve(env.MEJIRUSHI_DATA?.trim() || 'data') : resolve(shellDir, dataFlag);
  return { kind: 'sqlite', file: resolve(dataDir, SQLITE_FILE_NAME) };
}

/** Seals, then verifies: the verdict's line and the exit code. */
export async function auditCheck(db: Kysely<Database>): Promise<{ readonly line: string; readonly exitCode: number }> {
  await migrateToLatest(db);
  await sealAuditChain(db);
  const verdict = await verifyAuditChain(db);
  return { line: verdictLine(verdict), exitCode: verdict.ok ? 0 : 1 };
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(USAGE);
    return;
  }
  let database: DatabaseConfig;
  try {
    database = databaseOf(argv, process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`audit:check: ${error.message}\n\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  const db = openDatabase(database);
  try {
    const { line, exitCode } = await auditCheck(db);
    (exitCode === 0 ? console.log : console.error)(line);
    process.exitCode = exitCode;
  } finally {
    await db.destroy();
  }
}

// Run only as the command, not when a test imports auditCheck.
if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.dirname, 'auditCheck.ts')) {
  main().catch((error: unknown) => {
    console.error('audit:check failed:', error);
    process.exitCode = 1;
  });
}

/**
 * Server configuration from command-line arguments and environment variables. Arguments win
 * over the environment; every bad value is refused with a message naming the setting.
 */
import { resolve } from 'node:path';

export type DatabaseConfig =
  | { readonly kind: 'sqlite'; readonly file: string }
  | { readonly kind: 'postgres'; readonly url: string };

/** Staged uploads (server/uploads/stagedUploads.ts). */
export interface StagedUploadLimits {
  /** A session with no file or commit for this long is swept (rows and blobs). */
  readonly idleMs: number;
  /** Bytes one admin may hold staged over all sessions; past it a file is answered 413. */
  readonly quotaBytes: number;
}

export interface ServerConfig {
  readonly port: number;
  readonly host: string;
  /** Folder for the SQLite file, the blob store (even with PostgreSQL) and generated files (demo ground truth). */
  readonly dataDir: string;
  readonly database: DatabaseConfig;
  /** Built SPA (vite build output). */
  readonly staticDir: string;
  readonly tokenTtlMs: number;
  /**
   * Addresses of the TLS-terminating reverse proxy whose X-Forwarded-Proto/-For are believed
   * (`--trust-proxy 127.0.0.1`), or null: forwarded headers are ignored.
   */
  readonly trustProxy: string | null;
  /** Bytes of painted demo-slide tiles kept in `<data>/demo/slide-tiles` at most. */
  readonly demoTileCacheBytes: number;
  /** Largest ONNX file an admin may upload as a model. */
  readonly maxModelBytes: number;
  /** An import job whose instance has not beaten for it this long is failed as abandoned (DEFAULT_IMPORT_JOB_LEASE_MS). */
  readonly importJobLeaseMs: number;
  /**
   * Whether the demo adds its generated endoscopy video (made and imported with ffmpeg: seconds of
   * a first start). Off for installations that want no video demo, and for the e2e specs that use none.
   */
  readonly demoVideo: boolean;
  /** Staged uploads (server/uploads): how long an idle session lives, and how many bytes one admin may hold staged. */
  readonly stagedUploads: StagedUploadLimits;
}

function parseSwitch(text: string, name: string): boolean {
  if (text === 'on') return true;
  if (text === 'off') return false;
  throw new ConfigError(`${name} must be on or off, got "${text}"`);
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

export const DEFAULT_PORT = 8080;
export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_TOKEN_TTL_MS = 12 * 60 * 60 * 1000;
export const SQLITE_FILE_NAME = 'mejirushi.sqlite';
export const DEFAULT_DEMO_TILE_CACHE_MB = 512;
export const DEFAULT_MAX_MODEL_MB = 512;
/**
 * How long an import job's heartbeat stays good: a server instance that has not beaten for its
 * job this long is taken for dead, and its job failed. Its instance beats a few times a lease.
 */
export const DEFAULT_IMPORT_JOB_LEASE_MS = 30_000;
/** An upload session idle this long was left (a closed tab): a check pass between two files takes seconds, a review minutes. */
export const DEFAULT_STAGED_UPLOAD_IDLE_MS = 60 * 60 * 1000;
/** Staged bytes per admin: a few large studies at once, bounded so that abandoned sessions cannot fill the disk before the sweep. */
export const DEFAULT_STAGED_UPLOAD_QUOTA_BYTES = 8 * 1024 ** 3;

const FLAGS = ['port', 'host', 'data', 'static', 'token-ttl', 'trust-proxy', 'plain-http'] as const;
type Flag = (typeof FLAGS)[number];

export const CONFIG_USAGE = `Options (environment variable in brackets):
  --port <n>        TCP port, 0 = any free port [PORT] (default ${DEFAULT_PORT})
  --host <addr>     interface to listen on (default ${DEFAULT_HOST})
  --data <dir>      data folder holding ${SQLITE_FILE_NAME} and blobs/ [MEJIRUSHI_DATA] (default ./data)
  --static <dir>    built SPA to serve (default ./dist)
  --token-ttl <d>   login lifetime: 90s, 30m, 12h, 7d or milliseconds [MEJIRUSHI_TOKEN_TTL] (default 12h)
  --trust-proxy <a> address(es) of the TLS reverse proxy in front, comma-separated; its
                    X-Forwarded-Proto/-For are believed (HSTS over HTTPS) [MEJIRUSHI_TRUST_PROXY]
  --plain-http yes  allow a non-loopback --host without a TLS proxy (passwords and images then
                    cross the network unencrypted: only on a network you control)
  [DATABASE_URL]    postgres://… uses PostgreSQL instead of SQLite
  [MEJIRUSHI_DEMO_TILE_CACHE_MB]  disk kept for the demo slide's painted tiles, MiB (default ${DEFAULT_DEMO_TILE_CACHE_MB})
  [MEJIRUSHI_MAX_MODEL_MB]  largest ONNX file an admin may upload as a model, MiB (default ${DEFAULT_MAX_MODEL_MB})
  [MEJIRUSHI_IMPORT_JOB_LEASE]  how long an import job's server may go silent before another fails
                    the job as stopped: 30s, 2m… (default ${DEFAULT_IMPORT_JOB_LEASE_MS / 1000}s)
  [MEJIRUSHI_STAGED_UPLOAD_IDLE]  how long an upload session may sit with no file before it is
                    discarded: 30m, 2h… (default ${DEFAULT_STAGED_UPLOAD_IDLE_MS / 60_000}m)
  [MEJIRUSHI_STAGED_UPLOAD_QUOTA_MB]  bytes one admin may hold staged in upload sessions, MiB
                    (default ${DEFAULT_STAGED_UPLOAD_QUOTA_BYTES / 1024 ** 2})
  [MEJIRUSHI_DEMO_VIDEO]  on or off: add the generated demo endoscopy video on first start (default on)`;

/** Splits `--flag value` / `--flag=value` pairs; unknown flags and missing values are errors. */
export function parseFlags(argv: readonly string[], known: readonly string[]): { flags: Map<string, string>; rest: string[] } {
  const flags = new Map<string, string>();
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] as string;
    if (!arg.startsWith('--')) {
      rest.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
    if (!known.includes(name)) throw new ConfigError(`unknown option --${name}`);
    let value: string | undefined;
    if (eq !== -1) value = arg.slice(eq + 1);
    else {
      value = argv[i + 1];
      i += 1;
    }
    if (value === undefined || value === '' || (eq === -1 && value.startsWith('--'))) {
      throw new ConfigError(`option --${name} needs a value`);
    }
    flags.set(name, value);
  }
  return { flags, rest };
}

export function parsePort(text: string, source: string): number {
  if (!/^\d{1,5}$/.test(text) || Number(text) > 65535) {
    throw new ConfigError(`${source} must be a port number from 0 to 65535, got "${text}"`);
  }
  return Number(text);
}

function parseMebibytes(text: string, source: string): number {
  if (!/^\d{1,7}$/.test(text)) throw new ConfigError(`${source} must be a whole number of MiB, got "${text}"`);
  return Number(text) * 1024 * 1024;
}

const TTL_UNITS: Readonly<Record<string, number>> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

export function parseDuration(text: string, source: string): number {
  const match = /^(\d+)(ms|s|m|h|d)?$/.exec(text.trim());
  const amount = match ? Number(match[1]) : NaN;
  const unit = match?.[2];
  const ms = unit === undefined || unit === 'ms' ? amount : amount * (TTL_UNITS[unit] ?? NaN);
  if (!Number.isSafeInteger(ms) || ms < 1000) {
    throw new ConfigError(`${source} must be a duration of at least 1s such as 90s, 30m, 12h or 7d, got "${text}"`);
  }
  return ms;
}

export function parseDatabaseUrl(url: string): DatabaseConfig {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ConfigError(`DATABASE_URL is not a URL: "${url}"`);
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new ConfigError(`DATABASE_URL must start with postgres:// or postgresql://, got "${parsed.protocol}//…"`);
  }
  return { kind: 'postgres', url };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

/** Whether `host` only accepts connections from this machine. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

/**
 * Plain HTTP carries passwords, tokens and patient images in clear, so the server listens on
 * loopback unless told how TLS is provided: a reverse proxy in front (`--trust-proxy`), or an
 * explicit `--plain-http yes` for a network the operator controls. Otherwise it refuses to start.
 */
function checkTransport(host: string, trustProxy: string | null, plainHttp: string | undefined): void {
  if (plainHttp !== undefined && plainHttp !== 'yes') throw new ConfigError(`--plain-http takes "yes", got "${plainHttp}"`);
  if (isLoopback(host) || trustProxy !== null || plainHttp === 'yes') return;
  throw new ConfigError(
    `--host ${host} would serve plain HTTP to the network. Put a TLS reverse proxy in front and name it with --trust-proxy ` +
      `(see "Running behind TLS" in the README), or accept unencrypted traffic with --plain-http yes`,
  );
}

/** Reads the configuration; relative folders resolve against `cwd`. Throws ConfigError. */
export function loadConfig(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  cwd: string = process.cwd(),
): ServerConfig {
  const { flags, rest } = parseFlags(argv, FLAGS);
  if (rest.length > 0) throw new ConfigError(`unexpected argument "${rest[0]}"`);
  const flag = (name: Flag): string | undefined => flags.get(name);

  const portText = flag('port') ?? nonEmpty(env.PORT);
  const port = portText === undefined ? DEFAULT_PORT : parsePort(portText, flag('port') ? '--port' : 'PORT');
  const host = flag('host') ?? DEFAULT_HOST;
  const dataDir = resolve(cwd, flag('data') ?? nonEmpty(env.MEJIRUSHI_DATA) ?? 'data');
  const staticDir = resolve(cwd, flag('static') ?? 'dist');
  const ttlText = flag('token-ttl') ?? nonEmpty(env.MEJIRUSHI_TOKEN_TTL);
  const tokenTtlMs = ttlText === undefined ? DEFAULT_TOKEN_TTL_MS : parseDuration(ttlText, flag('token-ttl') ? '--token-ttl' : 'MEJIRUSHI_TOKEN_TTL');
  const url = nonEmpty(env.DATABASE_URL);
  const database: DatabaseConfig = url ? parseDatabaseUrl(url) : { kind: 'sqlite', file: resolve(dataDir, SQLITE_FILE_NAME) };
  const trustProxy = flag('trust-proxy') ?? nonEmpty(env.MEJIRUSHI_TRUST_PROXY) ?? null;
  checkTransport(host, trustProxy, flag('plain-http'));
  const demoTileCacheBytes = parseMebibytes(nonEmpty(env.MEJIRUSHI_DEMO_TILE_CACHE_MB) ?? String(DEFAULT_DEMO_TILE_CACHE_MB), 'MEJIRUSHI_DEMO_TILE_CACHE_MB');
  const maxModelBytes = parseMebibytes(nonEmpty(env.MEJIRUSHI_MAX_MODEL_MB) ?? String(DEFAULT_MAX_MODEL_MB), 'MEJIRUSHI_MAX_MODEL_MB');
  const demoVideo = parseSwitch(nonEmpty(env.MEJIRUSHI_DEMO_VIDEO) ?? 'on', 'MEJIRUSHI_DEMO_VIDEO');
  const leaseText = nonEmpty(env.MEJIRUSHI_IMPORT_JOB_LEASE);
  const importJobLeaseMs = leaseText === undefined ? DEFAULT_IMPORT_JOB_LEASE_MS : parseDuration(leaseText, 'MEJIRUSHI_IMPORT_JOB_LEASE');
  const idleText = nonEmpty(env.MEJIRUSHI_STAGED_UPLOAD_IDLE);
  const stagedUploads: StagedUploadLimits = {
    idleMs: idleText === undefined ? DEFAULT_STAGED_UPLOAD_IDLE_MS : parseDuration(idleText, 'MEJIRUSHI_STAGED_UPLOAD_IDLE'),
    quotaBytes: parseMebibytes(nonEmpty(env.MEJIRUSHI_STAGED_UPLOAD_QUOTA_MB) ?? String(DEFAULT_STAGED_UPLOAD_QUOTA_BYTES / 1024 ** 2), 'MEJIRUSHI_STAGED_UPLOAD_QUOTA_MB'),
  };
  return { port, host, dataDir, database, staticDir, tokenTtlMs, trustProxy, demoTileCacheBytes, maxModelBytes, importJobLeaseMs, demoVideo, stagedUploads };
}

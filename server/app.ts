/**
 * The dataset server as a Fastify app: plugins (errors, security headers, auth), then one route
 * module per resource. No state outside the database and the blob store, so several instances
 * can share one PostgreSQL and one blob store behind a load balancer.
 */
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import type { Kysely } from 'kysely';
import type { BlobStore } from './blobs/blobStore';
import { DEFAULT_STAGED_UPLOAD_IDLE_MS, DEFAULT_STAGED_UPLOAD_QUOTA_BYTES, DEFAULT_TOKEN_TTL_MS, type StagedUploadLimits } from './config';
import type { Database } from './db/schema';
import type { AppContext } from './http/context';
import { stagingDirIn } from './import/jobs/deidSlideJob';
import { ImportJobs } from './import/jobs/importJobs';
import { authPlugin } from './plugins/auth';
import { errorsPlugin } from './plugins/errors';
import { noNulTextPlugin } from './plugins/noNulText';
import { securityHeadersPlugin } from './plugins/securityHeaders';
import { spaPlugin } from './plugins/spa';
import { adjudicationRoutes } from './routes/adjudication';
import { annotationRoutes } from './routes/annotations';
import { agreementRoutes } from './routes/agreement';
import { auditRoutes } from './routes/audit';
import { authRoutes } from './routes/auth';
import { blobRoutes } from './routes/blobs';
import { changeRoutes } from './routes/changes';
import { changeStreamPlugin, type LiveChangeOptions } from './routes/changes/stream';
import { creditRoutes } from './routes/credit';
import { dashboardRoutes } from './routes/dashboard';
import { datasetRoutes } from './routes/datasets';
import { dicomwebRoutes } from './routes/dicomweb';
import { exportRoutes } from './routes/exports';
import { deidRoutes } from './routes/deid';
import { importJobRoutes } from './routes/importJobs';
import { itemRoutes } from './routes/items';
import { labelSetRoutes } from './routes/labelSets';
import { frameRoutes } from './routes/frames';
import { tileRoutes } from './routes/tiles';
import { layerRoutes } from './routes/layers';
import { modelRoutes } from './routes/models';
import { releaseRoutes } from './routes/releases';
import { reviewRoutes } from './routes/review';
import { itemReviewRoutes } from './routes/itemReview';
import { reviewCommentRoutes } from './routes/reviewComments';
import { stagedUploadRoutes } from './routes/stagedUploads';
import { userRoutes } from './routes/users';
import { BatchPool } from './services/annotations/batchPool';
import { itemTargetsCache } from './services/annotations/itemTargets';
import { labelSetStore } from './services/labelSets';
import { AccessCache } from './services/accessCache';
import { AuditSealer } from './services/auditChain/seal';
import { packTileSources, TileSources, type TileSourceLookup } from './slides/tileSources';
import { SCRATCH_DATA_DIR, WorkDirs } from './workDirs/workDirs';

export interface AppOptions {
  readonly db: Kysely<Database>;
  /** A second SQLite connection for session lookups (see AppContext.reads); absent: `db`. */
  readonly reads?: Kysely<Database>;
  readonly blobs: BlobStore;
  /** Built SPA to serve; null or absent serves the API only. */
  readonly staticDir?: string | null;
  readonly tokenTtlMs?: number;
  /** Clock, replaceable in tests (token expiry). */
  readonly now?: () => Date;
  /** Log warnings and errors (each failed request's cause) to stdout, or to `stream` (tests read what is logged). */
  readonly logger?: boolean | { readonly stream: { write(line: string): void } };
  /** The TLS proxy whose X-Forwarded-* headers are believed (config.ts); absent: none. */
  readonly trustProxy?: string | null;
  /** Timing of the live change stream (tests shorten it). */
  readonly liveChanges?: LiveChangeOptions;
  /** Tile sources of slides that are not tile packs (a generated demo slide), asked after the packs. */
  readonly tileSources?: readonly TileSourceLookup[];
  /** Largest ONNX file an admin may upload; default DEFAULT_MAX_MODEL_BYTES (512 MiB). */
  readonly maxModelBytes?: number;
  /** How long an import job's heartbeat stays good (config importJobLeaseMs); default DEFAULT_IMPORT_JOB_LEASE_MS. */
  readonly importJobLeaseMs?: number;
  /** The data folder: staged slides (stagingDirIn) and work folders (workDirs) lie under its `tmp/`; absent (tests): SCRATCH_DATA_DIR. */
  readonly dataDir?: string;
  /** Staged uploads' idle time and per-admin quota (config stagedUploads); default DEFAULT_STAGED_UPLOAD_*. */
  readonly stagedUploads?: StagedUploadLimits;
  /** This process's work folders (the server's start passes those of its bootstrap); absent: new ones in the data folder, removed at close. */
  readonly workDirs?: WorkDirs;
}

/**
 * JSON bodies other than op batches (logins, label sets, reviews): small. Op batches have their own
 * limit (MAX_BATCH_BODY_BYTES), DICOM and blob uploads theirs.
 */
export const JSON_BODY_LIMIT = 1024 * 1024;

/**
 * Idle time an HTTP/1.1 connection stays open: a slide viewer fetches tiles in bursts as the
 * reader pans, with pauses to read; reopening a connection (and TLS) per burst would cost more
 * than the tiles. Above the 60 s idle timeout of common proxies, so the proxy closes first.
 */
export const KEEP_ALIVE_TIMEOUT_MS = 75_000;

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ? { level: 'warn', ...(typeof options.logger === 'object' ? { stream: options.logger.stream } : {}) } : false,
    bodyLimit: JSON_BODY_LIMIT,
    keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS,
    // request.protocol is 'https' behind the configured proxy only; a client cannot claim it.
    trustProxy: options.trustProxy ?? false,
    // Wrong types are errors, not values to coerce; query strings are declared as strings.
    ajv: { customOptions: { coerceTypes: false, removeAdditional: false, allErrors: false } },
    // Malformed URLs (bad percent-encoding) never reach a route; answer them like any bad request.
    frameworkErrors: (error, _request, reply) => {
      (reply as FastifyReply).code(400).send({ error: 'bad_request', message: error.message });
    },
  });
  const dataDir = options.dataDir ?? SCRATCH_DATA_DIR;
  const workDirs = options.workDirs ?? new WorkDirs(dataDir, undefined, options.importJobLeaseMs);
  const ctx: AppContext = {
    db: options.db,
    reads: options.reads ?? options.db,
    blobs: options.blobs,
    workDirs,
    now: options.now ?? (() => new Date()),
    tokenTtlMs: options.tokenTtlMs ?? DEFAULT_TOKEN_TTL_MS,
    labelSets: labelSetStore(options.db),
    itemTargets: itemTargetsCache(options.db),
    batches: new BatchPool(),
    accessCache: new AccessCache(options.now ?? (() => new Date())),
    tileSources: new TileSources([packTileSources(options.db, options.blobs), ...(options.tileSources ?? [])], undefined, options.now),
    auditSealer: new AuditSealer(options.db),
    importJobs: new ImportJobs({
      db: options.db,
      blobs: options.blobs,
      now: options.now ?? (() => new Date()),
      onSlideReplaced: (itemId) => ctx.tileSources.forget(itemId),
      leaseMs: options.importJobLeaseMs,
      // One name per instance: its jobs' owner is its work folder's name.
      owner: workDirs.instance,
      stagingDir: stagingDirIn(dataDir),
      workDirs,
    }),
  };
  app.decorate('ctx', ctx);
  app.addHook('onClose', async () => ctx.batches.close());
  app.addHook('onClose', async () => {
    await ctx.importJobs.close();
    // Only once the jobs have stopped working in them.
    if (!options.workDirs) await workDirs.close();
  });
  app.addHook('onClose', async () => ctx.auditSealer.idle());
  // Sealing runs after the answer is sent, in its own short transaction (services/auditChain/seal.ts).
  app.addHook('onResponse', async (request) => {
    if (request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS') return;
    ctx.auditSealer.seal().catch((error: unknown) => app.log.error({ err: error }, 'sealing the audit chain failed'));
  });

  await app.register(errorsPlugin);
  await app.register(noNulTextPlugin);
  await app.register(securityHeadersPlugin);
  await app.register(authPlugin);
  await app.register(spaPlugin, { staticDir: options.staticDir ?? null });
  await app.register(changeStreamPlugin, { ...options.liveChanges });

  await app.register(authRoutes);
  await app.register(userRoutes);
  await app.register(labelSetRoutes);
  await app.register(datasetRoutes);
  await app.register(importJobRoutes);
  await app.register(deidRoutes);
  await app.register(itemRoutes);
  await app.register(exportRoutes);
  await app.register(dicomwebRoutes);
  await app.register(layerRoutes);
  await app.register(blobRoutes);
  await app.register(tileRoutes);
  await app.register(frameRoutes);
  await app.register(annotationRoutes);
  await app.register(changeRoutes);
  await app.register(auditRoutes);
  await app.register(releaseRoutes);
  await app.register(agreementRoutes);
  await app.register(reviewRoutes);
  await app.register(dashboardRoutes);
  await app.register(creditRoutes);
  await app.register(reviewCommentRoutes);
  await app.register(itemReviewRoutes);
  await app.register(adjudicationRoutes);
  await app.register(modelRoutes, { maxModelBytes: options.maxModelBytes });
  await app.register(stagedUploadRoutes, { limits: options.stagedUploads ?? { idleMs: DEFAULT_STAGED_UPLOAD_IDLE_MS, quotaBytes: DEFAULT_STAGED_UPLOAD_QUOTA_BYTES } });
  await app.ready();
  return app;
}

/** What every route needs, decorated on the app as `app.ctx`. */
import type { Kysely } from 'kysely';
import type { BlobStore } from '../blobs/blobStore';
import type { Database } from '../db/schema';
import type { ImportJobs } from '../import/jobs/importJobs';
import type { AccessCache } from '../services/accessCache';
import type { AuditSealer } from '../services/auditChain/seal';
import type { BatchPool } from '../services/annotations/batchPool';
import type { ItemTargetsCache } from '../services/annotations/itemTargets';
import type { LabelSetStore } from '../services/labelSets';
import type { TileSources } from '../slides/tileSources';
import type { WorkDirs } from '../workDirs/workDirs';

export interface AppContext {
  readonly db: Kysely<Database>;
  /**
   * For reads every request makes (the session lookup) that must not queue behind a long write:
   * with SQLite a second connection (WAL lets it read while a write transaction is open), with
   * PostgreSQL the same pool.
   */
  readonly reads: Kysely<Database>;
  /** Image bytes (DICOM files), outside the database. */
  readonly blobs: BlobStore;
  /** This instance's work folders in the data folder, for imports run in a request. */
  readonly workDirs: WorkDirs;
  readonly now: () => Date;
  readonly tokenTtlMs: number;
  readonly labelSets: LabelSetStore;
  readonly itemTargets: ItemTargetsCache;
  /** Parses and validates op batches, large ones off the event loop. */
  readonly batches: BatchPool;
  /** Recent sessions and item grants of the tile route, so a tile costs no database round trip. */
  readonly accessCache: AccessCache;
  /** Where each slide item's tiles come from (a tile pack, or a generated slide). */
  readonly tileSources: TileSources;
  /** Slide imports running after their upload was answered. */
  readonly importJobs: ImportJobs;
  /** Links new audit rows into the hash chain after each changing request. */
  readonly auditSealer: AuditSealer;
}

declare module 'fastify' {
  interface FastifyInstance {
    ctx: AppContext;
  }
}

/**
 * A real app over a real database for route tests, driven with `app.inject`, with a clock the
 * test can move and helpers to make users, datasets and items.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Kysely } from 'kysely';
import type { Role, User } from '../../src/core/api';
import type { LabelSet } from '../../src/core/labelSet';
import { SAH_SLICE_LABEL_SET } from '../../src/core/labelSets/builtin';
import { buildApp, type AppOptions } from '../app';
import type { BlobStore } from '../blobs/blobStore';
import { blobStoreIn } from '../blobs/diskBlobStore';
import { prepareDatabase } from '../bootstrap';
import type { Database } from '../db/schema';
import { generateHeadCtPhantom } from '../demo/phantom';
import { importDicomFiles } from '../import/importFiles';
import { assignItems, createDataset } from '../services/datasets';
import { storeLabelSet } from '../services/labelSets';
import { createUser } from '../services/users';
import { openTestDatabase, type TestDatabase, type TestDialect } from './testDatabase';

export const TEST_PASSWORD = 'correct horse battery';

export interface SignedIn {
  readonly user: User;
  readonly token: string;
  /** `{ authorization: 'Bearer …' }` to spread into inject headers. */
  readonly auth: { readonly authorization: string };
}

export interface TestServer {
  readonly app: FastifyInstance;
  readonly db: Kysely<Database>;
  readonly dialect: TestDialect;
  readonly dataDir: string;
  /** The blob store in the data folder, as the server's. */
  readonly blobs: BlobStore;
  /** Moves the server's clock forward. */
  advance(ms: number): void;
  now(): Date;
  signIn(username: string, roles: readonly Role[]): Promise<SignedIn>;
  /** A dataset (SAH label set unless `labelSet` is given, stored if new) with one series item of `slices` phantom slices; returns ids. */
  seedDataset(options?: {
    name?: string;
    slices?: number;
    assignTo?: readonly string[];
    labelSet?: LabelSet;
  }): Promise<{ datasetId: string; itemId: string; targetIds: string[]; fileIds: string[] }>;
  /** A second app over its own handle on the same database (another process behind a load balancer); closed by `dispose`. */
  anotherInstance(): Promise<FastifyInstance>;
  dispose(): Promise<void>;
}

export async function startTestServer(
  dialect: TestDialect,
  options: { staticDir?: string | null; tokenTtlMs?: number; trustProxy?: string; liveChanges?: AppOptions['liveChanges']; logger?: AppOptions['logger']; stagedUploads?: AppOptions['stagedUploads'] } = {},
): Promise<TestServer> {
  const database: TestDatabase = await openTestDatabase(dialect);
  await prepareDatabase(database.db);
  const blobs = blobStoreIn(database.dataDir);
  let clock = Date.parse('2026-01-15T09:00:00.000Z');
  const now = () => new Date(clock);
  const appOptions = {
    blobs,
    now,
    staticDir: options.staticDir ?? null,
    tokenTtlMs: options.tokenTtlMs,
    trustProxy: options.trustProxy ?? null,
    liveChanges: options.liveChanges,
    logger: options.logger,
    stagedUploads: options.stagedUploads,
    dataDir: database.dataDir,
  };
  const app = await buildApp({ ...appOptions, db: database.db });
  const others: { app: FastifyInstance; db: Kysely<Database> }[] = [];
  let datasetCount = 0;
  return {
    app,
    db: database.db,
    dialect,
    dataDir: database.dataDir,
    blobs,
    advance(ms) {
      clock += ms;
    },
    now,
    async signIn(username, roles) {
      const user = await createUser(database.db, { username, displayName: username, password: TEST_PASSWORD, roles, mustChangePassword: false }, null, now().toISOString());
      const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: TEST_PASSWORD } });
      if (response.statusCode !== 200) throw new Error(`sign-in of ${username} failed: ${response.body}`);
      const token = (response.json() as { token: string }).token;
      return { user, token, auth: { authorization: `Bearer ${token}` } };
    },
    async seedDataset(seed = {}) {
      datasetCount += 1;
      const labelSet = seed.labelSet ? await storeLabelSet(database.db, seed.labelSet) : SAH_SLICE_LABEL_SET;
      const dataset = await createDataset(
        database.db,
        { name: seed.name ?? `dataset ${datasetCount}`, description: '', labelSetId: labelSet.id, labelSetVersion: labelSet.version },
        null,
        now().toISOString(),
      );
      const { files } = generateHeadCtPhantom({ sliceCount: seed.slices ?? 6, seed: datasetCount });
      const report = await importDicomFiles(database.db, dataset.id, files, null, { blobs, now });
      const itemId = report.itemIds[0];
      if (!itemId || report.itemIds.length !== 1) throw new Error(`phantom import gave ${report.itemIds.length} items`);
      for (const userId of seed.assignTo ?? []) await assignItems(database.db, dataset.id, userId, null, null, now().toISOString());
      const item = await database.db.selectFrom('items').select('target_ids').where('id', '=', itemId).executeTakeFirstOrThrow();
      const fileRows = await database.db.selectFrom('item_files').select('id').where('item_id', '=', itemId).execute();
      return { datasetId: dataset.id, itemId, targetIds: JSON.parse(item.target_ids) as string[], fileIds: fileRows.map((f) => f.id) };
    },
    async anotherInstance() {
      const db = database.openAnother();
      const other = await buildApp({ ...appOptions, db });
      others.push({ app: other, db });
      return other;
    },
    async dispose() {
      for (const other of others) {
        await other.app.close();
        await other.db.destroy();
      }
      await app.close();
      await database.dispose();
    },
  };
}

/** Parsed JSON of a response, typed by the caller. */
export function json<T>(response: LightMyRequestResponse): T {
  return response.json() as T;
}

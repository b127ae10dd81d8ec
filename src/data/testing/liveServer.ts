/**
 * A real dataset server for client tests: Fastify app over a temp SQLite file, one annotator
 * with a small phantom series assigned and one reviewer, reached through a proxy on a fixed
 * port. The proxy can "lose" responses (the server processed the request, the client never
 * hears back) and can stand in for a stopped server while the real one restarts on the same
 * database file. Event streams pass through as they come (and drop when it becomes unreachable).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { buildApp } from '../../../server/app';
import { blobStoreIn } from '../../../server/blobs/diskBlobStore';
import type { Database } from '../../../server/db/schema';
import { migrateToLatest } from '../../../server/db/migrations';
import { openDatabase } from '../../../server/db/open';
import { generateHeadCtPhantom } from '../../../server/demo/phantom';
import { importDicomFiles } from '../../../server/import/importFiles';
import { assignItems, createDataset } from '../../../server/services/datasets';
import { seedBuiltinLabelSets } from '../../../server/services/labelSets';
import { createUser } from '../../../server/services/users';
import type { AnnotationRecord } from '../../core/annotation';
import type { ItemDetail, LoginResponse } from '../../core/api';
import { DocumentEditor } from '../../core/documentEditor';
import { SAH_SLICE_LABEL_SET } from '../../core/labelSets/builtin';
import type { StoredRecord } from '../../core/records';
import { ItemTargets } from '../../core/targets';
import { createApiClient, type ApiClient } from '../api';
import { allRecords } from './allRecords';

export const ANNOTATOR = { username: 'reader1', password: 'correct-horse-battery' } as const;
export const REVIEWER = { username: 'checker1', password: 'staple-battery-horse' } as const;

export interface LiveServer {
  /** The proxy's origin: stable across server restarts. */
  readonly baseUrl: string;
  readonly login: LoginResponse;
  readonly itemId: string;
  readonly detail: ItemDetail;
  readonly targetIds: readonly string[];
  /** An API client logged in as the annotator. */
  readonly api: ApiClient;
  /** An API client logged in as the reviewer (approves or returns submitted items). */
  readonly reviewerApi: ApiClient;
  /** The label set of the item's document, as `SyncEngine.open` wants it. */
  readonly labelSet: { readonly labelSetId: string; readonly labelSetVersion: number };
  /** The proxy answers every request by dropping the connection (server unreachable). */
  setReachable(reachable: boolean): void;
  /** The next `count` requests matching are processed by the server but their responses dropped. */
  loseResponses(match: (method: string, url: string) => boolean, count?: number): void;
  /** Requests that reached the server through the proxy, e.g. `PUT /api/items/…`. */
  readonly forwarded: string[];
  stopServer(): Promise<void>;
  startServer(): Promise<void>;
  close(): Promise<void>;
}

export async function startLiveServer(options: { readonly sliceCount?: number } = {}): Promise<LiveServer> {
  const dir = mkdtempSync(join(tmpdir(), 'mejirushi-client-'));
  const file = join(dir, 'test.sqlite');
  const blobs = blobStoreIn(dir);
  let db: Kysely<Database> = openDatabase({ kind: 'sqlite', file });
  await migrateToLatest(db);
  await seedBuiltinLabelSets(db);
  const at = new Date().toISOString();
  const annotator = await createUser(db, { ...ANNOTATOR, displayName: 'Reader One', roles: ['annotator'], mustChangePassword: false }, null, at);
  await createUser(db, { ...REVIEWER, displayName: 'Checker One', roles: ['reviewer'], mustChangePassword: false }, null, at);
  const dataset = await createDataset(
    db,
    { name: 'SAH test', description: '', labelSetId: SAH_SLICE_LABEL_SET.id, labelSetVersion: SAH_SLICE_LABEL_SET.version },
    null,
    at,
  );
  const phantom = generateHeadCtPhantom({ sliceCount: options.sliceCount ?? 6 });
  const report = await importDicomFiles(db, dataset.id, phantom.files, null, { blobs });
  const itemId = report.itemIds[0];
  if (!itemId) throw new Error(`phantom import made no item: ${JSON.stringify(report.outcomes.slice(0, 3))}`);
  await assignItems(db, dataset.id, annotator.id, null, null, at);

  let app: FastifyInstance | null = null;
  let upstreamPort = 0;
  async function startServer(): Promise<void> {
    if (app) return;
    app = await buildApp({ db, blobs });
    await app.listen({ host: '127.0.0.1', port: 0 });
    upstreamPort = (app.server.address() as AddressInfo).port;
  }
  async function stopServer(): Promise<void> {
    if (!app) return;
    await app.close();
    app = null;
    await db.destroy();
    // Reopened by startServer: a restart that keeps nothing but the database file.
    db = openDatabase({ kind: 'sqlite', file });
  }
  await startServer();

  let reachable = true;
  const losing: { match: (method: string, url: string) => boolean; count: number }[] = [];
  const forwarded: string[] = [];
  const streams = new Set<() => void>();
  const proxy: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (!reachable || !app) {
        req.socket.destroy();
        return;
      }
      const method = req.method ?? 'GET';
      const url = req.url ?? '/';
      const rule = losing.find((r) => r.count > 0 && r.match(method, url));
      forwarded.push(`${method} ${url}`);
      const upstream = httpRequest(
        { host: '127.0.0.1', port: upstreamPort, method, path: url, headers: req.headers },
        (answer: IncomingMessage) => {
          if (!rule && String(answer.headers['content-type']).startsWith('text/event-stream')) {
            const drop = () => req.socket.destroy();
            streams.add(drop);
            res.on('close', () => {
              streams.delete(drop);
              answer.destroy();
            });
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.pipe(res);
            return;
          }
          const body: Buffer[] = [];
          answer.on('data', (chunk: Buffer) => body.push(chunk));
          answer.on('end', () => {
            if (rule) {
              rule.count -= 1;
              req.socket.destroy(); // processed upstream, never answered
              return;
            }
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            res.end(Buffer.concat(body));
          });
        },
      );
      upstream.on('error', () => req.socket.destroy());
      upstream.end(Buffer.concat(chunks));
    });
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;

  const anonymous = createApiClient({ baseUrl, getToken: () => null });
  const login = await anonymous.login(ANNOTATOR);
  const api = createApiClient({ baseUrl, getToken: () => login.token });
  const reviewerLogin = await anonymous.login(REVIEWER);
  const reviewerApi = createApiClient({ baseUrl, getToken: () => reviewerLogin.token });
  const detail = await api.getItem(itemId);
  const targetIds = detail.item.content.kind === 'series' ? detail.item.content.slices.map((s) => s.targetId) : [];
  forwarded.length = 0;

  return {
    baseUrl,
    login,
    itemId,
    detail,
    targetIds,
    api,
    reviewerApi,
    forwarded,
    labelSet: { labelSetId: detail.labelSet.id, labelSetVersion: detail.labelSet.version },
    setReachable: (value) => {
      reachable = value;
      if (!reachable) for (const drop of [...streams]) drop();
    },
    loseResponses: (match, count = 1) => {
      losing.push({ match, count });
    },
    stopServer,
    startServer,
    close: async () => {
      await new Promise<void>((resolve) => {
        proxy.closeAllConnections();
        proxy.close(() => resolve());
      });
      if (app) await app.close();
      await db.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** An editor over `records` of the server's item, as the annotator (the real core commands). */
export function editorOf(server: LiveServer, records: Iterable<AnnotationRecord>): DocumentEditor {
  const { labelSet } = server.detail;
  return new DocumentEditor({
    key: { itemId: server.itemId, annotatorId: server.login.user.id, labelSetId: labelSet.id, labelSetVersion: labelSet.version },
    records,
    labelSet,
    targets: new ItemTargets(server.detail.item),
    userId: server.login.user.id,
  });
}

/** Every current record of the annotator's document on the server. */
export function serverRecords(server: LiveServer): Promise<StoredRecord[]> {
  return allRecords(server.api, server.itemId);
}

/** Deletes every record of the annotator's document on the server (a blank series); answers the revision. */
export async function blankServerDocument(server: LiveServer): Promise<number> {
  const records = await serverRecords(server);
  if (records.length === 0) return (await server.api.listRecords(server.itemId, { limit: 1 })).revision;
  const ops = records.map((stored) => ({ kind: 'delete' as const, id: stored.id, baseVersion: stored.version }));
  return (await server.api.patchRecords(server.itemId, { ops }, crypto.randomUUID())).revision;
}

/**
 * Sync ingest benchmark (not part of `npm test`): `npx tsx bench/sync-ingest.ts`
 *
 * 1. One client labelling slice after slice through PATCH /api/items/:id/annotations/me on a real
 *    server process (real HTTP on 127.0.0.1, keep-alive, one op per batch as a labelling user
 *    sends them), against raw writes of the same record row and op row (one transaction per
 *    label) into the same SQLite database: the cost of the protocol over the storage.
 *    The same labels through the same route in this process (`app.inject`, no network) split the
 *    cost of the server's own work from the cost of HTTP between two processes.
 * 2. 50 concurrent clients for 20 s with autocannon against the same endpoint. Each connection
 *    writes as its own annotator (no two requests in flight share a document), every request
 *    carries a fresh Idempotency-Key and the base version of the record it changes, so every
 *    request is valid and must succeed: errors and non-2xx must be 0.
 *
 * Prints one line per figure: `BENCH sync-ingest <measure> value=<v> baseline=<b> ratio=<v/b>`
 * (times in ms, lower is better).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon, { type RequestSpec } from 'autocannon';
import type { BatchResult, LoginResponse, OpBatch } from '../src/core/api';
import { RECORD_SCHEMA } from '../src/core/records';
import { buildApp } from '../server/app';
import { prepareDatabase } from '../server/bootstrap';
import { SQLITE_FILE_NAME } from '../server/config';
import { openDatabase } from '../server/db/open';
import { generateHeadCtPhantom } from '../server/demo/phantom';
import { importDicomFiles } from '../server/import/importFiles';
import { blobStoreIn } from '../server/blobs/diskBlobStore';
import { recordColumns } from '../server/services/annotations/recordRow';
import { assignItems, createDataset } from '../server/services/datasets';
import { createUser } from '../server/services/users';
import { humanBy, label, put } from '../server/testing/documents';
import { startScript } from '../server/testing/processes';
import { sendRequest } from './support/http';

const SEQUENTIAL_LABELS = Number(process.env.BENCH_LABELS ?? 1000);
const CONNECTIONS = 50;
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 20);
const PASSWORD = 'benchmark password';
const CLASSES = ['sah.present', 'sah.absent', 'sah.uncertain'];

interface Annotator {
  readonly id: string;
  token: string;
  /** Version of each label record this client has seen, by record id. */
  readonly versions: Map<string, number>;
  writes: number;
}

/** The annotator's next one-op batch: label one more slice (cycling through slices and classes). */
function nextBatch(targetIds: readonly string[], who: Annotator): OpBatch {
  const slice = targetIds[who.writes % targetIds.length] as string;
  const code = CLASSES[Math.floor(who.writes / targetIds.length) % CLASSES.length] as string;
  who.writes += 1;
  const record = label(slice, code, humanBy(who.id));
  return { ops: [put(record, who.versions.get(record.id) ?? 0)] };
}

function remember(who: Annotator, result: BatchResult): void {
  for (const [id, version] of Object.entries(result.versions)) who.versions.set(id, version);
}

const line = (measure: string, value: number, baseline: number, digits = 3) =>
  `BENCH sync-ingest ${measure} value=${value.toFixed(digits)} baseline=${baseline.toFixed(digits)} ratio=${baseline === 0 ? 'n/a' : (value / baseline).toFixed(2)}`;

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'mejirushi-bench-'));
  const db = openDatabase({ kind: 'sqlite', file: join(dataDir, SQLITE_FILE_NAME) });
  let server: ReturnType<typeof startScript> | undefined;
  try {
    // Setup straight into the database: CONNECTIONS + 3 annotators (the last two for raw and in-process writes) on one 24-slice series.
    await prepareDatabase(db);
    const at = new Date().toISOString();
    const dataset = await createDataset(db, { name: 'bench', description: '', labelSetId: 'sah-slice', labelSetVersion: 1 }, null, at);
    const report = await importDicomFiles(db, dataset.id, generateHeadCtPhantom().files, null, { blobs: blobStoreIn(dataDir) });
    const itemId = report.itemIds[0] as string;
    const item = await db.selectFrom('items').select('target_ids').where('id', '=', itemId).executeTakeFirstOrThrow();
    const targetIds = JSON.parse(item.target_ids) as string[];
    const annotators: Annotator[] = [];
    for (let i = 0; i <= CONNECTIONS + 2; i += 1) {
      const user = await createUser(
        db,
        { username: `bench-${i}`, displayName: `bench ${i}`, password: PASSWORD, roles: ['annotator'], mustChangePassword: false },
        null,
        at,
      );
      await assignItems(db, dataset.id, user.id, null, null, at);
      annotators.push({ id: user.id, token: '', versions: new Map(), writes: 0 });
    }

    server = startScript('server/main.ts', ['--port', '0', '--data', dataDir, '--static', join(dataDir, 'no-dist')]);
    const base = /at (http:\S+)\/$/.exec(await server.waitForLine(/^Mejirushi is running at /))?.[1] as string;
    for (const [i, who] of annotators.entries()) {
      const response = await fetch(`${base}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: `bench-${i}`, password: PASSWORD }),
      });
      who.token = ((await response.json()) as LoginResponse).token;
    }
    const url = `/api/items/${itemId}/annotations/me`;

    // 1. One client labelling slice after slice through the sync endpoint, on one kept-alive connection.
    const solo = annotators[CONNECTIONS] as Annotator;
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const send = async (i: number) => {
      const body = JSON.stringify(nextBatch(targetIds, solo));
      const headers = { authorization: `Bearer ${solo.token}`, 'content-type': 'application/json', 'idempotency-key': `solo-${i}` };
      const { status, text } = await sendRequest(`${base}${url}`, 'PATCH', headers, agent, body);
      if (status !== 200) throw new Error(`PATCH ${i} answered ${status}: ${text}`);
      remember(solo, JSON.parse(text) as BatchResult);
    };
    for (let i = 0; i < 20; i += 1) await send(-1 - i); // warm-up: connection, JIT, statement caches
    const httpStart = performance.now();
    for (let i = 0; i < SEQUENTIAL_LABELS; i += 1) await send(i);
    const httpMs = (performance.now() - httpStart) / SEQUENTIAL_LABELS;
    agent.destroy();

    // The same record and op rows written raw into the same database, one transaction per label.
    const raw = annotators[CONNECTIONS + 1] as Annotator;
    const rawStart = performance.now();
    for (let i = 0; i < SEQUENTIAL_LABELS; i += 1) {
      const [op] = nextBatch(targetIds, raw).ops;
      if (op?.kind !== 'put') throw new Error('expected a put');
      const version = op.baseVersion + 1;
      raw.versions.set(op.id, version);
      const written = new Date().toISOString();
      const columns = recordColumns(op.record);
      await db.transaction().execute(async (trx) => {
        const { seq } = await trx
          .insertInto('annotation_ops')
          .values({ txid: 0, item_id: itemId, annotator_id: raw.id, revision: i + 1, record_id: op.id, version, kind: 'put', body: columns.body, schema: RECORD_SCHEMA.label, author_id: raw.id, op_id: `raw-${i}`, created_at: written })
          .returning('seq')
          .executeTakeFirstOrThrow();
        await trx
          .insertInto('annotation_records')
          .values({ item_id: itemId, annotator_id: raw.id, record_id: op.id, version, schema: RECORD_SCHEMA.label, ...columns, updated_at: written, updated_seq: seq })
          .onConflict((oc) => oc.columns(['item_id', 'annotator_id', 'record_id']).doUpdateSet({ version, ...columns, updated_at: written, updated_seq: seq }))
          .execute();
      });
    }
    const rawMs = (performance.now() - rawStart) / SEQUENTIAL_LABELS;

    // The route in-process, on the same database: the server's work without the network.
    const app = await buildApp({ db, blobs: blobStoreIn(dataDir) });
    const inProcess = annotators[CONNECTIONS + 2] as Annotator;
    const inject = async (i: number) => {
      const response = await app.inject({
        method: 'PATCH',
        url,
        headers: { authorization: `Bearer ${inProcess.token}`, 'idempotency-key': `inject-${i}` },
        payload: nextBatch(targetIds, inProcess),
      });
      if (response.statusCode !== 200) throw new Error(`inject ${i} answered ${response.statusCode}: ${response.body}`);
      remember(inProcess, response.json() as BatchResult);
    };
    for (let i = 0; i < 20; i += 1) await inject(-1 - i);
    const injectStart = performance.now();
    for (let i = 0; i < SEQUENTIAL_LABELS; i += 1) await inject(i);
    const injectMs = (performance.now() - injectStart) / SEQUENTIAL_LABELS;
    await app.close();

    console.log(`sync ingest, one client, ${SEQUENTIAL_LABELS} labels (one op per PATCH, 24-slice document, SQLite): ${(1000 / httpMs).toFixed(0)} labels/s over HTTP, ${(1000 / injectMs).toFixed(0)} in-process; raw writes ${(1000 / rawMs).toFixed(0)} labels/s`);
    console.log(line('sequential-ms-per-label', httpMs, rawMs));
    console.log(line('in-process-ms-per-label', injectMs, rawMs));

    // 2. CONNECTIONS concurrent clients; each request borrows an annotator nobody else has in flight.
    const free = annotators.slice(0, CONNECTIONS);
    const patch: RequestSpec = {
      method: 'PATCH',
      path: url,
      setupRequest(request, context) {
        const who = free.pop();
        if (!who) throw new Error('more requests in flight than annotators');
        context.who = who;
        return {
          ...request,
          headers: { authorization: `Bearer ${who.token}`, 'content-type': 'application/json', 'idempotency-key': `c-${who.id}-${who.writes}` },
          body: JSON.stringify(nextBatch(targetIds, who)),
        };
      },
      onResponse(status, body, context) {
        const who = context.who as Annotator;
        if (status === 200) remember(who, JSON.parse(body) as BatchResult);
        free.push(who);
      },
    };
    const result = await autocannon({ url: base, connections: CONNECTIONS, duration: DURATION_S, requests: [patch] });
    const stored = await db.selectFrom('annotation_ops').select((eb) => eb.fn.countAll<number>().as('n')).where('op_id', 'like', 'c-%').executeTakeFirstOrThrow();
    console.log(
      `${CONNECTIONS} concurrent clients for ${DURATION_S} s: ${result.requests.average.toFixed(0)} labels/s, ${result.requests.total} requests, ` +
        `${Number(stored.n)} ops stored; latency p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms; errors ${result.errors}, timeouts ${result.timeouts}, non-2xx ${result.non2xx}`,
    );
    console.log(line('concurrent-ms-per-label', 1000 / result.requests.average, rawMs));
    console.log(line('concurrent-p99-ms', result.latency.p99, httpMs, 1));
    console.log(line('concurrent-failed-requests', result.errors + result.timeouts + result.non2xx, 0, 0));
    if (result.errors + result.timeouts + result.non2xx > 0) process.exitCode = 1;
  } finally {
    if (server) {
      server.child.kill('SIGTERM');
      await server.exited;
    }
    await db.destroy();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});

/**
 * Sync ingest benchmark (not part of `npm test`): `npx tsx bench/sync-ingest.ts`
 *
 * 1. Labels per second through PUT /api/items/:id/annotations/me on a real server process
 *    (real HTTP on 127.0.0.1, one client labelling slice after slice), against raw inserts of the
 *    same revision rows into the same SQLite database: the cost of the protocol over the storage.
 * 2. 50 concurrent clients for 20 s with autocannon against the same endpoint. Each connection
 *    writes as its own annotator (no two requests in flight share a document), every request
 *    carries a fresh Idempotency-Key and the If-Match of that annotator's head, so every request
 *    is valid and must succeed: errors and non-2xx must be 0.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon, { type RequestSpec } from 'autocannon';
import type { AnnotationDocument } from '../src/core/annotation';
import type { DocumentWriteResult, LoginResponse } from '../src/core/api';
import { prepareDatabase } from '../server/bootstrap';
import { SQLITE_FILE_NAME } from '../server/config';
import { openDatabase } from '../server/db/open';
import { generateHeadCtPhantom } from '../server/demo/phantom';
import { importDicomFiles } from '../server/import/importFiles';
import { assignItems, createDataset } from '../server/services/datasets';
import { createUser } from '../server/services/users';
import { startScript } from '../server/testing/processes';
import { sliceLabelDocument } from '../server/testing/documents';

const SEQUENTIAL_LABELS = Number(process.env.BENCH_LABELS ?? 1000);
const CONNECTIONS = 50;
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 20);
const PASSWORD = 'benchmark password';
const CLASSES = ['sah.present', 'sah.absent', 'sah.uncertain'];

interface Annotator {
  readonly id: string;
  token: string;
  revision: number;
  labels: Record<number, string>;
  writes: number;
}

/** The annotator's document after labelling one more slice (cycling through slices and classes). */
function nextDocument(itemId: string, targetIds: readonly string[], who: Annotator): AnnotationDocument {
  const slice = who.writes % targetIds.length;
  who.labels = { ...who.labels, [slice]: CLASSES[Math.floor(who.writes / targetIds.length) % CLASSES.length] as string };
  who.writes += 1;
  return sliceLabelDocument(itemId, who.id, targetIds, who.labels);
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'mejirushi-bench-'));
  const db = openDatabase({ kind: 'sqlite', file: join(dataDir, SQLITE_FILE_NAME) });
  let server: ReturnType<typeof startScript> | undefined;
  try {
    // Setup straight into the database: CONNECTIONS + 1 annotators on one 24-slice series.
    await prepareDatabase(db);
    const at = new Date().toISOString();
    const dataset = await createDataset(db, { name: 'bench', description: '', labelSetId: 'sah-slice', labelSetVersion: 1 }, null, at);
    const report = await importDicomFiles(db, dataset.id, generateHeadCtPhantom().files, null);
    const itemId = report.itemIds[0] as string;
    const item = await db.selectFrom('items').select('target_ids').where('id', '=', itemId).executeTakeFirstOrThrow();
    const targetIds = JSON.parse(item.target_ids) as string[];
    const annotators: Annotator[] = [];
    for (let i = 0; i <= CONNECTIONS; i += 1) {
      const user = await createUser(
        db,
        { username: `bench-${i}`, displayName: `bench ${i}`, password: PASSWORD, roles: ['annotator'], mustChangePassword: false },
        null,
        at,
      );
      await assignItems(db, dataset.id, user.id, null, null, at);
      annotators.push({ id: user.id, token: '', revision: 0, labels: {}, writes: 0 });
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

    // 1. One client labelling slice after slice through the sync endpoint.
    const solo = annotators[CONNECTIONS] as Annotator;
    const bodies: string[] = [];
    const httpStart = performance.now();
    for (let i = 0; i < SEQUENTIAL_LABELS; i += 1) {
      const body = JSON.stringify(nextDocument(itemId, targetIds, solo));
      bodies.push(body);
      const response = await fetch(`${base}${url}`, {
        method: 'PUT',
        headers: {
          authorization: `Bearer ${solo.token}`,
          'content-type': 'application/json',
          'if-match': `"${solo.revision}"`,
          'idempotency-key': `solo-${i}`,
        },
        body,
      });
      if (response.status !== 200) throw new Error(`PUT ${i} answered ${response.status}: ${await response.text()}`);
      solo.revision = ((await response.json()) as DocumentWriteResult).revision;
    }
    const httpSeconds = (performance.now() - httpStart) / 1000;

    // The same revision rows, inserted raw into the same database (one autocommitted insert each).
    const doc = await db.selectFrom('annotation_docs').select('id').where('annotator_id', '=', solo.id).executeTakeFirstOrThrow();
    const rawStart = performance.now();
    for (const [i, body] of bodies.entries()) {
      await db
        .insertInto('doc_revisions')
        .values({
          doc_id: doc.id,
          item_id: itemId,
          annotator_id: solo.id,
          revision: 1_000_000 + i,
          body,
          author_id: solo.id,
          op_id: `raw-${i}`,
          created_at: new Date().toISOString(),
        })
        .execute();
    }
    const rawSeconds = (performance.now() - rawStart) / 1000;
    const httpRate = SEQUENTIAL_LABELS / httpSeconds;
    const rawRate = SEQUENTIAL_LABELS / rawSeconds;
    console.log(`sync ingest, one client, ${SEQUENTIAL_LABELS} labels (24-slice document, SQLite):`);
    console.log(`  through PUT /api/items/:id/annotations/me (HTTP, 127.0.0.1): ${httpRate.toFixed(0)} labels/s (${((httpSeconds * 1000) / SEQUENTIAL_LABELS).toFixed(2)} ms each)`);
    console.log(`  raw inserts of the same revision rows:                       ${rawRate.toFixed(0)} labels/s`);
    console.log(`  ratio raw / sync endpoint: ${(rawRate / httpRate).toFixed(1)}×`);

    // 2. CONNECTIONS concurrent clients; each request borrows an annotator nobody else has in flight.
    const free = annotators.slice(0, CONNECTIONS);
    let sent = 0;
    const put: RequestSpec = {
      method: 'PUT',
      path: url,
      setupRequest(request, context) {
        const who = free.pop();
        if (!who) throw new Error('more requests in flight than annotators');
        context.who = who;
        sent += 1;
        return {
          ...request,
          headers: {
            authorization: `Bearer ${who.token}`,
            'content-type': 'application/json',
            'if-match': `"${who.revision}"`,
            'idempotency-key': `c-${who.id}-${who.writes}`,
          },
          body: JSON.stringify(nextDocument(itemId, targetIds, who)),
        };
      },
      onResponse(status, body, context) {
        const who = context.who as Annotator;
        if (status === 200) who.revision = (JSON.parse(body) as DocumentWriteResult).revision;
        free.push(who);
      },
    };
    const result = await autocannon({ url: base, connections: CONNECTIONS, duration: DURATION_S, requests: [put] });
    console.log(`${CONNECTIONS} concurrent clients for ${DURATION_S} s (autocannon, PUT with fresh Idempotency-Key and current If-Match each):`);
    console.log(`  ${result.requests.average.toFixed(0)} req/s (= labels/s), ${result.requests.total} requests`);
    console.log(`  latency p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, max ${result.latency.max} ms`);
    console.log(`  errors ${result.errors}, timeouts ${result.timeouts}, non-2xx ${result.non2xx}`);
    const stored = await db.selectFrom('doc_revisions').select((eb) => eb.fn.countAll<number>().as('n')).where('op_id', 'like', 'c-%').executeTakeFirstOrThrow();
    console.log(`  revisions stored by the run: ${Number(stored.n)} (requests prepared: ${sent})`);
    if (result.errors + result.non2xx > 0) process.exitCode = 1;
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

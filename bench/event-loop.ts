/**
 * Event-loop benchmark (not part of `npm test`): `npm run bench -- event-loop`
 *
 * Does one user's largest allowed write stall everybody else? A real server process (SQLite,
 * real HTTP on 127.0.0.1) answers `GET /api/auth/me` on a kept-alive connection, one request
 * after another: first idle, then while another client sends, one after another, `BENCH_WRITES`
 * op batches (default 3) as large as the annotation route accepts (masks of the whole 512×512
 * slice with one-pixel runs and 10,000-vertex outlines, the record limits' worst cases, up to the
 * route's body limit). Every write must succeed.
 *
 * Prints `BENCH event-loop auth-me-p99 value=<p99 ms during the writes> baseline=<idle p99 ms>
 * ratio=<r>` (goal: ratio ≤ 5) and the time one large write takes, for reference.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AnnotationRecord } from '../src/core/annotation';
import type { LoginResponse, OpBatch } from '../src/core/api';
import { RECORD_LIMITS } from '../src/core/validation/annotation';
import { prepareDatabase } from '../server/bootstrap';
import { SQLITE_FILE_NAME } from '../server/config';
import { openDatabase } from '../server/db/open';
import { generateHeadCtPhantom } from '../server/demo/phantom';
import { importDicomFiles } from '../server/import/importFiles';
import { blobStoreIn } from '../server/blobs/diskBlobStore';
import { MAX_BATCH_BODY_BYTES } from '../server/routes/annotations/schema';
import { assignItems, createDataset } from '../server/services/datasets';
import { storeLabelSet } from '../server/services/labelSets';
import { createUser } from '../server/services/users';
import { MULTI_QUESTION_LABEL_SET } from '../server/testing/labelSets';
import { humanBy, put, shape } from '../server/testing/documents';
import { startScript } from '../server/testing/processes';
import { sendRequest } from './support/http';
import { printBench } from './support/benchLine';
import { formatSpread, ms, spread } from './support/stats';

const WRITES = Number(process.env.BENCH_WRITES ?? 3);
const IDLE_PROBES = 400;
const PASSWORD = 'benchmark password';
const SLICE_PX = 512;

function percentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

/** A mask of one-pixel runs over the whole slice: the most runs a mask of this image can have. */
function noisyMask(id: string, targetId: string, authorId: string): AnnotationRecord {
  const runs = new Array<number>(SLICE_PX * SLICE_PX).fill(1);
  return { type: 'mask', id, questionId: 'lesion', targetId, classCode: 'lesion.bleed', width: SLICE_PX, height: SLICE_PX, runs, provenance: humanBy(authorId) };
}

/** An outline with the most vertices a record may have, all inside the slice. */
function longOutline(id: string, targetId: string, authorId: string): AnnotationRecord {
  const n = RECORD_LIMITS.maxVertices;
  const points = Array.from({ length: n }, (_, i): [number, number] => {
    const angle = (2 * Math.PI * i) / n;
    return [Math.round((256 + 200 * Math.cos(angle)) * 100) / 100, Math.round((256 + 200 * Math.sin(angle)) * 100) / 100];
  });
  return shape(id, targetId, { type: 'polygon', points }, humanBy(authorId));
}

/** One batch as close to the route's body limit as whole records allow; record ids unique to `round`. */
function largestBatch(round: number, targetIds: readonly string[], authorId: string): string {
  const ops: OpBatch['ops'][number][] = [];
  let bytes = 20;
  for (let i = 0; ; i += 1) {
    const targetId = targetIds[i % targetIds.length] as string;
    const record = i % 2 === 0 ? noisyMask(`w${round}-mask-${i}`, targetId, authorId) : longOutline(`w${round}-outline-${i}`, targetId, authorId);
    const size = JSON.stringify(put(record)).length + 1;
    if (bytes + size > MAX_BATCH_BODY_BYTES) break;
    ops.push(put(record));
    bytes += size;
  }
  return JSON.stringify({ ops });
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'mejirushi-bench-'));
  const db = openDatabase({ kind: 'sqlite', file: join(dataDir, SQLITE_FILE_NAME) });
  let server: ReturnType<typeof startScript> | undefined;
  try {
    await prepareDatabase(db);
    const at = new Date().toISOString();
    const labelSet = await storeLabelSet(db, MULTI_QUESTION_LABEL_SET);
    const dataset = await createDataset(db, { name: 'bench', description: '', labelSetId: labelSet.id, labelSetVersion: labelSet.version }, null, at);
    const report = await importDicomFiles(db, dataset.id, generateHeadCtPhantom().files, null, { blobs: blobStoreIn(dataDir) });
    const itemId = report.itemIds[0] as string;
    const item = await db.selectFrom('items').select('target_ids').where('id', '=', itemId).executeTakeFirstOrThrow();
    const targetIds = JSON.parse(item.target_ids) as string[];
    const names = ['writer', 'reader'];
    const ids: string[] = [];
    for (const username of names) {
      const user = await createUser(db, { username, displayName: username, password: PASSWORD, roles: ['annotator'], mustChangePassword: false }, null, at);
      await assignItems(db, dataset.id, user.id, null, null, at);
      ids.push(user.id);
    }
    await db.destroy();

    server = startScript('server/main.ts', ['--port', '0', '--data', dataDir, '--static', join(dataDir, 'no-dist')]);
    const base = /at (http:\S+)\/$/.exec(await server.waitForLine(/^Mejirushi is running at /))?.[1] as string;
    const tokens: string[] = [];
    for (const username of names) {
      const response = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }) });
      tokens.push(((await response.json()) as LoginResponse).token);
    }
    const [writerToken, readerToken] = tokens as [string, string];
    const writerId = ids[0] as string;

    const bodies = Array.from({ length: WRITES }, (_, round) => largestBatch(round, targetIds, writerId));
    const bodyMb = Buffer.byteLength(bodies[0] as string) / 1e6;

    const readerAgent = new Agent({ keepAlive: true, maxSockets: 1 });
    const probe = async (): Promise<number> => {
      const started = performance.now();
      const answer = await sendRequest(`${base}/api/auth/me`, 'GET', { authorization: `Bearer ${readerToken}` }, readerAgent);
      if (answer.status !== 200) throw new Error(`GET /api/auth/me answered ${answer.status}: ${answer.text}`);
      return performance.now() - started;
    };
    for (let i = 0; i < 50; i += 1) await probe(); // warm-up: connection, JIT, statement cache
    const idle: number[] = [];
    for (let i = 0; i < IDLE_PROBES; i += 1) idle.push(await probe());

    const writerAgent = new Agent({ keepAlive: true, maxSockets: 1 });
    const writeTimes: number[] = [];
    let writing = true;
    const writer = (async () => {
      try {
        for (const [round, body] of bodies.entries()) {
          const started = performance.now();
          const headers = { authorization: `Bearer ${writerToken}`, 'content-type': 'application/json', 'idempotency-key': `large-${round}` };
          const answer = await sendRequest(`${base}/api/items/${itemId}/annotations/me`, 'PATCH', headers, writerAgent, body);
          if (answer.status !== 200) throw new Error(`PATCH ${round} answered ${answer.status}: ${answer.text.slice(0, 500)}`);
          writeTimes.push(performance.now() - started);
        }
      } finally {
        writing = false;
      }
    })();
    const loaded: number[] = [];
    while (writing) loaded.push(await probe());
    await writer;
    readerAgent.destroy();
    writerAgent.destroy();

    const idleP99 = percentile(idle, 99);
    const loadedP99 = percentile(loaded, 99);
    console.log(`GET /api/auth/me idle: p50 ${ms(percentile(idle, 50))}, p99 ${ms(idleP99)}, max ${ms(Math.max(...idle))} (n=${idle.length})`);
    console.log(
      `GET /api/auth/me during ${WRITES} writes of ${bodyMb.toFixed(1)} MB: p50 ${ms(percentile(loaded, 50))}, p99 ${ms(loadedP99)}, max ${ms(Math.max(...loaded))} (n=${loaded.length})`,
    );
    console.log(`one ${bodyMb.toFixed(1)} MB write: ${formatSpread(spread(writeTimes))}`);
    printBench('event-loop', 'auth-me-p99', loadedP99, idleP99);
  } finally {
    if (server) {
      server.child.kill('SIGTERM');
      await server.exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});

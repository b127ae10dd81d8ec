/**
 * Live update benchmark (not part of `npm test`): `npm run bench -- live-update`
 *
 * Two clients of the same annotator on the demo item of a real server process (real HTTP on
 * 127.0.0.1). The writer labels one slice at a time through `PATCH …/annotations/me`; the reader
 * runs the app's sync engine (IndexedDB through fake-indexeddb, the live change stream) with the
 * item open in the core editor, as the app holds it. Each sample is the time from the writer
 * holding the server's acknowledgement to the reader's editor showing that label: stream event,
 * catch-up through the feed, IndexedDB write, editor. Samples are sequential.
 *
 * Baseline: the round-trip time of a plain `GET /api/changes?since=latest` from the reader's
 * client, measured between the samples of the same run.
 *
 * Prints `BENCH live-update latency-p50 …` and `BENCH live-update latency-p99 …` (ms).
 */
import 'fake-indexeddb/auto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { LabelSet } from '../src/core/labelSet';
import { createApiClient } from '../src/data/api';
import { MejirushiDb } from '../src/data/db';
import { SyncEngine } from '../src/data/syncEngine';
import { DocumentEditor } from '../src/core/documentEditor';
import { ItemTargets } from '../src/core/targets';
import { DEMO_DATASET_NAME } from '../server/bootstrap';
import { humanBy, label, put } from '../server/testing/documents';
import { printBench } from './support/benchLine';
import { findItem, startBenchServer } from './support/server';

const SAMPLES = Number(process.env.BENCH_LIVE_SAMPLES ?? 200);
const CLASSES = ['sah.present', 'sah.absent', 'sah.uncertain'];

/** The q-quantile (0..1) of samples, nearest rank. */
function quantile(samples: readonly number[], q: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] as number;
}

async function main(): Promise<void> {
  // No built app is needed: both clients speak to the API.
  const emptyStatic = mkdtempSync(join(tmpdir(), 'mejirushi-bench-nostatic-'));
  const server = await startBenchServer(emptyStatic);
  const db = new MejirushiDb(`bench-live-${process.pid}`);
  let engine: SyncEngine | null = null;
  try {
    const detail = await findItem(server, DEMO_DATASET_NAME);
    const itemId = detail.item.id;
    const me = server.login.user.id;
    const api = createApiClient({ baseUrl: server.url, getToken: () => server.login.token });
    const targets = new ItemTargets(detail.item);
    const labelSet: LabelSet = detail.labelSet;

    engine = new SyncEngine({ api, db, annotatorId: me, changeStream: api.changeStream });
    const reader = engine;
    reader.start();
    reader.hold(itemId);
    const records = await reader.open(itemId, { labelSetId: labelSet.id, labelSetVersion: labelSet.version });
    const editor = new DocumentEditor({ key: { itemId, annotatorId: me, labelSetId: labelSet.id, labelSetVersion: labelSet.version }, records, labelSet, targets, userId: me });
    let expected: { readonly id: string; readonly classCode: string; readonly resolve: () => void } | null = null;
    const shows = (id: string, classCode: string): boolean => {
      const record = editor.store.get(id);
      return record?.type === 'label' && record.classCodes.join(' ') === classCode;
    };
    reader.subscribe((event) => {
      if (event.type !== 'remote' || event.itemId !== itemId) return;
      editor.applyRemote(event.records);
      if (expected && shows(expected.id, expected.classCode)) expected.resolve();
    });
    for (;;) {
      await reader.idle();
      if (reader.liveConnected) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }

    const versions = new Map<string, number>();
    const latencies: number[] = [];
    const feedTrips: number[] = [];
    for (let i = 0; i < SAMPLES; i += 1) {
      const targetId = targets.order[i % targets.order.length] as string;
      const classCode = CLASSES[Math.floor(i / targets.order.length) % CLASSES.length] as string;
      const record = label(targetId, classCode, humanBy(me));
      const arrived = new Promise<void>((resolve) => (expected = { id: record.id, classCode, resolve }));
      const result = await api.patchRecords(itemId, { ops: [put(record, versions.get(record.id) ?? 0)] }, crypto.randomUUID());
      const acknowledged = performance.now();
      versions.set(record.id, result.versions[record.id] as number);
      await arrived;
      latencies.push(performance.now() - acknowledged);
      expected = null;
      await reader.idle();

      const asked = performance.now();
      await api.changes('latest');
      feedTrips.push(performance.now() - asked);
    }

    const p50 = quantile(latencies, 0.5);
    const p99 = quantile(latencies, 0.99);
    console.log(`live-update: ${SAMPLES} labels, write acknowledged → other client's editor shows it`);
    console.log(`  p50 ${p50.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms, max ${Math.max(...latencies).toFixed(1)} ms`);
    console.log(`  baseline GET /api/changes?since=latest: p50 ${quantile(feedTrips, 0.5).toFixed(1)} ms, p99 ${quantile(feedTrips, 0.99).toFixed(1)} ms`);
    printBench('live-update', 'latency-p50', p50, quantile(feedTrips, 0.5));
    printBench('live-update', 'latency-p99', p99, quantile(feedTrips, 0.99));
  } finally {
    engine?.stop();
    await engine?.idle();
    db.close();
    await server.stop();
    rmSync(emptyStatic, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});

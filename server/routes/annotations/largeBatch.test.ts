/**
 * Batches near the size limit: prepared in a worker thread, written in several statements with
 * turns of the event loop between them, and still applied whole or not at all.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnnotationRecord } from '../../../src/core/annotation';
import type { RecordConflictBody, RecordPage } from '../../../src/core/api';
import { RECORD_LIMITS } from '../../../src/core/validation/annotation';
import { humanBy, label, patchBatch, put, shape } from '../../testing/documents';
import { MULTI_QUESTION_LABEL_SET } from '../../testing/labelSets';
import { testDialects } from '../../testing/testDatabase';
import { json, startTestServer, type SignedIn, type TestServer } from '../../testing/testServer';

const SLICE_PX = 512;

describe.each(testDialects('large batches'))('large batches on %s', (dialect) => {
  let server: TestServer;
  let ann: SignedIn;
  let itemId: string;
  let slices: string[];

  beforeAll(async () => {
    server = await startTestServer(dialect);
    ann = await server.signIn('ann', ['annotator']);
    ({ itemId, targetIds: slices } = await server.seedDataset({ assignTo: [ann.user.id], labelSet: MULTI_QUESTION_LABEL_SET }));
  });
  afterAll(async () => server.dispose());

  /** Three whole-slice masks of one-pixel runs (about 0.5 MB each) and one outline of the most vertices allowed. */
  function largeRecords(): AnnotationRecord[] {
    const masks = [0, 1, 2].map(
      (i): AnnotationRecord => ({
        type: 'mask',
        id: `mask-${i}`,
        questionId: 'lesion',
        targetId: slices[i]!,
        classCode: 'lesion.bleed',
        width: SLICE_PX,
        height: SLICE_PX,
        runs: new Array<number>(SLICE_PX * SLICE_PX).fill(1),
        provenance: humanBy(ann.user.id),
      }),
    );
    const points = Array.from({ length: RECORD_LIMITS.maxVertices }, (_, i): [number, number] => [10 + (i % 400), 10 + ((i * 13) % 400)]);
    return [...masks, shape('outline-big', slices[3]!, { type: 'polygon', points }, humanBy(ann.user.id))];
  }

  const records = async () =>
    json<RecordPage>(await server.app.inject({ method: 'GET', url: `/api/items/${itemId}/annotations/me/records?limit=5000`, headers: ann.auth })).records;

  it('applies a batch spanning several statements whole, refuses it whole on one stale op, and replays it by its bytes', async () => {
    const big = largeRecords();
    const stale = await patchBatch(server, ann, itemId, 'big-stale', { ops: [...big.map((r) => put(r)), put(label(slices[4]!, 'sah.present', humanBy(ann.user.id)), 3)] });
    expect(stale.statusCode, stale.body.slice(0, 300)).toBe(412);
    expect(json<RecordConflictBody>(stale).conflicts.map((c) => c.id)).toEqual([`label:sah:${slices[4]}`]);
    expect(await records()).toEqual([]);

    const batch = { ops: big.map((r) => put(r)) };
    const applied = await patchBatch(server, ann, itemId, 'big-1', batch);
    expect(applied.statusCode, applied.body.slice(0, 300)).toBe(200);
    const stored = await records();
    expect(stored.map((r) => [r.id, r.version])).toEqual(big.map((r) => [r.id, 1]).sort((a, b) => String(a[0]).localeCompare(String(b[0]))));
    for (const record of big) expect(stored.find((r) => r.id === record.id)?.record).toEqual(record);

    const replay = await patchBatch(server, ann, itemId, 'big-1', batch);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.json()).toEqual(applied.json());
    const changed = { ops: [...batch.ops.slice(0, 3), put(shape('outline-big', slices[3]!, { type: 'polygon', points: [[1, 1], [2, 1], [1, 2]] }, humanBy(ann.user.id)))] };
    expect((await patchBatch(server, ann, itemId, 'big-1', changed)).statusCode).toBe(422);
  });
});

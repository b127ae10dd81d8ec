import { afterAll, describe, expect, it } from 'vitest';
import { RECORD_LIMITS } from '../../../src/core/validation/annotation';
import { labelRecord, maskRecord, seriesItem, shapeRecord, TEST_LABEL_SET } from '../../../src/core/testing/records';
import type { RecordOp } from '../../../src/core/records';
import { MAX_BATCH_BODY_BYTES } from '../../routes/annotations/schema';
import { prepareBatch, preparedOp, type BatchContext, type PrepareOutcome } from './batchInput';
import { BatchPool, INLINE_BATCH_BYTES } from './batchPool';
import { packOutcome, unpackOutcome } from './batchWire';
import { recordColumns } from './recordRow';

const context: BatchContext = { labelSet: TEST_LABEL_SET, item: seriesItem(4) };
const bytes = (body: unknown): Uint8Array => Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
const put = (record: ReturnType<typeof labelRecord> | ReturnType<typeof shapeRecord>): RecordOp => ({ kind: 'put', id: record.id, baseVersion: 0, record });
const refusal = (outcome: PrepareOutcome) => (outcome.ok ? null : outcome.refusal);

/** A batch of outlines, each with the most vertices allowed, of at least `minBytes`. */
function outlineBatch(minBytes: number): { ops: RecordOp[] } {
  const ops: RecordOp[] = [];
  const points = Array.from({ length: RECORD_LIMITS.maxVertices }, (_, i): [number, number] => [(i % 60) + 0.5, ((i * 7) % 60) + 0.25]);
  while (JSON.stringify({ ops }).length < minBytes) ops.push(put(shapeRecord(`outline-${ops.length}`, 'slice-1', { type: 'polygon', points })));
  return { ops };
}

describe('prepareBatch', () => {
  it('parses and validates a batch into summaries and the stored columns, with a hash of the bytes', () => {
    const label = labelRecord('slice-2', ['sah.present']);
    const body = bytes({ ops: [put(label), { kind: 'delete', id: 'gone', baseVersion: 3 }], legacyBaseRevision: 7 });
    const outcome = prepareBatch(body, context);
    expect(outcome).toEqual({
      ok: true,
      batch: {
        ops: [
          { kind: 'put', id: label.id, baseVersion: 0, record: { type: 'label', targetId: 'slice-2', labelled: true, settled: true, provenance: label.provenance }, columns: recordColumns(label) },
          { kind: 'delete', id: 'gone', baseVersion: 3 },
        ],
        legacyBaseRevision: 7,
        bodyHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      },
    });
    expect(preparedOp(put(label))).toEqual(outcome.ok ? outcome.batch.ops[0] : null);
  });

  it('refuses what is not a batch, with the reason', () => {
    expect(refusal(prepareBatch(bytes('{"ops": ['), context))).toMatchObject({ error: 'invalid_batch', message: expect.stringMatching(/not valid JSON/) });
    expect(refusal(prepareBatch(bytes([]), context))?.message).toMatch(/must be an object/);
    expect(refusal(prepareBatch(bytes({ ops: [], x: 1 }), context))?.message).toMatch(/unknown property "x"/);
    expect(refusal(prepareBatch(bytes({ ops: [] }), context))?.message).toMatch(/1 to 2000 operations/);
    expect(refusal(prepareBatch(bytes({ ops: [put(labelRecord('slice-1', ['sah.present']))], legacyBaseRevision: -1 }), context))?.message).toMatch(/legacyBaseRevision/);
    expect(refusal(prepareBatch(bytes({ ops: [put(labelRecord('slice-9', ['sah.present']))] }), context))?.message).toMatch(/is not a slice of item/);
  });

  it('refuses text a database would change: NUL and lone surrogates, in values and keys', () => {
    const label = labelRecord('slice-1', ['sah.present']);
    const withNul = bytes({ ops: [put({ ...label, provenance: { ...label.provenance, authors: ['a\u0000'] } })] });
    expect(refusal(prepareBatch(withNul, context))).toEqual({ error: 'invalid_text', message: 'body/ops/0/record/provenance/authors/0 must not contain the NUL character (U+0000)' });
    const loneHigh = bytes(`{"ops":[${JSON.stringify(put(label)).replace('"sah.present"', '"sah.\\ud800"')}]}`);
    expect(refusal(prepareBatch(loneHigh, context))).toEqual({ error: 'invalid_text', message: 'body/ops/0/record/classCodes/0 must be valid Unicode text (it holds a lone UTF-16 surrogate)' });
    expect(refusal(prepareBatch(bytes('{"\\udc00":1}'), context))?.message).toMatch(/^body\/\\udc00 must be valid Unicode/);
    // A pair is one character, not a lone surrogate: refused only as an unknown class.
    expect(refusal(prepareBatch(bytes({ ops: [put(labelRecord('slice-1', ['😀']))] }), context))).toMatchObject({ error: 'invalid_batch' });
  });

  it('keeps the largest record the limits allow within the body limit of one batch', () => {
    const runs = new Array<number>(RECORD_LIMITS.maxRuns).fill(1_000_000_000);
    const largestMask = JSON.stringify({ ops: [{ kind: 'put', id: 'm', baseVersion: 0, record: maskRecord('slice-1', 'lesion', undefined, { runs }) }] });
    expect(Buffer.byteLength(largestMask)).toBeLessThan(MAX_BATCH_BODY_BYTES);
  });
});

describe('BatchPool', () => {
  const pool = new BatchPool(1);
  afterAll(() => pool.close());

  it('prepares a large batch in a worker exactly as inline, and reports its refusals the same way', async () => {
    const large = bytes(outlineBatch(INLINE_BATCH_BYTES * 2));
    expect(large.byteLength).toBeGreaterThan(INLINE_BATCH_BYTES);
    const inline = prepareBatch(large, context);
    expect(await pool.prepare(large, context)).toEqual(inline);
    expect(large.byteLength, 'the bytes moved to the worker, not copied').toBe(0);
    const outside = bytes(outlineBatch(INLINE_BATCH_BYTES * 2)).toString().replace('[0.5,0.25]', '[900,0.25]');
    const refused = await pool.prepare(Buffer.from(outside), context);
    expect(refusal(refused)).toMatchObject({ error: 'invalid_batch', message: expect.stringMatching(/outside the 64×64 image/) });
  });
});

describe('packOutcome', () => {
  it('moves the bodies as one buffer and restores them exactly, non-ASCII text included', () => {
    const named = labelRecord('slice-1', ['sah.present'], { origin: { kind: 'human' }, createdAt: '2026-01-15T09:00:00.000Z', updatedAt: '2026-01-15T09:00:00.000Z', authors: ['山田 花子'] });
    const body = bytes({ ops: [put(named), { kind: 'delete', id: 'gone', baseVersion: 1 }, put(shapeRecord('s', 'slice-2'))] });
    const outcome = prepareBatch(body, context);
    const packed = packOutcome(outcome);
    expect(packed.outcome.ok && packed.outcome.batch.ops.every((op) => op.kind === 'delete' || op.columns.body === null)).toBe(true);
    expect(packed.bodies.byteOffset === 0 && packed.bodies.byteLength === packed.bodies.buffer.byteLength).toBe(true);
    expect(unpackOutcome(structuredClone(packed))).toEqual(outcome);
    const refused = prepareBatch(bytes({ ops: [] }), context);
    expect(unpackOutcome(packOutcome(refused))).toEqual(refused);
  });
});

import { describe, expect, it } from 'vitest';
import { batchShapeErrors, checkBatch, chunkOps, MAX_OPS_PER_BATCH, RECORD_SCHEMA, type RecordOp, type TombstoneLookup, type VersionLookup } from './records';
import { labelRecord, shapeRecord } from './testing/records';

const put = (id: string, baseVersion: number): RecordOp => ({ kind: 'put', id, baseVersion, record: shapeRecord(id, 's1') });
const del = (id: string, baseVersion: number): RecordOp => ({ kind: 'delete', id, baseVersion });

/** Server versions: `b` at 3, `gone` a tombstone at version 2 (deleted after one edit), others never written. */
const versions: VersionLookup = (id) => ({ b: 3, gone: 2 })[id] ?? 0;
const tombstones: TombstoneLookup = (id) => id === 'gone';

describe('RECORD_SCHEMA', () => {
  it('is schema 2 for every record type', () => {
    expect(RECORD_SCHEMA).toEqual({ label: 2, shape: 2, mask: 2 });
  });
});

describe('checkBatch', () => {
  it('gives every record its next version when every base is current', () => {
    expect(checkBatch([put('a', 0), put('b', 3), del('gone-too', 0)], versions)).toEqual({ conflicts: [], versions: { a: 1, b: 4, 'gone-too': 1 } });
  });

  it('applies all or nothing: one stale base conflicts and no version is given', () => {
    expect(checkBatch([put('a', 0), put('b', 2), del('c', 1)], versions)).toEqual({ conflicts: ['b', 'c'], versions: {} });
  });

  it('a tombstone keeps its version: a stale edit of a deleted record conflicts instead of resurrecting it', () => {
    // The client still holds version 1 of `gone`; the server deleted it at version 2.
    expect(checkBatch([put('gone', 1)], versions, tombstones).conflicts).toEqual(['gone']);
    // Written on top of the tombstone, it comes back as version 3.
    expect(checkBatch([put('gone', 2)], versions, tombstones)).toEqual({ conflicts: [], versions: { gone: 3 } });
  });

  it('lets a device that never saw a record re-create it over its tombstone, and only then', () => {
    expect(checkBatch([put('gone', 0), put('a', 0)], versions, tombstones)).toEqual({ conflicts: [], versions: { gone: 3, a: 1 } });
    // A live record at base 0 is a conflict: re-creating it would overwrite content this device never saw.
    expect(checkBatch([put('b', 0)], versions, tombstones).conflicts).toEqual(['b']);
    // Deleting at base 0 is no re-creation: it conflicts as before.
    expect(checkBatch([del('gone', 0)], versions, tombstones).conflicts).toEqual(['gone']);
    // Without a tombstone lookup nothing is known to be deleted.
    expect(checkBatch([put('gone', 0)], versions).conflicts).toEqual(['gone']);
  });

  it('asks for each id’s version, and keeps an id like __proto__ as a plain entry', () => {
    const asked: string[] = [];
    const result = checkBatch([put('__proto__', 0), put('a', 0)], (id) => {
      asked.push(id);
      return 0;
    });
    expect(asked).toEqual(['__proto__', 'a']);
    expect(Object.keys(result.versions)).toEqual(['__proto__', 'a']);
    expect(Object.getPrototypeOf(result.versions)).toBe(Object.prototype);
  });
});

describe('batchShapeErrors', () => {
  it('accepts a well-formed batch', () => {
    expect(batchShapeErrors([put('a', 0), del('b', 3)])).toEqual([]);
  });

  it('needs at least one operation', () => {
    expect(batchShapeErrors([])).toEqual(['a batch needs at least one operation']);
  });

  it('refuses an id twice in one batch, naming the later op', () => {
    expect(batchShapeErrors([put('a', 0), put('b', 0), del('a', 1)])).toEqual(['ops[2]: record "a" appears twice in one batch']);
  });

  it('refuses a put whose record id differs from the op id', () => {
    const op: RecordOp = { kind: 'put', id: 'label:sah:s1', baseVersion: 0, record: labelRecord('s2', ['sah.absent']) };
    expect(batchShapeErrors([op])).toEqual(['ops[0]: record id "label:sah:s2" differs from op id "label:sah:s1"']);
  });

  it(`carries at most ${MAX_OPS_PER_BATCH} operations`, () => {
    const ops = Array.from({ length: MAX_OPS_PER_BATCH }, (_, i) => del(`r${i}`, 1));
    expect(batchShapeErrors(ops)).toEqual([]);
    expect(batchShapeErrors([...ops, del('one-more', 1)])).toEqual([`a batch carries at most ${MAX_OPS_PER_BATCH} operations, got ${MAX_OPS_PER_BATCH + 1}`]);
  });
});

describe('chunkOps', () => {
  it('splits into batches of at most the given size, keeping order', () => {
    const ops = Array.from({ length: 5 }, (_, i) => del(`r${i}`, 1));
    expect(chunkOps(ops, 2).map((c) => c.map((op) => op.id))).toEqual([['r0', 'r1'], ['r2', 'r3'], ['r4']]);
    expect(chunkOps([], 2)).toEqual([]);
  });

  it('makes batches that pass batchShapeErrors by default', () => {
    const ops = Array.from({ length: 2 * MAX_OPS_PER_BATCH + 1 }, (_, i) => del(`r${i}`, 1));
    const chunks = chunkOps(ops);
    expect(chunks.map((c) => c.length)).toEqual([MAX_OPS_PER_BATCH, MAX_OPS_PER_BATCH, 1]);
    for (const chunk of chunks) expect(batchShapeErrors(chunk)).toEqual([]);
    expect(chunks.flat()).toEqual(ops);
  });
});

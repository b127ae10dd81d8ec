import { describe, expect, it } from 'vitest';
import type { ImportSource, Mask, Shape } from '../annotation';
import { runCommand } from '../commands';
import { encodeRuns } from '../mask';
import { RecordStore } from '../recordStore';
import { commandContext, DOC_KEY, humanProvenance, maskRecord, shapeRecord, tick } from '../testing/records';
import { CommandError } from './types';

const SOURCE: ImportSource = { format: 'dicomSeg', file: 'bleed-seg.dcm', sopInstanceUid: '2.25.9', number: 1, label: 'Lesion' };
/** What a reader makes: the reader's provenance (another user, an old time) and the file. */
const READ = { ...humanProvenance('reader', '2020-01-01T00:00:00.000Z'), imported: SOURCE };
/** Runs of a 64×64 labelmap with the pixels of `set` (row-major indices) set. */
const full = (set: readonly number[]) => {
  const labels = new Uint8Array(64 * 64);
  for (const i of set) labels[i] = 1;
  return encodeRuns(labels);
};
const importedMask = (targetId: string, set: readonly number[]): Mask => maskRecord(targetId, 'lesion', READ, { width: 64, height: 64, runs: full(set) });
const square: Shape['geometry'] = { type: 'polygon', points: [[1, 1], [9, 1], [9, 9], [1, 9]] };

describe('record/importMany', () => {
  it('adds labelmaps and outlines in one diff, stamped as the importing person’s, each naming its file', () => {
    const ctx = commandContext();
    const diff = runCommand('record/importMany', ctx, new RecordStore(DOC_KEY, []), {
      records: [importedMask('slice-1', [0, 1]), importedMask('slice-3', [5]), shapeRecord('planned-1', 'slice-2', square, 'cyst', READ)],
    });
    const after = Object.values(diff).map(([, record]) => record as Mask | Shape);
    expect(after.map((r) => [r.type, r.id, r.targetId, r.classCode])).toEqual([
      ['mask', 'mask:lesion:slice-1:lesion', 'slice-1', 'lesion'],
      ['mask', 'mask:lesion:slice-3:lesion', 'slice-3', 'lesion'],
      ['shape', 'id-1', 'slice-2', 'cyst'],
    ]);
    for (const record of after) {
      expect(record.provenance.imported).toEqual(SOURCE);
      expect(record.provenance.authors).toEqual(['alice']);
    }
    expect(after[2]!.provenance.createdAt).toBe(tick(1));
  });

  it('replaces the slice’s labelmap of the class, keeping its first author', () => {
    const ctx = commandContext();
    const drawn = maskRecord('slice-1', 'lesion', humanProvenance('bob'), { width: 64, height: 64, runs: full([7]) });
    const diff = runCommand('record/importMany', ctx, new RecordStore(DOC_KEY, [drawn]), { records: [importedMask('slice-1', [0, 1])] });
    const [before, after] = diff[drawn.id]!;
    expect(before).toEqual(drawn);
    expect(after).toMatchObject({ runs: full([0, 1]), provenance: { authors: ['bob', 'alice'], imported: SOURCE } });
  });

  it('refuses the whole import for a record without its file, of an unknown class, or a labelmap given twice', () => {
    const ctx = commandContext();
    const doc = new RecordStore(DOC_KEY, []);
    const unsourced = { ...importedMask('slice-1', [0]), provenance: humanProvenance() };
    expect(() => runCommand('record/importMany', ctx, doc, { records: [unsourced] })).toThrow(
      new CommandError('record/importMany', 'records[0]: names no file it was imported from'),
    );
    expect(() => runCommand('record/importMany', ctx, doc, { records: [{ ...importedMask('slice-1', [0]), classCode: 'nope' }] })).toThrow(/unknown class "nope"/);
    expect(() => runCommand('record/importMany', ctx, doc, { records: [importedMask('slice-1', [0]), importedMask('slice-1', [1])] })).toThrow(
      /records\[1\]: a second lesion labelmap on "slice-1"/,
    );
  });
});

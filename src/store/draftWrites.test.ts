import { describe, expect, it } from 'vitest';
import type { Progress } from '../core/api';
import type { RecordDiff } from '../core/diff';
import { labelRecord } from '../core/testing/records';
import type { JournaledChange } from '../data/syncEngine';
import { DraftWrites, MAX_GATHER_MS } from './draftWrites';

/** An engine that notes each journal transaction and each write; the page turns idle when the test says. */
function harness(now: () => number = () => 0) {
  const journals: { itemId: string; targets: string[] }[] = [];
  const writes: { itemId: string; journaled: (string | null | undefined)[]; progress: Progress | undefined }[] = [];
  let chain = Promise.resolve();
  const waiting: (() => void)[] = [];
  const engine = {
    journal: (itemId: string, diffs: readonly RecordDiff[]): JournaledChange[] => {
      journals.push({ itemId, targets: diffs.map(targetOf) });
      return diffs.map((diff) => ({ diff, journaled: `${itemId}:${targetOf(diff)}` }));
    },
    saveAll: async (itemId: string, changes: readonly JournaledChange[], progress?: Progress) => {
      writes.push({ itemId, journaled: changes.map((change) => change.journaled), progress });
    },
  };
  const drafts = new DraftWrites(
    () => engine,
    (_itemId, work) => {
      const run = chain.then(() => work(engine));
      chain = run.catch(() => undefined);
      return run;
    },
    () => new Promise<void>((resolve) => waiting.push(resolve)),
    now,
  );
  /** The page turns idle: every write waiting for it goes on, and the test waits until they are done. */
  const idle = async () => {
    for (let turn = 0; turn < 5; turn += 1) {
      await tick();
      for (const resolve of waiting.splice(0)) resolve();
    }
    await chain;
  };
  /** One quiet spell ends: the writes waiting for it look again whether changes joined them. */
  const quiet = async () => {
    for (const resolve of waiting.splice(0)) resolve();
    await tick();
  };
  return { drafts, journals, writes, idle, quiet };
}

const targetOf = (diff: RecordDiff): string => {
  const [entry] = Object.values(diff);
  return entry?.[1]?.targetId ?? '';
};

const change = (targetId: string): RecordDiff => {
  const record = labelRecord(targetId, ['mayo.1'], undefined, 'mayo');
  return { [record.id]: [null, record] };
};

const remoteCopyOf = (targetId: string) => new Map([[Object.keys(change(targetId))[0] as string, null]]);

describe('DraftWrites', () => {
  it('journals each change in its own task, then writes the changes made before the page was idle in one write, in order', async () => {
    const { drafts, journals, writes, idle } = harness();
    drafts.save('item', change('f0'), { labelled: 1, total: 3 });
    drafts.save('item', change('f1'), { labelled: 2, total: 3 });
    // Journaled at once (a crash right after the key keeps it); the record rows wait for the idle page.
    expect(journals).toEqual([
      { itemId: 'item', targets: ['f0'] },
      { itemId: 'item', targets: ['f1'] },
    ]);
    expect(writes).toEqual([]);
    // Not yet in record rows: a remote copy of those records is held back.
    expect(drafts.unsaved.without(remoteCopyOf('f0')).size).toBe(0);

    await idle();
    expect(writes).toEqual([{ itemId: 'item', journaled: ['item:f0', 'item:f1'], progress: { labelled: 2, total: 3 } }]);
    expect(drafts.unsaved.without(remoteCopyOf('f0')).size).toBe(1);

    // A change after that write began is the next write's.
    drafts.save('item', change('f2'), { labelled: 3, total: 3 });
    await idle();
    expect(writes.map((write) => write.journaled)).toEqual([['item:f0', 'item:f1'], ['item:f2']]);
  });

  it('does not join changes of another item: each item has its own write', async () => {
    const { drafts, journals, writes, idle } = harness();
    drafts.save('a', change('f0'), { labelled: 1, total: 3 });
    drafts.save('b', change('f0'), { labelled: 1, total: 3 });
    expect(journals.map((journal) => journal.itemId)).toEqual(['a', 'b']);
    await idle();
    expect(writes.map((write) => write.itemId)).toEqual(['a', 'b']);
  });

  it('keeps gathering while changes come within each quiet spell, and writes them once a spell passes without one', async () => {
    const { drafts, journals, writes, quiet, idle } = harness();
    drafts.save('item', change('f0'), { labelled: 1, total: 3 });
    await tick();
    // A key within the spell: the write waits for another spell, and the key's change joins it.
    drafts.save('item', change('f1'), { labelled: 2, total: 3 });
    await quiet();
    expect(writes).toEqual([]);
    expect(journals.map((journal) => journal.targets)).toEqual([['f0'], ['f1']]);
    await quiet();
    expect(writes.map((write) => write.journaled)).toEqual([['item:f0', 'item:f1']]);
    await idle();
    expect(writes).toHaveLength(1);
  });

  it('writes a steady stream of changes at the latest MAX_GATHER_MS after its first', async () => {
    let clock = 0;
    const { drafts, writes, quiet, idle } = harness(() => clock);
    drafts.save('item', change('f0'), { labelled: 1, total: 3 });
    await tick();
    clock = MAX_GATHER_MS - 1;
    drafts.save('item', change('f1'), { labelled: 2, total: 3 });
    await quiet();
    expect(writes).toEqual([]);
    clock = MAX_GATHER_MS;
    // Still changing, but gathered long enough: this spell's end starts the write.
    drafts.save('item', change('f2'), { labelled: 3, total: 3 });
    await quiet();
    expect(writes.map((write) => write.journaled)).toEqual([['item:f0', 'item:f1', 'item:f2']]);
    await idle();
    expect(writes).toHaveLength(1);
  });
});

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

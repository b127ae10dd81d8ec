/**
 * Which reader reads which item. A working-group lead spreads a dataset over N readers per item:
 * round-robin (the classic rotation), balanced by each reader's open work, or every chosen reader
 * reads every chosen item (assignment by hand). Pure: the server supplies the items in list order,
 * who already reads each, and each reader's current load.
 */

export type AssignStrategy = 'everyReader' | 'roundRobin' | 'balanced';

export const ASSIGN_STRATEGIES: readonly AssignStrategy[] = ['everyReader', 'roundRobin', 'balanced'];

export interface AssignmentPlanInput {
  /** Items to cover, in the dataset's list order (the rotation follows it, so plans are reproducible). */
  readonly itemIds: readonly string[];
  /** The chosen readers, in the order the lead listed them. */
  readonly readerIds: readonly string[];
  readonly strategy: AssignStrategy;
  /** Readers each item should end up with (ignored by `everyReader`); at most `readerIds.length`. */
  readonly readersPerItem: number;
  /** Readers each item already has (any reader, chosen or not): they count towards `readersPerItem`. */
  readonly existingReaders: ReadonlyMap<string, ReadonlySet<string>>;
  /** Open items each chosen reader already holds (for `balanced`); missing means 0. */
  readonly load: ReadonlyMap<string, number>;
}

export interface PlannedAssignment {
  readonly itemId: string;
  readonly readerId: string;
}

export function planAssignments(input: AssignmentPlanInput): PlannedAssignment[] {
  const readers = [...new Set(input.readerIds)];
  if (readers.length === 0) return [];
  switch (input.strategy) {
    case 'everyReader':
      return input.itemIds.flatMap((itemId) => readers.filter((readerId) => !readsAlready(input, itemId, readerId)).map((readerId) => ({ itemId, readerId })));
    case 'roundRobin':
      return planRoundRobin(input, readers);
    case 'balanced':
      return planBalanced(input, readers);
  }
}

function readsAlready(input: AssignmentPlanInput, itemId: string, readerId: string): boolean {
  return input.existingReaders.get(itemId)?.has(readerId) ?? false;
}

function missingReaders(input: AssignmentPlanInput, itemId: string, readerCount: number): number {
  const wanted = Math.min(Math.max(1, Math.floor(input.readersPerItem)), readerCount);
  return Math.max(0, wanted - (input.existingReaders.get(itemId)?.size ?? 0));
}

/** Item i starts the rotation where item i−1 left off, so every reader gets every N-th turn. */
function planRoundRobin(input: AssignmentPlanInput, readers: readonly string[]): PlannedAssignment[] {
  const plan: PlannedAssignment[] = [];
  let turn = 0;
  for (const itemId of input.itemIds) {
    let missing = missingReaders(input, itemId, readers.length);
    for (let tried = 0; missing > 0 && tried < readers.length; tried++) {
      const readerId = readers[turn % readers.length] as string;
      turn++;
      if (readsAlready(input, itemId, readerId)) continue;
      plan.push({ itemId, readerId });
      missing--;
    }
  }
  return plan;
}

/**
 * Each item goes to the least-loaded readers who do not read it yet; ties go to the reader listed
 * first. A min-heap keyed by (load, listed position) makes it O(items × N × log readers).
 */
function planBalanced(input: AssignmentPlanInput, readers: readonly string[]): PlannedAssignment[] {
  const heap = new ReaderHeap(readers.map((readerId, position) => ({ readerId, position, load: input.load.get(readerId) ?? 0 })));
  const plan: PlannedAssignment[] = [];
  for (const itemId of input.itemIds) {
    let missing = missingReaders(input, itemId, readers.length);
    const skipped: HeapEntry[] = [];
    while (missing > 0) {
      const entry = heap.pop();
      if (!entry) break;
      if (readsAlready(input, itemId, entry.readerId)) {
        skipped.push(entry);
        continue;
      }
      plan.push({ itemId, readerId: entry.readerId });
      skipped.push({ ...entry, load: entry.load + 1 });
      missing--;
    }
    for (const entry of skipped) heap.push(entry);
  }
  return plan;
}

interface HeapEntry {
  readonly readerId: string;
  readonly position: number;
  readonly load: number;
}

class ReaderHeap {
  private readonly entries: HeapEntry[] = [];

  constructor(entries: readonly HeapEntry[]) {
    for (const entry of entries) this.push(entry);
  }

  push(entry: HeapEntry): void {
    const entries = this.entries;
    entries.push(entry);
    let i = entries.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(entries[i] as HeapEntry, entries[parent] as HeapEntry)) break;
      [entries[i], entries[parent]] = [entries[parent] as HeapEntry, entries[i] as HeapEntry];
      i = parent;
    }
  }

  pop(): HeapEntry | undefined {
    const entries = this.entries;
    const top = entries[0];
    const last = entries.pop();
    if (entries.length > 0 && last) {
      entries[0] = last;
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        const right = left + 1;
        let smallest = i;
        if (left < entries.length && before(entries[left] as HeapEntry, entries[smallest] as HeapEntry)) smallest = left;
        if (right < entries.length && before(entries[right] as HeapEntry, entries[smallest] as HeapEntry)) smallest = right;
        if (smallest === i) break;
        [entries[i], entries[smallest]] = [entries[smallest] as HeapEntry, entries[i] as HeapEntry];
        i = smallest;
      }
    }
    return top;
  }
}

function before(a: HeapEntry, b: HeapEntry): boolean {
  return a.load !== b.load ? a.load < b.load : a.position < b.position;
}

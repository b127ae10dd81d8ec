/** Shapes the dashboard's GROUP BY rows (one per reader or kind and state) into one row per reader and per kind. */
import type { AssignmentState, DashboardKind, DashboardReader } from '../api';

export const ASSIGNMENT_STATES: readonly AssignmentState[] = ['assigned', 'inProgress', 'submitted', 'returned', 'approved'];

const noAssignments = (): Record<AssignmentState, number> => ({ assigned: 0, inProgress: 0, submitted: 0, returned: 0, approved: 0 });
const isState = (state: string): state is AssignmentState => (ASSIGNMENT_STATES as readonly string[]).includes(state);

export interface ReaderStateCount {
  readonly userId: string;
  readonly displayName: string;
  readonly state: string;
  readonly count: number;
  readonly overdue: number;
}

/** One row per reader, by display name then id, so the chart and its table keep one order. */
export function readerProgress(rows: readonly ReaderStateCount[]): DashboardReader[] {
  const readers = new Map<string, { displayName: string; overdue: number; states: Record<AssignmentState, number> }>();
  for (const row of rows) {
    const reader = readers.get(row.userId) ?? { displayName: row.displayName, overdue: 0, states: noAssignments() };
    if (isState(row.state)) reader.states[row.state] += row.count;
    reader.overdue += row.overdue;
    readers.set(row.userId, reader);
  }
  return [...readers]
    .map(([userId, { displayName, overdue, states }]) => ({ userId, displayName, ...states, overdue }))
    .sort((a, b) => a.displayName.localeCompare(b.displayName) || (a.userId < b.userId ? -1 : 1));
}

export interface KindCount {
  readonly kind: string;
  readonly items: number;
}

export interface KindStateCount {
  readonly kind: string;
  readonly state: string;
  readonly count: number;
}

/** Every kind with items, by kind name, with its assignments by state (zero where none). */
export function kindProgress(items: readonly KindCount[], states: readonly KindStateCount[]): DashboardKind[] {
  return [...items]
    .sort((a, b) => (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0))
    .map(({ kind, items: count }) => {
      const assignments = noAssignments();
      for (const row of states) if (row.kind === kind && isState(row.state)) assignments[row.state] += row.count;
      return { kind, items: count, assignments };
    });
}

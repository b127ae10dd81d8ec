import type { AssignmentState } from './datasets';

/** A dataset's items of one kind, and its readers' assignments of them by workflow state. */
export interface DashboardKind {
  readonly kind: string;
  readonly items: number;
  readonly assignments: Readonly<Record<AssignmentState, number>>;
}

/** One reader's assignments in a dataset by state; `overdue`: not yet handed in and past its due day. */
export interface DashboardReader {
  readonly userId: string;
  readonly displayName: string;
  readonly assigned: number;
  readonly inProgress: number;
  readonly submitted: number;
  readonly returned: number;
  readonly approved: number;
  readonly overdue: number;
}

/** Workflow events of one UTC day (YYYY-MM-DD), from the audit log. */
export interface ThroughputDay {
  readonly day: string;
  readonly submits: number;
  readonly approvals: number;
  readonly returns: number;
}

/** Submitted work waiting for review, by how long it has waited (days, fractional). */
export interface BacklogAge {
  readonly waiting: number;
  readonly oldestDays: number | null;
  readonly medianDays: number | null;
  readonly buckets: { readonly underOneDay: number; readonly oneToThreeDays: number; readonly threeToSevenDays: number; readonly overSevenDays: number };
}

/** GET /api/datasets/:id/dashboard: aggregates only, nothing of any record (O(assignments), never O(records)). */
export interface DatasetDashboard {
  readonly datasetId: string;
  readonly generatedAt: string;
  readonly items: number;
  readonly byKind: readonly DashboardKind[];
  readonly readers: readonly DashboardReader[];
  /** The last `throughputDays` UTC days, oldest first, today last. */
  readonly throughput: readonly ThroughputDay[];
  readonly backlog: BacklogAge;
}

/** Settled, live work per question over all readers: answers given (one per target) and regions drawn. */
export interface QuestionProgress {
  readonly questionId: string;
  readonly targetsLabelled: number;
  readonly regionsDrawn: number;
}

/** GET /api/datasets/:id/dashboard/questions: O(records), so the dashboard loads it after its first paint. */
export interface DashboardQuestions {
  readonly questions: readonly QuestionProgress[];
}

/** One annotator's counted contribution in a period (counts only, never labels). */
export interface CreditFigures {
  readonly itemsWorked: number;
  readonly targetsLabelled: number;
  readonly regionsDrawn: number;
  readonly recordsAuthored: number;
  /** Sum of the gaps between consecutive ops shorter than the idle cut-off (src/core/dashboard/timeSpent.ts). */
  readonly timeSpentMs: number;
  readonly approved: number;
  readonly returned: number;
}

export interface CreditDataset extends CreditFigures {
  readonly datasetId: string;
  readonly datasetName: string;
}

/** GET /api/credit/:userId?from&to (`?format=csv`: the same rows as CSV). */
export interface CreditReport {
  readonly user: { readonly id: string; readonly displayName: string };
  /** Inclusive UTC days, YYYY-MM-DD. */
  readonly from: string;
  readonly to: string;
  readonly idleCutoffMs: number;
  readonly datasets: readonly CreditDataset[];
  readonly totals: CreditFigures;
}

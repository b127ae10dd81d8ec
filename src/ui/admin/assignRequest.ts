/** The assignment form's fields, turned into the request the server takes. */
import type { AssignRequest } from '../../core/api';
import type { AssignStrategy } from '../../core/assignment/planAssignments';

export interface AssignForm {
  readonly readerIds: readonly string[];
  readonly strategy: AssignStrategy;
  /** As typed; only read for the strategies that spread items. */
  readonly readersPerItem: string;
  /** '' for none (the date input's value). */
  readonly dueDate: string;
}

export function assignRequestOf(form: AssignForm): AssignRequest {
  const spread = form.strategy !== 'everyReader';
  const perItem = Number.parseInt(form.readersPerItem, 10);
  return {
    readerIds: form.readerIds,
    strategy: form.strategy,
    ...(spread ? { readersPerItem: Number.isFinite(perItem) && perItem > 0 ? perItem : 1 } : {}),
    ...(form.dueDate ? { dueDate: form.dueDate } : {}),
  };
}

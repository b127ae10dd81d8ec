/**
 * Who is offered a dataset's dashboard: those who oversee the work (OVERSIGHT_ROLES, which its
 * route is open to) and read none of the dataset's items. A dataset summary's progress
 * counts the targets of the caller's own assigned items, so a total of zero means they read none.
 */
import type { DatasetSummary, Role } from '../../core/api';
import { holdsRole, OVERSIGHT_ROLES } from '../../core/roles';

export function offersDashboard(roles: readonly Role[], dataset: Pick<DatasetSummary, 'progress' | 'submittedCount'>): boolean {
  return holdsRole(roles, OVERSIGHT_ROLES) && dataset.progress.total === 0 && dataset.submittedCount === 0;
}

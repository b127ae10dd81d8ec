/**
 * Who is offered a dataset's dashboard: those who oversee the work (the server's OVERSIGHT_ROLES,
 * server/http/rolePolicy.ts) and read none of the dataset's items. A dataset summary's progress
 * counts the targets of the caller's own assigned items, so a total of zero means they read none.
 */
import type { DatasetSummary, Role } from '../../core/api';

export const DASHBOARD_ROLES: readonly Role[] = ['reviewer', 'wgLead', 'admin'];

export function offersDashboard(roles: readonly Role[], dataset: Pick<DatasetSummary, 'progress' | 'submittedCount'>): boolean {
  return roles.some((role) => DASHBOARD_ROLES.includes(role)) && dataset.progress.total === 0 && dataset.submittedCount === 0;
}

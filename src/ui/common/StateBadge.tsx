import type { AssignmentState } from '../../core/api';
import { useT, type MessageKey } from '../../i18n';

const STATE_KEYS: Readonly<Record<AssignmentState, MessageKey>> = {
  assigned: 'state.assigned',
  inProgress: 'state.inProgress',
  submitted: 'state.submitted',
  approved: 'state.approved',
  returned: 'state.returned',
};

/** The caller's state of an item; null (a reviewer's or admin's view of someone else's item) reads "not assigned to you". */
export function StateBadge({ state, testId }: { readonly state: AssignmentState | null; readonly testId?: string }) {
  const t = useT();
  const shown = state ?? 'notAssigned';
  return (
    <span className={`badge state-${shown}`} data-testid={testId} data-state={shown}>
      {t(state === null ? 'state.notAssigned' : STATE_KEYS[state])}
    </span>
  );
}

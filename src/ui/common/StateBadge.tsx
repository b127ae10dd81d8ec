import type { AssignmentState } from '../../core/api';
import { useT, type MessageKey } from '../../i18n';

const STATE_KEYS: Readonly<Record<AssignmentState, MessageKey>> = {
  assigned: 'state.assigned',
  inProgress: 'state.inProgress',
  submitted: 'state.submitted',
  approved: 'state.approved',
  returned: 'state.returned',
};

export function StateBadge({ state, testId }: { readonly state: AssignmentState; readonly testId?: string }) {
  const t = useT();
  return (
    <span className={`badge state-${state}`} data-testid={testId} data-state={state}>
      {t(STATE_KEYS[state])}
    </span>
  );
}

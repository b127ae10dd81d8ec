import type { AssignmentState } from '../../core/api';
import { dueStatus, localCalendarDate } from '../../core/calendarDate';
import { useLanguage, useT } from '../../i18n';

/** Work handed in: no longer due, whatever the date. */
const DONE: readonly (AssignmentState | null)[] = ['submitted', 'approved'];

/** The day a reader should submit an item by, flagged when it is today or past. */
export function DueDateCell({ dueDate, state, testId }: { readonly dueDate: string | null; readonly state: AssignmentState | null; readonly testId: string }) {
  const t = useT();
  const [language] = useLanguage();
  if (dueDate === null) return <td data-testid={testId} />;
  const [year, month, day] = dueDate.split('-').map(Number) as [number, number, number];
  const status = dueStatus(dueDate, localCalendarDate(new Date()), DONE.includes(state));
  return (
    <td className={`due due-${status}`} data-testid={testId} data-due={status}>
      {new Date(year, month - 1, day).toLocaleDateString(language)}
      {status === 'overdue' && <span className="badge due-badge">{t('items.due.overdue')}</span>}
      {status === 'dueToday' && <span className="badge due-badge">{t('items.due.today')}</span>}
    </td>
  );
}

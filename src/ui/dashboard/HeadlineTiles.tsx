import type { DatasetDashboard } from '../../core/api';
import { useT, type MessageKey } from '../../i18n';

/** The figures a lead looks at first: size, people, what is done, waiting and late. */
export function HeadlineTiles({ dashboard }: { readonly dashboard: DatasetDashboard }) {
  const t = useT();
  const sum = (pick: (reader: DatasetDashboard['readers'][number]) => number) => dashboard.readers.reduce((total, reader) => total + pick(reader), 0);
  const oldest = dashboard.backlog.oldestDays;
  const tiles: readonly [MessageKey, string, string][] = [
    ['dashboard.tile.items', 'items', String(dashboard.items)],
    ['dashboard.tile.readers', 'readers', String(dashboard.readers.length)],
    ['dashboard.tile.approved', 'approved', String(sum((reader) => reader.approved))],
    ['dashboard.tile.waiting', 'waiting', String(dashboard.backlog.waiting)],
    ['dashboard.tile.oldest', 'oldest', oldest === null ? '–' : oldest.toFixed(1)],
    ['dashboard.tile.overdue', 'overdue', String(sum((reader) => reader.overdue))],
  ];
  return (
    <section className="dashboard-tiles" aria-label={t('dashboard.tile.items')}>
      {tiles.map(([key, id, value]) => (
        <div key={id} className="dashboard-tile" data-testid={`dashboard-tile-${id}`}>
          <span className="dashboard-tile-value">{value}</span>
          <span className="dashboard-tile-label">{t(key)}</span>
        </div>
      ))}
    </section>
  );
}

import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ReviewQueueRow } from '../../../core/api';
import { useT } from '../../../i18n';
import { useAppStore } from '../../../store';
import { DatasetSelect } from '../../admin/DatasetSelect';
import { ErrorText } from '../../common/ErrorText';
import { Link } from '../../Link';
import { navigate, paths } from '../../router';
import { AGE_OPTIONS, filterOfSearch, moveSelection, searchOfFilter, waitingFor, type QueueFilter } from './queueQuery';
import { useQueueKeys } from './useQueueKeys';
import { useReviewQueue } from './useReviewQueue';
import './ReviewQueuePage.css';

const rowKey = (row: ReviewQueueRow): string => `${row.itemId}-${row.annotatorId}`;
/**
 * The reviewer screen of `rows[index]`; after a decision it moves on to the next row (and from
 * there back to this queue with its filter), so a reviewer walks the queue without returning to it.
 */
function reviewPath(rows: readonly ReviewQueueRow[], index: number): string {
  const queue = `${window.location.pathname}${window.location.search}`;
  const row = rows[index]!;
  const following = rows[index + 1];
  const next = following ? paths.reviewItem(following.itemId, { annotator: following.annotatorId, next: queue }) : queue;
  return paths.reviewItem(row.itemId, { annotator: row.annotatorId, next });
}

/** The reviewer's queue: handed-in work, longest waiting first, filtered and paged by the server. */
export function ReviewQueuePage() {
  const t = useT();
  const [filter, setFilter] = useState<QueueFilter>(() => filterOfSearch(window.location.search));
  const queue = useReviewQueue(filter);
  const [selected, setSelected] = useState(-1);
  const datasets = useAppStore((state) => state.datasets);
  const loadDatasets = useAppStore((state) => state.loadDatasets);
  // Annotators seen in any page so far: a plain reviewer may not list the installation's readers.
  const [annotators, setAnnotators] = useState<ReadonlyMap<string, string>>(new Map());
  const rows = queue.rows;

  useEffect(() => {
    if (datasets === null) void loadDatasets();
  }, [datasets, loadDatasets]);
  useEffect(() => {
    if (!rows?.some((row) => !annotators.has(row.annotatorId))) return;
    setAnnotators(new Map([...annotators, ...rows.map((row) => [row.annotatorId, row.annotatorName] as const)]));
  }, [rows, annotators]);
  useEffect(() => setSelected(-1), [filter]);

  const move = useCallback((delta: number) => setSelected((index) => moveSelection(index, delta, rows?.length ?? 0)), [rows]);
  const open = useCallback(() => {
    if (rows?.[selected]) navigate(reviewPath(rows, selected));
  }, [rows, selected]);
  useQueueKeys(move, open);
  useEffect(() => {
    const row = rows?.[selected];
    if (row) document.querySelector(`[data-testid="review-row-${rowKey(row)}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [rows, selected]);

  const annotatorOptions = useMemo(() => [...annotators].sort(([, a], [, b]) => a.localeCompare(b)), [annotators]);
  const set = (patch: Partial<QueueFilter>) => {
    const next = { ...filter, ...patch };
    setFilter(next);
    window.history.replaceState(null, '', `${paths.reviewQueue()}${searchOfFilter(next)}`);
  };
  const now = new Date();
  const ready = rows !== null && !queue.loading;

  return (
    <main className="page review-queue" data-testid="review-queue" data-ready={ready ? 'true' : 'false'}>
      <h1>{t('reviewQueue.title')}</h1>
      <p className="small">{t('reviewQueue.intro')}</p>
      <div className="row review-queue-filters">
        <DatasetSelect
          value={filter.datasetId}
          onChange={(datasetId) => set({ datasetId })}
          testId="review-filter-dataset"
          label={t('reviewQueue.filter.dataset')}
          anyLabel={t('reviewQueue.filter.any')}
        />
        <label>
          {t('reviewQueue.filter.annotator')}
          <select data-testid="review-filter-annotator" value={filter.annotatorId} onChange={(e) => set({ annotatorId: e.target.value })}>
            <option value="">{t('reviewQueue.filter.any')}</option>
            {annotatorOptions.map(([id, name]) => (
              <option key={id} value={id}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('reviewQueue.filter.age')}
          <select data-testid="review-filter-age" value={filter.age} onChange={(e) => set({ age: e.target.value as QueueFilter['age'] })}>
            <option value="">{t('reviewQueue.filter.any')}</option>
            {AGE_OPTIONS.map((age) => (
              <option key={age} value={age}>
                {t(`reviewQueue.filter.age.${age}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('reviewQueue.filter.disagreement')}
          <select
            data-testid="review-filter-disagreement"
            value={filter.disagreement}
            onChange={(e) => set({ disagreement: e.target.value as QueueFilter['disagreement'] })}
          >
            <option value="">{t('reviewQueue.filter.any')}</option>
            <option value="only">{t('reviewQueue.filter.disagreement.only')}</option>
            <option value="none">{t('reviewQueue.filter.disagreement.none')}</option>
          </select>
        </label>
      </div>
      <ErrorText error={queue.error} testId="review-queue-error" />
      {rows && rows.length === 0 && !queue.loading && !queue.error && <p className="empty">{t('reviewQueue.empty')}</p>}
      {rows && rows.length > 0 && (
        <table className="items" aria-label={t('reviewQueue.title')}>
          <thead>
            <tr>
              <th scope="col">{t('reviewQueue.column.item')}</th>
              <th scope="col">{t('reviewQueue.column.dataset')}</th>
              <th scope="col">{t('reviewQueue.column.annotator')}</th>
              <th scope="col">{t('reviewQueue.column.waiting')}</th>
              <th scope="col">{t('reviewQueue.column.handedIn')}</th>
              <th scope="col">{t('reviewQueue.column.differs')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, index) => {
              const waited = waitingFor(row.submittedAt, now);
              return (
                <tr
                  key={rowKey(row)}
                  data-testid={`review-row-${rowKey(row)}`}
                  aria-selected={index === selected}
                  onClick={() => setSelected(index)}
                >
                  <td>
                    <Link href={reviewPath(rows, index)}>{row.itemName}</Link>
                  </td>
                  <td>{row.datasetName}</td>
                  <td>{row.annotatorName}</td>
                  <td title={new Date(row.submittedAt).toLocaleString()}>{t(waited.key, { count: waited.count })}</td>
                  <td>{t('reviewQueue.handedIn', { handedIn: row.handedIn, readers: row.readers })}</td>
                  <td>{row.disagrees && <span className="review-differs" data-testid={`review-differs-${rowKey(row)}`}>{t('reviewQueue.differs')}</span>}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {queue.nextCursor && (
        <button type="button" data-testid="review-more" disabled={queue.loading} onClick={queue.loadMore}>
          {queue.loading ? t('common.loading') : t('reviewQueue.more')}
        </button>
      )}
    </main>
  );
}

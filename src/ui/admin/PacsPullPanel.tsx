import { useState, type FormEvent } from 'react';
import type { DicomwebPullRequest, DicomwebQueryAnswer, DicomwebQueryRequest } from '../../core/api';
import { isFinished } from '../../core/importJob';
import { useT } from '../../i18n';
import { appServices, useAppStore } from '../../store';
import { ErrorText } from '../common/ErrorText';
import { useChosenDataset } from './DatasetSelect';
import { ImportJobsTable } from './ImportJobsTable';
import { ImportOutcomeCell } from './ImportOutcomeCell';
import { EMPTY_PACS_PULL_FORM, pacsPullRequest, pacsQueryRequest, pickedPullRequest, type PacsPullForm, type PacsPullRequestResult } from './pacsPullRequest';
import { PacsFormCard } from './PacsFormCard';
import { PacsStudyPicker } from './PacsStudyPicker';
import { useAdminAction } from './useAdminAction';
import { useImportJobs } from './useImportJobs';

/**
 * Pulls a study, a series or a query's studies from a PACS over DICOMweb into a dataset, or
 * searches the PACS with the query and pulls the studies picked from what it found: the server answers at once with the pull's import job and does the fetching; the dataset's pulls
 * show their progress here as the other import jobs do, and the pull started here its report
 * per instance once it has ended.
 */
export function PacsPullPanel() {
  const t = useT();
  const chosen = useChosenDataset();
  const [datasetId] = chosen;
  const loadDatasets = useAppStore((state) => state.loadDatasets);
  const [form, setForm] = useState<PacsPullForm>(EMPTY_PACS_PULL_FORM);
  const [problem, setProblem] = useState<Extract<PacsPullRequestResult, { problem: unknown }> | null>(null);
  const [startedId, setStartedId] = useState<string | null>(null);
  // The search whose studies are listed: a pick is pulled from that PACS, as that user, whatever the form says since.
  const [search, setSearch] = useState<{ readonly request: DicomwebQueryRequest; readonly answer: DicomwebQueryAnswer } | null>(null);
  const [picked, setPicked] = useState<ReadonlySet<string>>(new Set());
  const [asking, setAsking] = useState<'pull' | 'search'>('pull');
  const { busy, error, run } = useAdminAction();
  const importJobs = useImportJobs(datasetId, () => void loadDatasets());
  const pulls = importJobs.jobs.filter((job) => job.kind === 'dicomwebPull');
  const started = pulls.find((job) => job.id === startedId);
  const report = started && isFinished(started) ? started.report : null;
  const edit = (change: Partial<PacsPullForm>) => setForm((current) => ({ ...current, ...change }));

  async function pull(event: FormEvent): Promise<void> {
    event.preventDefault();
    const built = pacsPullRequest(form);
    if ('problem' in built) {
      setProblem(built);
      return;
    }
    await startPull(built.request);
  }

  async function startPull(request: DicomwebPullRequest): Promise<void> {
    setProblem(null);
    setStartedId(null);
    setAsking('pull');
    await run(async () => {
      const job = await appServices().api.pullFromPacs(datasetId, request);
      setStartedId(job.id);
      importJobs.add(job);
    });
  }

  async function searchPacs(): Promise<void> {
    const built = pacsQueryRequest(form);
    setSearch(null);
    setPicked(new Set());
    if ('problem' in built) {
      setProblem(built);
      return;
    }
    setProblem(null);
    setAsking('search');
    await run(async () => {
      setSearch({ request: built.request, answer: await appServices().api.queryPacs(datasetId, built.request) });
    });
  }

  const outcomes = report?.outcomes ?? [];
  return (
    <PacsFormCard
      kind="pull"
      busy={busy}
      onSubmit={(event) => void pull(event)}
      dataset={chosen}
      connection={form}
      edit={edit}
      fields={
        <>
          <fieldset>
            {(['study', 'query'] as const).map((scope) => (
              <label key={scope}>
                <input type="radio" name="pacs-scope" data-testid={`pacs-scope-${scope}`} checked={form.scope === scope} onChange={() => edit({ scope })} />
                {t(scope === 'study' ? 'pacsPull.scope.study' : 'pacsPull.scope.query')}
              </label>
            ))}
          </fieldset>
          {form.scope === 'study' ? (
            <div className="inline-form">
              <label>
                {t('pacsPull.study')}
                <input data-testid="pacs-study" value={form.studyInstanceUid} onChange={(e) => edit({ studyInstanceUid: e.target.value })} />
              </label>
              <label>
                {t('pacsPull.series')}
                <input data-testid="pacs-series" value={form.seriesInstanceUid} onChange={(e) => edit({ seriesInstanceUid: e.target.value })} />
              </label>
            </div>
          ) : (
            <label>
              {t('pacsPull.query')}
              <textarea data-testid="pacs-query" rows={3} value={form.queryText} onChange={(e) => edit({ queryText: e.target.value })} />
            </label>
          )}
          <div className="inline-form">
            {form.scope === 'query' && (
              <button type="button" data-testid="pacs-search" disabled={busy || !datasetId} onClick={() => void searchPacs()}>
                {t('pacsPull.search')}
              </button>
            )}
            <button type="submit" className="primary" data-testid="pacs-submit" disabled={busy || !datasetId}>
              {t('pacsPull.submit')}
            </button>
          </div>
        </>
      }
    >
      {busy && (
        <p role="status" className="muted" data-testid="pacs-busy">
          {t(asking === 'search' ? 'pacsPull.searching' : 'pacsPull.busy')}
        </p>
      )}
      {search && form.scope === 'query' && (
        <PacsStudyPicker
          studies={search.answer.studies}
          more={search.answer.more}
          picked={picked}
          onPick={setPicked}
          busy={busy}
          onPull={() => void startPull(pickedPullRequest(search.request, search.answer.studies.map((study) => study.studyInstanceUid).filter((uid) => picked.has(uid))))}
        />
      )}
      {problem && (
        <p className="error" role="alert" data-testid="pacs-problem">
          {t(problem.problem, { line: problem.line ?? '' })}
        </p>
      )}
      <ErrorText error={error} testId="pacs-error" />
      <ErrorText error={importJobs.error} testId="pacs-jobs-error" />
      {/* The server's own sentence says what it or the PACS refused (a query key, the URL, the PACS's status). */}
      {error?.kind === 'http' && (
        <p className="muted" data-testid="pacs-refusal">
          {t('pacsPull.serverSaid', { message: error.message })}
        </p>
      )}
      <ImportJobsTable jobs={pulls} onRetry={(jobId) => void importJobs.retry(jobId)} onCancel={(jobId) => void importJobs.cancel(jobId)} testId="pacs-jobs" />
      {report && (
        <>
          <p role="status" data-testid="pacs-summary">
            {outcomes.length === 0
              ? t('pacsPull.none')
              : t('pacsPull.summary', {
                  total: outcomes.length,
                  imported: outcomes.filter((outcome) => outcome.status === 'imported').length,
                  refused: outcomes.filter((outcome) => outcome.status === 'refused').length,
                })}
          </p>
          {outcomes.length > 0 && (
            <table className="compact upload-report" data-testid="pacs-report">
              <thead>
                <tr>
                  <th scope="col">{t('admin.upload.file')}</th>
                  <th scope="col">{t('admin.upload.result')}</th>
                </tr>
              </thead>
              <tbody>
                {outcomes.map((outcome, index) => (
                  <tr key={index} data-status={outcome.status}>
                    <td className="file-name">{outcome.file}</td>
                    <td>
                      <ImportOutcomeCell outcome={outcome} error={null} waiting="admin.upload.pending" />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </PacsFormCard>
  );
}

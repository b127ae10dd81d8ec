/**
 * The PACS pull form's fields as the requests the server takes: empty fields left out, a study
 * (and perhaps one of its series) or else a QIDO-RS query written one `Key=Value` a line, which
 * is pulled whole or searched first (and the studies picked from the search pulled). Which keys a
 * query may use is the server's (and the PACS's) to decide; here only the form's shape.
 */
import type { DicomwebPullRequest, DicomwebQueryRequest } from '../../core/api';
import type { MessageKey } from '../../i18n';
import { pacsConnectionOf, type PacsConnectionForm } from './pacsConnection';

export interface PacsPullForm extends PacsConnectionForm {
  /** `study`: the study (and series) UIDs below; `query`: the query lines. */
  readonly scope: 'study' | 'query';
  readonly studyInstanceUid: string;
  readonly seriesInstanceUid: string;
  readonly queryText: string;
}

export const EMPTY_PACS_PULL_FORM: PacsPullForm = { baseUrl: '', username: '', password: '', scope: 'study', studyInstanceUid: '', seriesInstanceUid: '', queryText: '' };

export type PacsPullRequestResult = { readonly request: DicomwebPullRequest } | FormProblem;
export type PacsQueryRequestResult = { readonly request: DicomwebQueryRequest } | FormProblem;
type FormProblem = { readonly problem: MessageKey; readonly line?: string };

export function pacsPullRequest(form: PacsPullForm): PacsPullRequestResult {
  if (form.scope === 'query') return pacsQueryRequest(form);
  const pacs = pacsConnectionOf(form);
  if ('problem' in pacs) return pacs;
  const studyInstanceUid = form.studyInstanceUid.trim();
  const seriesInstanceUid = form.seriesInstanceUid.trim();
  if (!studyInstanceUid) return { problem: 'pacsPull.problem.study' };
  return { request: { ...pacs.request, studyInstanceUid, ...(seriesInstanceUid ? { seriesInstanceUid } : {}) } };
}

/** The query lines as a search of the PACS (or a pull of all it matches: the same request). */
export function pacsQueryRequest(form: PacsPullForm): PacsQueryRequestResult {
  const pacs = pacsConnectionOf(form);
  if ('problem' in pacs) return pacs;
  const query: Record<string, string> = {};
  for (const raw of form.queryText.split('\n')) {
    const line = raw.trim();
    if (!line) continue;
    const equals = line.indexOf('=');
    const key = line.slice(0, equals).trim();
    if (equals < 0 || !key) return { problem: 'pacsPull.problem.queryLine', line };
    query[key] = line.slice(equals + 1).trim();
  }
  // An empty query would match the whole PACS (the server stops at its limit): one key at least.
  if (Object.keys(query).length === 0) return { problem: 'pacsPull.problem.queryEmpty' };
  return { request: { ...pacs.request, query } };
}

/** A pull of the studies picked from a search, from the PACS (and as the user) that search asked. */
export function pickedPullRequest(search: DicomwebQueryRequest, picked: readonly string[]): DicomwebPullRequest {
  const { query, ...pacs } = search;
  return { ...pacs, studyInstanceUids: picked };
}

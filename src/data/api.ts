/**
 * Typed client for the dataset server (routes of src/core/api/). It tells apart the two ways a
 * request can fail, because the sync engine treats them differently: `NetworkError` (no answer:
 * offline, server down, connection dropped — retry later) and `ApiRequestError` (the server
 * answered with an error status — rejected, retry only for 5xx).
 */
import type { DecidedUnit } from '../core/consensus';
import type { LabelSet } from '../core/labelSet';
import type { LabelSetMapping } from '../core/labelSets/migrationPlan';
import type { StoredRecord } from '../core/records';
import type {
  StagedBatchAnswer,
  StagedFileAnswer,
  StagedStill,
  StagedUpload,
  StillsImportRequest,
  DeidKeyAnswer,
  DeidPolicyAnswer,
  DeidReportsAnswer,
  DicomwebPullRequest,
  DicomwebQueryAnswer,
  DicomwebQueryRequest,
  DicomwebPushAnswer,
  DicomwebPushRequest,
  SetDeidPolicyRequest,
  AuditChainVerdict,
  AuditEntry,
  ApiError,
  AssignRequest,
  AssignResult,
  BatchResult,
  ChangeFeed,
  ChangePasswordRequest,
  CommentThread,
  CommentThreadList,
  CreateDatasetRequest,
  CreatedUser,
  CreateUserRequest,
  DatasetSummary,
  ImportJob,
  ImportReport,
  ItemDetail,
  ItemReview,
  LabelSetSaved,
  LabelSetMigrationRun,
  LabelSetMigrationStatus,
  LabelSetMigrationUndo,
  MigrationPlanAnswer,
  ItemPage,
  StudySeriesPage,
  LoginRequest,
  LoginResponse,
  NewCommentThread,
  OpBatch,
  OutlineLayerList,
  OutlineLayerSummary,
  OpsPage,
  RecordConflictBody,
  Reader,
  RecordPage,
  ReviewDecision,
  ReviewQueuePage,
  ReviewQueueQuery,
  RevisionInfo,
  SessionInfo,
  StateChange,
  UpdateUserRequest,
  UploadAnswer,
  User,
  AdjudicationView,
  ConsensusRecordSet,
  BulkApproveResult,
  DecideRequest,
  ReleaseDetail,
  ReleaseSummary,
} from '../core/api';
import { auditQuery, type AuditFilter } from './auditQuery';
import { isFinished, isImportJob } from '../core/importJob';
import { uploadContentType } from './uploadContentType';
import { REPORT_BYTES_HEADER } from '../core/deid/reportedFile';
import { STAGED_PARTS_HEADER, stagedPartsHeader, type StagedPart } from '../core/staged/stagedParts';
import { slideTilePath } from './slideTilePath';
import { seriesFilePath } from './seriesFilePath';

/** The server answered with an error status. */
export class ApiRequestError extends Error {
  override readonly name = 'ApiRequestError';
  constructor(
    readonly status: number,
    /** Parsed JSON body (usually `ApiError`, `RecordConflictBody` for 412) or the raw text. */
    readonly body: unknown,
    /** Seconds the server asked to wait (`Retry-After`, e.g. a locked sign-in), when it said. */
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(describeError(status, body));
  }

  get code(): string | undefined {
    return isApiError(this.body) ? this.body.error : undefined;
  }

  /** The server's copy of each conflicting record carried by a 412, if this is one. */
  get recordConflicts(): readonly StoredRecord[] | undefined {
    return this.status === 412 && isRecordConflictBody(this.body) ? this.body.conflicts : undefined;
  }
}

/** No answer from the server (offline, refused, dropped connection, timeout). */
export class NetworkError extends Error {
  override readonly name = 'NetworkError';
  constructor(override readonly cause: unknown) {
    super(`Network error: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
}

function isApiError(body: unknown): body is ApiError {
  return typeof body === 'object' && body !== null && typeof (body as ApiError).message === 'string';
}

function isRecordConflictBody(body: unknown): body is RecordConflictBody {
  return isApiError(body) && Array.isArray((body as RecordConflictBody).conflicts);
}

/** `Retry-After` in seconds; the HTTP-date form is not used by this server. */
function retryAfterOf(response: Response): number | null {
  const seconds = Number(response.headers.get('retry-after') ?? '');
  return Number.isFinite(seconds) && seconds > 0 ? seconds : null;
}

function describeError(status: number, body: unknown): string {
  if (isApiError(body)) return `${status}: ${body.message}`;
  return `${status}: ${typeof body === 'string' && body ? body.slice(0, 200) : 'request failed'}`;
}

export interface ApiClientOptions {
  /** Origin of the server, '' for the page's own origin. A function so tests can move it. */
  readonly baseUrl?: string | (() => string);
  readonly getToken: () => string | null;
  readonly fetch?: typeof fetch;
  /** Milliseconds before a request counts as a network failure. */
  readonly timeoutMs?: number;
  /** The server refused the token a request carried (401), with the error code it gave (`account_disabled`…). */
  readonly onTokenRefused?: (code: string | undefined) => void;
}

export interface UploadOptions {
  /** Bytes sent so far and total, for a progress bar. */
  readonly onProgress?: (sent: number, total: number) => void;
  /** The length of a de-identification report sent ahead of the file in the body (src/core/deid/reportedFile.ts). */
  readonly reportBytes?: string | null;
}

const etag = (revision: number): string => `"${revision}"`;

/** `?a=1&b=2` of the parameters that are set ('' when none). */
function query(params: Readonly<Record<string, string | number | null | undefined>>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) if (value !== undefined && value !== null) search.set(name, String(value));
  return search.size ? `?${search}` : '';
}

export { slideTilePath };

/** Path of one frame's image (FrameRef.targetId) of a frame set: JPEG or PNG, immutable under its URL. */
export function framePath(itemId: string, targetId: string): string {
  return `/api/items/${encodeURIComponent(itemId)}/frames/${encodeURIComponent(targetId)}`;
}

/**
 * Path of one sprite sheet (0-based) of a frame set's thumbnails (FrameSetItem.sprites, whose
 * `version` it names): a new set of sheets is a new URL, never an old sheet's copy.
 */
export function spriteSheetPath(itemId: string, spriteVersion: string, sheet: number): string {
  return `/api/items/${encodeURIComponent(itemId)}/sprites/${encodeURIComponent(spriteVersion)}/${sheet}`;
}

export type ApiClient = ReturnType<typeof createApiClient>;

export function createApiClient(options: ApiClientOptions) {
  const doFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  const timeoutMs = options.timeoutMs ?? 30_000;
  const base = (): string =>
    typeof options.baseUrl === 'function' ? options.baseUrl() : (options.baseUrl ?? '');

  async function send(method: string, path: string, init: { body?: BodyInit; json?: unknown; headers?: Record<string, string> } = {}): Promise<Response> {
    const headers: Record<string, string> = { ...init.headers };
    const token = options.getToken();
    if (token) headers.authorization = `Bearer ${token}`;
    let body = init.body;
    if (init.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(init.json);
    }
    let response: Response;
    try {
      response = await doFetch(`${base()}${path}`, { method, headers, body, signal: AbortSignal.timeout(timeoutMs) });
    } catch (error) {
      throw new NetworkError(error);
    }
    if (!response.ok) {
      const error = new ApiRequestError(response.status, await readBody(response), retryAfterOf(response));
      if (token && error.status === 401) options.onTokenRefused?.(error.code);
      throw error;
    }
    return response;
  }

  async function readBody(response: Response): Promise<unknown> {
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      throw new NetworkError(error);
    }
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }

  async function json<T>(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<T> {
    const response = await send(method, path, { json: body, headers });
    try {
      return (await response.json()) as T;
    } catch (error) {
      throw new NetworkError(error);
    }
  }

  /** A GET answered with bytes (an image): a body cut off on the way is a network error. */
  async function blob(path: string): Promise<Blob> {
    const response = await send('GET', path);
    try {
      return await response.blob();
    } catch (error) {
      throw new NetworkError(error);
    }
  }

  const item = (itemId: string) => `/api/items/${encodeURIComponent(itemId)}`;
  const user = (userId: string) => `/api/users/${encodeURIComponent(userId)}`;
  const dataset = (datasetId: string) => `/api/datasets/${encodeURIComponent(datasetId)}`;

  return {
    login: (request: LoginRequest) => json<LoginResponse>('POST', '/api/auth/login', request),
    changePassword: async (request: ChangePasswordRequest): Promise<void> => {
      await send('POST', '/api/auth/password', { json: request });
    },
    logout: async (): Promise<void> => {
      await send('POST', '/api/auth/logout');
    },

    listUsers: () => json<User[]>('GET', '/api/users'),
    listReaders: () => json<Reader[]>('GET', '/api/readers'),
    createUser: (request: CreateUserRequest) => json<CreatedUser>('POST', '/api/users', request),
    /** Disables or re-enables an account (admin). */
    updateUser: (userId: string, request: UpdateUserRequest) => json<User>('PATCH', user(userId), request),
    /** A one-time password made by the server; the account's sessions end (admin). */
    resetPassword: (userId: string) => json<CreatedUser>('POST', `${user(userId)}/password-reset`),
    listSessions: (userId: string) => json<SessionInfo[]>('GET', `${user(userId)}/sessions`),
    /** Ends one session of an account, or all of them when `sessionId` is null (admin). */
    revokeSessions: async (userId: string, sessionId: string | null): Promise<void> => {
      await send('DELETE', `${user(userId)}/sessions${sessionId === null ? '' : `/${encodeURIComponent(sessionId)}`}`);
    },

    /** One page of the audit log, newest first (admin); see AuditFilter for the query. */
    listAudit: (filter: AuditFilter) => json<AuditEntry[]>('GET', `/api/audit${auditQuery(filter)}`),
    verifyAudit: () => json<AuditChainVerdict>('GET', '/api/audit/verify'),

    /** Handed-in work waiting on the caller's review, longest waiting first (reviewer, WG lead). */
    reviewQueue: (request: ReviewQueueQuery) => json<ReviewQueuePage>('GET', `/api/review/queue${query({ ...request })}`),

    listDatasets: () => json<DatasetSummary[]>('GET', '/api/datasets'),
    createDataset: (request: CreateDatasetRequest) => json<DatasetSummary>('POST', '/api/datasets', request),
    listItems: (datasetId: string, page: { cursor?: string | null; limit?: number } = {}) =>
      json<ItemPage>('GET', `${dataset(datasetId)}/items${query({ cursor: page.cursor || null, limit: page.limit || null })}`),
    assign: (datasetId: string, request: AssignRequest) =>
      json<AssignResult>('POST', `${dataset(datasetId)}/assignments`, request),

    // Adjudication and releases (issue 9).
    getAdjudication: (itemId: string) => json<AdjudicationView>('GET', `${item(itemId)}/adjudication`),
    /** The item's consensus record set (409 while units are undecided). */
    getConsensus: (itemId: string) => json<ConsensusRecordSet>('GET', `${item(itemId)}/consensus`),
    decide: (itemId: string, request: DecideRequest, seenVersion: number) =>
      json<DecidedUnit>('PUT', `${item(itemId)}/adjudication/decisions`, request, { 'if-match': `"${seenVersion}"` }),
    bulkApprove: (datasetId: string) => json<BulkApproveResult>('POST', `${dataset(datasetId)}/bulk-approve`),
    listReleases: (datasetId: string) => json<{ releases: ReleaseSummary[] }>('GET', `${dataset(datasetId)}/releases`),
    makeRelease: (datasetId: string) => json<ReleaseSummary>('POST', `${dataset(datasetId)}/releases`),
    getRelease: (releaseId: string) => json<ReleaseDetail>('GET', `/api/releases/${encodeURIComponent(releaseId)}`),
    /** One file of a release, as bytes (the route needs the session's token, so no plain link). */
    releaseFile: async (releaseId: string, name: string): Promise<Blob> => {
      const response = await send('GET', `/api/releases/${encodeURIComponent(releaseId)}/files/${encodeURIComponent(name)}`);
      try {
        return await response.blob();
      } catch (error) {
        throw new NetworkError(error);
      }
    },

    getItem: (itemId: string) => json<ItemDetail>('GET', item(itemId)),
    /** One page of the series of the item's study the caller may open (StudySeriesPage). */
    studySeries: (itemId: string, cursor: string | null) => json<StudySeriesPage>('GET', `${item(itemId)}/study${query({ cursor })}`),
    /** A series' middle slice as a small JPEG. */
    seriesThumbnail: (itemId: string) => blob(`${item(itemId)}/thumbnail`),
    /**
     * The masks of a region question as a DICOM SEG, as the server holds them (synced edits only):
     * the caller's own, or `reader`'s (a user id, or `consensus` for the item's WG lead).
     */
    exportSeg: (itemId: string, questionId: string, reader?: string) => blob(`${item(itemId)}/exports/seg${query({ question: questionId, reader })}`),
    /**
     * A reading as a DICOM SR measurement report (synced edits only): the caller's, or `reader`'s
     * as for exportSeg; `questionId` names the region question when there are several.
     */
    exportSr: (itemId: string, questionId: string | undefined, reader?: string) => blob(`${item(itemId)}/exports/sr${query({ question: questionId, reader })}`),
    /** DICOM bytes of one file; the service worker caches these URLs for offline reading. */
    loadFile: async (itemId: string, fileId: string): Promise<ArrayBuffer> => {
      const response = await send('GET', seriesFilePath(itemId, fileId));
      try {
        return await response.arrayBuffer();
      } catch (error) {
        throw new NetworkError(error);
      }
    },

    /** One frame's image of a frame set (a still, or a video frame decoded at import). */
    loadFrame: (itemId: string, targetId: string): Promise<Blob> => blob(framePath(itemId, targetId)),

    /** One JPEG sprite sheet of a frame set's thumbnails (see FrameSprites for the cell layout). */
    loadSpriteSheet: (itemId: string, spriteVersion: string, sheet: number): Promise<Blob> => blob(spriteSheetPath(itemId, spriteVersion, sheet)),

    /** One tile of a slide (level 0 = full resolution); the slide viewer keeps it for offline reading. */
    loadSlideTile: (itemId: string, tileVersion: string, level: number, x: number, y: number): Promise<Blob> => blob(slideTilePath(itemId, tileVersion, level, x, y)),

    /** The item's read-only outline layers (a slide's nuclei, a model's detections). */
    listLayers: async (itemId: string): Promise<readonly OutlineLayerSummary[]> => (await json<OutlineLayerList>('GET', `${item(itemId)}/layers`)).layers,
    /** One layer's outlines in their packed binary form (immutable: the URL names one version). */
    loadLayer: async (itemId: string, layerId: string): Promise<Uint8Array> => {
      const response = await send('GET', `${item(itemId)}/layers/${encodeURIComponent(layerId)}`);
      try {
        return new Uint8Array(await response.arrayBuffer());
      } catch (error) {
        throw new NetworkError(error);
      }
    },

    /** One page of the caller's current records of an item (no tombstones). */
    listRecords: (itemId: string, page: { after?: string | null; limit?: number } = {}) =>
      json<RecordPage>('GET', `${item(itemId)}/annotations/me/records${query({ after: page.after, limit: page.limit })}`),
    /** The same page as its JSON text, which the first load stores as it came (sync/basePages.ts). */
    listRecordsText: async (itemId: string, page: { after?: string | null; limit?: number } = {}): Promise<string> => {
      const response = await send('GET', `${item(itemId)}/annotations/me/records${query({ after: page.after, limit: page.limit })}`);
      try {
        return await response.text();
      } catch (error) {
        throw new NetworkError(error);
      }
    },
    /** Applies a batch of record ops once per `opId` (Idempotency-Key); 412 names the conflicting records. */
    patchRecords: (itemId: string, batch: OpBatch, opId: string) =>
      json<BatchResult>('PATCH', `${item(itemId)}/annotations/me`, batch, { 'idempotency-key': opId }),
    /** The ops applied to the caller's document of an item after `since`. */
    listOps: (itemId: string, since: number, limit?: number) =>
      json<OpsPage>('GET', `${item(itemId)}/annotations/me/ops${query({ since, limit })}`),
    listRevisions: (itemId: string) => json<RevisionInfo[]>('GET', `${item(itemId)}/annotations/me/revisions`),
    submit: (itemId: string, revision: number, opId: string) =>
      json<StateChange>('POST', `${item(itemId)}/submit`, {}, { 'if-match': etag(revision), 'idempotency-key': opId }),
    review: (itemId: string, decision: ReviewDecision) => json<StateChange>('POST', `${item(itemId)}/review`, decision),
    /** Every reader of an item and where the handed-in ones differ (for reviewers who do not read it). */
    itemReview: (itemId: string) => json<ItemReview>('GET', `${item(itemId)}/review`),
    /** One page of reader `annotatorId`'s current records of an item (for those who oversee it). */
    listReaderRecords: (itemId: string, annotatorId: string, page: { after?: string | null; limit?: number } = {}) =>
      json<RecordPage>('GET', `${item(itemId)}/annotations/${encodeURIComponent(annotatorId)}/records${query({ after: page.after, limit: page.limit })}`),
    listComments: async (itemId: string, annotatorId: string): Promise<readonly CommentThread[]> =>
      (await json<CommentThreadList>('GET', `${item(itemId)}/comments${query({ annotatorId })}`)).threads,
    openComment: (itemId: string, thread: NewCommentThread) => json<CommentThread>('POST', `${item(itemId)}/comments`, thread),
    replyToComment: (threadId: string, body: string) => json<CommentThread>('POST', `/api/comments/${encodeURIComponent(threadId)}/messages`, { body }),
    resolveComment: (threadId: string) => json<CommentThread>('POST', `/api/comments/${encodeURIComponent(threadId)}/resolve`),
    reopenComment: (threadId: string) => json<CommentThread>('POST', `/api/comments/${encodeURIComponent(threadId)}/reopen`),
    listLabelSets: () => json<LabelSet[]>('GET', '/api/label-sets'),
    /** The file another installation imports: the set with its id and version (admin). */
    exportLabelSet: (id: string, version: number) => json<LabelSet>('GET', `/api/label-sets/${encodeURIComponent(id)}/${version}/export`),
    importLabelSet: (labelSet: unknown) => json<LabelSetSaved>('POST', '/api/label-sets/import', labelSet),
    /** Stores the editor's set as the next version of its id. */
    saveLabelSet: (labelSet: LabelSet) => json<LabelSetSaved>('POST', '/api/label-sets', labelSet),
    /** What moving the dataset to `toVersion` would do under `mapping` (the proposed one when absent); read-only (admin). */
    planLabelSetMigration: (datasetId: string, toVersion: number, mapping?: LabelSetMapping) =>
      json<MigrationPlanAnswer>('POST', `${dataset(datasetId)}/label-set-migration/plan`, mapping ? { toVersion, mapping } : { toVersion }),
    applyLabelSetMigration: (datasetId: string, toVersion: number, mapping: LabelSetMapping) =>
      json<LabelSetMigrationRun>('POST', `${dataset(datasetId)}/label-set-migration/apply`, { toVersion, mapping }),
    labelSetMigrationStatus: (datasetId: string) => json<LabelSetMigrationStatus>('GET', `${dataset(datasetId)}/label-set-migration`),
    undoLabelSetMigration: (datasetId: string) => json<LabelSetMigrationUndo>('POST', `${dataset(datasetId)}/label-set-migration/undo`),

    /** Record changes after an opaque checkpoint ('' = from the start). */
    changes: (since: string, limit?: number) => json<ChangeFeed>('GET', `/api/changes${query({ since, limit })}`),
    /**
     * The live change stream (server-sent events), open until `signal` aborts or the server ends
     * it. Read with fetch because it needs the bearer header, which EventSource cannot send; no
     * timeout, since it is meant to stay open (heartbeats tell that it is alive).
     */
    changeStream: async (lastEventId: string | null, signal: AbortSignal): Promise<ReadableStream<Uint8Array>> => {
      const headers: Record<string, string> = { accept: 'text/event-stream' };
      const token = options.getToken();
      if (token) headers.authorization = `Bearer ${token}`;
      if (lastEventId) headers['last-event-id'] = lastEventId;
      let response: Response;
      try {
        response = await doFetch(`${base()}/api/changes/stream`, { headers, signal, cache: 'no-store' });
      } catch (error) {
        throw new NetworkError(error);
      }
      if (!response.ok) throw new ApiRequestError(response.status, await readBody(response));
      if (!response.body) throw new NetworkError(new Error('the change stream has no body'));
      return response.body;
    },

    /** Upload one still of a folder into a dataset's staging: imported with its folder by `importStills`. */
    stageStill: (datasetId: string, fileName: string, bytes: Blob, upload: UploadOptions = {}) =>
      uploadWithProgress<StagedStill>(`${base()}${dataset(datasetId)}/stills/files`, fileHeaders(fileName, bytes, upload), bytes, options.getToken(), upload),
    /** Import a folder's staged stills as one frame set: the import job making it, whose report has one outcome per still. */
    importStills: (datasetId: string, request: StillsImportRequest) => json<ImportJob>('POST', `${dataset(datasetId)}/stills`, request),
    /** Upload one file into a dataset: the per-file import report, or (a slide) the job that builds its pyramid. */
    sendFile: (datasetId: string, fileName: string, bytes: Blob, upload: UploadOptions = {}) =>
      uploadWithProgress(`${base()}${dataset(datasetId)}/files`, fileHeaders(fileName, bytes, upload), bytes, options.getToken(), upload),
    /** Upload one file into a dataset and answer with its import report, once a slide's job has ended. */
    uploadFile: async (datasetId: string, fileName: string, bytes: Blob, upload: UploadOptions = {}): Promise<ImportReport> => {
      const answer = await uploadWithProgress(`${base()}${dataset(datasetId)}/files`, fileHeaders(fileName, bytes, upload), bytes, options.getToken(), upload);
      if (!isImportJob(answer)) return answer;
      let job = answer;
      while (!isFinished(job)) {
        await new Promise((resolve) => setTimeout(resolve, JOB_POLL_MS));
        job = await json<ImportJob>('GET', `/api/import-jobs/${encodeURIComponent(job.id)}`);
      }
      return job.report;
    },
    getImportJob: (jobId: string) => json<ImportJob>('GET', `/api/import-jobs/${encodeURIComponent(jobId)}`),
    /** The dataset's recent slide import jobs, newest first (admin). */
    listImportJobs: (datasetId: string) => json<ImportJob[]>('GET', `${dataset(datasetId)}/import-jobs`),
    retryImportJob: (jobId: string) => json<ImportJob>('POST', `/api/import-jobs/${encodeURIComponent(jobId)}/retry`),
    /** Stops a queued or running import (its uploader or an admin): ended at once when queued, else at its next file or instance. */
    cancelImportJob: (jobId: string) => json<ImportJob>('POST', `/api/import-jobs/${encodeURIComponent(jobId)}/cancel`),
    /** Opens a staged upload into a dataset: files sent to it are imported only on commit (admin). */
    openStagedUpload: (datasetId: string) => json<StagedUpload>('POST', `${dataset(datasetId)}/staged-uploads`),
    /** One file of a staged upload, at its row's index: kept, or refused by the dataset's policy with what was found. */
    stageFile: (uploadId: string, index: number, fileName: string, bytes: Blob, upload: UploadOptions = {}) =>
      uploadWithProgress<StagedFileAnswer>(`${base()}/api/staged-uploads/${encodeURIComponent(uploadId)}/files/${index}`, fileHeaders(fileName, bytes, upload), bytes, options.getToken(), upload),
    /**
     * Many files of a staged upload in one request (src/core/staged/stagedParts.ts): `body` holds
     * the parts back to back, each a file or its report and the file; one answer per part, in order.
     */
    stageFiles: (uploadId: string, parts: readonly StagedPart[], body: Blob, upload: Pick<UploadOptions, 'onProgress'> = {}) =>
      uploadWithProgress<StagedBatchAnswer>(
        `${base()}/api/staged-uploads/${encodeURIComponent(uploadId)}/files`,
        { 'content-type': 'application/dicom', [STAGED_PARTS_HEADER]: stagedPartsHeader(parts) },
        body,
        options.getToken(),
        upload,
      ),
    /** Commits a staged upload: the import job taking its files in index order (followed as any import job). */
    commitStagedUpload: (uploadId: string) => json<ImportJob>('POST', `/api/staged-uploads/${encodeURIComponent(uploadId)}/commit`),
    /** Discards a staged upload and everything sent to it. */
    abortStagedUpload: async (uploadId: string): Promise<void> => {
      await send('DELETE', `/api/staged-uploads/${encodeURIComponent(uploadId)}`);
    },
    /** A dataset's de-identification policy (admin). */
    getDeidPolicy: (datasetId: string) => json<DeidPolicyAnswer>('GET', `${dataset(datasetId)}/deid-policy`),
    setDeidPolicy: (datasetId: string, request: SetDeidPolicyRequest) => json<DeidPolicyAnswer>('PUT', `${dataset(datasetId)}/deid-policy`, request),
    /** The project key of de-identification's keyed hashes (admin; every read is audited). */
    getDeidKey: (keyId: string) => json<DeidKeyAnswer>('GET', `/api/deid-keys/${encodeURIComponent(keyId)}`),
    /** What de-identification did to each file of the dataset, oldest first (admin). */
    listDeidReports: (datasetId: string) => json<DeidReportsAnswer>('GET', `${dataset(datasetId)}/deid-reports`),
    /** Starts a pull of studies from a PACS over DICOMweb into the dataset: answered at once with its import job (admin). */
    pullFromPacs: (datasetId: string, request: DicomwebPullRequest) => json<ImportJob>('POST', `${dataset(datasetId)}/dicomweb-pull`, request),
    /** The PACS's studies matching a query, to pick which to pull (admin; nothing is kept). */
    queryPacs: (datasetId: string, request: DicomwebQueryRequest) => json<DicomwebQueryAnswer>('POST', `${dataset(datasetId)}/dicomweb-query`, request),
    /** Pushes one page of the dataset's SEG / SR exports to a PACS by STOW-RS; ask again `after` the answer's `next` (admin). */
    pushToPacs: (datasetId: string, request: DicomwebPushRequest) => json<DicomwebPushAnswer>('POST', `${dataset(datasetId)}/dicomweb-push`, request),
  };
}

/** How often a waiting client asks after a slide's import job: a pyramid takes seconds to minutes. */
export const JOB_POLL_MS = 500;

/**
 * fetch() cannot report upload progress, so uploads use XMLHttpRequest where it exists (the
 * browser) and fall back to fetch elsewhere.
 */
function uploadWithProgress<Answer = UploadAnswer>(url: string, bodyHeaders: Readonly<Record<string, string>>, bytes: Blob, token: string | null, upload: Pick<UploadOptions, 'onProgress'>): Promise<Answer> {
  const headers: Record<string, string> = { ...bodyHeaders };
  if (token) headers.authorization = `Bearer ${token}`;
  if (typeof XMLHttpRequest === 'undefined') {
    return fetch(url, { method: 'POST', headers, body: bytes }).then(
      async (response) => {
        const text = await response.text();
        const body = parseJson(text);
        if (!response.ok) throw new ApiRequestError(response.status, body);
        return body as Answer;
      },
      (error: unknown) => {
        throw new NetworkError(error);
      },
    );
  }
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', url);
    for (const [name, value] of Object.entries(headers)) request.setRequestHeader(name, value);
    request.upload.onprogress = (event) => upload.onProgress?.(event.loaded, event.total || bytes.size);
    request.onload = () => {
      const body = parseJson(request.responseText);
      if (request.status >= 200 && request.status < 300) resolve(body as Answer);
      else reject(new ApiRequestError(request.status, body));
    };
    request.onerror = () => reject(new NetworkError(new Error('upload failed')));
    request.ontimeout = () => reject(new NetworkError(new Error('upload timed out')));
    request.send(bytes);
  });
}

/** What one file's body is sent with: its media type, its name, and its report's length when a report goes ahead of it. */
function fileHeaders(fileName: string, bytes: Blob, upload: UploadOptions): Record<string, string> {
  const headers: Record<string, string> = { 'content-type': uploadContentType(fileName, bytes), 'x-file-name': encodeURIComponent(fileName) };
  if (upload.reportBytes) headers[REPORT_BYTES_HEADER] = upload.reportBytes;
  return headers;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

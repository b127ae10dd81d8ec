/**
 * Every route of the app × every kind of caller, and the blinding of readers by content: what one
 * reader of an item wrote never reaches another reader of it, whatever roles the other holds.
 * The route list comes from the app itself, so a new route without a row here fails.
 */
import type { AddressInfo } from 'node:net';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChangeFeed, ChangeStreamNotice, Role } from '../../src/core/api';
import { humanBy, patchBatch, put, shape } from '../testing/documents';
import { openEventStream, type EventStreamClient } from '../testing/eventStreamClient';
import { MULTI_QUESTION_LABEL_SET } from '../testing/labelSets';
import { testDialects } from '../testing/testDatabase';
import { json, startTestServer, TEST_PASSWORD, type SignedIn, type TestServer } from '../testing/testServer';

const CALLERS = ['none', 'annA', 'annB', 'reviewer', 'wgLead', 'admin', 'readerReviewer', 'allRolesReader'] as const;
type Caller = (typeof CALLERS)[number];
type Expected = Readonly<Record<Caller, number>>;

/** Roles of each signed-in caller; readers of the shared item are annA, annB, readerReviewer and allRolesReader. */
const ROLES_OF: Readonly<Record<Exclude<Caller, 'none'>, readonly Role[]>> = {
  annA: ['annotator'],
  annB: ['annotator'],
  reviewer: ['reviewer'],
  wgLead: ['wgLead'],
  admin: ['admin'],
  readerReviewer: ['annotator', 'reviewer'],
  // As the first admin a fresh installation makes.
  allRolesReader: ['admin', 'wgLead', 'annotator', 'reviewer'],
};

const signedIn = (status: number): Expected => ({
  none: 401,
  annA: status,
  annB: status,
  reviewer: status,
  wgLead: status,
  admin: status,
  readerReviewer: status,
  allRolesReader: status,
});
/** Admin routes: `status` for admins (the checks after the role's), 403 for everyone else signed in. */
const adminOnly = (status: number): Expected => ({ ...signedIn(403), admin: status, allRolesReader: status });

interface Fixture {
  readonly itemId: string;
  readonly datasetId: string;
  readonly fileId: string;
  readonly annA: string;
  readonly annB: string;
  /** The first slice: where the readers draw. */
  readonly slice: string;
  /** Review comment threads on annA's document, one open and one resolved. */
  readonly openThread: string;
  readonly resolvedThread: string;
}

interface Row {
  /** `METHOD /route/:pattern` as the app registered it. */
  readonly route: string;
  readonly url: (f: Fixture) => string;
  readonly payload?: (f: Fixture) => object;
  readonly headers?: Readonly<Record<string, string>>;
  /** The request ends the caller's session: it is sent with a session of its own. */
  readonly endsSession?: boolean;
  readonly expect: Expected;
}

const NO_ID = '00000000-0000-4000-8000-000000000000';
const item = (f: Pick<Fixture, 'itemId'>) => `/api/items/${f.itemId}`;
const dicomweb = (f: Pick<Fixture, 'datasetId'>) => `/api/dicomweb/datasets/${f.datasetId}`;

/** DICOMweb: a dataset's readers (the assigned and the oversight roles) see its series; the study and series UIDs are not known here, so a retrieve by an unknown UID answers 404 to those who may read the dataset. */
const DICOMWEB_READS: readonly Row[] = [
  { route: 'GET /api/dicomweb/datasets/:datasetId/studies', url: (f) => `${dicomweb(f)}/studies`, expect: signedIn(200) },
  { route: 'GET /api/dicomweb/datasets/:datasetId/series', url: (f) => `${dicomweb(f)}/series`, expect: signedIn(200) },
  { route: 'GET /api/dicomweb/datasets/:datasetId/studies/:study/series', url: (f) => `${dicomweb(f)}/studies/1.2.3/series`, expect: signedIn(200) },
  { route: 'GET /api/dicomweb/datasets/:datasetId/studies/:study/instances', url: (f) => `${dicomweb(f)}/studies/1.2.3/instances`, expect: signedIn(200) },
  { route: 'GET /api/dicomweb/datasets/:datasetId/studies/:study/series/:series/instances', url: (f) => `${dicomweb(f)}/studies/1.2.3/series/1.2.4/instances`, expect: signedIn(200) },
  { route: 'GET /api/dicomweb/datasets/:datasetId/studies/:study', url: (f) => `${dicomweb(f)}/studies/1.2.3`, expect: signedIn(404) },
  { route: 'GET /api/dicomweb/datasets/:datasetId/studies/:study/series/:series', url: (f) => `${dicomweb(f)}/studies/1.2.3/series/1.2.4`, expect: signedIn(404) },
  {
    route: 'GET /api/dicomweb/datasets/:datasetId/studies/:study/series/:series/instances/:instance',
    url: (f) => `${dicomweb(f)}/studies/1.2.3/series/1.2.4/instances/1.2.5`,
    expect: signedIn(404),
  },
  { route: 'GET /api/dicomweb/datasets/:datasetId/studies/:study/metadata', url: (f) => `${dicomweb(f)}/studies/1.2.3/metadata`, expect: signedIn(404) },
  { route: 'GET /api/dicomweb/datasets/:datasetId/studies/:study/series/:series/metadata', url: (f) => `${dicomweb(f)}/studies/1.2.3/series/1.2.4/metadata`, expect: signedIn(404) },
  {
    route: 'GET /api/dicomweb/datasets/:datasetId/studies/:study/series/:series/instances/:instance/metadata',
    url: (f) => `${dicomweb(f)}/studies/1.2.3/series/1.2.4/instances/1.2.5/metadata`,
    expect: signedIn(404),
  },
  {
    route: 'GET /api/dicomweb/datasets/:datasetId/studies/:study/series/:series/instances/:instance/frames/:frames',
    url: (f) => `${dicomweb(f)}/studies/1.2.3/series/1.2.4/instances/1.2.5/frames/1`,
    expect: signedIn(404),
  },
  {
    route: 'GET /api/dicomweb/datasets/:datasetId/studies/:study/series/:series/instances/:instance/rendered',
    url: (f) => `${dicomweb(f)}/studies/1.2.3/series/1.2.4/instances/1.2.5/rendered`,
    expect: signedIn(404),
  },
  {
    route: 'GET /api/dicomweb/datasets/:datasetId/studies/:study/series/:series/instances/:instance/frames/:frames/rendered',
    url: (f) => `${dicomweb(f)}/studies/1.2.3/series/1.2.4/instances/1.2.5/frames/1/rendered`,
    expect: signedIn(404),
  },
];

/**
 * The CORS preflight of a DICOMweb read (dicomweb/cors.ts): a browser sends it without the token
 * before the read itself, so everyone gets 204, which says nothing of the dataset.
 */
const preflightOf = (read: Row): Row => ({
  route: read.route.replace(/^GET /, 'OPTIONS '),
  url: read.url,
  headers: { origin: 'http://viewer.test', 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
  expect: { ...signedIn(204), none: 204 },
});

/**
 * Mutating requests are built to stop after the authorization checks without changing the
 * fixture (a body refused as bad input, an unknown id, a stale revision): what they prove is who
 * gets past the role and blinding checks.
 */
const ROWS: readonly Row[] = [
  { route: 'POST /api/auth/login', url: () => '/api/auth/login', payload: () => ({}), expect: { ...signedIn(400), none: 400 } },
  { route: 'POST /api/auth/logout', url: () => '/api/auth/logout', endsSession: true, expect: signedIn(204) },
  { route: 'GET /api/auth/me', url: () => '/api/auth/me', expect: signedIn(200) },
  { route: 'POST /api/auth/password', url: () => '/api/auth/password', payload: () => ({}), expect: signedIn(400) },
  {
    route: 'GET /api/datasets/:id/agreement',
    url: (f) => `/api/datasets/${f.datasetId}/agreement`,
    // Readers of the dataset (the reviewing and all-roles readers too) are blinded to it.
    expect: { ...signedIn(403), reviewer: 200, wgLead: 200, admin: 200 },
  },
  {
    route: 'GET /api/review/queue',
    url: () => '/api/review/queue',
    // Readers who also review get their queue too, without the items they read (review queue tests).
    expect: { ...signedIn(403), reviewer: 200, wgLead: 200, readerReviewer: 200, allRolesReader: 200 },
  },
  {
    route: 'GET /api/datasets/:id/dashboard',
    url: (f) => `/api/datasets/${f.datasetId}/dashboard`,
    // As agreement: readers of the dataset are blinded to how the other readers are doing.
    expect: { ...signedIn(403), reviewer: 200, wgLead: 200, admin: 200 },
  },
  {
    route: 'GET /api/datasets/:id/dashboard/questions',
    url: (f) => `/api/datasets/${f.datasetId}/dashboard/questions`,
    expect: { ...signedIn(403), reviewer: 200, wgLead: 200, admin: 200 },
  },
  {
    route: 'GET /api/credit/:id',
    url: (f) => `/api/credit/${f.annA}`,
    // Annotator A's own credit; WG leads and admins credit anyone.
    expect: { ...signedIn(403), annA: 200, wgLead: 200, admin: 200, allRolesReader: 200 },
  },
  {
    route: 'POST /api/datasets/:id/releases',
    url: () => `/api/datasets/${NO_ID}/releases`,
    expect: { ...signedIn(403), wgLead: 404, allRolesReader: 404 },
  },
  {
    route: 'GET /api/datasets/:id/releases',
    url: (f) => `/api/datasets/${f.datasetId}/releases`,
    expect: { ...signedIn(403), wgLead: 200, admin: 200, allRolesReader: 200 },
  },
  { route: 'GET /api/releases/:id', url: () => `/api/releases/${NO_ID}`, expect: { ...signedIn(403), wgLead: 404, admin: 404, allRolesReader: 404 } },
  {
    route: 'GET /api/releases/:id/files/:name',
    url: () => `/api/releases/${NO_ID}/files/manifest.json`,
    expect: { ...signedIn(403), wgLead: 404, admin: 404, allRolesReader: 404 },
  },
  { route: 'GET /api/audit', url: () => '/api/audit', expect: adminOnly(200) },
  { route: 'GET /api/audit/verify', url: () => '/api/audit/verify', expect: adminOnly(200) },
  { route: 'POST /api/admin/models', url: () => '/api/admin/models', payload: () => ({}), expect: adminOnly(400) },
  { route: 'PUT /api/admin/models/uploads/:uploadId', url: () => `/api/admin/models/uploads/${NO_ID}`, expect: adminOnly(404) },
  { route: 'PATCH /api/admin/models/:id/:version', url: () => '/api/admin/models/no-model/1.0.0', payload: () => ({}), expect: adminOnly(400) },
  { route: 'DELETE /api/admin/models/:id/:version', url: () => '/api/admin/models/no-model/1.0.0', expect: adminOnly(404) },
  { route: 'GET /api/users', url: () => '/api/users', expect: adminOnly(200) },
  { route: 'POST /api/users', url: () => '/api/users', payload: () => ({}), expect: adminOnly(400) },
  { route: 'PATCH /api/users/:id', url: (f) => `/api/users/${f.annA}`, payload: () => ({}), expect: adminOnly(400) },
  { route: 'POST /api/users/:id/password-reset', url: () => `/api/users/${NO_ID}/password-reset`, expect: adminOnly(404) },
  { route: 'GET /api/users/:id/sessions', url: (f) => `/api/users/${f.annA}/sessions`, expect: adminOnly(200) },
  { route: 'DELETE /api/users/:id/sessions', url: () => `/api/users/${NO_ID}/sessions`, expect: adminOnly(404) },
  { route: 'DELETE /api/users/:id/sessions/:sessionId', url: (f) => `/api/users/${f.annA}/sessions/${NO_ID}`, expect: adminOnly(404) },
  { route: 'GET /api/readers', url: () => '/api/readers', expect: { ...signedIn(403), wgLead: 200, admin: 200, allRolesReader: 200 } },
  { route: 'GET /api/label-sets', url: () => '/api/label-sets', expect: signedIn(200) },
  { route: 'GET /api/label-sets/:id/:version', url: () => '/api/label-sets/sah-slice/1', expect: signedIn(200) },
  { route: 'GET /api/label-sets/:id/:version/export', url: () => '/api/label-sets/sah-slice/1/export', expect: adminOnly(200) },
  { route: 'POST /api/label-sets/import', url: () => '/api/label-sets/import', payload: () => ({}), expect: adminOnly(400) },
  { route: 'POST /api/label-sets', url: () => '/api/label-sets', payload: () => ({}), expect: adminOnly(400) },
  {
    route: 'POST /api/datasets/:id/label-set-migration/plan',
    url: (f) => `/api/datasets/${f.datasetId}/label-set-migration/plan`,
    payload: () => ({ toVersion: 9 }),
    expect: adminOnly(400),
  },
  { route: 'GET /api/datasets/:id/label-set-migration', url: (f) => `/api/datasets/${f.datasetId}/label-set-migration`, expect: adminOnly(200) },
  {
    route: 'POST /api/datasets/:id/label-set-migration/apply',
    url: (f) => `/api/datasets/${f.datasetId}/label-set-migration/apply`,
    payload: () => ({ toVersion: 9, mapping: {} }),
    expect: adminOnly(400),
  },
  // No migration was applied to the fixture's dataset: nothing to undo.
  { route: 'POST /api/datasets/:id/label-set-migration/undo', url: (f) => `/api/datasets/${f.datasetId}/label-set-migration/undo`, expect: adminOnly(404) },
  { route: 'GET /api/datasets', url: () => '/api/datasets', expect: signedIn(200) },
  { route: 'POST /api/datasets', url: () => '/api/datasets', payload: () => ({}), expect: adminOnly(400) },
  {
    route: 'POST /api/datasets/:id/assignments',
    url: (f) => `/api/datasets/${f.datasetId}/assignments`,
    // Already assigned: nothing changes.
    payload: (f) => ({ readerIds: [f.annA], itemIds: [f.itemId] }),
    expect: { ...signedIn(403), wgLead: 200, admin: 200, allRolesReader: 200 },
  },
  { route: 'POST /api/datasets/:id/files', url: (f) => `/api/datasets/${f.datasetId}/files`, expect: adminOnly(415) },
  { route: 'POST /api/datasets/:id/stills/files', url: (f) => `/api/datasets/${f.datasetId}/stills/files`, expect: adminOnly(415) },
  { route: 'POST /api/datasets/:id/staged-uploads', url: () => `/api/datasets/${NO_ID}/staged-uploads`, expect: adminOnly(404) },
  { route: 'POST /api/staged-uploads/:id/files/:index', url: () => `/api/staged-uploads/${NO_ID}/files/0`, expect: adminOnly(415) },
  { route: 'POST /api/staged-uploads/:id/files', url: () => `/api/staged-uploads/${NO_ID}/files`, expect: adminOnly(415) },
  { route: 'POST /api/staged-uploads/:id/commit', url: () => `/api/staged-uploads/${NO_ID}/commit`, expect: adminOnly(404) },
  { route: 'DELETE /api/staged-uploads/:id', url: () => `/api/staged-uploads/${NO_ID}`, expect: adminOnly(404) },
  { route: 'POST /api/datasets/:id/stills', url: (f) => `/api/datasets/${f.datasetId}/stills`, payload: () => ({ files: [] }), expect: adminOnly(400) },
  { route: 'GET /api/datasets/:id/import-jobs', url: (f) => `/api/datasets/${f.datasetId}/import-jobs`, expect: adminOnly(200) },
  { route: 'GET /api/datasets/:id/items', url: (f) => `/api/datasets/${f.datasetId}/items`, expect: signedIn(200) },
  { route: 'GET /api/datasets/:id/deid-policy', url: (f) => `/api/datasets/${f.datasetId}/deid-policy`, expect: adminOnly(200) },
  { route: 'PUT /api/datasets/:id/deid-policy', url: (f) => `/api/datasets/${f.datasetId}/deid-policy`, payload: () => ({}), expect: adminOnly(400) },
  { route: 'GET /api/datasets/:id/deid-reports', url: (f) => `/api/datasets/${f.datasetId}/deid-reports`, expect: adminOnly(200) },
  { route: 'POST /api/datasets/:id/deid-reports', url: (f) => `/api/datasets/${f.datasetId}/deid-reports`, payload: () => ({}), expect: adminOnly(400) },
  // No policy has made the project key yet: admins get as far as looking it up.
  { route: 'GET /api/deid-keys/:keyId', url: () => '/api/deid-keys/project', expect: adminOnly(404) },
  { route: 'GET /api/import-jobs/:id', url: () => `/api/import-jobs/${NO_ID}`, expect: signedIn(404) },
  { route: 'POST /api/import-jobs/:id/retry', url: () => `/api/import-jobs/${NO_ID}/retry`, expect: adminOnly(404) },
  { route: 'POST /api/import-jobs/:id/cancel', url: () => `/api/import-jobs/${NO_ID}/cancel`, expect: signedIn(404) },
  { route: 'GET /api/items/:id', url: item, expect: signedIn(200) },
  {
    route: 'GET /api/items/:id/exports/seg',
    url: (f) => `${item(f)}/exports/seg?reader=${f.annA}`,
    // annA's work, blinded from the item's other readers; past the checks, 409: annA drew outlines, no masks.
    expect: { ...signedIn(409), annB: 403, readerReviewer: 403, allRolesReader: 403 },
  },
  {
    route: 'GET /api/items/:id/exports/sr',
    url: (f) => `${item(f)}/exports/sr?reader=${f.annA}`,
    // As the SEG: past the checks, 409: annA drew outlines only, no coded slice label and no mask.
    expect: { ...signedIn(409), annB: 403, readerReviewer: 403, allRolesReader: 403 },
  },
  { route: 'GET /api/items/:id/files/:fileId', url: (f) => `${item(f)}/files/${f.fileId}`, expect: signedIn(200) },
  { route: 'GET /api/items/:id/study', url: (f) => `${item(f)}/study`, expect: signedIn(200) },
  { route: 'GET /api/items/:id/thumbnail', url: (f) => `${item(f)}/thumbnail`, expect: signedIn(200) },
  { route: 'GET /api/items/:id/layers', url: (f) => `${item(f)}/layers`, expect: signedIn(200) },
  { route: 'GET /api/items/:id/layers/:layerId', url: (f) => `${item(f)}/layers/nuclei`, expect: signedIn(404) },
  { route: 'GET /api/items/:id/tiles/:version/:level/:x/:y', url: (f) => `${item(f)}/tiles/v1/0/0/0`, expect: signedIn(404) },
  // The shared item is a series: a DICOM file of it is no frame, and it has no sprite sheets (frames.test.ts serves both to readers of a frame set and refuses others).
  { route: 'GET /api/items/:id/frames/:targetId', url: (f) => `${item(f)}/frames/${f.fileId}`, expect: signedIn(404) },
  { route: 'GET /api/items/:id/sprites/:version/:sheet', url: (f) => `${item(f)}/sprites/${'0'.repeat(64)}/0`, expect: signedIn(404) },
  {
    route: 'GET /api/items/:id/annotations',
    url: (f) => `${item(f)}/annotations`,
    // Readers holding an oversight role are refused by blinding, the rest by role.
    expect: { ...signedIn(403), reviewer: 200, wgLead: 200, admin: 200 },
  },
  { route: 'GET /api/items/:id/annotations/me', url: (f) => `${item(f)}/annotations/me`, expect: signedIn(200) },
  {
    route: 'PATCH /api/items/:id/annotations/me',
    url: (f) => `${item(f)}/annotations/me`,
    payload: () => ({}),
    // Readers reach the batch check (a batch with no ops); the others may not write at all.
    expect: { ...signedIn(403), annA: 400, annB: 400, readerReviewer: 400, allRolesReader: 400 },
  },
  { route: 'GET /api/items/:id/annotations/me/records', url: (f) => `${item(f)}/annotations/me/records`, expect: signedIn(200) },
  { route: 'GET /api/items/:id/annotations/me/revisions', url: (f) => `${item(f)}/annotations/me/revisions`, expect: signedIn(200) },
  { route: 'GET /api/items/:id/annotations/me/ops', url: (f) => `${item(f)}/annotations/me/ops`, expect: signedIn(200) },
  {
    route: 'GET /api/items/:id/annotations/:annotatorId/records',
    url: (f) => `${item(f)}/annotations/${f.annA}/records`,
    expect: { ...signedIn(403), reviewer: 200, wgLead: 200, admin: 200 },
  },
  {
    route: 'POST /api/items/:id/submit',
    url: (f) => `${item(f)}/submit`,
    headers: { 'if-match': '"0"' },
    // annA submitted already (409); the other readers' revision is past 0 (412).
    expect: { ...signedIn(403), annA: 409, annB: 412, readerReviewer: 412, allRolesReader: 412 },
  },
  {
    route: 'POST /api/items/:id/review',
    url: (f) => `${item(f)}/review`,
    // annB has not submitted: a reviewer who may review gets as far as the state check (409).
    payload: (f) => ({ annotatorId: f.annB, decision: 'approve' }),
    expect: { ...signedIn(403), reviewer: 409, wgLead: 409 },
  },
  {
    route: 'GET /api/items/:id/review',
    url: (f) => `${item(f)}/review`,
    // For reviewers and WG leads who do not read the item.
    expect: { ...signedIn(403), reviewer: 200, wgLead: 200 },
  },
  {
    route: 'GET /api/items/:id/comments',
    url: (f) => `${item(f)}/comments?annotatorId=${f.annA}`,
    // annA's own document; its other readers are blinded to it, whatever their roles.
    expect: { ...signedIn(403), annA: 200, reviewer: 200, wgLead: 200, admin: 200 },
  },
  {
    route: 'POST /api/items/:id/comments',
    url: (f) => `${item(f)}/comments`,
    // A blank body: those who may open a thread on annA's document get as far as the body check.
    payload: (f) => ({ annotatorId: f.annA, anchor: { kind: 'item' }, body: ' ' }),
    expect: { ...signedIn(403), reviewer: 400, wgLead: 400, admin: 400 },
  },
  {
    route: 'POST /api/comments/:threadId/messages',
    url: (f) => `/api/comments/${f.openThread}/messages`,
    payload: () => ({ body: ' ' }),
    expect: { ...signedIn(403), annA: 400, reviewer: 400, wgLead: 400, admin: 400 },
  },
  {
    route: 'POST /api/comments/:threadId/resolve',
    url: (f) => `/api/comments/${f.resolvedThread}/resolve`,
    // Resolved already: nothing changes.
    expect: { ...signedIn(403), annA: 200, reviewer: 200, wgLead: 200, admin: 200 },
  },
  {
    route: 'POST /api/comments/:threadId/reopen',
    url: (f) => `/api/comments/${f.openThread}/reopen`,
    // Open already: nothing changes. The annotator resolves threads but does not reopen them.
    expect: { ...signedIn(403), reviewer: 200, wgLead: 200, admin: 200 },
  },
  {
    route: 'GET /api/items/:id/adjudication',
    url: (f) => `${item(f)}/adjudication`,
    // WG leads who do not read the item; the all-roles reader reads it (blinded).
    expect: { ...signedIn(403), wgLead: 200 },
  },
  {
    route: 'PUT /api/items/:id/adjudication/decisions',
    url: (f) => `${item(f)}/adjudication/decisions`,
    headers: { 'if-match': '"0"' },
    // Only annA handed in: no unit differs, so a lead gets as far as "nothing to decide" (409).
    payload: () => ({ questionId: 'none', targetKey: 'none', decision: { pick: 'none' } }),
    expect: { ...signedIn(403), wgLead: 409 },
  },
  {
    route: 'GET /api/items/:id/consensus',
    url: (f) => `${item(f)}/consensus`,
    // Fewer than two readers handed in: no consensus yet (409).
    expect: { ...signedIn(403), wgLead: 409 },
  },
  {
    route: 'POST /api/datasets/:id/bulk-approve',
    url: () => `/api/datasets/${NO_ID}/bulk-approve`,
    expect: { ...signedIn(403), wgLead: 404, allRolesReader: 404 },
  },
  { route: 'POST /api/blobs', url: () => '/api/blobs', expect: adminOnly(415) },
  ...DICOMWEB_READS,
  ...DICOMWEB_READS.map(preflightOf),
  { route: 'POST /api/dicomweb/datasets/:datasetId/studies', url: (f) => `${dicomweb(f)}/studies`, expect: adminOnly(415) },
  { route: 'POST /api/datasets/:id/dicomweb-pull', url: () => `/api/datasets/${NO_ID}/dicomweb-pull`, payload: () => ({ baseUrl: 'http://127.0.0.1:9/dicom-web' }), expect: adminOnly(404) },
  { route: 'POST /api/datasets/:id/dicomweb-query', url: () => `/api/datasets/${NO_ID}/dicomweb-query`, payload: () => ({ baseUrl: 'http://127.0.0.1:9/dicom-web', query: { PatientID: 'x' } }), expect: adminOnly(404) },
  { route: 'POST /api/datasets/:id/dicomweb-push', url: () => `/api/datasets/${NO_ID}/dicomweb-push`, payload: () => ({ baseUrl: 'http://127.0.0.1:9/dicom-web', objects: ['seg'] }), expect: adminOnly(404) },
  { route: 'GET /api/models', url: () => '/api/models', expect: signedIn(200) },
  { route: 'GET /api/models/files/:sha256', url: () => `/api/models/files/${'0'.repeat(64)}`, expect: signedIn(404) },
  { route: 'GET /api/models/:id/stats', url: () => '/api/models/no-model/stats', expect: adminOnly(404) },
  { route: 'GET /api/changes', url: () => '/api/changes', expect: signedIn(200) },
  // Checked over real HTTP below: light-my-request waits for an end a stream never reaches.
  { route: 'GET /api/changes/stream', url: () => '/api/changes/stream', expect: signedIn(200) },
];

/** `METHOD /path` of every API route the app registered (HEAD twins left out), from its route tree. */
function registeredRoutes(tree: string): string[] {
  const prefixes: string[] = [];
  const routes: string[] = [];
  for (const line of tree.split('\n')) {
    const match = /^([│ ]*)[├└]── (\S+)(?: \(([A-Z, ]+)\))?/.exec(line);
    if (!match) continue;
    const depth = (match[1] as string).length / 4;
    prefixes.length = depth;
    const path = prefixes.join('') + (match[2] as string);
    prefixes.push(match[2] as string);
    if (!path.startsWith('/api/') || !match[3]) continue;
    for (const method of match[3].split(', ')) if (method !== 'HEAD') routes.push(`${method} ${path}`);
  }
  return routes.sort();
}

describe.each(testDialects('authorization matrix'))('authorization matrix on %s', (dialect) => {
  let server: TestServer;
  let baseUrl: string;
  let fixture: Fixture;
  const who = {} as Record<Exclude<Caller, 'none'>, SignedIn>;
  const streams: EventStreamClient[] = [];

  let writes = 0;
  /** `caller` draws a new outline with record id `recordId` on the first slice. */
  async function draw(caller: SignedIn, recordId: string, on: Pick<Fixture, 'itemId' | 'slice'> = fixture): Promise<void> {
    writes += 1;
    const outline = shape(recordId, on.slice, { type: 'polygon', points: [[10, 10], [40, 12], [30, 50]] }, humanBy(caller.user.id));
    const response = await patchBatch(server, caller, on.itemId, `matrix-${writes}`, { ops: [put(outline)] });
    expect(response.statusCode, response.body).toBe(200);
  }

  beforeAll(async () => {
    server = await startTestServer(dialect, { liveChanges: { pollMs: 50, heartbeatMs: 60_000 } });
    for (const caller of CALLERS) if (caller !== 'none') who[caller] = await server.signIn(caller, ROLES_OF[caller]);
    const readers = [who.annA, who.annB, who.readerReviewer, who.allRolesReader].map((reader) => reader.user.id);
    const seeded = await server.seedDataset({ assignTo: readers, labelSet: MULTI_QUESTION_LABEL_SET });
    const [fileId, slice] = [seeded.fileIds[0] as string, seeded.targetIds[0] as string];
    const base = { itemId: seeded.itemId, datasetId: seeded.datasetId, fileId, annA: who.annA.user.id, annB: who.annB.user.id, slice };
    await draw(who.annA, 'a-secret-1', base);
    await draw(who.annB, 'b-secret-1', base);
    await draw(who.readerReviewer, 'rr-secret-1', base);
    await draw(who.allRolesReader, 'all-secret-1', base);
    const submitted = await server.app.inject({ method: 'POST', url: `${item(base)}/submit`, headers: { ...who.annA.auth, 'if-match': '"1"' } });
    expect(submitted.statusCode, submitted.body).toBe(200);
    const [openThread, resolvedThread] = await Promise.all(
      // The reviewer quotes annA's work: the threads are as secret from the other readers as the work.
      ['Check a-secret-1.', 'Check a-secret-1 again.'].map(async (body) => {
        const payload = { annotatorId: base.annA, anchor: { kind: 'target', targetId: slice }, body };
        const opened = await server.app.inject({ method: 'POST', url: `${item(base)}/comments`, headers: who.reviewer.auth, payload });
        expect(opened.statusCode, opened.body).toBe(201);
        return (opened.json() as { id: string }).id;
      }),
    );
    const resolved = await server.app.inject({ method: 'POST', url: `/api/comments/${resolvedThread}/resolve`, headers: who.reviewer.auth });
    expect(resolved.statusCode, resolved.body).toBe(200);
    fixture = { ...base, openThread: openThread as string, resolvedThread: resolvedThread as string };
    await server.app.listen({ host: '127.0.0.1', port: 0 });
    baseUrl = `http://127.0.0.1:${(server.app.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    for (const stream of streams) stream.close();
    await server.dispose();
  });

  async function subscribe(caller: SignedIn): Promise<EventStreamClient> {
    const stream = await openEventStream(baseUrl, caller.auth);
    streams.push(stream);
    await stream.next('ready');
    return stream;
  }

  /** A session of its own for `caller`, for a request that ends it. */
  async function freshAuth(caller: Exclude<Caller, 'none'>): Promise<Record<string, string>> {
    const response = await server.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: caller, password: TEST_PASSWORD } });
    return { authorization: `Bearer ${(response.json() as { token: string }).token}` };
  }

  async function send(row: Row, caller: Caller): Promise<LightMyRequestResponse> {
    const [method = 'GET'] = row.route.split(' ');
    const auth = caller === 'none' ? {} : row.endsSession ? await freshAuth(caller) : who[caller].auth;
    const payload = row.payload?.(fixture);
    return server.app.inject({
      method: method as 'GET',
      url: row.url(fixture),
      headers: { ...auth, ...row.headers },
      ...(payload === undefined ? {} : { payload }),
    });
  }

  const get = (caller: Exclude<Caller, 'none'>, url: string) => server.app.inject({ method: 'GET', url, headers: who[caller].auth });

  it('has a row for every route the app registered, and none for a route it did not', () => {
    const registered = registeredRoutes(server.app.printRoutes({ commonPrefix: false }));
    expect(registered.length).toBeGreaterThan(40);
    expect(ROWS.map((row) => row.route).sort()).toEqual(registered);
  });

  it('answers every route × caller as the matrix says', async () => {
    const answered: string[] = [];
    const expected: string[] = [];
    for (const row of ROWS) {
      if (row.route === 'GET /api/changes/stream') continue;
      for (const caller of CALLERS) {
        const response = await send(row, caller);
        answered.push(`${row.route} as ${caller}: ${response.statusCode}`);
        expected.push(`${row.route} as ${caller}: ${row.expect[caller]}`);
      }
    }
    expect(answered).toEqual(expected);
  });

  it('answers the live change stream as the matrix says', async () => {
    const row = ROWS.find((r) => r.route === 'GET /api/changes/stream') as Row;
    for (const caller of CALLERS) {
      const stream = await openEventStream(baseUrl, caller === 'none' ? {} : who[caller].auth);
      stream.close();
      expect(`${caller}: ${stream.status}`).toBe(`${caller}: ${row.expect[caller]}`);
    }
  });

  /** Every read a reader makes of the item, its dataset and the feeds. */
  const readsOf = (f: Fixture) => [
    `${item(f)}`,
    `${item(f)}/annotations`,
    `${item(f)}/annotations/${f.annA}/records`,
    `${item(f)}/annotations/${f.annB}/records`,
    `${item(f)}/annotations/me`,
    `${item(f)}/annotations/me/records`,
    `${item(f)}/annotations/me/ops`,
    `${item(f)}/annotations/me/revisions`,
    `${item(f)}/comments?annotatorId=${f.annA}`,
    `${item(f)}/comments?annotatorId=${f.annB}`,
    `/api/datasets`,
    `/api/datasets/${f.datasetId}/items`,
    '/api/changes',
    '/api/changes?since=0.0&limit=1000',
    '/api/review/queue?state=submitted',
    '/api/review/queue?state=approved',
  ];

  it.each([
    ['annB', 'a-secret-1'],
    ['annA', 'b-secret-1'],
    ['readerReviewer', 'b-secret-1'],
    ['allRolesReader', 'a-secret-1'],
  ] as const)('shows %s nothing of another reader’s work (%s)', async (reader, secret) => {
    const author = secret.startsWith('a-') ? who.annA : who.annB;
    for (const url of readsOf(fixture)) {
      const body = (await get(reader, url)).body;
      expect(body, url).not.toContain(secret);
      expect(body, url).not.toContain(author.user.id);
    }
    // The reader's own work is there: the reads above were answered, not refused wholesale.
    const own = json<ChangeFeed>(await get(reader, '/api/changes'));
    expect(own.changes.length).toBeGreaterThan(0);
    expect(own.changes.every((change) => change.annotatorId === who[reader].user.id)).toBe(true);
  });

  it('leaves other readers’ writes, submits and reviews of an item out of the audit log of an admin who reads it', async () => {
    type Entry = { userId: string | null; entity: string; action: string };
    const workOf = (entries: Entry[], userId: string) => entries.filter((e) => e.userId === userId && ['annotation_doc', 'assignment'].includes(e.entity));
    const blinded = json<Entry[]>(await get('allRolesReader', '/api/audit?limit=1000'));
    const overseeing = json<Entry[]>(await get('admin', '/api/audit?limit=1000'));
    for (const author of [fixture.annA, fixture.annB]) {
      expect(workOf(overseeing, author).length).toBeGreaterThan(0);
      expect(workOf(blinded, author)).toEqual([]);
    }
    expect(workOf(blinded, who.allRolesReader.user.id).length).toBeGreaterThan(0);
    // The reviewer's comment threads on annA's work are left out with it.
    const comments = (entries: { action: string }[]) => entries.filter((e) => e.action.startsWith('comment.')).length;
    expect(comments(overseeing)).toBe(3);
    expect(comments(blinded)).toBe(0);
  });

  it.each(['reviewer', 'wgLead', 'admin'] as const)('shows %s, who reads nothing, every reader’s work', async (overseer) => {
    const feed = (await get(overseer, '/api/changes')).body;
    for (const secret of ['a-secret-1', 'b-secret-1', 'rr-secret-1', 'all-secret-1']) expect(feed).toContain(secret);
    expect((await get(overseer, `${item(fixture)}/annotations/${fixture.annA}/records`)).body).toContain('a-secret-1');
    expect((await get(overseer, `${item(fixture)}/annotations/${fixture.annB}/records`)).body).toContain('b-secret-1');
    const heads = json<{ annotatorId: string }[]>(await get(overseer, `${item(fixture)}/annotations`));
    expect(heads.map((head) => head.annotatorId)).toContain(fixture.annA);
  });

  it('keeps a reader who also reviews from reading annB’s records or reviewing annA', async () => {
    const records = await get('readerReviewer', `${item(fixture)}/annotations/${fixture.annB}/records`);
    expect(records.statusCode).toBe(403);
    expect(records.json()).toMatchObject({ error: 'reader_blinded' });
    for (const reviewer of ['readerReviewer', 'allRolesReader'] as const) {
      const review = await server.app.inject({
        method: 'POST',
        url: `${item(fixture)}/review`,
        headers: who[reviewer].auth,
        payload: { annotatorId: fixture.annA, decision: 'approve' },
      });
      expect(review.statusCode).toBe(403);
      expect(review.json()).toMatchObject({ error: 'reader_blinded' });
    }
    const state = await get('annA', item(fixture));
    expect(state.json()).toMatchObject({ state: 'submitted' });
  });

  it('announces another reader’s change live to overseers only, not to the item’s other readers', async () => {
    const [b, rr, reviewer] = [await subscribe(who.annB), await subscribe(who.readerReviewer), await subscribe(who.reviewer)];
    await draw(who.allRolesReader, 'all-secret-2');
    const seen = await reviewer.next('changes');
    const notice = JSON.parse(seen.data) as ChangeStreamNotice;
    expect(notice.itemIds).toEqual([fixture.itemId]);
    // The revisions it names are of the change it announces only, never of the blinded readers' documents.
    expect(notice.documents?.map((doc) => doc.annotatorId)).toEqual([who.allRolesReader.user.id]);
    // The reviewer's notice and the readers' (had there been any) come from one read of the feed:
    // each reader's first notice is now the one of its own next write.
    await draw(who.annB, 'b-secret-2');
    const ownB = json<ChangeFeed>(await get('annB', '/api/changes?since=latest')).checkpoint;
    expect((await b.next('changes')).id).toBe(ownB);
    await draw(who.readerReviewer, 'rr-secret-2');
    const ownRr = json<ChangeFeed>(await get('readerReviewer', '/api/changes?since=latest')).checkpoint;
    expect((await rr.next('changes')).id).toBe(ownRr);
  });
});

/**
 * A dataset as a DICOMweb service (PS3.18), one service root per dataset:
 * `/api/dicomweb/datasets/:datasetId` is both the QIDO-RS and the WADO-RS root an OHIF or Slim
 * data source points at, with the bearer token the rest of the API takes, from any origin (cors.ts).
 * Readers see what the item API shows them (services/access.ts); storing (STOW-RS) is for admins, as uploads are.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { DicomwebPushAnswer, DicomwebPushRequest, DicomwebQueryAnswer, DicomwebQueryRequest, ImportJob, ImportReport } from '../../../src/core/api';
import { readWholeBlob } from '../../blobs/blobStore';
import { readDeidPolicy } from '../../deid/policies';
import { decodeFrames, NoDecoder, type DecodedFrame } from '../../dicom/decode/pixels';
import { FrameNotFound, readFrames } from '../../dicom/frameBytes';
import { NATIVE_TRANSFER_SYNTAXES } from '../../dicom/uids';
import { pacsFailure, pacsHeaders, queryPacsStudies } from '../../dicomweb/pacsQuery';
import { MAX_INSTANCE_BYTES, MAX_PULLED_STUDIES, serviceRoot, type PullRequest } from '../../dicomweb/pull';
import { pushToPacs } from '../../dicomweb/push';
import { frameEncoding } from '../../dicomweb/frames';
import { instanceMetadata } from '../../dicomweb/metadata';
import { boundaryOf, mediaParameter, MultipartError, multipartBody, multipartContentType, newBoundary, partBytes, readMultipart } from '../../dicomweb/multipart';
import { BadRenderQuery, greyscaleHeader, renderFrame, renderOptions, type RenderedType, type RenderOptions } from '../../dicomweb/rendered';
import { parseQidoQuery, queryInstances, querySeries, queryStudies, visibleInstances, type QidoQuery, type VisibleInstance } from '../../dicomweb/qido';
import { sopUidsOf, storeInstances } from '../../dicomweb/store';
import { storeResponse, type StoredPart } from '../../dicomweb/storeResponse';
import { badRequest, HttpError, notFound } from '../../http/errors';
import { acceptStreamedBody, isStreamedBody } from '../../http/streamedBody';
import { pullJobSource } from '../../import/jobs/dicomwebPullJob';
import { importJobOf } from '../../import/jobs/jobRows';
import { userOf } from '../../plugins/auth';
import { assertDatasetVisible } from '../../services/access';
import { findDataset } from '../../services/datasets';
import { PATIENT_DATA } from '../items';
import { acceptEntries, acceptsDicomJson, notAcceptable, renderedTypeOf } from './accept';
import { allowCrossOriginReads } from './cors';
import { datasetParams, framesParams, instanceParams, pacsQuerySchema, pullSchema, pushSchema, renderedFrameParams, seriesParams, studyParams } from './schema';

interface Uids {
  datasetId: string;
  study?: string;
  series?: string;
  instance?: string;
}

type Query = Record<string, string | string[] | undefined>;

const DICOM_JSON = 'application/dicom+json';

export const dicomwebRoutes: FastifyPluginAsync = async (app) => {
  const { ctx } = app;
  acceptStreamedBody(app, 'multipart/related');
  const base = '/api/dicomweb/datasets/:datasetId';
  allowCrossOriginReads(app, base);

  const rootOf = (request: FastifyRequest<{ Params: Uids }>) => `${request.protocol}://${request.host}/api/dicomweb/datasets/${request.params.datasetId}`;

  /** QIDO-RS: the query string's keys, narrowed by the UIDs of the path. */
  async function qido(request: FastifyRequest<{ Params: Uids; Querystring: Query }>, reply: FastifyReply, level: 'studies' | 'series' | 'instances') {
    const user = userOf(request);
    const { datasetId, study, series } = request.params;
    await assertDatasetVisible(ctx.db, user, datasetId);
    if (!acceptsDicomJson(request.headers.accept)) throw notAcceptable(DICOM_JSON);
    const parsed = parseQidoQuery(request.query);
    const query: QidoQuery = {
      ...parsed.query,
      studyUids: study ? [study] : parsed.query.studyUids,
      seriesUids: series ? [series] : parsed.query.seriesUids,
    };
    const root = rootOf(request);
    const found =
      level === 'studies'
        ? await queryStudies(ctx.db, user, datasetId, root, query)
        : level === 'series'
          ? await querySeries(ctx.db, user, datasetId, root, query)
          : await queryInstances(ctx.db, user, datasetId, root, query);
    if (parsed.unsupported.length > 0) reply.header('Warning', `299 mejirushi: "The following query keys are not supported and were ignored: ${parsed.unsupported.join(', ')}"`);
    return reply.type(DICOM_JSON).send(JSON.stringify(found));
  }

  /** The instances a WADO-RS path names that the caller may read; 404 when none. */
  async function instancesOf(request: FastifyRequest<{ Params: Uids }>): Promise<VisibleInstance[]> {
    const user = userOf(request);
    const { datasetId, study, series, instance } = request.params;
    await assertDatasetVisible(ctx.db, user, datasetId);
    const found = await visibleInstances(ctx.db, user, datasetId, {
      studyUids: study ? [study] : [],
      seriesUids: series ? [series] : [],
      sopInstanceUids: instance ? [instance] : [],
    });
    if (found.length === 0) throw notFound(`no ${instance ? 'instance' : series ? 'series' : 'study'} ${instance ?? series ?? study} in this dataset`);
    return found;
  }

  /** WADO-RS retrieve: the stored Part 10 files as they are, streamed one after another from the blob store. */
  async function retrieve(request: FastifyRequest<{ Params: Uids }>, reply: FastifyReply) {
    const accepted = acceptEntries(request.headers.accept).some(
      (entry) =>
        entry.mediaType === '*/*' ||
        entry.mediaType === 'multipart/*' ||
        (entry.mediaType === 'multipart/related' && (entry.partType === null || entry.partType === 'application/dicom')),
    );
    if (!accepted) throw notAcceptable('multipart/related; type="application/dicom" (as stored)');
    const instances = await instancesOf(request);
    const boundary = newBoundary();
    const parts = instances.map((instance) => ({
      contentType: `application/dicom; transfer-syntax=${instance.meta.transferSyntaxUid}`,
      body: () => ctx.blobs.read(instance.sha256),
    }));
    return reply.header('Content-Type', multipartContentType(boundary, 'application/dicom')).header('Cache-Control', PATIENT_DATA).send(multipartBody(boundary, parts));
  }

  async function metadata(request: FastifyRequest<{ Params: Uids }>, reply: FastifyReply) {
    if (!acceptsDicomJson(request.headers.accept)) throw notAcceptable(DICOM_JSON);
    const root = rootOf(request);
    const found: unknown[] = [];
    // One instance in memory at a time; the pixel data is never read into the answer.
    for (const instance of await instancesOf(request)) {
      const { studyInstanceUid, seriesInstanceUid, sopInstanceUid } = instance.meta;
      const url = `${root}/studies/${studyInstanceUid}/series/${seriesInstanceUid}/instances/${sopInstanceUid}`;
      found.push(instanceMetadata(await readWholeBlob(ctx.blobs, instance.sha256), instance.meta, url));
    }
    return reply.type(DICOM_JSON).header('Cache-Control', PATIENT_DATA).send(JSON.stringify(found));
  }

  app.get(`${base}/studies`, { schema: datasetParams }, (request, reply) => qido(request as FastifyRequest<{ Params: Uids; Querystring: Query }>, reply, 'studies'));
  app.get(`${base}/series`, { schema: datasetParams }, (request, reply) => qido(request as FastifyRequest<{ Params: Uids; Querystring: Query }>, reply, 'series'));
  app.get(`${base}/studies/:study/series`, { schema: studyParams }, (request, reply) => qido(request as FastifyRequest<{ Params: Uids; Querystring: Query }>, reply, 'series'));
  app.get(`${base}/studies/:study/instances`, { schema: studyParams }, (request, reply) => qido(request as FastifyRequest<{ Params: Uids; Querystring: Query }>, reply, 'instances'));
  app.get(`${base}/studies/:study/series/:series/instances`, { schema: seriesParams }, (request, reply) =>
    qido(request as FastifyRequest<{ Params: Uids; Querystring: Query }>, reply, 'instances'),
  );

  app.get(`${base}/studies/:study`, { schema: studyParams }, (request, reply) => retrieve(request as FastifyRequest<{ Params: Uids }>, reply));
  app.get(`${base}/studies/:study/series/:series`, { schema: seriesParams }, (request, reply) => retrieve(request as FastifyRequest<{ Params: Uids }>, reply));
  app.get(`${base}/studies/:study/series/:series/instances/:instance`, { schema: instanceParams }, (request, reply) => retrieve(request as FastifyRequest<{ Params: Uids }>, reply));

  app.get(`${base}/studies/:study/metadata`, { schema: studyParams }, (request, reply) => metadata(request as FastifyRequest<{ Params: Uids }>, reply));
  app.get(`${base}/studies/:study/series/:series/metadata`, { schema: seriesParams }, (request, reply) => metadata(request as FastifyRequest<{ Params: Uids }>, reply));
  app.get(`${base}/studies/:study/series/:series/instances/:instance/metadata`, { schema: instanceParams }, (request, reply) =>
    metadata(request as FastifyRequest<{ Params: Uids }>, reply),
  );

  app.get<{ Params: Required<Uids> & { frames: string } }>(`${base}/studies/:study/series/:series/instances/:instance/frames/:frames`, { schema: framesParams }, async (request, reply) => {
    const [instance] = await instancesOf(request);
    const stored = (instance as VisibleInstance).meta.transferSyntaxUid;
    const wanted = acceptEntries(request.headers.accept).map((entry) =>
      entry.mediaType === 'multipart/related'
        ? { type: entry.partType ?? 'application/octet-stream', transferSyntax: entry.transferSyntax }
        : // Anything at all: the frames as stored.
          { type: entry.mediaType, transferSyntax: entry.mediaType === '*/*' ? '*' : entry.transferSyntax },
    );
    const encoding = wanted.map((accept) => frameEncoding(stored, accept)).find((found) => found !== null);
    if (!encoding) {
      throw new HttpError(
        406,
        'not_acceptable',
        `the frames are stored as ${stored} and are served as stored (ask with multipart/related; type="application/octet-stream"; transfer-syntax=*) or, where they can be decoded, uncompressed (transfer-syntax=1.2.840.10008.1.2.1)`,
      );
    }
    const numbers = request.params.frames.split(',').map(Number);
    const file = await readWholeBlob(ctx.blobs, (instance as VisibleInstance).sha256);
    const frames = await framesOrNotFound(async () => {
      if (encoding.transferSyntax === stored || NATIVE_TRANSFER_SYNTAXES.has(stored)) return readFrames(file, numbers);
      // Decoded samples are little-endian in memory (as Node runs on little-endian machines): sent as they lie.
      return (await decodeFrames(file, numbers)).frames.map(({ pixels }) => new Uint8Array(pixels.buffer, pixels.byteOffset, pixels.byteLength));
    });
    const boundary = newBoundary();
    const parts = frames.map((frame) => ({ contentType: `${encoding.mediaType}; transfer-syntax=${encoding.transferSyntax}`, body: () => [frame] }));
    return reply
      .header('Content-Type', multipartContentType(boundary, encoding.mediaType, encoding.transferSyntax))
      .header('Cache-Control', PATIENT_DATA)
      .send(multipartBody(boundary, parts));
  });

  /** WADO-RS rendered (PS3.18 §9.5.1.2.1): one frame as JPEG (the default) or PNG; an instance renders its first frame. */
  async function rendered(request: FastifyRequest<{ Params: Required<Uids> & { frames?: string }; Querystring: Query }>, reply: FastifyReply) {
    const type: RenderedType | null = renderedTypeOf(request.headers.accept);
    if (type === null) throw notAcceptable('image/jpeg or image/png');
    let options: RenderOptions;
    try {
      options = renderOptions(request.query, type);
    } catch (error) {
      if (error instanceof BadRenderQuery) throw badRequest(error.message);
      throw error;
    }
    const [instance] = await instancesOf(request);
    const file = await readWholeBlob(ctx.blobs, (instance as VisibleInstance).sha256);
    const { dataSet, frames } = await framesOrNotFound(() => decodeFrames(file, [Number(request.params.frames ?? 1)]));
    const image = await renderFrame(frames[0] as DecodedFrame, greyscaleHeader(dataSet), options);
    return reply.type(type).header('Cache-Control', PATIENT_DATA).send(image);
  }

  /** Reading frames: 404 for a frame the instance lacks, 406 for a transfer syntax with no decoder here. */
  async function framesOrNotFound<T>(read: () => Promise<T>): Promise<T> {
    try {
      return await read();
    } catch (error) {
      if (error instanceof FrameNotFound) throw notFound(error.message);
      if (error instanceof NoDecoder) throw new HttpError(406, 'not_acceptable', `${error.message}; ask for the frames as stored`);
      throw error;
    }
  }

  app.get(`${base}/studies/:study/series/:series/instances/:instance/rendered`, { schema: instanceParams }, (request, reply) =>
    rendered(request as FastifyRequest<{ Params: Required<Uids>; Querystring: Query }>, reply),
  );
  app.get(`${base}/studies/:study/series/:series/instances/:instance/frames/:frames/rendered`, { schema: renderedFrameParams }, (request, reply) =>
    rendered(request as FastifyRequest<{ Params: Required<Uids> & { frames: string }; Querystring: Query }>, reply),
  );

  app.post<{ Params: { datasetId: string }; Body: unknown }>(`${base}/studies`, { schema: datasetParams, config: { roles: ['admin'] } }, async (request, reply) => {
    const admin = userOf(request);
    const { datasetId } = request.params;
    const contentType = request.headers['content-type'] ?? '';
    const boundary = boundaryOf(contentType);
    const partType = mediaParameter(contentType, 'type')?.toLowerCase() ?? 'application/dicom';
    if (!isStreamedBody(request.body) || boundary === null || partType !== 'application/dicom') {
      throw new HttpError(415, 'unsupported_media_type', 'send the instances as Content-Type: multipart/related; type="application/dicom"; boundary=…');
    }
    if (!(await findDataset(ctx.db, datasetId))) throw notFound(`no dataset ${datasetId}`);
    const body = request.body;
    const arrived: { name: string; sopClassUid: string; sopInstanceUid: string }[] = [];
    async function* instances() {
      let n = 0;
      for await (const part of readMultipart(body, boundary as string)) {
        n += 1;
        const bytes = await partBytes(part.body, MAX_INSTANCE_BYTES);
        const name = `part ${n}`;
        arrived.push({ name, ...sopUidsOf(bytes) });
        yield { name, bytes };
      }
    }
    let report: ImportReport;
    try {
      report = await storeInstances({ db: ctx.db, blobs: ctx.blobs, now: ctx.now, workDirs: ctx.workDirs }, datasetId, instances(), admin.id);
    } catch (error) {
      if (error instanceof MultipartError) throw badRequest(`the multipart body cannot be read: ${error.message}`);
      throw error;
    }
    const root = rootOf(request);
    const parts: StoredPart[] = report.outcomes.map((outcome) => {
      const uid = outcome.status === 'refused' ? undefined : outcome.sopInstanceUid;
      const part = arrived.find((a) => a.name === outcome.file || (uid !== undefined && a.sopInstanceUid === uid) || `${a.sopInstanceUid}.dcm` === outcome.file);
      const sopInstanceUid = uid ?? part?.sopInstanceUid ?? '';
      return { sopClassUid: part?.sopClassUid ?? '', sopInstanceUid, outcome, retrieveUrl: null };
    });
    const response = storeResponse(await withRetrieveUrls(parts, root));
    return reply.code(response.status).type(DICOM_JSON).send(JSON.stringify(response.body));
  });

  /** The WADO-RS URL of each stored instance, from the study and series the import filed it under. */
  async function withRetrieveUrls(parts: readonly StoredPart[], root: string): Promise<StoredPart[]> {
    const uids = parts.filter((part) => part.outcome.status !== 'refused' && part.sopInstanceUid !== '').map((part) => part.sopInstanceUid);
    if (uids.length === 0) return [...parts];
    const rows = await ctx.db.selectFrom('item_files').select(['sop_instance_uid', 'meta']).where('sop_instance_uid', 'in', uids).execute();
    const urls = new Map(
      rows.map((row) => {
        const meta = JSON.parse(row.meta) as { studyInstanceUid: string; seriesInstanceUid: string };
        return [row.sop_instance_uid, `${root}/studies/${meta.studyInstanceUid}/series/${meta.seriesInstanceUid}/instances/${row.sop_instance_uid}`];
      }),
    );
    return parts.map((part) => ({ ...part, retrieveUrl: urls.get(part.sopInstanceUid) ?? null }));
  }

  /** A pull from a PACS: the URL checked now, the pulling done by an import job (202 with it; server/import/jobs/dicomwebPullJob.ts). */
  app.post<{ Params: { id: string }; Body: PullRequest }>('/api/datasets/:id/dicomweb-pull', { schema: pullSchema, config: { roles: ['admin'] } }, async (request, reply): Promise<ImportJob> => {
    const admin = userOf(request);
    const { id } = request.params;
    if (!(await findDataset(ctx.db, id))) throw notFound(`no dataset ${id}`);
    serviceRoot(request.body.baseUrl);
    const { studyInstanceUids, studyInstanceUid, seriesInstanceUid, query } = request.body;
    if (studyInstanceUids && (studyInstanceUid || seriesInstanceUid || query)) throw badRequest('pick studies (studyInstanceUids), or name one study, or give a query: not more than one of these');
    const deidRequired = (await readDeidPolicy(ctx.db, id)).mode === 'required';
    const { fileName, manifest, secret } = await pullJobSource(ctx.blobs, request.body, deidRequired);
    const job = await ctx.importJobs.submit({ datasetId: id, createdBy: admin.id, fileName, kind: 'dicomwebPull', source: manifest }, secret);
    return reply.code(202).send(importJobOf(job));
  });

  /**
   * The studies of a PACS a query matches, for the admin to pick which to pull. The answer (which
   * may name patients) and the password go back to the admin only: nothing is stored, and the
   * logger never sees a body (pacsQuery.test.ts checks it). The PACS's failure is a 502 with its sentence.
   */
  app.post<{ Params: { id: string }; Body: DicomwebQueryRequest }>('/api/datasets/:id/dicomweb-query', { schema: pacsQuerySchema, config: { roles: ['admin'] } }, async (request): Promise<DicomwebQueryAnswer> => {
    const { id } = request.params;
    if (!(await findDataset(ctx.db, id))) throw notFound(`no dataset ${id}`);
    const base = serviceRoot(request.body.baseUrl);
    try {
      return await queryPacsStudies(base, pacsHeaders(request.body), request.body.query, MAX_PULLED_STUDIES);
    } catch (error) {
      throw new HttpError(502, 'pacs_failed', pacsFailure(error, 'the study query'));
    }
  });

  /**
   * A push to a PACS of the dataset's SEG and SR exports, one page of items answered with each
   * object's outcome (server/dicomweb/push.ts). Synchronous, not an import job: a page is bounded
   * (PUSH_PAGE_ITEMS items), the outcomes are of objects sent, not files imported, and the password
   * then lives only as long as the request.
   */
  app.post<{ Params: { id: string }; Body: DicomwebPushRequest }>('/api/datasets/:id/dicomweb-push', { schema: pushSchema, config: { roles: ['admin'] } }, async (request): Promise<DicomwebPushAnswer> => {
    const { id } = request.params;
    if (!(await findDataset(ctx.db, id))) throw notFound(`no dataset ${id}`);
    return pushToPacs(ctx, userOf(request), id, request.body);
  });
};

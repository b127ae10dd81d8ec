/**
 * Dataset releases (issue 9): make one, list them, read one with its manifest, and fetch its
 * files. A release's files never change, so they go out with immutable caching and their sha256
 * as ETag. Nothing here updates or deletes a release.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { ReleaseDetail, ReleaseManifest, ReleaseSummary } from '../../../src/core/api';
import { readWholeBlob } from '../../blobs/blobStore';
import { notFound } from '../../http/errors';
import { RELEASE_READ_ROLES, RELEASE_ROLES } from '../../http/rolePolicy';
import { idParams, uuid } from '../../http/schemas';
import { userOf } from '../../plugins/auth';
import { findDataset } from '../../services/datasets';
import { makeRelease } from '../../services/releases/makeRelease';
import { listReleases, readReleaseSummary, releaseFile } from '../../services/releases/reads';

/** Who makes and reads releases: the one place to widen (a working-group lead role is coming). */

const fileParams = {
  type: 'object',
  required: ['id', 'name'],
  additionalProperties: false,
  properties: { id: uuid, name: { type: 'string', pattern: '^[a-z0-9][a-z0-9._-]{0,99}$' } },
} as const;

export const releaseRoutes: FastifyPluginAsync = async (app) => {
  const { ctx } = app;

  app.post<{ Params: { id: string } }>(
    '/api/datasets/:id/releases',
    { schema: { params: idParams }, config: { roles: RELEASE_ROLES } },
    async (request, reply): Promise<ReleaseSummary> => {
      const summary = await makeRelease(ctx.db, ctx.blobs, request.params.id, userOf(request).id, ctx.now().toISOString());
      return reply.code(201).send(summary);
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/datasets/:id/releases',
    { schema: { params: idParams }, config: { roles: RELEASE_READ_ROLES } },
    async (request): Promise<{ releases: ReleaseSummary[] }> => {
      if (!(await findDataset(ctx.db, request.params.id))) throw notFound(`no dataset ${request.params.id}`);
      return { releases: await listReleases(ctx.db, request.params.id) };
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/releases/:id',
    { schema: { params: idParams }, config: { roles: RELEASE_READ_ROLES } },
    async (request): Promise<ReleaseDetail> => {
      const release = await readReleaseSummary(ctx.db, request.params.id);
      if (!release) throw notFound(`no release ${request.params.id}`);
      const manifest = JSON.parse((await readWholeBlob(ctx.blobs, release.manifest.sha256)).toString('utf8')) as ReleaseManifest;
      return { release, manifest };
    },
  );

  app.get<{ Params: { id: string; name: string } }>(
    '/api/releases/:id/files/:name',
    { schema: { params: fileParams }, config: { roles: RELEASE_READ_ROLES } },
    async (request, reply) => {
      const release = await readReleaseSummary(ctx.db, request.params.id);
      if (!release) throw notFound(`no release ${request.params.id}`);
      const file = releaseFile(release, request.params.name);
      if (!file) throw notFound(`release ${release.number} has no file ${request.params.name}`);
      const etag = `"${file.sha256}"`;
      reply.header('Cache-Control', 'private, max-age=31536000, immutable').header('ETag', etag);
      if (request.headers['if-none-match'] === etag) return reply.code(304).send();
      return reply
        .header('Content-Length', file.size)
        .header('Content-Disposition', `attachment; filename="release-${release.number}-${file.name}"`)
        .type(file.mediaType)
        .send(await ctx.blobs.read(file.sha256));
    },
  );
};

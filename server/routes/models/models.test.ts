/**
 * The model registry over real HTTP on both dialects: an admin's upload accepted or refused with
 * every reason (and nothing kept), the list annotators see, the bytes by hash with immutable
 * caching, enable/disable, delete, and the proposal counts per model.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiError } from '../../../src/core/api';
import type { ModelManifest } from '../../../src/core/models/manifest';
import type { ModelList, ModelRefusal, ModelStats, ModelSummary, ModelUploadStarted } from '../../../src/core/models/registryApi';
import { manifestFor, tinyClassifierBytes, tinyEncoderDecoder } from '../../models/testModels';
import { testDialects } from '../../testing/testDatabase';
import { json, startTestServer, type SignedIn, type TestServer } from '../../testing/testServer';

describe.each(testDialects('model registry routes'))('model registry on %s', (dialect) => {
  let server: TestServer;
  let admin: SignedIn;
  let annotator: SignedIn;
  beforeAll(async () => {
    server = await startTestServer(dialect);
    admin = await server.signIn('admin1', ['admin']);
    annotator = await server.signIn('reader1', ['annotator']);
  });
  afterAll(async () => server?.dispose());

  async function begin(manifest: unknown, as: SignedIn = admin) {
    return server.app.inject({ method: 'POST', url: '/api/admin/models', headers: as.auth, payload: { manifest } });
  }

  async function sendFiles(uploadId: string, bytes: Uint8Array) {
    return server.app.inject({
      method: 'PUT',
      url: `/api/admin/models/uploads/${uploadId}`,
      headers: { ...admin.auth, 'content-type': 'application/octet-stream' },
      payload: Buffer.from(bytes),
    });
  }

  async function upload(manifest: ModelManifest, bytes: Uint8Array): Promise<ModelSummary> {
    const started = await begin(manifest);
    expect(started.statusCode, started.body).toBe(201);
    const done = await sendFiles(json<ModelUploadStarted>(started).uploadId, bytes);
    expect(done.statusCode, done.body).toBe(201);
    return json<ModelSummary>(done);
  }

  async function list(as: SignedIn, query = ''): Promise<ModelList['models']> {
    const response = await server.app.inject({ method: 'GET', url: `/api/models${query}`, headers: as.auth });
    expect(response.statusCode, response.body).toBe(200);
    return json<ModelList>(response).models;
  }

  async function uploadsOf(...modelIds: string[]): Promise<number> {
    return (await server.db.selectFrom('model_uploads').select('id').where('model_id', 'in', modelIds).execute()).length;
  }

  async function leftovers(sha256: string, modelId: string) {
    return {
      uploads: await uploadsOf(modelId),
      blobRow: (await server.db.selectFrom('blobs').select('sha256').where('sha256', '=', sha256).executeTakeFirst()) !== undefined,
      blob: (await server.blobs.stat(sha256)) !== null,
    };
  }

  it('takes an admin\'s manifest then its ONNX file; annotators list it and fetch the bytes, cached for good', async () => {
    const bytes = tinyClassifierBytes();
    const manifest = manifestFor(bytes, { id: 'sah-upload' });
    const started = await begin(manifest);
    expect(started.statusCode, started.body).toBe(201);
    expect(json<ModelUploadStarted>(started).files).toEqual([{ role: 'model', sha256: manifest.files.kind === 'single' ? manifest.files.model.sha256 : '', bytes: bytes.byteLength }]);
    const done = await sendFiles(json<ModelUploadStarted>(started).uploadId, bytes);
    expect(done.statusCode, done.body).toBe(201);
    expect(json<ModelSummary>(done)).toEqual({ manifest, builtin: false, enabled: true });

    expect(await list(annotator)).toContainEqual({ manifest, builtin: false, enabled: true });
    const sha256 = manifest.files.kind === 'single' ? manifest.files.model.sha256 : '';
    const file = await server.app.inject({ method: 'GET', url: `/api/models/files/${sha256}`, headers: annotator.auth });
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.equals(Buffer.from(bytes))).toBe(true);
    expect(file.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(file.headers['content-type']).toBe('application/octet-stream');
    // Served to a cross-origin-isolated page (the worker runtime needs it).
    expect(file.headers['cross-origin-embedder-policy']).toBe('require-corp');
    expect(await leftovers(sha256, 'sah-upload')).toEqual({ uploads: 0, blobRow: true, blob: true });
  });

  it('takes an encoder and a decoder as one body in the order it asked for, and serves each', async () => {
    const { encoder, decoder, manifest } = tinyEncoderDecoder();
    const started = await begin(manifest);
    expect(started.statusCode, started.body).toBe(201);
    expect(json<ModelUploadStarted>(started).files.map((f) => f.role)).toEqual(['encoder', 'decoder']);
    const done = await sendFiles(json<ModelUploadStarted>(started).uploadId, Buffer.concat([encoder, decoder]));
    expect(done.statusCode, done.body).toBe(201);
    if (manifest.files.kind !== 'encoderDecoder') throw new Error('a pair');
    for (const [file, bytes] of [[manifest.files.encoder, encoder], [manifest.files.decoder, decoder]] as const) {
      const response = await server.app.inject({ method: 'GET', url: `/api/models/files/${file.sha256}`, headers: annotator.auth });
      expect(response.rawPayload.equals(Buffer.from(bytes))).toBe(true);
    }
  });

  it('refuses a manifest with every reason and keeps nothing', async () => {
    const bytes = tinyClassifierBytes();
    const bad = { ...manifestFor(bytes, { id: 'Bad Id', version: 'one' }), outputsToLabels: [{ questionId: 'sah', classes: [{ index: 0, classCode: 'sah.massive' }] }] };
    const response = await begin(bad);
    expect(response.statusCode).toBe(422);
    const refusal = json<ModelRefusal>(response);
    expect(refusal.error).toBe('model_refused');
    expect(refusal.reasons).toEqual([expect.stringMatching(/^id: /), expect.stringMatching(/^version: /)]);
    const wrongClass = await begin(manifestFor(bytes, { id: 'sah-wrong-class', outputsToLabels: [{ questionId: 'sah', classes: [{ index: 0, classCode: 'sah.massive' }] }] }));
    expect(json<ModelRefusal>(wrongClass).reasons).toEqual(['outputsToLabels[0].classes[0].classCode: question "sah" has no class "sah.massive"']);
    const noLabelSet = await begin(manifestFor(bytes, { id: 'sah-no-set', labelSetId: 'no-such-set' }));
    expect(json<ModelRefusal>(noLabelSet).reasons).toEqual(['labelSetId: there is no label set "no-such-set" on this server']);
    expect(await uploadsOf('Bad Id', 'sah-wrong-class', 'sah-no-set')).toBe(0);
  });

  it('refuses files that do not fit the manifest with every reason: no upload, no blob, no row is left', async () => {
    const bytes = tinyClassifierBytes(13);
    const manifest = manifestFor(bytes, {
      id: 'sah-misfit',
      inputs: [{ name: 'pixels', dtype: 'float32', shape: ['batch', 1, 8, 8] }],
      outputs: [{ name: 'scores', dtype: 'float32', shape: ['batch', 2] }],
    });
    const started = await begin(manifest);
    expect(started.statusCode, started.body).toBe(201);
    const response = await sendFiles(json<ModelUploadStarted>(started).uploadId, bytes);
    expect(response.statusCode).toBe(422);
    expect(json<ModelRefusal>(response).reasons).toEqual([
      'the model file needs an input "image" (float32) that the manifest does not list',
      'the manifest\'s input "pixels" is not in the model, whose inputs are "image"',
      'output "scores" dimension 1 is 1 in the model, but 2 in the manifest',
      'the manifest says opset 17, but the file imports ONNX opset 13',
    ]);
    const sha256 = manifest.files.kind === 'single' ? manifest.files.model.sha256 : '';
    expect(await leftovers(sha256, 'sah-misfit')).toEqual({ uploads: 0, blobRow: false, blob: false });
    expect(await list(admin)).not.toContainEqual(expect.objectContaining({ manifest: expect.objectContaining({ id: 'sah-misfit' }) }));
    // The upload is gone: sending again is a 404, not a second try.
    expect((await sendFiles(json<ModelUploadStarted>(started).uploadId, bytes)).statusCode).toBe(404);
  });

  it('refuses a body longer or shorter than the manifest\'s files', async () => {
    const bytes = tinyClassifierBytes();
    for (const [body, reason] of [
      [Buffer.concat([bytes, Buffer.from('extra')]), /^the upload sent more than the \d+ bytes/],
      [bytes.subarray(0, 10), /^the upload ended after 10 bytes/],
    ] as const) {
      const started = await begin(manifestFor(bytes, { id: 'sah-sizes' }));
      const response = await sendFiles(json<ModelUploadStarted>(started).uploadId, body);
      expect(response.statusCode).toBe(422);
      expect(json<ModelRefusal>(response).reasons).toEqual([expect.stringMatching(reason)]);
    }
  });

  it('forgets an upload whose files never came, a day later', async () => {
    const bytes = tinyClassifierBytes();
    const abandoned = json<ModelUploadStarted>(await begin(manifestFor(bytes, { id: 'sah-abandoned' })));
    const recent = json<ModelUploadStarted>(await begin(manifestFor(bytes, { id: 'sah-recent' })));
    const dayAndHourAgo = new Date(server.now().getTime() - 25 * 60 * 60 * 1000).toISOString();
    await server.db.updateTable('model_uploads').set({ created_at: dayAndHourAgo }).where('id', '=', abandoned.uploadId).execute();
    await begin(manifestFor(bytes, { id: 'sah-later' }));
    expect((await sendFiles(abandoned.uploadId, bytes)).statusCode).toBe(404);
    expect((await sendFiles(recent.uploadId, bytes)).statusCode).toBe(201);
  });

  it('keeps uploads to admins and a version to one model', async () => {
    const bytes = tinyClassifierBytes();
    expect((await begin(manifestFor(bytes, { id: 'sah-annotator' }), annotator)).statusCode).toBe(403);
    await upload(manifestFor(bytes, { id: 'sah-twice' }), bytes);
    const again = await begin(manifestFor(bytes, { id: 'sah-twice' }));
    expect(again.statusCode).toBe(409);
    expect(json<ApiError>(again).error).toBe('model_exists');
  });

  it('lists the newest version of each model, filtered by label set and item kind', async () => {
    const bytes = tinyClassifierBytes();
    await upload(manifestFor(bytes, { id: 'sah-versions', version: '1.9.0' }), bytes);
    await upload(manifestFor(bytes, { id: 'sah-versions', version: '1.10.0' }), bytes);
    const versions = (await list(annotator)).filter((m) => m.manifest.id === 'sah-versions').map((m) => m.manifest.version);
    expect(versions).toEqual(['1.10.0']);
    expect((await list(annotator, '?labelSetId=sah-slice&itemKind=series')).map((m) => m.manifest.id)).toContain('sah-versions');
    expect((await list(annotator, '?itemKind=slide')).map((m) => m.manifest.id)).not.toContain('sah-versions');
    expect((await list(annotator, '?labelSetId=gastric-biopsy')).map((m) => m.manifest.id)).not.toContain('sah-versions');
  });

  it('hides a disabled model and its file from annotators, not from admins; deletes an uploaded one', async () => {
    // Bytes of its own (opset 15), so no other enabled model serves the same file.
    const bytes = tinyClassifierBytes(15);
    const manifest = manifestFor(bytes, { id: 'sah-toggle', version: '3.0.0', opset: 15 });
    await upload(manifest, bytes);
    const sha256 = manifest.files.kind === 'single' ? manifest.files.model.sha256 : '';
    const off = await server.app.inject({ method: 'PATCH', url: '/api/admin/models/sah-toggle/3.0.0', headers: admin.auth, payload: { enabled: false } });
    expect(off.statusCode, off.body).toBe(200);
    expect(json<ModelSummary>(off).enabled).toBe(false);
    expect((await list(annotator)).map((m) => m.manifest.id)).not.toContain('sah-toggle');
    expect(await list(admin)).toContainEqual({ manifest, builtin: false, enabled: false });
    expect((await server.app.inject({ method: 'GET', url: `/api/models/files/${sha256}`, headers: annotator.auth })).statusCode).toBe(404);
    expect((await server.app.inject({ method: 'GET', url: `/api/models/files/${sha256}`, headers: admin.auth })).statusCode).toBe(200);

    const removed = await server.app.inject({ method: 'DELETE', url: '/api/admin/models/sah-toggle/3.0.0', headers: admin.auth });
    expect(removed.statusCode).toBe(204);
    expect((await list(admin)).map((m) => m.manifest.id)).not.toContain('sah-toggle');
    expect((await server.app.inject({ method: 'DELETE', url: '/api/admin/models/sah-toggle/3.0.0', headers: admin.auth })).statusCode).toBe(404);
  });

  it('serves only files of registered models the caller may see', async () => {
    const unregistered = 'f'.repeat(64);
    expect((await server.app.inject({ method: 'GET', url: `/api/models/files/${unregistered}`, headers: annotator.auth })).statusCode).toBe(404);
    expect((await server.app.inject({ method: 'GET', url: '/api/models/files/not-a-hash', headers: annotator.auth })).statusCode).toBe(400);
  });

  it('counts a model\'s proposals by decision for admins', async () => {
    const bytes = tinyClassifierBytes();
    await upload(manifestFor(bytes, { id: 'sah-stats' }), bytes);
    const { itemId, targetIds } = await server.seedDataset({ slices: 6 });
    const origin = (modelId: string) => ({ kind: 'model', modelId, version: '1.0.0', contentHash: 'a'.repeat(64), runId: 'run-1', threshold: 0.5, score: 0.9 });
    const rows = [
      ['accepted', 'sah-stats', 0],
      ['accepted', 'sah-stats', 0],
      ['edited', 'sah-stats', 0],
      ['rejected', 'sah-stats', 0],
      ['pending', 'sah-stats', 0],
      ['accepted', 'sah-stats', 1],
      ['accepted', 'another-model', 0],
    ] as const;
    await server.db
      .insertInto('annotation_records')
      .values(
        rows.map(([decision, modelId, deleted], i) => ({
          item_id: itemId,
          annotator_id: annotator.user.id,
          record_id: `label:sah:${targetIds[i] ?? i}`,
          version: 1,
          schema: 1,
          type: 'label',
          question_id: 'sah',
          target_id: targetIds[i] ?? String(i),
          class_code: 'sah.present',
          min_x: null,
          min_y: null,
          max_x: null,
          max_y: null,
          deleted,
          settled: decision === 'pending' ? 0 : 1,
          body: JSON.stringify({ provenance: { origin: origin(modelId), decision, authors: [] } }),
          updated_at: server.now().toISOString(),
          updated_seq: i + 1,
        })),
      )
      .execute();
    const response = await server.app.inject({ method: 'GET', url: '/api/models/sah-stats/stats', headers: admin.auth });
    expect(response.statusCode, response.body).toBe(200);
    expect(json<ModelStats>(response)).toEqual({ modelId: 'sah-stats', counts: { pending: 1, accepted: 2, edited: 1, rejected: 1 } });
    expect((await server.app.inject({ method: 'GET', url: '/api/models/sah-stats/stats', headers: annotator.auth })).statusCode).toBe(403);
    expect((await server.app.inject({ method: 'GET', url: '/api/models/no-such-model/stats', headers: admin.auth })).statusCode).toBe(404);
  });
});

import { createHash } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoredBlob } from '../../blobs/blobStore';
import { startTestServer, type SignedIn, type TestServer } from '../../testing/testServer';
import { MAX_BLOB_UPLOAD_BYTES } from './index';

const CHUNK = 256 * 1024;

/** `count` chunks of bytes, made as they are read (never all in memory). */
function* chunks(count: number, seed: number): Generator<Buffer> {
  for (let i = 0; i < count; i += 1) yield Buffer.alloc(CHUNK, (seed * 31 + i) % 251);
}

function digestOf(parts: Iterable<Buffer>): { sha256: string; size: number } {
  const hash = createHash('sha256');
  let size = 0;
  for (const part of parts) {
    hash.update(part);
    size += part.length;
  }
  return { sha256: hash.digest('hex'), size };
}

/** Every file under the store's folder, relative. */
function storeFiles(dataDir: string): string[] {
  const root = join(dataDir, 'blobs');
  if (!existsSync(root)) return [];
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(root.length + 1));
}

describe('POST /api/blobs (streamed raw upload) over real HTTP', () => {
  let server: TestServer;
  let admin: SignedIn;
  let ann: SignedIn;
  let base: string;

  beforeAll(async () => {
    server = await startTestServer('sqlite');
    admin = await server.signIn('admin', ['admin']);
    ann = await server.signIn('ann', ['annotator']);
    await server.app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(server.app.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => server.dispose());

  const upload = (body: Iterable<Buffer>, headers: Record<string, string> = {}) =>
    fetch(`${base}/api/blobs`, {
      method: 'POST',
      headers: { ...admin.auth, 'content-type': 'application/octet-stream', ...headers },
      body: Readable.toWeb(Readable.from(body)) as ReadableStream<Uint8Array>,
      duplex: 'half',
    } as RequestInit);

  it('streams a chunked body into the store, answers its SHA-256 and size, and keeps identical content once', async () => {
    const expected = digestOf(chunks(80, 1)); // 20 MiB, sent without a Content-Length
    const response = await upload(chunks(80, 1));
    expect(response.status).toBe(201);
    expect((await response.json()) as StoredBlob).toEqual(expected);
    expect(await server.blobs.stat(expected.sha256)).toEqual(expected);
    expect(await server.db.selectFrom('blobs').select(['sha256', 'size']).execute()).toEqual([expected]);
    const audit = await server.db.selectFrom('audit_log').select(['action', 'entity_id', 'user_id']).where('action', '=', 'blob.upload').execute();
    expect(audit).toEqual([{ action: 'blob.upload', entity_id: expected.sha256, user_id: admin.user.id }]);

    const before = storeFiles(server.dataDir);
    const again = await upload(chunks(80, 1));
    expect((await again.json()) as StoredBlob).toEqual(expected);
    expect(storeFiles(server.dataDir)).toEqual(before);
  });

  it('is for admins only, for octet-stream bodies only, and refuses a declared length over the limit', async () => {
    const asAnnotator = await fetch(`${base}/api/blobs`, {
      method: 'POST',
      headers: { ...ann.auth, 'content-type': 'application/octet-stream' },
      body: Buffer.from('x'),
    });
    expect(asAnnotator.status).toBe(403);
    expect((await upload([Buffer.from('{}')], { 'content-type': 'application/json' })).status).toBe(415);

    const tooLarge = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpRequest(`${base}/api/blobs`, {
        method: 'POST',
        headers: { ...admin.auth, 'content-type': 'application/octet-stream', 'content-length': String(MAX_BLOB_UPLOAD_BYTES + 1) },
      });
      req.on('response', (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => {
          req.destroy(); // the declared body never comes: stop, or the server waits for it
          resolve({ status: res.statusCode ?? 0, body });
        });
      });
      req.on('error', reject);
      req.write(Buffer.alloc(1024));
    });
    expect(tooLarge.status).toBe(413);
    expect(JSON.parse(tooLarge.body)).toMatchObject({ error: 'payload_too_large' });
  });

  it('keeps no blob and no temp file when the client drops the connection mid-upload', async () => {
    const before = storeFiles(server.dataDir).sort();
    await new Promise<void>((resolve) => {
      const req = httpRequest(`${base}/api/blobs`, {
        method: 'POST',
        headers: { ...admin.auth, 'content-type': 'application/octet-stream', 'content-length': String(64 * CHUNK) },
      });
      req.on('error', () => resolve());
      req.write(Buffer.alloc(8 * CHUNK, 9), () => setImmediate(() => req.destroy()));
    });
    // The server notices the closed connection in its own time: wait for its temp file to
    // appear (it may come and go between two looks), then to go.
    const hasTemp = () => storeFiles(server.dataDir).some((f) => f.startsWith('tmp'));
    const until = async (done: () => boolean, ms: number) => {
      for (const end = Date.now() + ms; !done() && Date.now() < end; ) await new Promise((r) => setTimeout(r, 5));
    };
    await until(hasTemp, 2000);
    await until(() => !hasTemp(), 10_000);
    expect(storeFiles(server.dataDir).sort()).toEqual(before);
  });
});

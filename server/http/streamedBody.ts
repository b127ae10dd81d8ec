/**
 * Request bodies that go straight into the blob store, never buffered whole: a route plugin
 * accepts its media type as a raw stream, and the handler stores it under a size limit.
 */
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { BlobTooLargeError, type BlobStore, type StoredBlob } from '../blobs/blobStore';
import { HttpError } from './errors';

/** Within the calling plugin only: bodies of `contentType` reach the handler as the request stream. */
export function acceptStreamedBody(app: FastifyInstance, contentType: string): void {
  app.addContentTypeParser(contentType, (_request, payload, done) => done(null, payload));
}

/** True when the body arrived through `acceptStreamedBody` (its media type matched). */
export function isStreamedBody(body: unknown): body is Readable {
  return body instanceof Readable;
}

const tooLarge = (maxBytes: number) => new HttpError(413, 'payload_too_large', `request body is larger than ${maxBytes} bytes`);

/** Stores the body; 413 as soon as it is known to exceed `maxBytes` (declared length, or counted). */
export async function storeBody(blobs: BlobStore, request: FastifyRequest, body: Readable, maxBytes: number): Promise<StoredBlob> {
  if (Number(request.headers['content-length']) > maxBytes) throw tooLarge(maxBytes);
  try {
    return await blobs.put(body, { maxBytes });
  } catch (error) {
    if (error instanceof BlobTooLargeError) throw tooLarge(maxBytes);
    throw error;
  }
}

/**
 * The body whole in memory, for a file that must be checked before the blob store may keep it
 * (a dataset's de-identification policy); 413 as storeBody.
 */
export async function readBody(request: FastifyRequest, body: Readable, maxBytes: number): Promise<Uint8Array> {
  if (Number(request.headers['content-length']) > maxBytes) throw tooLarge(maxBytes);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) {
      body.destroy();
      throw tooLarge(maxBytes);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/**
 * The body into a local file outside the blob store, for a file that must be changed before the
 * blob store may keep it (a slide under a de-identification policy), hashed as it goes; 413 as storeBody.
 */
export async function saveBody(request: FastifyRequest, body: Readable, path: string, maxBytes: number): Promise<StoredBlob> {
  if (Number(request.headers['content-length']) > maxBytes) throw tooLarge(maxBytes);
  let size = 0;
  const hash = createHash('sha256');
  const limit = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      hash.update(chunk);
      done(size > maxBytes ? tooLarge(maxBytes) : null, chunk);
    },
  });
  await pipeline(body, limit, createWriteStream(path));
  return { sha256: hash.digest('hex'), size };
}

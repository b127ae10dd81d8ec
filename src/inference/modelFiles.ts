/**
 * ONNX bytes by SHA-256, kept on the device in the Cache API so a model once used runs offline:
 * the cache answers first, the server (`/api/models/files/:sha256`) otherwise, and every byte is
 * checked against its hash before it is kept or used, whichever way it came.
 */
import { ApiRequestError, NetworkError } from '../data/api';
import { registryFetch, type RegistryTransport } from './registryTransport';

/** Versioned: a change in what is stored under a key starts a new cache instead of misreading the old. */
export const MODEL_CACHE_NAME = 'mejirushi-models-v1';

export type ModelFileErrorCode = 'offline_not_cached' | 'not_found' | 'hash_mismatch' | 'failed';

export class ModelFileError extends Error {
  override readonly name = 'ModelFileError';
  constructor(
    readonly code: ModelFileErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export interface ModelFileSource {
  readonly transport: RegistryTransport;
  /** The browser's `caches`; null where there is none (an insecure origin, a test without one). */
  readonly caches: CacheStorage | null;
}

/** The page's or worker's own Cache API, where the browser offers one (secure contexts only). */
export function browserModelFileSource(transport: RegistryTransport): ModelFileSource {
  return { transport, caches: typeof caches === 'undefined' ? null : caches };
}

/** The cache key of a file: its path, which names its content. */
export function modelFilePath(sha256: string): string {
  return `/api/models/files/${sha256}`;
}

export async function loadModelFile(sha256: string, source: ModelFileSource): Promise<ArrayBuffer> {
  const cache = source.caches ? await source.caches.open(MODEL_CACHE_NAME) : null;
  const key = `${source.transport.baseUrl ?? ''}${modelFilePath(sha256)}`;
  const cached = await cache?.match(key);
  if (cached) {
    const bytes = await cached.arrayBuffer();
    if ((await sha256Hex(bytes)) === sha256) return bytes;
    // A damaged copy is dropped and fetched again.
    await cache?.delete(key);
  }
  let response: Response;
  try {
    response = await registryFetch(source.transport, 'GET', modelFilePath(sha256));
  } catch (error) {
    if (error instanceof NetworkError) {
      throw new ModelFileError('offline_not_cached', `model file ${sha256} is not on this device and the server cannot be reached`);
    }
    if (error instanceof ApiRequestError && error.status === 404) throw new ModelFileError('not_found', `the server has no model file ${sha256}`);
    throw new ModelFileError('failed', error instanceof Error ? error.message : String(error));
  }
  const bytes = await response.arrayBuffer();
  const actual = await sha256Hex(bytes);
  if (actual !== sha256) throw new ModelFileError('hash_mismatch', `model file ${sha256} arrived with SHA-256 ${actual}`);
  await cache?.put(key, new Response(bytes, { headers: { 'content-type': 'application/octet-stream' } }));
  return bytes;
}

/** Whether the file is on this device already (no network). */
export async function isModelFileCached(sha256: string, source: ModelFileSource): Promise<boolean> {
  if (!source.caches) return false;
  const cache = await source.caches.open(MODEL_CACHE_NAME);
  return (await cache.match(`${source.transport.baseUrl ?? ''}${modelFilePath(sha256)}`)) !== undefined;
}

async function sha256Hex(bytes: ArrayBuffer): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

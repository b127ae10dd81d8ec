/** The models a user may run (GET /api/models), optionally only those for a label set and kind of item. */
import type { ModelList, ModelSummary } from '../core/models/registryApi';
import { NetworkError } from '../data/api';
import { MODEL_CACHE_NAME, type ModelFileSource } from './modelFiles';
import { registryFetch, type RegistryTransport } from './registryTransport';

export interface ModelListFilter {
  readonly labelSetId?: string;
  readonly itemKind?: 'series' | 'slide' | 'frames';
}

function modelListPath(filter: ModelListFilter): string {
  const search = new URLSearchParams();
  if (filter.labelSetId) search.set('labelSetId', filter.labelSetId);
  if (filter.itemKind) search.set('itemKind', filter.itemKind);
  return `/api/models${search.size ? `?${search}` : ''}`;
}

export async function fetchModelList(transport: RegistryTransport, filter: ModelListFilter = {}): Promise<readonly ModelSummary[]> {
  const response = await registryFetch(transport, 'GET', modelListPath(filter));
  return ((await response.json()) as ModelList).models;
}

/**
 * The list from the server, kept on this device beside the model files; the kept one when the
 * server cannot be reached, so a model once used is still offered, and runs, offline.
 */
export async function listModelsKept(source: ModelFileSource, filter: ModelListFilter = {}): Promise<readonly ModelSummary[]> {
  const cache = source.caches ? await source.caches.open(MODEL_CACHE_NAME) : null;
  const key = `${source.transport.baseUrl ?? ''}${modelListPath(filter)}`;
  try {
    const models = await fetchModelList(source.transport, filter);
    await cache?.put(key, Response.json({ models } satisfies ModelList));
    return models;
  } catch (error) {
    const kept = error instanceof NetworkError ? await cache?.match(key) : undefined;
    if (!kept) throw error;
    return ((await kept.json()) as ModelList).models;
  }
}

/** The admin's calls on the model registry (shapes in src/core/models/registryApi.ts). */
import type { ModelStats, ModelSummary, ModelUploadStarted } from '../../core/models/registryApi';
import { ApiRequestError, NetworkError } from '../../data/api';
import { registryFetch, type RegistryTransport } from '../../inference/registryTransport';
import { appStore } from '../../store';

/** The signed-in admin's transport to the registry. */
export function adminTransport(): RegistryTransport {
  return { getToken: () => appStore().getState().session?.token ?? null };
}

const model = (id: string, version: string) => `/api/admin/models/${encodeURIComponent(id)}/${encodeURIComponent(version)}`;

export async function beginModelUpload(transport: RegistryTransport, manifest: unknown): Promise<ModelUploadStarted> {
  return (await (await registryFetch(transport, 'POST', '/api/admin/models', { manifest })).json()) as ModelUploadStarted;
}

export async function setModelEnabled(transport: RegistryTransport, id: string, version: string, enabled: boolean): Promise<ModelSummary> {
  return (await (await registryFetch(transport, 'PATCH', model(id, version), { enabled })).json()) as ModelSummary;
}

export async function deleteUploadedModel(transport: RegistryTransport, id: string, version: string): Promise<void> {
  await registryFetch(transport, 'DELETE', model(id, version));
}

export async function fetchModelStats(transport: RegistryTransport, id: string): Promise<ModelStats> {
  return (await (await registryFetch(transport, 'GET', `/api/models/${encodeURIComponent(id)}/stats`)).json()) as ModelStats;
}

/**
 * Sends the upload's files as one body, in the order the server asked for, with progress
 * (XMLHttpRequest: fetch cannot report upload progress).
 */
export function sendModelFiles(transport: RegistryTransport, uploadId: string, files: readonly Blob[], onProgress: (sent: number, total: number) => void): Promise<ModelSummary> {
  const body = new Blob([...files], { type: 'application/octet-stream' });
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('PUT', `${transport.baseUrl ?? ''}/api/admin/models/uploads/${encodeURIComponent(uploadId)}`);
    request.setRequestHeader('content-type', 'application/octet-stream');
    const token = transport.getToken();
    if (token) request.setRequestHeader('authorization', `Bearer ${token}`);
    request.upload.onprogress = (event) => onProgress(event.loaded, event.total || body.size);
    request.onload = () => {
      let parsed: unknown = request.responseText;
      try {
        parsed = JSON.parse(request.responseText) as unknown;
      } catch {
        // Not JSON: keep the text.
      }
      if (request.status >= 200 && request.status < 300) resolve(parsed as ModelSummary);
      else reject(new ApiRequestError(request.status, parsed));
    };
    request.onerror = () => reject(new NetworkError(new Error('upload failed')));
    request.send(body);
  });
}

/**
 * How the page reaches the model registry: the server's origin, the signed-in user's token and a
 * fetch (replaceable in tests). Failures are the API client's two kinds: `NetworkError` (no
 * answer) and `ApiRequestError` (an error status with its body).
 */
import { ApiRequestError, NetworkError } from '../data/api';

export interface RegistryTransport {
  /** Origin of the server, '' (default) for the page's own. */
  readonly baseUrl?: string;
  readonly getToken: () => string | null;
  readonly fetch?: typeof fetch;
}

export async function registryFetch(transport: RegistryTransport, method: string, path: string, json?: unknown): Promise<Response> {
  const headers: Record<string, string> = {};
  const token = transport.getToken();
  if (token) headers.authorization = `Bearer ${token}`;
  if (json !== undefined) headers['content-type'] = 'application/json';
  const doFetch = transport.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  let response: Response;
  try {
    response = await doFetch(`${transport.baseUrl ?? ''}${path}`, { method, headers, body: json === undefined ? undefined : JSON.stringify(json) });
  } catch (error) {
    throw new NetworkError(error);
  }
  if (!response.ok) {
    const text = await response.text().catch(() => '');
    let body: unknown = text;
    try {
      body = JSON.parse(text) as unknown;
    } catch {
      // Not JSON: the text is the body.
    }
    throw new ApiRequestError(response.status, body);
  }
  return response;
}

/**
 * GETs the early boot script sent before the app's bundle ran, handed to the app's API client
 * when it asks for the same path with the same token: one request each, and the client reads the
 * answer (status, body, errors) exactly as if it had sent it itself. The early script reads its
 * own copy of each answer.
 */

interface EarlyRequest {
  readonly authorization: string;
  readonly response: Promise<Response>;
}

const requests = new Map<string, EarlyRequest>();

/**
 * Sends GET `path` with the session's token now; resolves with a copy of the answer (the original
 * is kept for the app). A second call for the same path shares the first request.
 */
export function requestEarly(path: string, token: string): Promise<Response> {
  const authorization = `Bearer ${token}`;
  const known = requests.get(path);
  const response = known?.authorization === authorization ? known.response : fetch(path, { headers: { authorization } });
  if (!known) requests.set(path, { authorization, response });
  // Copied in the first reaction to the answer, before the app can have read the original's body.
  return response.then((answer) => answer.clone());
}

/** The early answer to this request, once, if there is one: a GET of the same path with the same token. */
export function takeEarly(input: RequestInfo | URL, init?: RequestInit): Promise<Response> | null {
  if (typeof input !== 'string' || (init?.method ?? 'GET') !== 'GET') return null;
  const early = requests.get(input);
  if (!early || new Headers(init?.headers).get('authorization') !== early.authorization) return null;
  requests.delete(input);
  return early.response;
}

/** Drops the answers nobody took (the page left the item, or it was never the app's to open). */
export function forgetEarlyRequests(): void {
  requests.clear();
}

/** `fetch`, answered from the early requests where one matches. */
export function fetchTakingEarly(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  return takeEarly(input, init) ?? fetch(input, init);
}

/**
 * GETs the early boot script sent before the app's bundle ran, handed to the app's API client
 * when it asks for the same path with the same token: one request each, and the client reads the
 * answer (status, body, errors) exactly as if it had sent it itself. The early script reads its
 * own copy of each answer.
 */

interface EarlyRequest {
  readonly authorization: string;
  /** The answer, for the app. */
  readonly response: Promise<Response>;
  /** A copy never read itself: each early reader reads a clone of it (the navigator asks for tiles the view has). */
  readonly copy: Promise<Response>;
  taken: boolean;
}

const requests = new Map<string, EarlyRequest>();

/**
 * Sends GET `path` with the session's token now; resolves with a copy of the answer (the original
 * is kept for the app). Asked again, even after the app took the answer, it shares that request.
 */
export function requestEarly(path: string, token: string): Promise<Response> {
  const authorization = `Bearer ${token}`;
  let early = requests.get(path);
  if (early?.authorization !== authorization) {
    const response = fetch(path, { headers: { authorization } });
    // Copied in the first reaction to the answer, before the app can have read the original's body.
    early = { authorization, response, copy: response.then((answer) => answer.clone()), taken: false };
    requests.set(path, early);
  }
  return early.copy.then((copy) => copy.clone());
}

/** The early answer to this request, once, if there is one: a GET of the same path with the same token. */
export function takeEarly(input: RequestInfo | URL, init?: RequestInit): Promise<Response> | null {
  if (typeof input !== 'string' || (init?.method ?? 'GET') !== 'GET') return null;
  const early = requests.get(input);
  if (!early || early.taken || new Headers(init?.headers).get('authorization') !== early.authorization) return null;
  early.taken = true;
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

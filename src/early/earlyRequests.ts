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

/** Sends a GET with this authorization header: the page's `fetch`, or the early tile worker's (tileWorker.ts). */
export type SendGet = (path: string, authorization: string) => Promise<Response>;

const pageGet: SendGet = (path, authorization) => fetch(path, { headers: { authorization } });

export interface EarlySending {
  /** How to send it where it is not sent yet (the page's `fetch` unless given). */
  readonly send?: SendGet;
  /**
   * The app gets the answer only once this settles: the early script reads it first and asks,
   * before the app can, for what follows from it (a slide's home-view tiles: see homeTiles.ts).
   */
  readonly handOverAfter?: Promise<unknown>;
}

function sent(path: string, token: string, { send = pageGet, handOverAfter }: EarlySending): EarlyRequest {
  const authorization = `Bearer ${token}`;
  let early = requests.get(path);
  if (early?.authorization !== authorization) {
    const answer = send(path, authorization);
    const response = handOverAfter ? answer.then((got) => handOverAfter.then(() => got, () => got)) : answer;
    // Copied in the first reaction to the answer, before the app can have read the original's body.
    early = { authorization, response, copy: answer.then((got) => got.clone()), taken: false };
    // A failure is its readers' to handle; one nobody reads is no error of the page's.
    early.response.catch(() => undefined);
    early.copy.catch(() => undefined);
    requests.set(path, early);
  }
  return early;
}

/**
 * Sends GET `path` with the session's token now; resolves with a copy of the answer (the original
 * is kept for the app). Asked again, even after the app took the answer, it shares that request.
 */
export function requestEarly(path: string, token: string, sending: EarlySending = {}): Promise<Response> {
  return sent(path, token, sending).copy.then((copy) => copy.clone());
}

/** As requestEarly, for a caller that does not read the answer itself (it leaves it to the app). */
export function sendEarly(path: string, token: string, sending: EarlySending = {}): void {
  sent(path, token, sending);
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

/** Errors a handler throws to answer the client; the error plugin turns them into `ApiError` JSON. */

export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export const badRequest = (message: string): HttpError => new HttpError(400, 'bad_request', message);
export const unauthorized = (message: string): HttpError => new HttpError(401, 'unauthorized', message);
export const forbidden = (message: string): HttpError => new HttpError(403, 'forbidden', message);
export const notFound = (message: string): HttpError => new HttpError(404, 'not_found', message);
export const conflict = (code: string, message: string): HttpError => new HttpError(409, code, message);

/** The `error` code sent for a status when nothing more specific applies. */
export function errorCodeFor(status: number): string {
  const codes: Readonly<Record<number, string>> = {
    400: 'bad_request',
    401: 'unauthorized',
    403: 'forbidden',
    404: 'not_found',
    405: 'method_not_allowed',
    406: 'not_acceptable',
    409: 'conflict',
    412: 'precondition_failed',
    413: 'payload_too_large',
    414: 'uri_too_long',
    415: 'unsupported_media_type',
    422: 'unprocessable',
    429: 'too_many_requests',
    431: 'headers_too_large',
  };
  return codes[status] ?? (status < 500 ? 'bad_request' : 'internal');
}

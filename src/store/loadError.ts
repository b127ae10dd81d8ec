import { ApiRequestError, NetworkError } from '../data/api';

/** Why something could not be loaded or done, in a form the UI can translate. */
export type AppError =
  | { readonly kind: 'offline' }
  | { readonly kind: 'http'; readonly status: number; readonly code?: string; readonly message: string; readonly retryAfterSeconds?: number }
  | { readonly kind: 'unexpected'; readonly message: string };

export function toAppError(error: unknown): AppError {
  if (error instanceof NetworkError) return { kind: 'offline' };
  if (error instanceof ApiRequestError) {
    const { code, retryAfterSeconds } = error;
    return { kind: 'http', status: error.status, ...(code ? { code } : {}), message: error.message, ...(retryAfterSeconds ? { retryAfterSeconds } : {}) };
  }
  return { kind: 'unexpected', message: error instanceof Error ? error.message : String(error) };
}

/** The server refused the session token (expired or revoked): the user must sign in again. */
export function isUnauthorized(error: unknown): boolean {
  return error instanceof ApiRequestError && error.status === 401;
}

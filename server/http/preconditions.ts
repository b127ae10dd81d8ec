/** The sync protocol's request headers: If-Match (base revision) and Idempotency-Key (client op id). */
import type { FastifyRequest } from 'fastify';
import { badRequest } from './errors';

const KEY_PATTERN = /^[A-Za-z0-9._:~-]{1,200}$/;

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  if (Array.isArray(value)) throw badRequest(`send one ${name} header, not ${value.length}`);
  return value;
}

/** Revision from `If-Match: "<n>"` (bare `n` and weak `W/"n"` accepted too); required. */
export function baseRevisionOf(request: FastifyRequest): number {
  const value = header(request, 'if-match');
  if (value === undefined) throw badRequest('If-Match header with the base revision is required, e.g. If-Match: "0" for a new document');
  const match = /^(?:W\/)?"?(\d{1,15})"?$/.exec(value.trim());
  if (!match) throw badRequest(`If-Match must be a revision such as "3", got ${JSON.stringify(value)}`);
  return Number(match[1]);
}

/** The client's operation id; `required` for writes that must be applied exactly once. */
export function idempotencyKeyOf(request: FastifyRequest, required: true): string;
export function idempotencyKeyOf(request: FastifyRequest, required: false): string | null;
export function idempotencyKeyOf(request: FastifyRequest, required: boolean): string | null {
  const value = header(request, 'idempotency-key');
  if (value === undefined) {
    if (required) throw badRequest('Idempotency-Key header (the client operation id) is required');
    return null;
  }
  if (!KEY_PATTERN.test(value)) {
    throw badRequest('Idempotency-Key must be 1–200 characters of letters, digits and . _ : ~ -');
  }
  return value;
}

export function etagOf(revision: number): string {
  return `"${revision}"`;
}

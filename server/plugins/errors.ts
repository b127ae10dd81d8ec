/**
 * Every error becomes `ApiError` JSON. Anything a client can send (bad JSON, wrong types, huge
 * bodies, unknown media types) is a 4xx with a message; only a fault of the server is a 500.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { ApiError } from '../../src/core/api';
import { HttpError, errorCodeFor } from '../http/errors';
import { PATTERN_NAMES } from '../http/schemas';
import { globalPlugin } from '../http/globalPlugin';

function send(reply: FastifyReply, status: number, body: ApiError): FastifyReply {
  return reply.code(status).type('application/json; charset=utf-8').send(body);
}

export function handleError(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (error instanceof HttpError) return send(reply, error.statusCode, { error: error.code, message: error.message });
  const fastifyError = error as FastifyError;
  if (fastifyError.validation) {
    return send(reply, 400, { error: 'bad_request', message: validationMessage(fastifyError) });
  }
  const status = fastifyError.statusCode;
  if (status !== undefined && status >= 400 && status < 500) {
    return send(reply, status, { error: errorCodeFor(status), message: fastifyError.message });
  }
  request.log.error({ err: error }, 'request failed');
  return send(reply, 500, { error: 'internal', message: 'internal server error' });
}

/** Fastify's first validation message, with regexes replaced by what they mean. */
function validationMessage(error: FastifyError): string {
  const first = error.validation?.[0];
  const pattern = first?.keyword === 'pattern' ? (first.params as { pattern?: unknown }).pattern : undefined;
  const name = typeof pattern === 'string' ? PATTERN_NAMES[pattern] : undefined;
  if (first && name) return `${error.validationContext ?? 'request'}${first.instancePath} must be ${name}`;
  return error.message;
}

export const errorsPlugin = globalPlugin(async (app) => {
  app.setErrorHandler(handleError);
});

/**
 * Every error becomes `ApiError` JSON: a stable machine code in `error` (what clients translate
 * into a sentence for the user), a message for developers and logs, and for a refused field its
 * path in `field`. Anything a client can send (bad JSON, wrong types, huge bodies, unknown media
 * types, numbers a column cannot hold) is a 4xx; only a fault of the server is a 500.
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
    const first = fastifyError.validation[0];
    const missing = first?.keyword === 'required' ? (first.params as { missingProperty?: unknown }).missingProperty : undefined;
    const field = `${fastifyError.validationContext ?? 'request'}${first?.instancePath ?? ''}${typeof missing === 'string' ? `/${missing}` : ''}`;
    return send(reply, 400, { error: 'invalid_input', message: validationMessage(fastifyError), field });
  }
  const refused = refusedByDatabase(error);
  if (refused) return send(reply, 400, refused);
  const status = fastifyError.statusCode;
  if (status !== undefined && status >= 400 && status < 500) {
    return send(reply, status, { error: errorCodeFor(status), message: fastifyError.message });
  }
  request.log.error({ err: error }, 'request failed');
  return send(reply, 500, { error: 'internal', message: 'internal server error' });
}

/**
 * SQLSTATEs (class 22, data exception) for values the client sent that a column cannot hold.
 * Route schemas bound what they can; this is the backstop, so a value that slips past them is
 * still the client's 400, not the server's 500.
 */
const DATA_EXCEPTIONS: Readonly<Record<string, string>> = {
  '22003': 'a number is out of the range the server can store',
  '22001': 'a text is longer than the server can store',
  '22021': 'a text holds a character the server cannot store',
  '22P05': 'a text holds a character the server cannot store',
};

function refusedByDatabase(error: Error): ApiError | null {
  const code = (error as { code?: unknown }).code;
  const message = typeof code === 'string' ? DATA_EXCEPTIONS[code] : undefined;
  return message ? { error: 'value_out_of_range', message } : null;
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

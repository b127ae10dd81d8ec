/**
 * Refuses text a database cannot keep as sent, anywhere a client sends it — path parameters,
 * query, JSON body, including object keys — with 400 `invalid_text`:
 * - the NUL character (U+0000): PostgreSQL cannot store it in text (SQLSTATE 22021) while SQLite
 *   can, so checking here, once, makes both dialects answer alike instead of PostgreSQL failing
 *   with a 500;
 * - a lone UTF-16 surrogate (`"\ud800"` in JSON): both drivers encode text as UTF-8 and would
 *   store U+FFFD in its place, silently changing what the client wrote;
 * - a JSON body that is not valid UTF-8: decoding it would replace the bad bytes the same way.
 * Header values cannot carry NUL (Node's parser refuses it); values a route decodes itself
 * (cursor, X-File-Name) are checked where they are decoded; annotation batches, parsed off the
 * event loop, are checked by the same `findBadText` there.
 */
import { isUtf8 } from 'node:buffer';
import { Stream } from 'node:stream';
import { HttpError } from '../http/errors';
import { globalPlugin } from '../http/globalPlugin';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route parses and checks its JSON body itself: it receives the bytes (checked to be UTF-8). */
    rawJsonBody?: boolean;
  }
}

export const NUL_MESSAGE = 'must not contain the NUL character (U+0000)';
export const SURROGATE_MESSAGE = 'must be valid Unicode text (it holds a lone UTF-16 surrogate)';
export const NOT_UTF8_MESSAGE = 'request body is not valid UTF-8 text';

export const invalidText = (message: string): HttpError => new HttpError(400, 'invalid_text', message);

/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** What is wrong with one string, or null. */
function textProblem(text: string): string | null {
  if (text.includes('\u0000')) return NUL_MESSAGE;
  return LONE_SURROGATE.test(text) ? SURROGATE_MESSAGE : null;
}

interface Visit {
  readonly node: unknown;
  readonly parent: Visit | null;
  readonly key: string;
}

/** The JSON-pointer path of a visit, built only for the one that failed. */
function pathOf(visit: Visit | null): string {
  const keys: string[] = [];
  for (let v = visit; v?.parent; v = v.parent) keys.push(v.key);
  return keys.reverse().map((key) => `/${key}`).join('');
}

const printable = (key: string): string => key.replaceAll('\u0000', '\\u0000').replace(/[\ud800-\udfff]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`);

/**
 * The first string or key that is not storable text: its JSON-pointer path ('' for the value
 * itself) and why, or null. Numbers are skipped without a visit, so a mask's million runs cost
 * one pass, not a million allocations.
 */
export function findBadText(value: unknown): { path: string; problem: string } | null {
  // Iterative: a deeply nested body must not overflow the stack.
  const pending: Visit[] = [{ node: value, parent: null, key: '' }];
  for (let visit = pending.pop(); visit; visit = pending.pop()) {
    const { node } = visit;
    if (typeof node === 'string') {
      const problem = textProblem(node);
      if (problem) return { path: pathOf(visit), problem };
    } else if (Array.isArray(node)) {
      for (let i = node.length - 1; i >= 0; i -= 1) {
        const child: unknown = node[i];
        if (typeof child === 'string' || (child !== null && typeof child === 'object')) pending.push({ node: child, parent: visit, key: String(i) });
      }
    } else if (node !== null && typeof node === 'object' && !ArrayBuffer.isView(node) && !(node instanceof Stream)) {
      // Bytes are not text: a Buffer, or a streamed upload (the request stream, a cyclic graph).
      const keys = Object.keys(node);
      for (let i = keys.length - 1; i >= 0; i -= 1) {
        const key = keys[i] as string;
        const problem = textProblem(key);
        if (problem) return { path: `${pathOf(visit)}/${printable(key)}`, problem };
        const child: unknown = (node as Record<string, unknown>)[key];
        if (typeof child === 'string' || (child !== null && typeof child === 'object')) pending.push({ node: child, parent: visit, key });
      }
    }
  }
  return null;
}

export const noNulTextPlugin = globalPlugin(async (app) => {
  // Fastify's own JSON parser (prototype-poisoning checks included), after a UTF-8 check of the bytes.
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    const bytes = body as Buffer;
    if (!isUtf8(bytes)) done(invalidText(NOT_UTF8_MESSAGE), undefined);
    else if (request.routeOptions.config.rawJsonBody) done(null, bytes);
    else parseJson(request, bytes.toString('utf8'), done);
  });
  app.addHook('preValidation', async (request) => {
    const parts = { params: request.params, querystring: request.query, body: request.body } as const;
    for (const [name, value] of Object.entries(parts)) {
      const bad = findBadText(value);
      if (bad) throw invalidText(`${name}${bad.path} ${bad.problem}`);
    }
  });
});

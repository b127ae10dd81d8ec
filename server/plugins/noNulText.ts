/**
 * Refuses the NUL character (U+0000) anywhere in the text a client sends — path parameters,
 * query, JSON body, including object keys — with 400. PostgreSQL cannot store it in text
 * (SQLSTATE 22021) while SQLite can, so checking here, once, makes both dialects answer alike
 * instead of PostgreSQL failing with a 500. Header values cannot carry NUL (Node's parser refuses
 * it); values a route decodes itself (cursor, X-File-Name) are checked where they are decoded.
 */
import { Stream } from 'node:stream';
import { badRequest } from '../http/errors';
import { globalPlugin } from '../http/globalPlugin';

export const NUL_MESSAGE = 'must not contain the NUL character (U+0000)';

/** JSON-pointer path of the first string or key holding U+0000 ('' for the value itself), or null. */
export function findNul(value: unknown): string | null {
  // Iterative: a deeply nested body must not overflow the stack.
  const pending: [unknown, string][] = [[value, '']];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [node, path] = next;
    if (typeof node === 'string') {
      if (node.includes('\u0000')) return path;
    } else if (Array.isArray(node)) {
      node.forEach((child, index) => pending.push([child, `${path}/${index}`]));
    } else if (node !== null && typeof node === 'object' && !ArrayBuffer.isView(node) && !(node instanceof Stream)) {
      // Bytes are not text: a Buffer, or a streamed upload (the request stream, a cyclic graph).
      for (const [key, child] of Object.entries(node)) {
        if (key.includes('\u0000')) return `${path}/${key.replaceAll('\u0000', '\\u0000')}`;
        pending.push([child, `${path}/${key}`]);
      }
    }
  }
  return null;
}

export const noNulTextPlugin = globalPlugin(async (app) => {
  app.addHook('preValidation', async (request) => {
    const parts = { params: request.params, querystring: request.query, body: request.body } as const;
    for (const [name, value] of Object.entries(parts)) {
      const path = findNul(value);
      if (path !== null) throw badRequest(`${name}${path} ${NUL_MESSAGE}`);
    }
  });
});

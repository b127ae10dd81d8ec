/** Who is asking: the client address (as Fastify sees it) and User-Agent, kept with a session and its audit rows. */
import type { FastifyRequest } from 'fastify';
import type { ClientInfo } from '../services/sessions';

/** Long enough for any real browser's User-Agent; a longer header is cut, not refused. */
const MAX_USER_AGENT = 300;

export function clientOf(request: FastifyRequest): ClientInfo {
  const agent = request.headers['user-agent'];
  return {
    address: request.ip || null,
    userAgent: typeof agent === 'string' && agent !== '' ? agent.slice(0, MAX_USER_AGENT) : null,
  };
}

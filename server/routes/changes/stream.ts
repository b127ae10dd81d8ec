/**
 * `GET /api/changes/stream`: server-sent events telling a signed-in client, within about a poll
 * interval, that documents it follows changed; the client then reads them from the change feed.
 *
 * Events: `ready` once subscribed (data: `ChangeStreamReady`, with the checkpoint the events start
 * after); `changes` with the feed checkpoint after them as its id (data: `ChangeStreamNotice`: the
 * items, and per document the revisions written since the previous event, so a client can tell
 * its own acknowledged writes from others' without reading them back); a comment line every
 * heartbeat, so proxies keep the connection and a dead one is noticed on both ends. A client reconnecting with `Last-Event-ID`
 * (or `?since=`) hears at once of what it missed. Auth is the usual bearer header (clients read
 * the stream with fetch, not EventSource); the session is re-read every heartbeat and the stream
 * ends once it is gone.
 *
 * Global (not encapsulated) so its hook hears every write of this process: a committed write
 * nudges the shared reader at once instead of waiting for its next poll.
 */
import { PassThrough } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import { globalPlugin } from '../../http/globalPlugin';
import { userOf } from '../../plugins/auth';
import { ChangeHub, type ChangeNotice, type Subscriber } from '../../services/annotations/changeHub';
import { readChangedDocuments, revisionsOf } from '../../services/annotations/feed';
import type { ChangeStreamNotice, ChangeStreamReady } from '../../../src/core/api';
import { findSession } from '../../services/sessions';

export interface LiveChangeOptions {
  /** How often each process reads the feed for writes made through other processes. */
  readonly pollMs?: number;
  /** Interval of heartbeats (and of re-reading the session). */
  readonly heartbeatMs?: number;
}

export const DEFAULT_POLL_MS = 500;
export const DEFAULT_HEARTBEAT_MS = 20_000;
/** What a client waits before reconnecting after the stream ends (the SSE `retry` field). */
const RETRY_MS = 2_000;
/** Ops looked at when a reconnecting client asks what it missed; past that it catches up anyway. */
const RESUME_PAGE = 1_000;
/** A checkpoint this server hands out (never 'latest' or empty, which name no position). */
const RESUME_CHECKPOINT = /^[0-9]{1,15}\.[0-9]{1,15}$/;

function changeEvent({ checkpoint, ...notice }: ChangeNotice): string {
  const data: ChangeStreamNotice = notice;
  return `id: ${checkpoint}\nevent: changes\ndata: ${JSON.stringify(data)}\n\n`;
}

/** Where a reconnecting client left off; an id this server could not have sent is ignored (the client catches up anyway). */
function resumeCheckpoint(request: FastifyRequest<{ Querystring: { since?: string } }>): string | null {
  const header = request.headers['last-event-id'];
  const text = typeof header === 'string' ? header.trim() : request.query.since;
  return text !== undefined && RESUME_CHECKPOINT.test(text) ? text : null;
}

/** The bearer token the auth hook already checked, kept to re-read the session. */
const tokenOf = (request: FastifyRequest): string => (request.headers.authorization ?? '').trim().replace(/^Bearer /, '');

const streamSchema = {
  querystring: {
    type: 'object',
    additionalProperties: false,
    properties: { since: { type: 'string', maxLength: 40 } },
  },
} as const;

export const changeStreamPlugin = globalPlugin<LiveChangeOptions & Record<string, unknown>>(async (app, options) => {
  const { ctx } = app;
  const heartbeatMs = options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS;
  const hub = new ChangeHub(ctx.db, options.pollMs ?? DEFAULT_POLL_MS, (error) => app.log.warn({ err: error }, 'live changes: reading the feed failed'));
  const open = new Set<() => void>();

  // Every annotation write (a batch, a submit, a review) is a request under an item.
  app.addHook('onResponse', async (request, reply) => {
    const write = request.method !== 'GET' && request.method !== 'HEAD' && (request.routeOptions.url ?? '').startsWith('/api/items/');
    if (write && reply.statusCode < 400) hub.nudge();
  });
  // Open streams would keep the server from closing.
  app.addHook('preClose', async () => {
    for (const end of [...open]) end();
    hub.close();
  });

  app.get<{ Querystring: { since?: string } }>('/api/changes/stream', { schema: streamSchema }, async (request, reply) => {
    const token = tokenOf(request);
    const stream = new PassThrough();
    const write = (text: string) => {
      if (!stream.writableEnded) stream.write(text);
    };
    const subscriber: Subscriber = { user: userOf(request), notify: (notice) => write(changeEvent(notice)) };
    const subscription = await hub.subscribe(subscriber);
    const heartbeat = setInterval(() => void beat(), heartbeatMs);
    const end = () => {
      if (!open.delete(end)) return;
      clearInterval(heartbeat);
      subscription.leave();
      stream.end();
    };
    async function beat(): Promise<void> {
      const session = await findSession(ctx, token).catch(() => undefined);
      // A signed-out, expired or disabled account's stream ends; a failed read keeps it until the next beat.
      if (session && session.kind !== 'valid') return end();
      if (session) subscriber.user = session.user;
      write(': heartbeat\n\n');
    }
    open.add(end);
    reply.raw.on('close', end);

    const ready: ChangeStreamReady = { heartbeatMs, position: subscription.position };
    write(`retry: ${RETRY_MS}\nevent: ready\ndata: ${JSON.stringify(ready)}\n\n`);
    const since = resumeCheckpoint(request);
    if (since) {
      try {
        const missed = await readChangedDocuments(ctx.db, subscriber.user, since, RESUME_PAGE);
        const itemIds = [...new Set(missed.documents.map((doc) => doc.itemId))];
        // No `after`: the hub's notices follow on from the subscription's position, not from this.
        if (itemIds.length > 0) write(changeEvent({ checkpoint: missed.checkpoint, itemIds, documents: revisionsOf(missed.documents) }));
      } catch (error) {
        end();
        throw error;
      }
    }
    return reply
      .header('Content-Type', 'text/event-stream; charset=utf-8')
      .header('Cache-Control', 'no-store, no-transform')
      .header('X-Accel-Buffering', 'no')
      // The socket goes with the stream: left open for reuse, it would hold up closing the server.
      .header('Connection', 'close')
      .send(stream);
  });
});

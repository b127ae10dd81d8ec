/**
 * Keeps the server's live change stream open while the engine runs and tells it when to catch
 * up: at each (re)connection (whatever happened while it was down) and at each change announced.
 * The stream only says *that* documents changed; the change feed brings *what* changed, so a lost
 * event costs latency, never data. Reconnects with backoff; a stream silent for two heartbeats
 * counts as dead (a proxy or a sleeping laptop can drop it without a word).
 */
import type { ChangedRevisions } from '../../core/api';
import { ServerSentEventReader, type ServerSentEvent } from '../../core/serverSentEvents';
import { ApiRequestError } from '../api';
import { backoffDelay, type Backoff } from '../backoff';
import type { Clock } from '../clock';
import type { StreamNotice } from './ownEcho';

/** Opens the stream after the last event id heard (null: none yet); rejects when it cannot. */
export type ChangeStreamOpener = (lastEventId: string | null, signal: AbortSignal) => Promise<ReadableStream<Uint8Array>>;

export interface LiveFeedOptions {
  readonly open: ChangeStreamOpener;
  /** The stream is open again, its events starting after `position` (null: unsaid): catch up with what happened while it was not. */
  readonly connected: (position: string | null) => void;
  /** Documents of these items changed (elsewhere, or the echo of one's own write: `notice` tells). */
  readonly changed: (itemIds: readonly string[], notice: StreamNotice) => void;
  /** The server refused the stream for want of a valid session (it is still retried, at the backoff's pace). */
  readonly unauthorized: () => void;
  readonly clock: Clock;
  readonly random: () => number;
  readonly backoff: Backoff;
}

/** Slack over two heartbeats before a silent stream is given up (a busy server, a slow network). */
const SILENCE_SLACK_MS = 5_000;

export class LiveFeed {
  private running = false;
  private connection: AbortController | null = null;
  private retry: unknown = null;
  private watchdog: unknown = null;
  private heartbeatMs = 0;
  private failures = 0;
  private lastEventId: string | null = null;
  private isOpen = false;

  constructor(private readonly options: LiveFeedOptions) {}

  /** Whether the stream is open now (the server said it is ready). */
  get open(): boolean {
    return this.isOpen;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    void this.connect();
  }

  stop(): void {
    this.running = false;
    this.clearTimer('retry');
    this.clearTimer('watchdog');
    this.connection?.abort();
  }

  /** The network is back: reconnect now instead of at the end of a backoff. */
  reconnectNow(): void {
    if (!this.running || this.connection) return;
    this.clearTimer('retry');
    this.failures = 0;
    void this.connect();
  }

  private async connect(): Promise<void> {
    this.retry = null;
    const connection = new AbortController();
    this.connection = connection;
    try {
      await this.read(await this.options.open(this.lastEventId, connection.signal), connection.signal);
    } catch (error) {
      // Unreachable, refused or dropped: retried below like a stream the server ended.
      if (error instanceof ApiRequestError && error.status === 401) this.options.unauthorized();
    }
    this.isOpen = false;
    this.clearTimer('watchdog');
    if (this.connection === connection) this.connection = null;
    if (!this.running) return;
    this.failures += 1;
    this.retry = this.options.clock.setTimeout(() => void this.connect(), backoffDelay(this.failures, this.options.backoff, this.options.random));
  }

  private async read(body: ReadableStream<Uint8Array>, signal: AbortSignal): Promise<void> {
    const reader = body.getReader();
    if (signal.aborted) return void reader.cancel().catch(() => undefined);
    signal.addEventListener('abort', () => void reader.cancel().catch(() => undefined), { once: true });
    const decoder = new TextDecoder();
    const events = new ServerSentEventReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done || signal.aborted) return;
      this.heard();
      for (const event of events.push(decoder.decode(value, { stream: true }))) this.handle(event);
    }
  }

  private handle(event: ServerSentEvent): void {
    if (event.type === 'ready') {
      const { heartbeatMs, position } = JSON.parse(event.data) as { heartbeatMs?: unknown; position?: unknown };
      this.heartbeatMs = typeof heartbeatMs === 'number' && heartbeatMs > 0 ? heartbeatMs : 0;
      this.failures = 0;
      this.isOpen = true;
      this.heard();
      this.options.connected(typeof position === 'string' ? position : null);
    } else if (event.type === 'changes') {
      if (event.id) this.lastEventId = event.id;
      const { itemIds, after, documents } = JSON.parse(event.data) as { itemIds?: unknown; after?: unknown; documents?: unknown };
      const notice: StreamNotice = {
        id: event.id,
        ...(typeof after === 'string' ? { after } : {}),
        ...(Array.isArray(documents) && documents.every(isChangedRevisions) ? { documents } : {}),
      };
      this.options.changed(Array.isArray(itemIds) ? itemIds.filter((id): id is string => typeof id === 'string') : [], notice);
    }
  }

  /** Bytes arrived: the stream is alive for two more heartbeats. */
  private heard(): void {
    this.clearTimer('watchdog');
    if (this.heartbeatMs === 0) return;
    const connection = this.connection;
    this.watchdog = this.options.clock.setTimeout(() => connection?.abort(), 2 * this.heartbeatMs + SILENCE_SLACK_MS);
  }

  private clearTimer(name: 'retry' | 'watchdog'): void {
    if (this[name] !== null) this.options.clock.clearTimeout(this[name]);
    this[name] = null;
  }
}

function isChangedRevisions(value: unknown): value is ChangedRevisions {
  if (typeof value !== 'object' || value === null) return false;
  const doc = value as Record<string, unknown>;
  return typeof doc.itemId === 'string' && typeof doc.annotatorId === 'string' && Number.isInteger(doc.fromRevision) && Number.isInteger(doc.toRevision);
}

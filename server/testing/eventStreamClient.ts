/**
 * A test client of `GET /api/changes/stream` over real HTTP (light-my-request waits for the end
 * of a response, which a stream never reaches): waits for events by type, or for the end.
 */
import { ServerSentEventReader, type ServerSentEvent } from '../../src/core/serverSentEvents';

export interface EventStreamClient {
  readonly status: number;
  /** The next event of this type not yet taken (earlier ones of other types are skipped). */
  next(type: string): Promise<ServerSentEvent>;
  /** Resolves once the server ended the stream. */
  readonly ended: Promise<void>;
  close(): void;
}

export async function openEventStream(baseUrl: string, headers: Record<string, string>): Promise<EventStreamClient> {
  const abort = new AbortController();
  const response = await fetch(`${baseUrl}/api/changes/stream`, { headers, signal: abort.signal });
  const queue: ServerSentEvent[] = [];
  const waiting: { wake: (() => void) | null } = { wake: null };
  let done = false;
  const reader = new ServerSentEventReader();
  const decoder = new TextDecoder();
  const ended = (async () => {
    if (!response.body) return;
    try {
      for await (const chunk of response.body) {
        queue.push(...reader.push(decoder.decode(chunk as Uint8Array, { stream: true })));
        waiting.wake?.();
      }
    } catch {
      // Aborted by close(): the stream simply ends here.
    } finally {
      done = true;
      waiting.wake?.();
    }
  })();
  return {
    status: response.status,
    async next(type) {
      for (;;) {
        const at = queue.findIndex((event) => event.type === type);
        if (at >= 0) return queue.splice(0, at + 1)[at] as ServerSentEvent;
        if (done) throw new Error(`the stream ended before a "${type}" event`);
        await new Promise<void>((resolve) => (waiting.wake = resolve));
      }
    },
    ended,
    close: () => abort.abort(),
  };
}

/**
 * A reader of `text/event-stream` (the server-sent events format of the HTML standard), fed text
 * as it arrives in chunks of any size; shared by the browser's live stream and the server's tests.
 * Comment lines (heartbeats) produce no event but still count as the stream being alive.
 */

export interface ServerSentEvent {
  /** `message` when the event names no type. */
  readonly type: string;
  readonly data: string;
  /** The `id` field of this event, or null when it sets none. */
  readonly id: string | null;
}

export class ServerSentEventReader {
  private buffer = '';
  private type = '';
  private data: string[] = [];
  private id: string | null = null;

  /** Feeds the next chunk of text; answers the events it completed, in order. */
  push(chunk: string): ServerSentEvent[] {
    this.buffer += chunk;
    const events: ServerSentEvent[] = [];
    for (;;) {
      const end = /\r\n|\r|\n/.exec(this.buffer);
      // A lone '\r' at the end may be the first half of '\r\n': wait for the next chunk.
      if (!end || (end[0] === '\r' && end.index === this.buffer.length - 1)) return events;
      const line = this.buffer.slice(0, end.index);
      this.buffer = this.buffer.slice(end.index + end[0].length);
      const event = this.line(line);
      if (event) events.push(event);
    }
  }

  private line(line: string): ServerSentEvent | null {
    if (line === '') return this.dispatch();
    if (line.startsWith(':')) return null;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') this.type = value;
    else if (field === 'data') this.data.push(value);
    else if (field === 'id' && !value.includes('\0')) this.id = value;
    return null;
  }

  private dispatch(): ServerSentEvent | null {
    const event = this.data.length > 0 ? { type: this.type || 'message', data: this.data.join('\n'), id: this.id } : null;
    this.type = '';
    this.data = [];
    this.id = null;
    return event;
  }
}

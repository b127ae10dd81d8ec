import { describe, expect, it } from 'vitest';
import { ServerSentEventReader } from './serverSentEvents';

describe('ServerSentEventReader', () => {
  it('reads typed events with ids and multi-line data, skipping comments', () => {
    const reader = new ServerSentEventReader();
    const events = reader.push('retry: 2000\nevent: ready\ndata: {"a":1}\n\n: heartbeat\n\nid: 3.7\nevent: changes\ndata: one\ndata: two\n\n');
    expect(events).toEqual([
      { type: 'ready', data: '{"a":1}', id: null },
      { type: 'changes', data: 'one\ntwo', id: '3.7' },
    ]);
  });

  it('completes events split across chunks anywhere, CRLF included', () => {
    const text = 'id: 1.2\r\nevent: changes\r\ndata: {"itemIds":["x"]}\r\n\r\ndata: plain\r\n\r\n';
    const reader = new ServerSentEventReader();
    const events = [...text].flatMap((char) => reader.push(char));
    expect(events).toEqual([
      { type: 'changes', data: '{"itemIds":["x"]}', id: '1.2' },
      { type: 'message', data: 'plain', id: null },
    ]);
  });

  it('holds an event back until its blank line arrives', () => {
    const reader = new ServerSentEventReader();
    expect(reader.push('event: changes\ndata: x\n')).toEqual([]);
    expect(reader.push('\n')).toEqual([{ type: 'changes', data: 'x', id: null }]);
  });
});

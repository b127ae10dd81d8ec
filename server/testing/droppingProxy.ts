/**
 * A PACS whose connection drops mid-answer, for tests: an HTTP proxy in front of a real one
 * (Orthanc) that passes every request and answer through, except that a multipart/related answer
 * (a WADO-RS retrieve) is cut after `cutAfterBytes` of its body by closing the connection, as a
 * PACS that crashes or a network that fails would.
 */
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface DroppingProxy {
  /** The proxy's root: the target's paths work under it. */
  readonly url: string;
  /** Retrieves cut so far. */
  readonly drops: () => number;
  stop(): Promise<void>;
}

export async function startDroppingProxy(target: string, cutAfterBytes: number): Promise<DroppingProxy> {
  let drops = 0;
  const server: Server = createServer((incoming, outgoing) => {
    const upstream = httpRequest(new URL(incoming.url ?? '/', target), { method: incoming.method, headers: { ...incoming.headers, host: new URL(target).host } }, (answer) => {
      outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
      const cut = (answer.headers['content-type'] ?? '').startsWith('multipart/related');
      let sent = 0;
      answer.on('data', (chunk: Buffer) => {
        if (!cut) {
          outgoing.write(chunk);
          return;
        }
        const room = cutAfterBytes - sent;
        sent += chunk.length;
        if (room <= 0) return;
        if (chunk.length < room) {
          outgoing.write(chunk);
          return;
        }
        drops += 1;
        answer.destroy();
        outgoing.write(chunk.subarray(0, room), () => outgoing.socket?.destroy());
      });
      answer.on('end', () => outgoing.end());
    });
    upstream.on('error', () => outgoing.socket?.destroy());
    incoming.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    drops: () => drops,
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

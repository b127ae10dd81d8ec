import { request, type Agent } from 'node:http';

export interface HttpAnswer {
  readonly status: number;
  readonly text: string;
}

/** One request over `agent` (kept-alive connections, so the figure is the server's, not the handshake's). */
export function sendRequest(url: string, method: string, headers: Record<string, string>, agent: Agent, body?: string): Promise<HttpAnswer> {
  const sentHeaders = body === undefined ? headers : { ...headers, 'content-length': String(Buffer.byteLength(body)) };
  return new Promise((resolve, reject) => {
    const req = request(url, { method, agent, headers: sentHeaders }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * A sink for the deid bench's uploads on the page's own server (vite preview): `POST /sink` reads
 * the body through and answers `{ "bytes": n }`, so the page's sends cross real HTTP as the upload
 * screen's do (the browser reading the body from its Blob and writing it to a socket), with no
 * dataset server's work on the other side to blur what the browser spends.
 */
import type { Plugin } from 'vite';

export const SINK_PATH = '/sink';

export function uploadSink(): Plugin {
  return {
    name: 'deid-bench-upload-sink',
    configurePreviewServer(server) {
      server.middlewares.use(SINK_PATH, (request, response) => {
        let bytes = 0;
        request.on('data', (chunk: Buffer) => (bytes += chunk.byteLength));
        request.on('end', () => {
          response.setHeader('content-type', 'application/json');
          response.end(JSON.stringify({ bytes }));
        });
      });
    },
  };
}

/**
 * A stand-in PACS that holds every request until the test releases it, then answers 204 (no
 * content: nothing to pull). A pull from it is a job that is running, deterministically, for as long
 * as the test wants: what a cancel of a running job needs.
 */
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HeldPacs {
  /** The DICOMweb service root to pull from. */
  readonly baseUrl: string;
  /** Resolves when the first request has arrived (the pull is under way). */
  readonly asked: Promise<void>;
  /** Answers the held requests and every later one at once. */
  release(): void;
  close(): Promise<void>;
}

export async function startHeldPacs(): Promise<HeldPacs> {
  const held: ServerResponse[] = [];
  let released = false;
  let arrived: () => void = () => undefined;
  const asked = new Promise<void>((resolve) => (arrived = resolve));
  const server = createServer((request, response) => {
    request.resume();
    arrived();
    if (released) response.writeHead(204).end();
    else held.push(response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/dicom-web`,
    asked,
    release() {
      released = true;
      for (const response of held.splice(0)) response.writeHead(204).end();
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

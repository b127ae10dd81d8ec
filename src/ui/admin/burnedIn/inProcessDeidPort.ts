/** Tests: the worker's logic (workers/deid/host.ts) behind a Worker's face, in this process. */
import { createDeidHost } from '../../../../workers/deid/host';
import type { DeidResponse } from '../../../../workers/deid/messages';
import type { DeidPort } from './deidWorkerClient';

export function inProcessDeidPort(): DeidPort {
  const port: DeidPort = {
    postMessage: (request) => host.handle(request),
    onmessage: null,
    terminate: () => {},
  };
  const host = createDeidHost((response: DeidResponse) => port.onmessage?.({ data: response } as MessageEvent<DeidResponse>));
  return port;
}

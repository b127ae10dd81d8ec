/** An import worker thread: inspects one file's bytes per message, off the server's event loop. */
import { parentPort } from 'node:worker_threads';
import { inspectDicomFile, type Inspection } from './inspect';

export interface InspectRequest {
  readonly bytes: Uint8Array;
}

const port = parentPort;
if (!port) throw new Error('inspectWorker runs as a worker thread only');

port.on('message', (request: InspectRequest) => {
  void inspectSafely(request.bytes).then((inspection) => {
    const transfer = inspection.ok && inspection.repaired ? [inspection.repaired.buffer as ArrayBuffer] : [];
    port.postMessage(inspection, transfer);
  });
});

async function inspectSafely(bytes: Uint8Array): Promise<Inspection> {
  try {
    return await inspectDicomFile(bytes);
  } catch (error) {
    return { ok: false, reason: `unreadable DICOM data: ${error instanceof Error ? error.message : String(error)}` };
  }
}

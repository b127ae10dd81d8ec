// Entry of an import worker thread. A worker starts without the TypeScript loader its parent runs
// under (tsx for the server and CLI, Vitest's in tests): register tsx here, then load the worker.
import { register } from 'tsx/esm/api';

register();
await import('./inspectWorker.ts');

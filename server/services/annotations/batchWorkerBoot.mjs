// Entry of a batch worker thread (batchPool.ts). The server and the test runners run TypeScript
// through tsx, but a worker thread loads its own modules: register tsx's loader here, then load
// the worker itself. Plain JavaScript, because nothing can load TypeScript before this line runs.
import { register } from 'tsx/esm/api';

register();
await import('./batchWorker.ts');

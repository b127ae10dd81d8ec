// Entry of a demo-slide painter thread. A worker starts without the TypeScript loader its parent
// runs under (tsx for the server, Vitest's in tests): register tsx here, then load the worker.
import { register } from 'tsx/esm/api';

register();
await import('./paintWorker.ts');

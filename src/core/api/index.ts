/**
 * The dataset server's HTTP contract, shared by client and server. All bodies are JSON unless
 * stated. Errors are `ApiError` with the status codes listed per route.
 *
 * One module per area of the API; each route's bodies are documented where they are declared.
 */
export * from './accounts';
export * from './datasets';
export * from './records';
export * from './imports';
export * from './deid';
export * from './dicomweb';
export * from './audit';
export * from './releases';
export * from './review';
export * from './dashboard';
export * from './adjudication';
export * from './labelSetMigration';

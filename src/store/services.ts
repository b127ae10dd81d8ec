/**
 * What the store talks to: the API client, the local database and the sync engine factory.
 * Injected so tests build a store against a real in-process server and a fake IndexedDB.
 */
import type { ApiClient } from '../data/api';
import type { MejirushiDb } from '../data/db';
import type { LoginCopy } from '../data/loginCopy';
import type { SyncEngine } from '../data/syncEngine';
import type { ProposalServices } from '../inference/proposalServices';

export interface AppServices {
  readonly api: ApiClient;
  readonly db: MejirushiDb;
  /** One engine per logged-in user; started by the session slice. */
  readonly createEngine: (annotatorId: string) => SyncEngine;
  /** Model registry and inference runtime; absent, no model is offered. */
  readonly proposals?: ProposalServices;
  /** The login's copy for the early boot script (loginCopy.ts), kept with the `session` row; absent, none is kept. */
  readonly loginCopy?: LoginCopy;
}

import { create } from 'zustand';
import { createApiClient } from '../data/api';
import type { MejirushiDb } from '../data/db';
import type { LoginCopy } from '../data/loginCopy';
import type { ChangeStreamOpener } from '../data/sync/liveFeed';
import { SyncEngine, type SyncEngineOptions } from '../data/syncEngine';
import type { AppState } from './appState';
import { createCatalogSlice } from './catalogSlice';
import { createOpenItemSlice } from './openItemSlice';
import { createProposalSlice } from './proposalSlice';
import type { ProposalServices } from '../inference/proposalServices';
import type { AppServices } from './services';
import { createSessionSlice } from './sessionSlice';

export interface AppStoreOptions {
  readonly db: MejirushiDb;
  /** Server origin; '' (the page's own) in the app. */
  readonly baseUrl?: string;
  readonly fetch?: typeof fetch;
  /** Clock, jitter and online signal of the sync engine (tests). */
  readonly engine?: Omit<SyncEngineOptions, 'api' | 'db' | 'annotatorId' | 'changeStream'>;
  /** Model registry and inference runtime (the proposal workflow). */
  readonly proposals?: ProposalServices;
  /**
   * The live change stream opens once this resolves (the app: after the page's first screen). It
   * holds one of the browser's six connections to the server for as long as the page lives, and
   * the first screen's tiles, detail and records need them all; the catch-up at start still runs.
   */
  readonly liveStreamAfter?: () => Promise<unknown>;
  /** The login's copy for the early boot script (the app: in localStorage). */
  readonly loginCopy?: LoginCopy;
}

/** `open`, each call waiting first for `after`. */
function openedAfter(open: ChangeStreamOpener, after: () => Promise<unknown>): ChangeStreamOpener {
  return async (lastEventId, signal) => {
    await after();
    return open(lastEventId, signal);
  };
}

/** Builds the bound store and the services behind it; the API client reads the token from the store. */
export function createAppStore(options: AppStoreOptions) {
  const holder: { getState?: () => AppState; setState?: (partial: Partial<AppState>) => void } = {};
  const api = createApiClient({
    baseUrl: options.baseUrl ?? '',
    getToken: () => holder.getState?.().session?.token ?? null,
    // Whichever request learns it (a list, an item, the outbox), the login page can say why.
    onTokenRefused: (code) => {
      if (code === 'account_disabled') holder.setState?.({ accountDisabled: true, sessionExpired: true });
    },
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const changeStream = options.liveStreamAfter ? openedAfter(api.changeStream, options.liveStreamAfter) : api.changeStream;
  const services: AppServices = {
    api,
    db: options.db,
    // Changes made elsewhere arrive through the server's live stream as they happen.
    createEngine: (annotatorId) => new SyncEngine({ ...options.engine, api, db: options.db, annotatorId, changeStream }),
    ...(options.proposals ? { proposals: options.proposals } : {}),
    ...(options.loginCopy ? { loginCopy: options.loginCopy } : {}),
  };
  const store = create<AppState>()((...args) => ({
    ...createSessionSlice(services)(...args),
    ...createCatalogSlice(services)(...args),
    ...createOpenItemSlice(services)(...args),
    ...createProposalSlice(services)(...args),
  }));
  holder.getState = store.getState;
  holder.setState = store.setState;
  return { store, services };
}

export type AppStore = ReturnType<typeof createAppStore>['store'];

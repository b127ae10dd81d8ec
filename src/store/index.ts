/**
 * The app's store instance. Built on first use so that importing a component never opens
 * IndexedDB by itself (tests build their own with `createAppStore`).
 */
import { MejirushiDb } from '../data/db';
import { loginCopyIn } from '../data/loginCopy';
import { fetchTakingEarly } from '../early/earlyRequests';
import { browserProposalServices } from '../inference/browserProposalServices';
import { afterFirstScreen, FIRST_SCREEN_FALLBACK_MS } from '../offline/firstScreen';
import { deviceStorage } from '../ui/item/knownKinds';
import type { AppState } from './appState';
import { createAppStore, type AppStore } from './createAppStore';
import type { AppServices } from './services';

export type { AppState } from './appState';
export type { AppStore } from './createAppStore';
export { isEditable, type LabelOutcome, type OpenItem, type ReadingWindow, type UnseenChoice } from './openItemSlice';

let instance: { store: AppStore; services: AppServices } | null = null;

function app(): { store: AppStore; services: AppServices } {
  instance ??= createAppStore({
    db: new MejirushiDb(),
    // The early boot script may have sent the first GETs already (see earlyRequests.ts).
    fetch: fetchTakingEarly,
    proposals: browserProposalServices(() => instance?.store.getState().session?.token ?? null),
    liveStreamAfter: () => afterFirstScreen(FIRST_SCREEN_FALLBACK_MS),
    loginCopy: loginCopyIn(deviceStorage()),
  });
  return instance;
}

export function appStore(): AppStore {
  return app().store;
}

/** API client and database, for screens that call the server directly (admin forms). */
export function appServices(): AppServices {
  return app().services;
}

/** Selects from the app store in a component. */
export function useAppStore<T>(selector: (state: AppState) => T): T {
  return app().store(selector);
}

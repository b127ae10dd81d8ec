/**
 * `window.__mejirushi`: explicit signals for end-to-end tests, so they wait on state rather than
 * on sleeps or network idleness. Always installed: it only exposes what the user can already do.
 */
import { isLive } from '../core/annotation';
import type { InferenceProbe, InferenceProbeResult } from '../inference/testProbe';
import type { AppStore } from './createAppStore';

export interface MejirushiTestApi {
  readonly store: AppStore;
  /** True once the stored session has been restored (or found absent). */
  readonly booted: () => boolean;
  /** Resolves when every local change is in IndexedDB and the sync engine has nothing running. */
  settled(): Promise<void>;
  /** Outbox entries of the logged-in user not yet acknowledged by the server. */
  pendingCount(): Promise<number>;
  /** Sends at once what waits on a backoff (what clicking the sync badge does). */
  retryNow(): Promise<void>;
  /** Takes in what other devices changed (what going online or a reload does). */
  catchUp(): Promise<void>;
  /** The open item's labels as the editor holds them: target id → class codes joined by a space. */
  openLabels(): Record<string, string>;
  /** Whether the live change stream is open (changes made elsewhere arrive without any action). */
  liveConnected(): boolean;
  /** Runs a model the test built through the real inference worker (see src/inference/testProbe.ts). */
  runInference(probe: InferenceProbe): Promise<InferenceProbeResult>;
  /** Whether the browser gives this page a WebGPU adapter. */
  webGpuAdapterOffered(): Promise<'none' | 'software' | 'hardware'>;
}

declare global {
  interface Window {
    __mejirushi?: MejirushiTestApi;
  }
}

export function installTestApi(store: AppStore): void {
  window.__mejirushi = {
    store,
    booted: () => store.getState().sessionStatus !== 'restoring',
    async settled() {
      await store.getState().whenSavedLocally();
      await store.getState().engine?.idle();
      // What the engine's last events started (a conflict list read) runs after the saves.
      await store.getState().whenSavedLocally();
    },
    pendingCount: async () => (await store.getState().engine?.pendingCount()) ?? 0,
    retryNow: async () => {
      await store.getState().engine?.retryNow();
    },
    catchUp: async () => {
      await store.getState().engine?.catchUp();
    },
    liveConnected: () => store.getState().engine?.liveConnected ?? false,
    runInference: async (probe) => (await import('../inference/testProbe')).runInferenceProbe(probe),
    webGpuAdapterOffered: async () => (await import('../inference/testProbe')).webGpuAdapterOffered(),
    openLabels() {
      const document = store.getState().openItem?.document;
      const labels: Record<string, string> = {};
      for (const record of document?.records() ?? []) {
        if (record.type === 'label' && record.classCodes.length > 0 && isLive(record)) labels[record.targetId] = record.classCodes.join(' ');
      }
      return labels;
    },
  };
}

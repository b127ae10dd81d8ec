/**
 * The upload screen's de-identification worker, started before files are picked: as soon as a
 * dataset is chosen its terms are fetched and, where its policy requires de-identification, a
 * worker client started (its module fetched and evaluated, the key checked: DeidWorkerClient's
 * `ready`), so an upload does not wait for that after the pick.
 *
 * An upload takes the client and the slot starts the next only once that upload is `done`: one
 * worker at a time. A used client is disposed rather than reused: after a Stop or an error a worker
 * may still be checking the file in hand for the old job, and a fresh one has an empty heap; it
 * starts while the admin reads the report. The terms are fetched again when an upload takes the
 * client (the policy may have changed since the panel showed): the early client serves only
 * under the same terms, and a failed fetch fails the upload as before (an early one that failed
 * is only tried again). Framework-free; useDeidClientSlot.ts ties it to the chosen dataset.
 */
import type { DeidOptions } from '../../core/deid/policy';
import { jsonEqual } from '../../core/jsonEqual';
import type { DeidWorkerClient } from './burnedIn/deidWorkerClient';
import type { UploadDeid } from './deidentifyUpload';

export interface DeidClientSlot {
  /**
   * The client an upload de-identifies with (null: the dataset's policy is off), the slot's until
   * `done`; rejects where the terms cannot be fetched. One upload at a time.
   */
  take(): Promise<DeidWorkerClient | null>;
  /** The upload is over: its client disposed, the next one started. */
  done(): void;
  /** The dataset changed or the screen closed: the waiting client disposed, none started again (one taken is disposed at its `done`). */
  dispose(): void;
}

type Started = { readonly deid: UploadDeid; readonly client: DeidWorkerClient | null };

export function deidClientSlot(loadTerms: () => Promise<UploadDeid>, startClient: (options: DeidOptions, key: Uint8Array) => DeidWorkerClient): DeidClientSlot {
  let disposed = false;
  let waiting: Promise<Started | null> | null = null;
  let inUse: DeidWorkerClient | null = null;

  const start = (deid: UploadDeid): Started => ({ deid, client: deid.mode === 'required' ? startClient(deid.options, deid.key) : null });
  const startEarly = () => {
    waiting = loadTerms().then(
      (deid) => (disposed ? null : start(deid)),
      () => null, // tried again when an upload takes it, whose failure the screen shows
    );
  };
  startEarly();

  return {
    async take() {
      const early = await waiting;
      waiting = null;
      inUse = early?.client ?? null;
      const deid = await loadTerms();
      if (deid.mode === 'off') return null;
      if (!early || !inUse || !sameTerms(early.deid, deid)) {
        inUse?.dispose();
        inUse = start(deid).client;
      }
      return inUse;
    },
    done() {
      inUse?.dispose();
      inUse = null;
      if (!disposed && !waiting) startEarly();
    },
    dispose() {
      disposed = true;
      void waiting?.then((started) => started?.client?.dispose());
      waiting = null;
    },
  };
}

/** Whether two answers name the same policy and key (a difference only costs a new worker). */
function sameTerms(a: UploadDeid, b: UploadDeid & { mode: 'required' }): boolean {
  return a.mode === 'required' && jsonEqual(a.options, b.options) && a.key.length === b.key.length && a.key.every((byte, i) => byte === b.key[i]);
}

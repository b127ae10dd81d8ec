/**
 * The upload screen's early worker: started as soon as the dataset's terms are known, handed to
 * the upload that takes it, disposed once that upload is done and the next one started; never two
 * alive at once, none after the slot is disposed, and the terms fetched again at each take.
 */
import { describe, expect, it } from 'vitest';
import { BASIC_PROFILE_ONLY, type DeidOptions } from '../../core/deid/policy';
import type { DeidWorkerClient } from './burnedIn/deidWorkerClient';
import { deidClientSlot } from './deidClientSlot';
import type { UploadDeid } from './deidentifyUpload';

const REQUIRED: UploadDeid = { mode: 'required', options: BASIC_PROFILE_ONLY, key: new Uint8Array(32).fill(5) };

interface FakeClient {
  readonly options: DeidOptions;
  disposed: boolean;
}

/** A slot over answers given in turn (an Error: that fetch fails), with the clients it started. */
function slotOver(...answers: (UploadDeid | Error)[]) {
  const started: FakeClient[] = [];
  let fetches = 0;
  const loadTerms = async () => {
    const answer = answers[Math.min(fetches, answers.length - 1)]!;
    fetches += 1;
    if (answer instanceof Error) throw answer;
    return answer;
  };
  const slot = deidClientSlot(loadTerms, (options) => {
    const client = { options, disposed: false };
    started.push(client);
    return { dispose: () => (client.disposed = true) } as unknown as DeidWorkerClient; // only dispose is the slot's to call
  });
  const alive = () => started.filter((client) => !client.disposed).length;
  return { slot, started, alive, fetches: () => fetches };
}

const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('de-identification client slot', () => {
  it('starts a client before any pick, hands it to the upload, and starts the next once that upload is done', async () => {
    const { slot, started, alive } = slotOver(REQUIRED);
    await settled();
    expect(started.length).toBe(1);
    expect(await slot.take()).not.toBeNull();
    expect(started.length).toBe(1); // the early one, not a new one
    slot.done();
    expect(started[0]!.disposed).toBe(true);
    await settled();
    expect([started.length, alive()]).toEqual([2, 1]);
  });

  it('starts no client for a dataset whose policy is off', async () => {
    const { slot, started } = slotOver({ mode: 'off' });
    expect(await slot.take()).toBeNull();
    expect(started.length).toBe(0);
  });

  it('fetches the terms again at the take and starts a new client where they changed', async () => {
    const changed: UploadDeid = { ...REQUIRED, options: { ...BASIC_PROFILE_ONLY, cleanDescriptors: true } };
    const { slot, started, alive, fetches } = slotOver(REQUIRED, changed);
    await settled();
    await slot.take();
    expect(fetches()).toBe(2);
    expect(started.map((client) => [client.options.cleanDescriptors, client.disposed])).toEqual([
      [BASIC_PROFILE_ONLY.cleanDescriptors, true],
      [true, false],
    ]);
    expect(alive()).toBe(1);
  });

  it('fails the take where the terms cannot be fetched, and starts a client once they can', async () => {
    const failing = slotOver(new Error('no policy'));
    await expect(failing.slot.take()).rejects.toThrow('no policy');
    expect(failing.started.length).toBe(0);
    const recovering = slotOver(new Error('offline'), REQUIRED);
    await settled();
    expect(recovering.started.length).toBe(0);
    expect(await recovering.slot.take()).not.toBeNull();
    expect(recovering.started.length).toBe(1);
  });

  it('disposes the waiting client, starts none after, and disposes a taken one when its upload is done', async () => {
    const early = slotOver(REQUIRED);
    early.slot.dispose(); // the dataset changed while its terms were loading
    await settled();
    expect(early.started.length).toBe(0);

    const waiting = slotOver(REQUIRED);
    await settled();
    waiting.slot.dispose();
    await settled();
    expect(waiting.alive()).toBe(0);

    const taken = slotOver(REQUIRED);
    await taken.slot.take();
    taken.slot.dispose();
    expect(taken.alive()).toBe(1); // its upload goes on
    taken.slot.done();
    await settled();
    expect([taken.started.length, taken.alive()]).toEqual([1, 0]);
  });
});

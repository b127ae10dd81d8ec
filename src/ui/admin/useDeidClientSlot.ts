import { useEffect, useRef } from 'react';
import { appServices } from '../../store';
import { createDeidWorkerClient } from './burnedIn/deidWorkerClient';
import { deidClientSlot, type DeidClientSlot } from './deidClientSlot';
import { uploadDeid } from './deidentifyUpload';

/**
 * The chosen dataset's de-identification slot (deidClientSlot.ts), made when it is chosen and
 * disposed when it changes or the screen closes; `done` goes to the slot the upload took from.
 */
export function useDeidClientSlot(datasetId: string): Pick<DeidClientSlot, 'take' | 'done'> {
  const slot = useRef<DeidClientSlot | null>(null);
  const taken = useRef<DeidClientSlot | null>(null);
  useEffect(() => {
    if (!datasetId) return;
    const made = (slot.current = deidClientSlot(() => uploadDeid(appServices().api, datasetId), (options, key) => createDeidWorkerClient(options, key)));
    return () => {
      made.dispose();
      if (slot.current === made) slot.current = null;
    };
  }, [datasetId]);
  return {
    take() {
      taken.current = slot.current;
      // Made by an effect, so before any pick can be; never met, but not a silent no-op either.
      if (!taken.current) return Promise.reject(new Error('the upload screen is still starting: pick the files again'));
      return taken.current.take();
    },
    done() {
      taken.current?.done();
      taken.current = null;
    },
  };
}

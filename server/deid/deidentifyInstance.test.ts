/** The per-instance step the CLI and a pull share: de-identified bytes and report, bytes left for the gate, or a refusal saying what to do. */
import { describe, expect, it } from 'vitest';
import { importDeidKey, keyedUid } from '../../src/core/deid/keyedHash';
import { BASIC_PROFILE_ONLY } from '../../src/core/deid/policy';
import { PHI_UIDS, phiCtSlice } from '../../src/core/deid/testing/phiDicom';
import { phiIn } from '../testing/phiSearch';
import { deidentifyInstance, unconfirmedPixelStep } from './deidentifyInstance';
import { judgeDeid } from './enforcePolicy';

const policy = { mode: 'required', options: BASIC_PROFILE_ONLY, keyId: 'project' } as const;

describe('deidentifyInstance', () => {
  it('de-identifies an identified instance so the gate admits it, its UIDs remapped with the key', async () => {
    const key = importDeidKey(new Uint8Array(32).fill(7));
    const step = await deidentifyInstance(phiCtSlice(0), BASIC_PROFILE_ONLY, key, unconfirmedPixelStep(BASIC_PROFILE_ONLY, 'do it by hand'));
    if (step.refused) throw new Error(step.reason);
    expect(step.report?.sopInstanceUid).toBe(keyedUid(key, PHI_UIDS.instance(0)));
    expect(phiIn(Buffer.from(step.bytes))).toEqual([]);
    expect(judgeDeid(policy, step.bytes)).toMatchObject({ admitted: true, fileName: `${step.report?.sopInstanceUid}.dcm` });
  });

  it('refuses an instance that may carry burned-in text, with the advice given; hands bytes that are not DICOM on unchanged for the gate', async () => {
    const key = importDeidKey(new Uint8Array(32).fill(7));
    const burnedIn = phiCtSlice(1, (dataSet) => (dataSet['00280301'] = { vr: 'CS', Value: ['YES'] }));
    expect(await deidentifyInstance(burnedIn, BASIC_PROFILE_ONLY, key, unconfirmedPixelStep(BASIC_PROFILE_ONLY, 'do it by hand'))).toEqual({
      refused: true,
      reason: 'not imported: it may carry burned-in text (burnedInAnnotation) and the policy asks for a check: do it by hand',
    });
    const notDicom = new Uint8Array([0xff, 0xd8, 0xff, 0xe0]);
    expect(await deidentifyInstance(notDicom, BASIC_PROFILE_ONLY, key)).toEqual({ refused: false, bytes: notDicom, report: null });
    expect(judgeDeid(policy, notDicom)).toMatchObject({ admitted: false });
  });
});

import { describe, expect, it } from 'vitest';
import { checkDeidentified } from '../../core/deid/identifying';
import { BASIC_PROFILE_ONLY } from '../../core/deid/policy';
import { phiCtSlice } from '../../core/deid/testing/phiDicom';
import { uploadPreparer, type DeidApi } from './deidentifyUpload';

const KEY = btoa(String.fromCharCode(...new Uint8Array(32).fill(9)));

const apiWith = (policy: Awaited<ReturnType<DeidApi['getDeidPolicy']>>): DeidApi => ({
  getDeidPolicy: async () => policy,
  getDeidKey: async (keyId) => ({ keyId, key: KEY }),
});

describe('uploadPreparer', () => {
  it('sends files as picked into a dataset without a policy', async () => {
    const prepare = await uploadPreparer(apiWith({ mode: 'off' }), 'd1');
    const file = new Blob([phiCtSlice(0)]);
    expect(await prepare(file, 'PHIFAMILY.dcm')).toEqual({ name: 'PHIFAMILY.dcm', body: file, report: null });
  });

  it('de-identifies DICOM under a required policy and names it by its new UID; leaves the rest to the server', async () => {
    const prepare = await uploadPreparer(apiWith({ mode: 'required', options: BASIC_PROFILE_ONLY, keyId: 'project' }), 'd1');
    const prepared = await prepare(new Blob([phiCtSlice(0)]), 'PHIFAMILY.dcm');
    expect(prepared.name).toMatch(/^2\.25\.\d+\.dcm$/);
    expect(prepared.report?.sopInstanceUid).toBe(prepared.name.slice(0, -4));
    expect(checkDeidentified(new Uint8Array(await prepared.body.arrayBuffer()), BASIC_PROFILE_ONLY).findings).toEqual([]);
    const text = new Blob(['not dicom']);
    expect(await prepare(text, 'notes.txt')).toEqual({ name: 'notes.txt', body: text, report: null });
  });
});

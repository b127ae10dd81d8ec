import { describe, expect, it } from 'vitest';
import type { DeidReport } from '../../core/deid/deidentify';
import { splitReportedFile } from '../../core/deid/reportedFile';
import { uploadBody, uploadDeid, writtenUpload, uploadSourceOf, type DeidApi } from './deidentifyUpload';
import type { DeidWorkerClient } from './burnedIn/deidWorkerClient';
import { heldBytes } from './heldBytes';
import { BASIC_PROFILE_ONLY } from '../../core/deid/policy';

const KEY = btoa(String.fromCharCode(...new Uint8Array(32).fill(9)));

const apiWith = (policy: Awaited<ReturnType<DeidApi['getDeidPolicy']>>): DeidApi => ({
  getDeidPolicy: async () => policy,
  getDeidKey: async (keyId) => ({ keyId, key: KEY }),
});

const report: DeidReport = { sopInstanceUid: '2.25.42', methodCodes: ['113100'], dayShift: null, entries: [] };

describe('upload de-identification', () => {
  it('asks nothing of a dataset without a policy; fetches the project key for a required one', async () => {
    expect(await uploadDeid(apiWith({ mode: 'off' }), 'd1')).toEqual({ mode: 'off' });
    expect(await uploadDeid(apiWith({ mode: 'required', options: BASIC_PROFILE_ONLY, keyId: 'project' }), 'd1')).toEqual({
      mode: 'required',
      options: BASIC_PROFILE_ONLY,
      key: new Uint8Array(32).fill(9),
    });
  });

  it('names a de-identified file by its new UID, sends non-DICOM as picked, and sends nothing it could not redact', async () => {
    // The worker wrote a new header of 2 bytes; the picked file's own bytes go on from its 4th (of 6).
    const picked = new Blob([new Uint8Array([9, 9, 9, 4, 5, 6])]);
    const prepared = writtenUpload(picked, { header: new Uint8Array([1, 2]), bodyStart: 3, end: 6, report });
    const body = uploadBody(prepared);
    expect([prepared.name, body.type, body.size]).toEqual(['2.25.42.dcm', 'application/dicom', prepared.size]);
    // The report goes ahead of the file in the same body, as the server splits it.
    expect(splitReportedFile(new Uint8Array(await body.arrayBuffer()), prepared.reportBytes ?? '')).toEqual({ report, file: new Uint8Array([1, 2, 4, 5, 6]) });
    const text = new Blob(['not dicom']);
    // Neither row asks the worker for anything.
    const client = {} as DeidWorkerClient;
    const source = uploadSourceOf(client, heldBytes(), text, 'notes.txt', { kind: 'notDicom' }, null);
    if ('refused' in source) throw new Error('refused');
    const asIs = (await source()).upload;
    expect(asIs).toEqual({ name: 'notes.txt', parts: [text], size: text.size, type: text.type, report: null, reportBytes: null });
    // The picked file itself is the body: no Blob made over it.
    expect(uploadBody(asIs)).toBe(text);
    expect(uploadSourceOf(client, heldBytes(), text, 'PHIFAMILY.dcm', { kind: 'refused', reason: 'its pixel data is encoded in transfer syntax 1.2.840.10008.1.2.4.50' }, null)).toEqual({
      refused: 'its pixel data is encoded in transfer syntax 1.2.840.10008.1.2.4.50',
    });
  });
});

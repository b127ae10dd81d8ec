/**
 * Orthanc as a DICOMweb client of a dataset: its DicomWeb plugin, pointed at our service root with
 * a bearer token, queries the studies (QIDO-RS) and retrieves one (WADO-RS); the instances it then
 * holds have the same SOP Instance UIDs and pixel data as ours.
 */
import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readWholeBlob } from '../blobs/blobStore';
import { readDicomInstance } from '../dicom/parse';
import { pixelDataElement } from '../dicom/values';
import { hasOrthanc, startOrthanc, type RunningOrthanc } from '../testing/orthanc';
import { startTestServer, type TestServer } from '../testing/testServer';

if (!hasOrthanc()) console.warn('Orthanc client test did not run: it needs Orthanc (apt-get install orthanc orthanc-dicomweb).');

/** SOP Instance UID → SHA-256 of the pixel data element's value. */
function pixelHash(bytes: Uint8Array): [string, string] {
  const read = readDicomInstance(bytes);
  if (!read.ok) throw new Error(read.reason);
  const pixel = pixelDataElement(read.dataSet);
  if (!pixel) throw new Error('no pixel data');
  const value = read.dataSet.byteArray.subarray(pixel.dataOffset, pixel.dataOffset + pixel.length);
  return [read.meta.sopInstanceUid, createHash('sha256').update(value).digest('hex')];
}

describe.skipIf(!hasOrthanc())('Orthanc reading a dataset over DICOMweb', () => {
  let orthanc: RunningOrthanc;
  let server: TestServer;
  let datasetId: string;
  let itemId: string;

  beforeAll(async () => {
    server = await startTestServer('sqlite');
    const reviewer = await server.signIn('reviewer', ['reviewer']);
    ({ datasetId, itemId } = await server.seedDataset({ slices: 6 }));
    await server.app.listen({ host: '127.0.0.1', port: 0 });
    const port = (server.app.server.address() as AddressInfo).port;
    orthanc = await startOrthanc({
      DicomWeb: { Servers: { mejirushi: { Url: `http://127.0.0.1:${port}/api/dicomweb/datasets/${datasetId}/`, HttpHeaders: { Authorization: reviewer.auth.authorization } } } },
    });
  }, 120_000);
  afterAll(async () => {
    await orthanc?.stop();
    await server?.dispose();
  });

  it('finds the study by QIDO-RS and retrieves it by WADO-RS, pixel data byte-equal', async () => {
    const studies = (await (await fetch(`${orthanc.dicomWeb}/servers/mejirushi/qido`, { method: 'POST', body: JSON.stringify({ Uri: '/studies' }) })).json()) as Record<string, { Value?: string | string[] }>[];
    expect(studies).toHaveLength(1);
    // Orthanc's proxy answers in its own shape: a single value as a string, not an array.
    const studyUid = [studies[0]?.['0020000D']?.Value].flat()[0] as string;
    expect(studyUid).toMatch(/^[0-9]+\.[0-9.]+$/);
    const retrieved = await fetch(`${orthanc.dicomWeb}/servers/mejirushi/retrieve`, { method: 'POST', body: JSON.stringify({ Resources: [{ Study: studyUid }] }) });
    expect(retrieved.status, await retrieved.text()).toBe(200);

    const ours = new Map<string, string>();
    for (const file of await server.db.selectFrom('item_files').select('sha256').where('item_id', '=', itemId).execute()) {
      const [uid, hash] = pixelHash(await readWholeBlob(server.blobs, file.sha256));
      ours.set(uid, hash);
    }
    const theirs = new Map<string, string>();
    for (const id of (await (await fetch(`${orthanc.url}/instances`)).json()) as string[]) {
      const [uid, hash] = pixelHash(new Uint8Array(await (await fetch(`${orthanc.url}/instances/${id}/file`)).arrayBuffer()));
      theirs.set(uid, hash);
    }
    expect(theirs.size).toBe(6);
    expect(theirs).toEqual(ours);
  }, 120_000);
});

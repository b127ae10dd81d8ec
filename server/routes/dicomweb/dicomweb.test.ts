/** The DICOMweb service of a dataset over real HTTP handling (inject): QIDO, WADO, STOW, who sees what. */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readWholeBlob } from '../../blobs/blobStore';
import { generateHeadCtPhantom } from '../../demo/phantom';
import { readDicomInstance, type DicomInstanceRead } from '../../dicom/parse';
import type { DicomJson } from '../../dicomweb/dicomJson';
import { boundaryOf, multipartBody, partBytes, readMultipart } from '../../dicomweb/multipart';
import { testDialects } from '../../testing/testDatabase';
import { startTestServer, type SignedIn, type TestServer } from '../../testing/testServer';

async function* once(bytes: Buffer): AsyncGenerator<Buffer> {
  yield bytes;
}

async function partsOf(contentType: string, body: Buffer): Promise<{ type: string | undefined; bytes: Buffer }[]> {
  const parts = [];
  for await (const part of readMultipart(once(body), boundaryOf(contentType) as string)) parts.push({ type: part.headers.get('content-type'), bytes: await partBytes(part.body, 1 << 26) });
  return parts;
}

const value = (json: DicomJson, tag: string) => json[tag]?.Value?.[0];

describe.each(testDialects('dicomweb'))('DICOMweb on %s', (dialect) => {
  let server: TestServer;
  let admin: SignedIn;
  let reader: SignedIn;
  let outsider: SignedIn;
  let seeded: Awaited<ReturnType<TestServer['seedDataset']>>;
  let root: string;
  let study: string;
  let series: string;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    admin = await server.signIn('admin', ['admin']);
    reader = await server.signIn('reader', ['annotator']);
    outsider = await server.signIn('outsider', ['annotator']);
    seeded = await server.seedDataset({ slices: 6, assignTo: [reader.user.id] });
    root = `/api/dicomweb/datasets/${seeded.datasetId}`;
  });
  afterAll(async () => server.dispose());

  const get = (url: string, who: SignedIn, accept?: string) => server.app.inject({ method: 'GET', url, headers: { ...who.auth, ...(accept ? { accept } : {}) } });

  it('QIDO-RS lists the study, its series and its instances as application/dicom+json', async () => {
    const studies = await get(`${root}/studies`, reader);
    expect(studies.statusCode, studies.body).toBe(200);
    expect(studies.headers['content-type']).toMatch(/^application\/dicom\+json/);
    const [found] = studies.json() as DicomJson[];
    study = value(found as DicomJson, '0020000D') as string;
    expect(found?.['00080061']?.Value).toEqual(['CT']);
    expect(value(found as DicomJson, '00201206')).toBe(1);
    expect(value(found as DicomJson, '00201208')).toBe(6);
    expect(value(found as DicomJson, '00081190')).toBe(`http://localhost:80${root}/studies/${study}`);

    const seriesList = (await get(`${root}/studies/${study}/series`, reader)).json() as DicomJson[];
    expect(seriesList).toHaveLength(1);
    series = value(seriesList[0] as DicomJson, '0020000E') as string;
    expect(value(seriesList[0] as DicomJson, '00080060')).toBe('CT');

    const instances = (await get(`${root}/studies/${study}/series/${series}/instances?limit=4&offset=1`, reader)).json() as DicomJson[];
    expect(instances).toHaveLength(4);
    expect(instances.map((i) => value(i, '00200013'))).toEqual([2, 3, 4, 5]);
    expect(value(instances[0] as DicomJson, '00280010')).toBeGreaterThan(0);
    expect(instances[0]?.['00200032']).toBeUndefined();
    const withPosition = (await get(`${root}/studies/${study}/series/${series}/instances?includefield=ImagePositionPatient&limit=1`, reader)).json() as DicomJson[];
    expect(withPosition[0]?.['00200032']?.Value).toHaveLength(3);
  });

  it('QIDO-RS returns the study date, time, description and series number the files state, and matches StudyDate ranges', async () => {
    const [found] = (await get(`${root}/studies`, reader)).json() as DicomJson[];
    expect(value(found as DicomJson, '00080020')).toBe('20260101');
    expect(value(found as DicomJson, '00080030')).toBe('090000');
    expect(value(found as DicomJson, '00081030')).toBe('Demo head CT (synthetic phantom)');
    // The phantom's AccessionNumber is empty: returned empty, as QIDO asks of a required attribute.
    expect(found?.['00080050']).toEqual({ vr: 'SH' });
    const [seriesFound] = (await get(`${root}/series`, reader)).json() as DicomJson[];
    expect(value(seriesFound as DicomJson, '00200011')).toBe(1);
    expect(value(seriesFound as DicomJson, '0008103E')).toBeTruthy();

    const count = async (query: string) => ((await get(`${root}/studies?${query}`, reader)).json() as DicomJson[]).length;
    expect(await count('StudyDate=20260101')).toBe(1);
    expect(await count('StudyDate=20250101-20261231')).toBe(1);
    expect(await count('StudyDate=20260101-')).toBe(1);
    expect(await count('StudyDate=-20251231')).toBe(0);
    expect(await count('StudyDate=20200101-20201231')).toBe(0);
    expect(await count('00080020=20260102-')).toBe(0);
    expect(await count('AccessionNumber=A1')).toBe(0);
    // A malformed date is ignored and named in the Warning header, as an unsupported key.
    const malformed = await get(`${root}/studies?StudyDate=2026`, reader);
    expect(malformed.json()).toHaveLength(1);
    expect(malformed.headers.warning).toContain('StudyDate');
  });

  it('QIDO-RS matches on UIDs and modality, and pages with limit and offset', async () => {
    expect((await get(`${root}/studies?StudyInstanceUID=${study}`, reader)).json()).toHaveLength(1);
    expect((await get(`${root}/studies?StudyInstanceUID=1.2.3`, reader)).json()).toEqual([]);
    expect((await get(`${root}/series?Modality=MR`, reader)).json()).toEqual([]);
    expect((await get(`${root}/series?Modality=CT`, reader)).json()).toHaveLength(1);
    expect((await get(`${root}/studies?offset=1`, reader)).json()).toEqual([]);
    const ignored = await get(`${root}/studies?PatientName=X`, reader);
    expect(ignored.headers.warning).toMatch(/PatientName/);
  });

  it('WADO-RS streams the stored files byte for byte as multipart/related', async () => {
    const response = await get(`${root}/studies/${study}`, reader, 'multipart/related; type="application/dicom"; transfer-syntax=*');
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toMatch(/^multipart\/related; type="application\/dicom"; boundary=/);
    const parts = await partsOf(response.headers['content-type'] as string, response.rawPayload);
    expect(parts).toHaveLength(6);
    const files = await server.db.selectFrom('item_files').select('sha256').where('item_id', '=', seeded.itemId).execute();
    const stored = new Set(files.map((file) => file.sha256));
    for (const part of parts) {
      expect(part.type).toMatch(/^application\/dicom; transfer-syntax=1\.2\.840\.10008\.1\.2/);
      expect(stored.has(createHash('sha256').update(part.bytes).digest('hex'))).toBe(true);
    }
  });

  it('WADO-RS metadata names every attribute and points at the frames; frames come uncompressed', async () => {
    const [instance] = (await get(`${root}/studies/${study}/series/${series}/instances?limit=1`, reader)).json() as DicomJson[];
    const sop = value(instance as DicomJson, '00080018') as string;
    const url = `${root}/studies/${study}/series/${series}/instances/${sop}`;
    const [metadata] = (await get(`${url}/metadata`, reader)).json() as DicomJson[];
    expect(value(metadata as DicomJson, '00080018')).toBe(sop);
    expect(metadata?.['7FE00010']).toEqual({ vr: 'OW', BulkDataURI: `http://localhost:80${url}/frames/1` });
    const rows = value(metadata as DicomJson, '00280010') as number;
    const columns = value(metadata as DicomJson, '00280011') as number;

    const frames = await get(`${url}/frames/1`, reader, 'multipart/related; type="application/octet-stream"; transfer-syntax=*');
    expect(frames.statusCode, frames.body).toBe(200);
    const [frame] = await partsOf(frames.headers['content-type'] as string, frames.rawPayload);
    expect(frame?.bytes.length).toBe(rows * columns * 2);
    const file = await readWholeBlob(server.blobs, (await server.db.selectFrom('item_files').select('sha256').where('sop_instance_uid', '=', sop).executeTakeFirstOrThrow()).sha256);
    expect(file.subarray(file.length - frame!.bytes.length).equals(frame!.bytes)).toBe(true);

    expect((await get(`${url}/frames/2`, reader)).statusCode).toBe(404);
    const refused = await get(`${url}/frames/1`, reader, 'multipart/related; type="image/jp2"');
    expect(refused.statusCode).toBe(406);
    expect((await get(`${root}/studies/${study}`, reader, 'application/zip')).statusCode).toBe(406);
  });

  /** The instance's URL, its size and the stored (modality = stored: slope 1, intercept 0) value at its centre pixel. */
  async function firstInstance() {
    const [instance] = (await get(`${root}/studies/${study}/series/${series}/instances?limit=1`, reader)).json() as DicomJson[];
    const sop = value(instance as DicomJson, '00080018') as string;
    const rows = value(instance as DicomJson, '00280010') as number;
    const columns = value(instance as DicomJson, '00280011') as number;
    const file = await readWholeBlob(server.blobs, (await server.db.selectFrom('item_files').select('sha256').where('sop_instance_uid', '=', sop).executeTakeFirstOrThrow()).sha256);
    // The phantom's pixel data closes the file: signed 16-bit little-endian samples, row by row.
    const pixels = file.subarray(file.length - rows * columns * 2);
    const centre = Buffer.from(pixels).readInt16LE((Math.floor(rows / 2) * columns + Math.floor(columns / 2)) * 2);
    return { url: `${root}/studies/${study}/series/${series}/instances/${sop}`, rows, columns, centre };
  }

  /** PS3.3 §C.11.2.1.2.1 linear VOI to 8 bits, written out here to check the server's. */
  const linear = (x: number, c: number, w: number) => Math.round(Math.min(255, Math.max(0, ((x - (c - 0.5)) / (w - 1) + 0.5) * 255)));

  async function centreGrey(image: Buffer) {
    const { data, info } = await sharp(image).greyscale().raw().toBuffer({ resolveWithObject: true });
    return { width: info.width, height: info.height, grey: data[Math.floor(info.height / 2) * info.width + Math.floor(info.width / 2)] as number };
  }

  it('WADO-RS rendered: a JPEG by default, PNG on Accept, windowed as the query or the file says', async () => {
    const { url, rows, columns, centre } = await firstInstance();
    // A window just above the centre value, so the expected grey lies mid-scale (neither 0 nor 255).
    const [c, w] = [centre + 10, 100];
    const jpeg = await get(`${url}/rendered?window=${c},${w},linear&quality=100`, reader);
    expect(jpeg.statusCode, jpeg.body).toBe(200);
    expect(jpeg.headers['content-type']).toBe('image/jpeg');
    const fromJpeg = await centreGrey(jpeg.rawPayload);
    expect([fromJpeg.width, fromJpeg.height]).toEqual([columns, rows]);
    expect(Math.abs(fromJpeg.grey - linear(centre, c, w))).toBeLessThanOrEqual(4);

    const png = await get(`${url}/frames/1/rendered?window=${c},${w}`, reader, 'image/png');
    expect(png.headers['content-type']).toBe('image/png');
    expect((await centreGrey(png.rawPayload)).grey).toBe(linear(centre, c, w));
    // Without a window: the file's first (the phantom's brain window, 40/80 HU).
    const filesWindow = await get(`${url}/rendered`, reader, 'image/png');
    expect((await centreGrey(filesWindow.rawPayload)).grey).toBe(linear(centre, 40, 80));

    const small = await get(`${url}/rendered?viewport=${columns / 2},${rows}`, reader, 'image/png');
    expect((await sharp(small.rawPayload).metadata()).width).toBe(columns / 2);
    expect((await get(`${url}/rendered?window=40`, reader)).statusCode).toBe(400);
    expect((await get(`${url}/rendered`, reader, 'image/gif')).statusCode).toBe(406);
    expect((await get(`${url}/frames/2/rendered`, reader)).statusCode).toBe(404);
    expect((await get(`${url}/rendered`, outsider)).statusCode).toBe(404);
  });

  it('frames of a compressed instance come as stored or, asked for uncompressed, as the original bytes', async () => {
    const { files } = generateHeadCtPhantom({ sliceCount: 6, seed: 31 });
    const original = Buffer.from((files[0] as (typeof files)[number]).bytes);
    const dir = mkdtempSync(join(tmpdir(), 'mejirushi-jls-'));
    let compressed: Buffer;
    try {
      writeFileSync(join(dir, 'in.dcm'), original);
      // JPEG-LS lossless (dcmtk's default for dcmcjpls).
      execFileSync('dcmcjpls', [join(dir, 'in.dcm'), join(dir, 'out.dcm')]);
      compressed = readFileSync(join(dir, 'out.dcm'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const target = await server.seedDataset({ slices: 6 });
    const boundary = 'jls-boundary';
    const chunks: Buffer[] = [];
    for await (const chunk of multipartBody(boundary, [{ contentType: 'application/dicom', body: () => [compressed] }])) chunks.push(chunk as Buffer);
    const stored = await server.app.inject({
      method: 'POST',
      url: `/api/dicomweb/datasets/${target.datasetId}/studies`,
      headers: { ...admin.auth, 'content-type': `multipart/related; type="application/dicom"; boundary=${boundary}` },
      payload: Buffer.concat(chunks),
    });
    expect(stored.statusCode, stored.body).toBe(200);
    const [referenced] = ((stored.json() as DicomJson)['00081199']?.Value ?? []) as DicomJson[];
    const url = (value(referenced as DicomJson, '00081190') as string).replace('http://localhost:80', '');

    const asStored = await get(`${url}/frames/1`, admin, 'multipart/related; type="application/octet-stream"; transfer-syntax=*');
    expect(asStored.headers['content-type']).toMatch(/type="image\/jls"/);
    const uncompressed = await get(`${url}/frames/1`, admin, 'multipart/related; type="application/octet-stream"; transfer-syntax=1.2.840.10008.1.2.1');
    expect(uncompressed.statusCode, uncompressed.body).toBe(200);
    expect(uncompressed.headers['content-type']).toMatch(/transfer-syntax=1\.2\.840\.10008\.1\.2\.1/);
    const [frame] = await partsOf(uncompressed.headers['content-type'] as string, uncompressed.rawPayload);
    const { rows, columns } = (readDicomInstance(original) as DicomInstanceRead).meta;
    expect(frame?.bytes.length).toBe(rows * columns * 2);
    expect(frame?.bytes.equals(original.subarray(original.length - frame.bytes.length))).toBe(true);

    expect((await get(`${url}/frames/1`, admin, 'multipart/related; type="image/jp2"')).statusCode).toBe(406);
    expect((await get(`${url}/rendered`, admin, 'image/png')).statusCode).toBe(200);
  });

  it('an annotator assigned nothing in the dataset gets nothing from QIDO and 404 from WADO', async () => {
    expect((await get(`${root}/studies`, outsider)).statusCode).toBe(404);
    expect((await get(`${root}/studies/${study}`, outsider)).statusCode).toBe(404);
    expect((await get(`${root}/studies/${study}/metadata`, outsider)).statusCode).toBe(404);
  });

  it('answers a viewer of another origin: preflights without a token, CORS headers on reads and on refusals', async () => {
    const viewer = 'http://viewer.test';
    const preflight = await server.app.inject({
      method: 'OPTIONS',
      url: `${root}/studies/${study}/series/${series}/metadata`,
      headers: { origin: viewer, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization,accept' },
    });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('*');
    expect(String(preflight.headers['access-control-allow-headers']).toLowerCase().split(/,\s*/)).toEqual(expect.arrayContaining(['authorization', 'accept']));
    expect(String(preflight.headers['access-control-allow-methods'])).toContain('GET');

    const read = await server.app.inject({ method: 'GET', url: `${root}/studies`, headers: { ...reader.auth, origin: viewer } });
    expect(read.statusCode).toBe(200);
    expect(read.headers['access-control-allow-origin']).toBe('*');
    const refused = await server.app.inject({ method: 'GET', url: `${root}/studies`, headers: { origin: viewer } });
    expect(refused.statusCode).toBe(401);
    expect(refused.headers['access-control-allow-origin']).toBe('*');
    expect(String(refused.headers['access-control-expose-headers'])).toContain('WWW-Authenticate');
    expect((await server.app.inject({ method: 'GET', url: `${root}/studies`, headers: { ...outsider.auth, origin: viewer } })).headers['access-control-allow-origin']).toBe('*');
  });

  it('offers no cross-origin access outside the DICOMweb reads: the rest of the API and STOW-RS stay same-origin', async () => {
    const viewer = 'http://viewer.test';
    const datasets = await server.app.inject({ method: 'GET', url: '/api/datasets', headers: { ...reader.auth, origin: viewer } });
    expect(datasets.statusCode).toBe(200);
    expect(datasets.headers['access-control-allow-origin']).toBeUndefined();
    const preflight = await server.app.inject({ method: 'OPTIONS', url: '/api/datasets', headers: { origin: viewer, 'access-control-request-method': 'GET' } });
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    const stow = await server.app.inject({ method: 'POST', url: `${root}/studies`, headers: { ...admin.auth, origin: viewer, 'content-type': 'application/json' }, payload: '{}' });
    expect(stow.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('STOW-RS stores instances through the import and answers the PS3.18 store response', async () => {
    const target = await server.seedDataset({ slices: 6 });
    const url = `/api/dicomweb/datasets/${target.datasetId}/studies`;
    const { files } = generateHeadCtPhantom({ sliceCount: 6, seed: 99 });
    const boundary = 'stow-test-boundary';
    const parts = [...files.slice(0, 2).map((file) => Buffer.from(file.bytes)), Buffer.from('not dicom at all')];
    const chunks: Buffer[] = [];
    for await (const chunk of multipartBody(boundary, parts.map((bytes) => ({ contentType: 'application/dicom', body: () => [bytes] })))) chunks.push(chunk as Buffer);
    const send = (who: SignedIn) =>
      server.app.inject({ method: 'POST', url, headers: { ...who.auth, 'content-type': `multipart/related; type="application/dicom"; boundary=${boundary}` }, payload: Buffer.concat(chunks) });
    expect((await send(reader)).statusCode).toBe(403);
    const response = await send(admin);
    expect(response.statusCode, response.body).toBe(202);
    const body = response.json() as DicomJson;
    const referenced = (body['00081199']?.Value ?? []) as DicomJson[];
    const failed = (body['00081198']?.Value ?? []) as DicomJson[];
    expect(referenced).toHaveLength(2);
    expect(failed).toHaveLength(1);
    expect(value(referenced[0] as DicomJson, '00081150')).toBe('1.2.840.10008.5.1.4.1.1.2');
    expect(value(referenced[0] as DicomJson, '00081190')).toMatch(new RegExp(`/api/dicomweb/datasets/${target.datasetId}/studies/[0-9.]+/series/[0-9.]+/instances/${value(referenced[0] as DicomJson, '00081155') as string}$`));
    expect(value(failed[0] as DicomJson, '00081197')).toBe(0xc000);
    const stored = await server.db.selectFrom('item_files').select('sop_instance_uid').where('dataset_id', '=', target.datasetId).execute();
    expect(stored.map((row) => row.sop_instance_uid)).toEqual(expect.arrayContaining(referenced.map((r) => value(r, '00081155'))));
  });
});

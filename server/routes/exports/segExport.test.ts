/**
 * GET /api/items/:id/exports/seg on the phantom CT: a reader's masks as a DICOM SEG that dciodvfy
 * passes, on the item's own slices and study, reading back to the same masks; the same masks the
 * same instance whoever exports them; blinding as for the records themselves.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ItemDetail } from '../../../src/core/api';
import type { Mask } from '../../../src/core/annotation';
import { readDicom, itemsOf, textOf } from '../../../src/core/exchange/seg/dicomFile';
import { readSegmentation, segmentationToMasks } from '../../../src/core/exchange/seg/segImport';
import { dciodvfyErrors, hasDciodvfy } from '../../../src/core/exchange/seg/__tests__/segFixtures';
import type { SeriesItem } from '../../../src/core/item';
import { encodeRuns } from '../../../src/core/mask';
import { maskId } from '../../../src/core/recordIds';
import { humanBy, patchBatch, put } from '../../testing/documents';
import { MULTI_QUESTION_LABEL_SET } from '../../testing/labelSets';
import { testDialects } from '../../testing/testDatabase';
import { json, startTestServer, type SignedIn, type TestServer } from '../../testing/testServer';

const LESION = MULTI_QUESTION_LABEL_SET.questions.find((q) => q.id === 'lesion')!;

describe.each(testDialects('SEG export'))('SEG export on %s', (dialect) => {
  let server: TestServer;
  let annA: SignedIn;
  let annB: SignedIn;
  let reviewer: SignedIn;
  let wgLead: SignedIn;
  let itemId: string;
  let series: SeriesItem;
  let masks: Mask[];

  beforeAll(async () => {
    server = await startTestServer(dialect);
    [annA, annB, reviewer, wgLead] = await Promise.all([
      server.signIn('annA', ['annotator']),
      server.signIn('annB', ['annotator']),
      server.signIn('reviewer', ['reviewer']),
      server.signIn('lead', ['wgLead']),
    ]);
    const seeded = await server.seedDataset({ assignTo: [annA.user.id, annB.user.id], labelSet: MULTI_QUESTION_LABEL_SET, slices: 6 });
    itemId = seeded.itemId;
    const detail = json<ItemDetail>(await server.app.inject({ method: 'GET', url: `/api/items/${itemId}`, headers: annA.auth }));
    if (detail.item.content.kind !== 'series') throw new Error('the phantom is a series');
    series = detail.item.content;
    const pixels = series.rows * series.columns;
    // A block on slices 2 and 4 (rows 10–19, columns 30–49 on 2; a smaller one on 4).
    masks = [
      [1, 10, 20, 30, 50],
      [3, 40, 44, 60, 62],
    ].map(([slice, r0, r1, c0, c1]) => {
      const labels = new Uint8Array(pixels);
      for (let r = r0!; r < r1!; r += 1) labels.fill(1, r * series.columns + c0!, r * series.columns + c1!);
      const targetId = series.slices[slice!]!.targetId;
      return { type: 'mask', id: maskId('lesion', targetId, 'lesion.bleed'), questionId: 'lesion', targetId, classCode: 'lesion.bleed', width: series.columns, height: series.rows, runs: encodeRuns(labels), provenance: humanBy(annA.user.id) };
    });
    const written = await patchBatch(server, annA, itemId, 'seg-1', { ops: masks.map((m) => put(m)) });
    expect(written.statusCode, written.body).toBe(200);
  });
  afterAll(() => server.dispose());

  const get = (who: SignedIn, query = '') => server.app.inject({ method: 'GET', url: `/api/items/${itemId}/exports/seg${query}`, headers: who.auth });

  it("writes the reader's masks as a SEG of the item's study, its frames on the drawn slices, and warns of the uncoded class", async () => {
    const response = await get(annA);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe('application/dicom');
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename=".*-seg\.dcm"$/);
    expect(JSON.parse(decodeURIComponent(String(response.headers['export-warnings'])))).toEqual([expect.stringContaining('class "lesion.bleed" of question "lesion" has no standard code')]);
    const ds = readDicom(response.rawPayload);
    expect(ds.StudyInstanceUID).toBe(series.studyInstanceUid);
    const sources = itemsOf(ds.PerFrameFunctionalGroupsSequence).map(
      (f) => itemsOf(itemsOf(itemsOf(f.DerivationImageSequence)[0]!.SourceImageSequence))[0]!.ReferencedSOPInstanceUID,
    );
    expect(sources).toEqual([series.slices[1]!.sopInstanceUid, series.slices[3]!.sopInstanceUid]);
  });

  it.skipIf(!hasDciodvfy)('passes dciodvfy without errors', async () => {
    expect(dciodvfyErrors((await get(annA)).rawPayload)).toEqual([]);
  });

  it('imports back to the very masks drawn', async () => {
    const read = readSegmentation(readDicom((await get(annA)).rawPayload));
    if (!read.ok) throw new Error(read.errors.join('; '));
    const back = segmentationToMasks(read.value, { series, question: LESION, fileName: 'x.dcm', provenance: humanBy(annB.user.id) });
    if (!back.ok) throw new Error(back.errors.join('; '));
    expect(back.value.masks.map((m) => [m.id, m.runs])).toEqual(masks.map((m) => [m.id, m.runs]));
  });

  it("keeps a reader's masks from the item's other readers, not from a reviewer", async () => {
    expect((await get(annB, `?reader=${annA.user.id}`)).statusCode).toBe(403);
    expect((await get(reviewer, `?reader=${annA.user.id}`)).statusCode).toBe(200);
    // annB drew nothing: nothing to export.
    const empty = await get(annB);
    expect([empty.statusCode, json<{ message: string }>(empty).message]).toEqual([409, 'nothing is drawn for question "lesion": a SEG needs at least one non-empty mask']);
  });

  it('exports a consensus only for a WG lead, and only once there is one', async () => {
    expect((await get(reviewer, '?reader=consensus')).statusCode).toBe(403);
    expect((await get(annA, '?reader=consensus')).statusCode).toBe(403);
    const none = await get(wgLead, '?reader=consensus');
    expect([none.statusCode, json<{ error: string }>(none).error]).toEqual([409, 'no_consensus']);
  });

  it('refuses a question that is not a region question', async () => {
    const response = await get(annA, '?question=sah');
    expect([response.statusCode, json<{ message: string }>(response).message]).toEqual([400, '"sah" is not a region question of label set test-multi']);
  });

  it('writes the same masks as the same instance, byte for byte, whoever exports them, and a changed mask as a new one', async () => {
    const own = await get(annA);
    const overseen = await get(reviewer, `?reader=${annA.user.id}`);
    expect([own.statusCode, overseen.statusCode]).toEqual([200, 200]);
    expect(Buffer.compare(own.rawPayload, overseen.rawPayload)).toBe(0);
    const before = readDicom(own.rawPayload);
    // Dated by its newest mask, named after its reader, not after whoever downloads it.
    expect([textOf(before.ContentDate), textOf(before.ContentTime), textOf(before.SeriesDescription)]).toEqual(['20260115', '090000', `Mejirushi ${LESION.name.en} (annA)`]);
    const labels = new Uint8Array(series.rows * series.columns).fill(1, 0, 5);
    const edited = await patchBatch(server, annA, itemId, 'seg-2', { ops: [put({ ...masks[1]!, runs: encodeRuns(labels) }, 1)] });
    expect(edited.statusCode, edited.body).toBe(200);
    const after = readDicom((await get(annA)).rawPayload);
    expect(after.SOPInstanceUID).not.toBe(before.SOPInstanceUID);
    expect(after.SeriesInstanceUID).not.toBe(before.SeriesInstanceUID);
    expect(textOf(after.SOPInstanceUID)).toMatch(/^2\.25\.\d{1,39}$/);
  });
});

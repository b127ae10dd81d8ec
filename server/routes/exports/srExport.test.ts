/**
 * GET /api/items/:id/exports/sr on the phantom CT: a reader's SAH-present slices and SAH outline
 * as a TID 1500 report that dciodvfy passes, its volume and mean HU measured from the item's own
 * files, naming the segment of the SEG the SEG export writes; the reader performing and, once
 * approved, the reviewer verifying (VERIFIED); the consensus with its readers and the WG lead who
 * settled it; blinding as for the SEG.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ItemDetail } from '../../../src/core/api';
import type { Mask } from '../../../src/core/annotation';
import { itemsOf, readDicom, readDicomFile, textOf } from '../../../src/core/exchange/seg/dicomFile';
import { dciodvfyFindings, hasDciodvfy } from '../../../src/core/exchange/seg/__tests__/segFixtures';
import { nativeHu } from '../../../src/core/exchange/sr/nativeHu';
import type { SeriesItem } from '../../../src/core/item';
import { encodeRuns } from '../../../src/core/mask';
import { maskId } from '../../../src/core/recordIds';
import { humanBy, label, patchBatch, put } from '../../testing/documents';
import { testDialects } from '../../testing/testDatabase';
import { json, startTestServer, type SignedIn, type TestServer } from '../../testing/testServer';

type Item = Record<string, unknown>;
const conceptOf = (item: Item) => textOf(itemsOf(item.ConceptNameCodeSequence)[0]!.CodeValue);
const childOf = (item: Item, code: string): Item => {
  const found = itemsOf(item.ContentSequence).find((child) => conceptOf(child) === code);
  if (!found) throw new Error(`no ${code} under ${conceptOf(item)}`);
  return found;
};
const numberOf = (item: Item) => Number(itemsOf(item.MeasuredValueSequence)[0]!.NumericValue);

describe.each(testDialects('SR export'))('SR export on %s', (dialect) => {
  let server: TestServer;
  let annA: SignedIn;
  let annB: SignedIn;
  let reviewer: SignedIn;
  let wgLead: SignedIn;
  let itemId: string;
  let series: SeriesItem;
  /** Set pixels of the outline on slices 2 and 4 (row-major indices). */
  const drawn = new Map<number, number[]>();

  beforeAll(async () => {
    server = await startTestServer(dialect);
    [annA, annB, reviewer, wgLead] = await Promise.all([
      server.signIn('annA', ['annotator']),
      server.signIn('annB', ['annotator']),
      server.signIn('reviewer', ['reviewer']),
      server.signIn('lead', ['wgLead']),
    ]);
    // The built-in sah-slice label set: SAH present is SCT 21454007, and so is the outline's class.
    const seeded = await server.seedDataset({ assignTo: [annA.user.id, annB.user.id], slices: 6 });
    itemId = seeded.itemId;
    const detail = json<ItemDetail>(await server.app.inject({ method: 'GET', url: `/api/items/${itemId}`, headers: annA.auth }));
    if (detail.item.content.kind !== 'series') throw new Error('the phantom is a series');
    series = detail.item.content;
    const pixels = series.rows * series.columns;
    drawn.set(1, Array.from({ length: 40 }, (_, i) => 20 * series.columns + 30 + i));
    drawn.set(3, Array.from({ length: 10 }, (_, i) => 40 * series.columns + 50 + i));
    const masks: Mask[] = [...drawn].map(([slice, set]) => {
      const labels = new Uint8Array(pixels);
      for (const i of set) labels[i] = 1;
      const targetId = series.slices[slice]!.targetId;
      return { type: 'mask', id: maskId('sah-outline', targetId, 'sah.blood'), questionId: 'sah-outline', targetId, classCode: 'sah.blood', width: series.columns, height: series.rows, runs: encodeRuns(labels), provenance: humanBy(annA.user.id) };
    });
    const labels = series.slices.map((slice, i) => label(slice.targetId, drawn.has(i) ? 'sah.present' : 'sah.absent', humanBy(annA.user.id)));
    const written = await patchBatch(server, annA, itemId, 'sr-1', { ops: [...labels, ...masks].map((r) => put(r)) });
    expect(written.statusCode, written.body).toBe(200);
  });
  afterAll(() => server.dispose());

  const get = (who: SignedIn, query = '') => server.app.inject({ method: 'GET', url: `/api/items/${itemId}/exports/sr${query}`, headers: who.auth });
  const approve = async () => {
    const submitted = await server.app.inject({ method: 'POST', url: `/api/items/${itemId}/submit`, headers: { ...annA.auth, 'if-match': '"1"' } });
    expect(submitted.statusCode, submitted.body).toBe(200);
    const reviewed = await server.app.inject({ method: 'POST', url: `/api/items/${itemId}/review`, headers: reviewer.auth, payload: { annotatorId: annA.user.id, decision: 'approve' } });
    expect(reviewed.statusCode, reviewed.body).toBe(200);
  };
  /** The mean HU of the outline, read from the item's own files as the viewer would. */
  const expectedMeanHu = async () => {
    let sum = 0;
    let count = 0;
    for (const [slice, set] of drawn) {
      const file = await server.app.inject({ method: 'GET', url: `/api/items/${itemId}/files/${series.slices[slice]!.fileId}`, headers: annA.auth });
      const { dataSet, transferSyntaxUid } = readDicomFile(file.rawPayload);
      const hu = nativeHu(dataSet, transferSyntaxUid)!;
      for (const i of set) sum += hu[i]!;
      count += set.length;
    }
    return sum / count;
  };

  it("writes the reader's SAH-present slices and the outline's volume and mean HU as a TID 1500 report of the item's study, the reader as observer", async () => {
    const response = await get(annA);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe('application/dicom');
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename=".*-sr\.dcm"$/);
    expect(response.headers['export-warnings']).toBeUndefined();
    const ds = readDicom(response.rawPayload);
    expect([ds.StudyInstanceUID, ds.Modality, ds.CompletionFlag]).toEqual([series.studyInstanceUid, 'SR', 'PARTIAL']);
    const observers = itemsOf(ds.ContentSequence).filter((item) => item.RelationshipType === 'HAS OBS CONTEXT');
    expect(observers.filter((item) => item.ValueType === 'PNAME').map((item) => itemsOf(item.PersonName)[0])).toEqual([{ Alphabetic: 'annA^' }]);
    const groups = itemsOf(childOf(ds, '126010').ContentSequence);
    const findings = groups.filter((group) => itemsOf(group.ContentSequence).some((item) => conceptOf(item) === '121112'));
    expect(findings.map((group) => [textOf(itemsOf(childOf(group, '121071').ConceptCodeSequence)[0]!.CodeValue), itemsOf(childOf(group, '121112').ReferencedSOPSequence)[0]!.ReferencedSOPInstanceUID])).toEqual([
      ['21454007', series.slices[1]!.sopInstanceUid],
      ['21454007', series.slices[3]!.sopInstanceUid],
    ]);
    const volumetric = groups.at(-1)!;
    const [rowMm, columnMm] = series.pixelSpacing!;
    const sliceMm = Math.abs(series.slices[1]!.position![2] - series.slices[0]!.position![2]);
    expect(numberOf(childOf(volumetric, '118565006'))).toBeCloseTo((50 * rowMm * columnMm * sliceMm) / 1000, 6);
    expect(numberOf(childOf(volumetric, '112031'))).toBeCloseTo(await expectedMeanHu(), 3);
    expect(textOf(childOf(volumetric, '121232').UID)).toBe(series.seriesInstanceUid);
  });

  it.skipIf(!hasDciodvfy)('passes dciodvfy without errors or warnings', async () => {
    expect(dciodvfyFindings((await get(annA)).rawPayload)).toEqual([]);
  });

  /** The SEG export's instance of `query`'s document, as `who` downloads it. */
  const segOf = async (who: SignedIn, query = '') => {
    const response = await server.app.inject({ method: 'GET', url: `/api/items/${itemId}/exports/seg${query}`, headers: who.auth });
    expect(response.statusCode, response.body).toBe(200);
    return readDicom(response.rawPayload);
  };
  /** The volumetric group's Referenced Segment and the SR's evidence series. */
  const segLinkOf = (sr: Item) => {
    const volumetric = itemsOf(childOf(sr, '126010').ContentSequence).at(-1)!;
    const evidence = itemsOf(itemsOf(sr.CurrentRequestedProcedureEvidenceSequence)[0]!.ReferencedSeriesSequence);
    return { segment: itemsOf(childOf(volumetric, '121191').ReferencedSOPSequence)[0], evidenceSeries: evidence.map((e) => e.SeriesInstanceUID) };
  };

  it("names the segment of the SEG the SEG export writes of the same masks, and keeps other readers' work from a reader", async () => {
    const response = await get(annA);
    expect(response.statusCode, response.body).toBe(200);
    const seg = await segOf(annA);
    expect(segLinkOf(readDicom(response.rawPayload))).toMatchObject({
      segment: { ReferencedSOPClassUID: seg.SOPClassUID, ReferencedSOPInstanceUID: seg.SOPInstanceUID, ReferencedSegmentNumber: 1 },
      evidenceSeries: [series.seriesInstanceUid, seg.SeriesInstanceUID],
    });
    // Downloaded apart, by a reviewer, it is still that SEG.
    expect((await segOf(reviewer, `?reader=${annA.user.id}`)).SOPInstanceUID).toBe(seg.SOPInstanceUID);
    expect((await get(annB, `?reader=${annA.user.id}`)).statusCode).toBe(403);
    const noConsensus = await get(wgLead, '?reader=consensus');
    expect([noConsensus.statusCode, json<{ error: string }>(noConsensus).error]).toEqual([409, 'no_consensus']);
    // annB labelled nothing: nothing to report.
    expect((await get(annB)).statusCode).toBe(409);
  });

  it('says UNVERIFIED until a reviewer approves, then VERIFIED with the reviewer as verifying observer, named, dated and of the dataset', async () => {
    expect(readDicom((await get(annA)).rawPayload).VerificationFlag).toBe('UNVERIFIED');
    await approve();
    const response = await get(reviewer, `?reader=${annA.user.id}`);
    expect(response.statusCode, response.body).toBe(200);
    const ds = readDicom(response.rawPayload);
    expect([ds.CompletionFlag, ds.VerificationFlag]).toEqual(['COMPLETE', 'VERIFIED']);
    const observers = itemsOf(ds.ContentSequence).filter((item) => item.RelationshipType === 'HAS OBS CONTEXT');
    expect(observers.filter((item) => item.ValueType === 'TEXT').map((item) => item.TextValue)).toEqual(['annA', 'reviewer']);
    expect(observers.filter((item) => conceptOf(item) === '121011').map((item) => textOf(itemsOf(item.ConceptCodeSequence)[0]!.CodeValue))).toEqual(['121094', '121098']);
    const approval = await server.db.selectFrom('audit_log').select('at').where('action', '=', 'item.approve').where('entity_id', '=', `${itemId}/${annA.user.id}`).executeTakeFirstOrThrow();
    const dataset = await server.db.selectFrom('items').innerJoin('datasets', 'datasets.id', 'items.dataset_id').select('datasets.name').where('items.id', '=', itemId).executeTakeFirstOrThrow();
    expect(itemsOf(ds.VerifyingObserverSequence).map((v) => [itemsOf(v.VerifyingObserverName)[0], v.VerifyingOrganization, textOf(v.VerificationDateTime)])).toEqual([
      [{ Alphabetic: 'reviewer^' }, dataset.name, `${approval.at.slice(0, 19).replace(/[-T:]/g, '')}+0000`],
    ]);
    if (hasDciodvfy) expect(dciodvfyFindings(response.rawPayload)).toEqual([]);
  });

  it("reports the consensus to its WG lead: both readers performing, the lead who settled it verifying, its segment in the consensus's SEG", async () => {
    // annB drew the same outline but calls slice 1 SAH present where annA called it absent.
    const masks = [...drawn].map(([slice, set]) => {
      const labels = new Uint8Array(series.rows * series.columns);
      for (const i of set) labels[i] = 1;
      const targetId = series.slices[slice]!.targetId;
      return { type: 'mask' as const, id: maskId('sah-outline', targetId, 'sah.blood'), questionId: 'sah-outline', targetId, classCode: 'sah.blood', width: series.columns, height: series.rows, runs: encodeRuns(labels), provenance: humanBy(annB.user.id) };
    });
    const labels = series.slices.map((slice, i) => label(slice.targetId, drawn.has(i) || i === 0 ? 'sah.present' : 'sah.absent', humanBy(annB.user.id)));
    const written = await patchBatch(server, annB, itemId, 'sr-b', { ops: [...labels, ...masks].map((r) => put(r)) });
    expect(written.statusCode, written.body).toBe(200);
    const submitted = await server.app.inject({ method: 'POST', url: `/api/items/${itemId}/submit`, headers: { ...annB.auth, 'if-match': '"1"' } });
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect((await get(wgLead, '?reader=consensus')).statusCode).toBe(409);
    const decided = await server.app.inject({
      method: 'PUT',
      url: `/api/items/${itemId}/adjudication/decisions`,
      headers: { ...wgLead.auth, 'if-match': '"0"' },
      payload: { questionId: 'sah', targetKey: series.slices[0]!.targetId, decision: { pick: annB.user.id } },
    });
    expect(decided.statusCode, decided.body).toBe(200);

    const response = await get(wgLead, '?reader=consensus');
    expect(response.statusCode, response.body).toBe(200);
    const ds = readDicom(response.rawPayload);
    expect([ds.CompletionFlag, ds.VerificationFlag, textOf(ds.SeriesDescription)]).toEqual(['COMPLETE', 'VERIFIED', 'Mejirushi measurement report (consensus)']);
    const observers = itemsOf(ds.ContentSequence).filter((item) => item.RelationshipType === 'HAS OBS CONTEXT');
    const roles = observers.filter((item) => conceptOf(item) === '121011').map((item) => textOf(itemsOf(item.ConceptCodeSequence)[0]!.CodeValue));
    const readers = [annA, annB].sort((a, b) => (a.user.id < b.user.id ? -1 : 1)).map((who) => who.user.username);
    expect(observers.filter((item) => item.ValueType === 'TEXT').map((item) => item.TextValue)).toEqual([...readers, 'lead']);
    expect(roles).toEqual(['121094', '121094', '121098']);
    expect(itemsOf(ds.VerifyingObserverSequence).map((v) => itemsOf(v.VerifyingObserverName)[0])).toEqual([{ Alphabetic: 'lead^' }]);
    // The lead's pick makes slice 1 a finding, with slices 2 and 4.
    const groups = itemsOf(childOf(ds, '126010').ContentSequence);
    const findingSlices = groups.filter((g) => itemsOf(g.ContentSequence).some((item) => conceptOf(item) === '121112')).map((g) => itemsOf(childOf(g, '121112').ReferencedSOPSequence)[0]!.ReferencedSOPInstanceUID);
    expect(findingSlices).toEqual([0, 1, 3].map((i) => series.slices[i]!.sopInstanceUid));
    const seg = await segOf(wgLead, '?reader=consensus');
    expect(segLinkOf(ds).segment).toMatchObject({ ReferencedSOPInstanceUID: seg.SOPInstanceUID, ReferencedSegmentNumber: 1 });
    expect(seg.SOPInstanceUID).not.toBe((await segOf(reviewer, `?reader=${annA.user.id}`)).SOPInstanceUID);
    if (hasDciodvfy) expect(dciodvfyFindings(response.rawPayload)).toEqual([]);
    // The consensus is the lead's: its readers (and a reviewer) are refused.
    expect((await get(annA, '?reader=consensus')).statusCode).toBe(403);
    expect((await get(reviewer, '?reader=consensus')).statusCode).toBe(403);
  });
});

/**
 * A reader labels and outlines SAH on the demo CT and saves a DICOM SEG and a DICOM SR with the
 * two buttons, one after the other: the SR names those slices, the reader as observer, and the
 * segment of that very SEG; it says UNVERIFIED until a reviewer approves the reading, then VERIFIED
 * with the reviewer as verifying observer.
 */
import { itemsOf } from '../src/core/exchange/seg/dicomFile';
import { childOf, downloadDicom } from './fixtures/dicomDownloads';
import {
  ANNOTATOR_NAMES,
  byTestId,
  expect,
  expectSliceShown,
  expectSynced,
  goToSlice,
  labelSlice,
  openDemoItem,
  phantomTruth,
  SAH_PRESENT,
  segmentPixels,
  serverApi,
  settled,
  signIn,
  stroke,
  test,
  type Account,
} from './fixtures/mejirushi';
import { submitItem } from './fixtures/review';

test('a reader saves SEG and SR apart: the SR names their slices and that SEG’s segment, UNVERIFIED until a reviewer approves, then VERIFIED by them', async ({ page, browser, mejirushi }) => {
  const [first, second] = phantomTruth().sahSliceIndices;
  await signIn(page, mejirushi.annotator);
  const itemId = await openDemoItem(page);
  await labelSlice(page, first!, SAH_PRESENT);
  await labelSlice(page, second!, SAH_PRESENT);
  await goToSlice(page, first!);
  await expectSliceShown(page, first!);
  await page.keyboard.press('g');
  await expect(byTestId(page, 'mask-tool-maskBrush')).toHaveAttribute('aria-pressed', 'true');
  await stroke(page, [180, 240], [250, 260]);
  expect(await segmentPixels(page, 'sah.blood')).toBeGreaterThan(0);
  await settled(page);
  await expectSynced(page);

  const seg = await downloadDicom(page, 'seg-export-sah-outline');
  const sr = await downloadDicom(page, 'sr-export');
  expect([sr.Modality, itemsOf(sr.ContentTemplateSequence)[0]!.TemplateIdentifier, sr.VerificationFlag]).toEqual(['SR', '1500', 'UNVERIFIED']);
  const root = itemsOf(sr.ContentSequence);
  expect(root.filter((item) => item.ValueType === 'PNAME').map((item) => itemsOf(item.PersonName)[0])).toEqual([{ Alphabetic: `${ANNOTATOR_NAMES.displayName}^` }]);
  const groups = itemsOf(childOf(sr, '126010').ContentSequence);
  const findingSlices = groups.filter((group) => childOf(group, '121112')).map((group) => itemsOf(childOf(group, '121112').ReferencedSOPSequence)[0]!.ReferencedSOPInstanceUID);
  expect(findingSlices).toEqual([first, second].map((i) => phantomTruth().sopInstanceUids[i!]));
  // The outline's volumetric group names segment 1 of the SEG saved before, and the SEG is in the evidence.
  const volumetric = groups.find((group) => childOf(group, '121191'))!;
  expect(itemsOf(childOf(volumetric, '121191').ReferencedSOPSequence)[0]).toMatchObject({ ReferencedSOPInstanceUID: seg.SOPInstanceUID, ReferencedSegmentNumber: 1 });
  const evidence = itemsOf(itemsOf(sr.CurrentRequestedProcedureEvidenceSequence)[0]!.ReferencedSeriesSequence);
  expect(evidence.map((series) => series.SeriesInstanceUID)).toContain(seg.SeriesInstanceUID);

  // Handed in and approved by a reviewer, the same button's SR is verified by them.
  await submitItem(page);
  const admin = await serverApi(mejirushi.url, mejirushi.admin);
  const reviewer: Account = { username: 'reviewer-sr', password: 'one-time-passphrase-r', mustChangePassword: true };
  await admin.createUser({ username: reviewer.username, displayName: 'Reviewer Rin', password: reviewer.password, roles: ['reviewer'] });
  const reviewerPage = await (await browser.newContext({ baseURL: mejirushi.url })).newPage();
  await signIn(reviewerPage, reviewer);
  const annotatorId = (await admin.listUsers()).find((user) => user.username === mejirushi.annotator.username)!.id;
  await (await serverApi(mejirushi.url, reviewer)).review(itemId, { annotatorId, decision: 'approve' });

  const verified = await downloadDicom(page, 'sr-export');
  expect([verified.CompletionFlag, verified.VerificationFlag]).toEqual(['COMPLETE', 'VERIFIED']);
  expect(itemsOf(verified.VerifyingObserverSequence).map((v) => itemsOf(v.VerifyingObserverName)[0])).toEqual([{ Alphabetic: 'Reviewer Rin^' }]);
});

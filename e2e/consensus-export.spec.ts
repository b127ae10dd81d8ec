/**
 * Issue 12: a plain WG lead downloads an item's consensus as DICOM SEG and SR from the
 * adjudication screen. Two readers hand in the demo CT (the same outline on slice 1, different
 * answers on slice 2); the buttons wait, disabled with their reason, until the lead settles the
 * difference; then both files download, dciodvfy passes them, and pydicom reads the consensus
 * mask and the SR's observers: the readers performing, the lead verifying.
 */
import { spawnSync } from 'node:child_process';
import type { AnnotationRecord } from '../src/core/annotation';
import { dciodvfyErrors, dciodvfyFindings, hasDciodvfy } from '../src/core/exchange/seg/__tests__/segFixtures';
import { encodeRuns } from '../src/core/mask';
import { maskId, targetLabelId } from '../src/core/recordIds';
import { downloadFile } from './fixtures/dicomDownloads';
import { byTestId, DEMO_DATASET_NAME, expect, SAH_ABSENT, SAH_PRESENT, serverApi, signIn, test, type Account } from './fixtures/mejirushi';
import { annotator, handInRecords, provenanceOf } from './fixtures/review';

/** Debian's python3-pydicom is installed for the system interpreter, not for whichever python3 is first on PATH. */
const PYTHON = '/usr/bin/python3';

/** What pydicom reads of the SEG (argv[1]) and the SR (argv[2]), as JSON. */
const READ_WITH_PYDICOM = `
import json, sys, pydicom
seg, sr = pydicom.dcmread(sys.argv[1]), pydicom.dcmread(sys.argv[2])
concept = lambda item: item.ConceptNameCodeSequence[0].CodeValue
context = [item for item in sr.ContentSequence if item.RelationshipType == 'HAS OBS CONTEXT']
print(json.dumps({
  'seg': [seg.Modality, seg.SeriesDescription, len(seg.SegmentSequence), int(seg.NumberOfFrames), int(seg.pixel_array.sum()),
          seg.PerFrameFunctionalGroupsSequence[0].DerivationImageSequence[0].SourceImageSequence[0].ReferencedSOPInstanceUID],
  'sr': [sr.Modality, sr.ContentTemplateSequence[0].TemplateIdentifier, sr.SeriesDescription, sr.CompletionFlag, sr.VerificationFlag],
  'logins': [item.TextValue for item in context if item.ValueType == 'TEXT'],
  'roles': [item.ConceptCodeSequence[0].CodeValue for item in context if concept(item) == '121011'],
  'verifying': [str(v.VerifyingObserverName) for v in sr.VerifyingObserverSequence],
}))
`;

/** A square outline of `side` px at (x0, y0) on a `width` × `height` slice. */
function square(width: number, height: number, x0: number, y0: number, side: number): Uint8Array {
  const labels = new Uint8Array(width * height);
  for (let y = y0; y < y0 + side; y += 1) labels.fill(1, y * width + x0, y * width + x0 + side);
  return labels;
}

test('a WG lead downloads the settled consensus as DICOM SEG and SR: valid, the readers performing and the lead verifying', async ({ page, mejirushi }) => {
  const admin = await serverApi(mejirushi.url, mejirushi.admin);
  const dataset = (await admin.listDatasets()).find((d) => d.name === DEMO_DATASET_NAME)!;
  const a = await annotator(admin, mejirushi.url, 'noguchi');
  const b = await annotator(admin, mejirushi.url, 'ueda');
  const lead: Account = { username: 'sato', password: 'one-time-passphrase-lead', mustChangePassword: true };
  await admin.createUser({ username: lead.username, displayName: 'Sato Kenji', password: lead.password, roles: ['wgLead'] });
  await admin.assign(dataset.id, { readerIds: [a.id, b.id] });
  const itemId = (await a.api.listItems(dataset.id)).items[0]!.id;
  const { item } = await a.api.getItem(itemId);
  if (item.content.kind !== 'series') throw new Error('the demo item should be a series');
  const { slices, columns, rows } = item.content;
  const outline = square(columns, rows, 200, 220, 24);

  // Both outline the same square on slice 1 and call it SAH; on slice 2 reader a says present, b absent.
  const reading = (readerId: string, slice2: string): AnnotationRecord[] => {
    const provenance = provenanceOf(readerId);
    const label = (index: number, code: string): AnnotationRecord => {
      const targetId = slices[index]!.targetId;
      return { type: 'label', id: targetLabelId('sah', targetId), questionId: 'sah', targetId, classCodes: [code], provenance };
    };
    const targetId = slices[0]!.targetId;
    const mask: AnnotationRecord = { type: 'mask', id: maskId('sah-outline', targetId, 'sah.blood'), questionId: 'sah-outline', targetId, classCode: 'sah.blood', width: columns, height: rows, runs: encodeRuns(outline), provenance };
    return [label(0, SAH_PRESENT), label(1, slice2), mask];
  };
  await handInRecords(a.api, itemId, a.id, reading(a.id, SAH_PRESENT));
  await handInRecords(b.api, itemId, b.id, reading(b.id, SAH_ABSENT));

  await signIn(page, lead);
  await page.goto(`/adjudicate/items/${encodeURIComponent(itemId)}`);
  const screen = page.locator('[data-testid="adjudication"][data-ready="true"]');
  await expect(screen).toBeVisible();
  await expect(byTestId(page, 'adjudication-progress')).toHaveAttribute('data-total', '1');

  // Undecided: both buttons are there but disabled, and say why.
  const segButton = byTestId(page, 'consensus-seg-export-sah-outline');
  const srButton = byTestId(page, 'consensus-sr-export');
  await expect(segButton).toBeDisabled();
  await expect(srButton).toBeDisabled();
  await expect(byTestId(page, 'consensus-export-reason')).toHaveText('No decided consensus yet: settle every difference between the readers first.');

  // Key 1 takes reader 1's answer on slice 2: the consensus is complete and the buttons work.
  await page.keyboard.press('1');
  await expect(byTestId(page, 'adjudication')).toHaveAttribute('data-complete', 'true');
  await expect(screen).toBeVisible();
  await expect(byTestId(page, 'consensus-export-reason')).toHaveCount(0);
  await expect(segButton).toBeEnabled();
  const seg = await downloadFile(page, 'consensus-seg-export-sah-outline', /-consensus-seg\.dcm$/);
  await expect(srButton).toBeEnabled();
  const sr = await downloadFile(page, 'consensus-sr-export', /-consensus-sr\.dcm$/);
  await expect(byTestId(page, 'consensus-seg-error')).toHaveCount(0);
  await expect(byTestId(page, 'consensus-sr-error')).toHaveCount(0);

  // dciodvfy (it exits 0 even on errors, so its lines are read): no error in the SEG, nothing at all in the SR.
  if (hasDciodvfy) {
    expect(dciodvfyErrors(seg.bytes)).toEqual([]);
    expect(dciodvfyFindings(sr.bytes)).toEqual([]);
  } else console.log('consensus-export.spec.ts: dciodvfy is not installed (Debian: dicom3tools): files not checked against their IODs');

  const read = spawnSync(PYTHON, ['-c', READ_WITH_PYDICOM, seg.path, sr.path], { encoding: 'utf8' });
  expect(read.status, read.stderr).toBe(0);
  const parsed = JSON.parse(read.stdout) as { seg: unknown[]; sr: unknown[]; logins: string[]; roles: string[]; verifying: string[] };
  // One frame of the agreed square, on slice 1's instance.
  expect(parsed.seg).toEqual(['SEG', expect.stringContaining('consensus'), 1, 1, 24 * 24, slices[0]!.sopInstanceUid]);
  expect(parsed.sr).toEqual(['SR', '1500', 'Mejirushi measurement report (consensus)', 'COMPLETE', 'VERIFIED']);
  // Readers in id order as Performing (DCM 121094), the lead who settled it as Verifying (DCM 121098).
  const readers = [a, b].sort((x, y) => (x.id < y.id ? -1 : 1)).map((reader) => reader.account.username);
  expect(parsed.logins).toEqual([...readers, lead.username]);
  expect(parsed.roles).toEqual(['121094', '121094', '121098']);
  expect(parsed.verifying.map((name) => name.replace(/\^+$/, ''))).toEqual(['Sato Kenji']);
});

/**
 * Issue 11's interop chain, end to end: a hospital PACS (Orthanc) holds the sample head CT with a
 * patient's identity in every file (fixtures/hospitalHeadCt.ts); the admin pulls the study through
 * the *Pull from a PACS* form into a dataset that requires de-identification; an annotator labels
 * slices with the SAH keys and the labels sync; then OHIF's DICOMweb library (`dicomweb-client`), on
 * a page of the app's origin with the annotator's bearer token, reads the study back through our QIDO-RS and WADO-RS:
 * every instance, no identity, new UIDs that agree between QIDO and metadata, and the PACS's pixels
 * to the byte. Our DICOMweb service serves series items only (server/dicomweb/qido.ts), not the
 * dataset's SR: the labels are read back through the SR export route.
 */
import { BASIC_PROFILE_CODE, BASIC_PROFILE_ONLY } from '../src/core/deid/policy';
import { itemsOf, readDicom, textOf } from '../src/core/exchange/seg/dicomFile';
import { SAH_SLICE_LABEL_SET } from '../src/core/labelSets/builtin';
import { hasOrthanc, startOrthanc, type RunningOrthanc } from '../server/testing/orthanc';
import { hasSampleData } from '../server/testing/sampleData';
import { childOf } from './fixtures/dicomDownloads';
import { dicomwebClientPage, readBackWithDicomwebClient, type DicomJson } from './fixtures/dicomwebClient';
import { HOSPITAL_PHI, hospitalHeadCt, sha256 } from './fixtures/hospitalHeadCt';
import {
  ANNOTATOR_NAMES,
  bearerToken,
  byTestId,
  expect,
  expectSynced,
  goToSlice,
  keyFor,
  labelByKeys,
  localState,
  openDataset,
  SAH_ABSENT,
  SAH_PRESENT,
  serverApi,
  serverLabels,
  settled,
  signIn,
  test,
  waitForItem,
} from './fixtures/mejirushi';
import { pageAs } from './fixtures/review';

const ready = hasOrthanc() && hasSampleData();
if (!ready) console.log('interop-chain.spec.ts skipped: it needs Orthanc (apt-get install orthanc orthanc-dicomweb) and the sample data');
test.skip(!ready, 'needs Orthanc and the sample data');

const DATASET = 'Pulled from the hospital PACS';
/** Slices (patient order) the annotator labels, and how: two SAH-present slices, then one absent. */
const FIRST_LABELLED = 12;
const LABELS = [SAH_PRESENT, SAH_PRESENT, SAH_ABSENT] as const;
/** SNOMED CT's subarachnoid haemorrhage, the code the SAH label set gives `sah.present`. */
const SAH_CODE = SAH_SLICE_LABEL_SET.questions[0]!.classes.find((c) => c.code === SAH_PRESENT)!.coding!.code;

const first = (json: DicomJson | undefined, tag: string): string => String(json?.[tag]?.Value?.[0] ?? '');

/** The identifying strings found in `text`. */
const foundIn = (text: string, phi: readonly string[]): string[] => phi.filter((value) => text.includes(value));

test('a study pulled from a hospital PACS into a de-identifying dataset and labelled reads back through our DICOMweb with dicomweb-client: every instance, no identity, new UIDs, the PACS’s pixels, and the labels in the SR', async ({
  page,
  browser,
  mejirushi,
}) => {
  const hospital = hospitalHeadCt();
  const source = hospital[0]!;
  const originalUids = new Set(hospital.flatMap((instance) => [instance.studyInstanceUid, instance.seriesInstanceUid, instance.sopInstanceUid]));
  const phi = [...HOSPITAL_PHI, ...originalUids];
  let orthanc: RunningOrthanc | null = null;
  try {
    orthanc = await startOrthanc();
    for (const instance of hospital) await orthanc.store(instance.bytes);

    const admin = await serverApi(mejirushi.url, mejirushi.admin);
    const dataset = await admin.createDataset({ name: DATASET, labelSetId: SAH_SLICE_LABEL_SET.id, labelSetVersion: SAH_SLICE_LABEL_SET.version });
    await admin.setDeidPolicy(dataset.id, { mode: 'required', options: BASIC_PROFILE_ONLY });

    await test.step('the admin pulls the study through the Pull from a PACS form', async () => {
      const adminPage = await pageAs(browser, mejirushi.url, mejirushi.admin);
      await byTestId(adminPage, 'nav-admin').click();
      await byTestId(adminPage, 'pacs-dataset').selectOption({ label: DATASET });
      await byTestId(adminPage, 'pacs-base-url').fill(orthanc!.dicomWeb);
      await byTestId(adminPage, 'pacs-study').fill(source.studyInstanceUid);
      await byTestId(adminPage, 'pacs-submit').click();
      const job = byTestId(adminPage, 'pacs-jobs').locator('tbody tr');
      await expect(job).toHaveAttribute('data-state', 'done');
      // The job names the study by the UID the dataset gave it, not the PACS's.
      await expect(job).toContainText('study ');
      await expect(job).not.toContainText(source.studyInstanceUid);
      await expect(byTestId(adminPage, 'pacs-summary')).toHaveText(`${hospital.length} files: ${hospital.length} imported, 0 refused`);
      await adminPage.context().close();
    });
    const annotatorId = (await admin.listUsers()).find((user) => user.username === mejirushi.annotator.username)!.id;
    await admin.assign(dataset.id, { readerIds: [annotatorId] });

    const labelled = await test.step('the annotator labels slices with the SAH keys, and the labels sync', async () => {
      await signIn(page, mejirushi.annotator);
      await openDataset(page, DATASET);
      const links = page.locator('[data-testid^="item-link-"]');
      await expect(links).toHaveCount(1);
      await links.click();
      const itemId = await waitForItem(page);
      await goToSlice(page, FIRST_LABELLED);
      await labelByKeys(page, LABELS.map(keyFor));
      await settled(page);
      await expectSynced(page);
      const { targetIds, labels } = await localState(page);
      const slices = LABELS.map((_, i) => targetIds[FIRST_LABELLED + i]!);
      expect(slices.map((uid) => labels[uid])).toEqual([...LABELS]);
      expect(await serverLabels(await serverApi(mejirushi.url, mejirushi.annotator), itemId)).toEqual(Object.fromEntries(slices.map((uid, i) => [uid, LABELS[i]])));
      return { itemId, slices };
    });

    const token = await bearerToken(mejirushi.url, mejirushi.annotator);
    const root = `${mejirushi.url}/api/dicomweb/datasets/${dataset.id}`;
    const clientPage = await dicomwebClientPage(browser, mejirushi.url);
    const back = await readBackWithDicomwebClient(clientPage, root, token);
    await clientPage.context().close();

    await test.step('QIDO-RS lists the study with every pulled instance', async () => {
      expect(back.studies).toHaveLength(1);
      expect(first(back.studies[0], '00201208')).toBe(String(hospital.length));
      expect(back.series).toHaveLength(1);
      expect(back.instances).toHaveLength(hospital.length);
      expect(back.metadata).toHaveLength(hospital.length);
    });

    await test.step('no identifying string of the PACS’s files is in any QIDO-RS or metadata answer, nor in a retrieved instance', async () => {
      for (const answer of [back.studies, back.series, back.instances, back.metadata]) expect(foundIn(JSON.stringify(answer), phi)).toEqual([]);
      const whole = Buffer.from(back.instanceBase64, 'base64');
      expect(foundIn(whole.toString('latin1'), phi)).toEqual([]);
      expect(foundIn(whole.toString('utf8'), phi)).toEqual([]);
    });

    await test.step('the UIDs are new, and QIDO-RS and the metadata agree on them', async () => {
      const study = first(back.studies[0], '0020000D');
      const series = first(back.series[0], '0020000E');
      const qidoSops = back.instances.map((instance) => first(instance, '00080018')).sort();
      expect([study, series, ...qidoSops].filter((uid) => originalUids.has(uid))).toEqual([]);
      expect(new Set(qidoSops).size).toBe(hospital.length);
      expect(new Set(back.metadata.map((instance) => first(instance, '0020000D')))).toEqual(new Set([study]));
      expect(new Set(back.metadata.map((instance) => first(instance, '0020000E')))).toEqual(new Set([series]));
      expect(back.metadata.map((instance) => first(instance, '00080018')).sort()).toEqual(qidoSops);
      expect([...labelled.slices].sort().filter((uid) => !qidoSops.includes(uid))).toEqual([]);
      const retrieved = readDicom(new Uint8Array(Buffer.from(back.instanceBase64, 'base64')));
      expect([retrieved.StudyInstanceUID, retrieved.SeriesInstanceUID, retrieved.SOPInstanceUID]).toEqual([study, series, first(back.metadata[0], '00080018')]);
      // And the file says so: identity removed, by Annex E's Basic Profile.
      expect(retrieved.PatientIdentityRemoved).toBe('YES');
      expect(itemsOf(retrieved.DeidentificationMethodCodeSequence).map((code) => textOf(code.CodeValue))).toContain(BASIC_PROFILE_CODE.value);
    });

    await test.step('every frame is the PACS’s pixel data, byte for byte', async () => {
      // By InstanceNumber, which de-identification keeps: SHA-256 of frame 1 as WADO-RS sent it, and of the PACS's file's pixel data.
      const sent = Object.fromEntries(back.metadata.map((instance) => [first(instance, '00200013'), back.frameSha256[first(instance, '00080018')]]));
      const held = Object.fromEntries(hospital.map((instance) => [String(instance.instanceNumber), instance.pixelSha256]));
      expect(sent).toEqual(held);
      const retrieved = readDicom(new Uint8Array(Buffer.from(back.instanceBase64, 'base64')));
      const [pixelData] = itemsOf(retrieved.PixelData) as unknown as ArrayBuffer[];
      expect(sha256(new Uint8Array(pixelData!))).toBe(held[String(retrieved.InstanceNumber)]);
    });

    await test.step('the annotator’s findings are in the SR the export route writes (our DICOMweb serves no SR), with no identity', async () => {
      const annotatorApi = await serverApi(mejirushi.url, mejirushi.annotator);
      const bytes = new Uint8Array(await (await annotatorApi.exportSr(labelled.itemId, undefined)).arrayBuffer());
      expect(foundIn(Buffer.from(bytes).toString('latin1'), phi)).toEqual([]);
      expect(foundIn(Buffer.from(bytes).toString('utf8'), phi)).toEqual([]);
      const sr = readDicom(bytes);
      expect([sr.Modality, sr.StudyInstanceUID]).toEqual(['SR', first(back.studies[0], '0020000D')]);
      const observers = itemsOf(sr.ContentSequence).filter((item) => item.ValueType === 'PNAME');
      expect(observers.map((item) => itemsOf(item.PersonName)[0])).toEqual([{ Alphabetic: `${ANNOTATOR_NAMES.displayName}^` }]);
      const groups = itemsOf(childOf(sr, '126010').ContentSequence).filter((group) => childOf(group, '121112'));
      const findings = groups.map((group) => itemsOf(childOf(group, '121112').ReferencedSOPSequence)[0]!.ReferencedSOPInstanceUID);
      expect(findings).toEqual(labelled.slices.filter((_, i) => LABELS[i] === SAH_PRESENT));
      expect(groups.map((group) => textOf(itemsOf(childOf(group, '121071').ConceptCodeSequence)[0]!.CodeValue))).toEqual([SAH_CODE, SAH_CODE]);
    });
  } finally {
    await orthanc?.stop();
  }
});

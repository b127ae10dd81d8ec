import { readFile } from 'node:fs/promises';
import { itemsOf, readDicom, textOf } from '../src/core/exchange/seg/dicomFile';
import { ANNOTATOR_NAMES, byTestId, expect, expectSynced, labelSlice, openDemoItem, phantomTruth, SAH_PRESENT, signIn, test } from './fixtures/mejirushi';

type Item = Record<string, unknown>;
const conceptOf = (item: Item) => textOf(itemsOf(item.ConceptNameCodeSequence)[0]!.CodeValue);

test('a reader labels two slices SAH present and saves their reading as a DICOM SR naming those slices and them as observer', async ({ page, mejirushi }) => {
  const [first, second] = phantomTruth().sahSliceIndices;
  await signIn(page, mejirushi.annotator);
  await openDemoItem(page);
  await labelSlice(page, first!, SAH_PRESENT);
  await labelSlice(page, second!, SAH_PRESENT);
  await expectSynced(page);

  const downloading = page.waitForEvent('download');
  await byTestId(page, 'sr-export').click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/-sr\.dcm$/);
  const ds = readDicom(new Uint8Array(await readFile(await download.path())));
  expect([ds.Modality, itemsOf(ds.ContentTemplateSequence)[0]!.TemplateIdentifier]).toEqual(['SR', '1500']);
  const root = itemsOf(ds.ContentSequence);
  expect(root.filter((item) => item.ValueType === 'PNAME').map((item) => itemsOf(item.PersonName)[0])).toEqual([{ Alphabetic: `${ANNOTATOR_NAMES.displayName}^` }]);
  const measurements = itemsOf(root.find((item) => conceptOf(item) === '126010')!.ContentSequence);
  const findingSlices = measurements.map((group) => {
    const image = itemsOf(group.ContentSequence).find((item) => conceptOf(item) === '121112')!;
    return itemsOf(image.ReferencedSOPSequence)[0]!.ReferencedSOPInstanceUID;
  });
  expect(findingSlices).toEqual([first, second].map((i) => phantomTruth().sopInstanceUids[i!]));
});

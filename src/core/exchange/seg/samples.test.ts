/**
 * The shared sample SEG (dcmqi, one "Liver" segment on 3 frames) and RT Structure Set (no File
 * Meta; 3 ROIs) read and refused as they should be: their source series are not in our data.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasSampleData, sampleDataDir } from '../../../../server/testing/sampleData';
import { countSet, encodeRuns } from '../../mask';
import { humanProvenance } from '../../testing/records';
import { readDicom } from './dicomFile';
import { readStructureSet, structureSetToRecords } from './rtstructImport';
import { readSegmentation, segmentationToMasks } from './segImport';
import { BLEED_QUESTION, testSeries } from './__tests__/segFixtures';

if (!hasSampleData()) console.log(`sample data not found at ${sampleDataDir()}: the shared SEG and RTSTRUCT were not read`);

const sample = (name: string) => readFileSync(join(sampleDataDir(), 'radiology/dicom-labels', name));

describe.skipIf(!hasSampleData())('the shared sample SEG', () => {
  const read = readSegmentation(readDicom(sample('seg_liver_binary_3frame.dcm')));
  if (!read.ok) throw new Error(read.errors.join('; '));
  const seg = read.value;

  it('has one coded segment and three 512×512 frames, each naming its CT slice and position', () => {
    expect(seg.segments).toEqual([
      { number: 1, label: 'Liver', category: { scheme: 'SRT', value: 'T-D0050', meaning: 'Tissue' }, type: { scheme: 'SRT', value: 'T-62000', meaning: 'Liver' } },
    ]);
    expect([seg.rows, seg.columns, seg.frames.length]).toEqual([512, 512, 3]);
    expect(seg.referencedSeriesUid).toBe('1.2.392.200103.20080913.113635.1.2009.6.22.21.43.10.23430.1');
    expect(seg.frames.map((f) => [f.segmentNumber, f.sourceSopInstanceUid?.split('.').slice(-2).join('.')])).toEqual([
      [1, '23433.1'],
      [1, '23432.1'],
      [1, '23431.1'],
    ]);
    expect(seg.frames[0]!.position).toEqual([-235.2, -226.8, -128.69]);
  });

  it('decodes each frame bit for bit (counts and first pixels as a plain LSB-first reading of the file gives them)', () => {
    expect(seg.frames.map((f) => [countSet(encodeRuns(f.labels)), f.labels.indexOf(1)])).toEqual([
      [36233, 145 * 512 + 254],
      [35645, 146 * 512 + 254],
      [35220, 147 * 512 + 249],
    ]);
  });

  it('is refused on a series it does not segment, saying which series it needs', () => {
    const result = segmentationToMasks(seg, { series: testSeries(), question: BLEED_QUESTION, fileName: 'liver.dcm', provenance: humanProvenance() });
    expect(result).toEqual({
      ok: false,
      errors: ["the SEG segments series 1.2.392.200103.20080913.113635.1.2009.6.22.21.43.10.23430.1, which is not this item's series (1.2.3)"],
    });
  });
});

describe.skipIf(!hasSampleData())('the shared sample RT Structure Set', () => {
  const read = readStructureSet(readDicom(sample('rtstruct_no_meta.dcm')));
  if (!read.ok) throw new Error(read.errors.join('; '));
  const set = read.value;

  it('reads without File Meta: three ROIs, the body outlined by three closed contours, two isocentre points', () => {
    expect(set.rois.map((r) => [r.number, r.name, r.contours.length, r.contours[0]?.geometricType])).toEqual([
      [1, 'patient', 3, 'CLOSED_PLANAR'],
      [2, 'Isocenter 1', 1, 'POINT'],
      [3, 'Isocenter 2', 1, 'POINT'],
    ]);
    expect(set.rois[0]!.contours[0]!.points).toEqual([
      [-200, 150, -200],
      [-200, -150, -200],
      [200, -150, -200],
      [200, 150, -200],
      [-200, 150, -200],
    ]);
    expect(set.referencedSeriesUids).toEqual(['1.2.826.0.1.3680043.8.498.2010020400001.2.1.1']);
  });

  it('is refused on a series it does not outline, saying which series it needs', () => {
    const result = structureSetToRecords(set, { series: testSeries(), question: BLEED_QUESTION, as: 'outlines', fileName: 'rt.dcm', provenance: humanProvenance(), newId: () => 'x' });
    expect(result).toEqual({ ok: false, errors: ["the structure set outlines series 1.2.826.0.1.3680043.8.498.2010020400001.2.1.1, not this item's series (1.2.3)"] });
  });
});

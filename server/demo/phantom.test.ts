import dicomParser from 'dicom-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { dcmdump } from '../dicom/dcmdump';
import { readDicomInstance, type DicomInstanceMeta } from '../dicom/parse';
import { CT_IMAGE_STORAGE } from '../dicom/uids';
import { HU } from './headAnatomy';
import { PHANTOM_PATIENT, PHANTOM_SERIES_DESCRIPTION, generateHeadCtPhantom, phantomBleedMasks, type PhantomTissue } from './phantom';

type Phantom = ReturnType<typeof generateHeadCtPhantom>;

/** Stored values of a file's native 16-bit signed pixel data, read independently of our reader. */
function storedValues(bytes: Uint8Array): Int16Array {
  const ds = dicomParser.parseDicom(bytes);
  const pixel = ds.elements.x7fe00010;
  if (!pixel) throw new Error('no pixel data');
  const view = new DataView(ds.byteArray.buffer, ds.byteArray.byteOffset + pixel.dataOffset, pixel.length);
  return Int16Array.from({ length: pixel.length / 2 }, (_, i) => view.getInt16(i * 2, true));
}

const TISSUE_HU: Record<PhantomTissue, readonly number[]> = {
  air: [HU.air],
  bone: [HU.bone],
  brain: [HU.greyMatter, HU.whiteMatter],
  csf: [HU.csf],
  blood: [HU.blood],
};

describe('generateHeadCtPhantom', () => {
  let phantom: Phantom;
  /** Parsed files in patient order (by z), with their stored values. */
  let slices: { name: string; meta: DicomInstanceMeta; values: Int16Array }[];

  beforeAll(() => {
    phantom = generateHeadCtPhantom();
    slices = phantom.files
      .map(({ name, bytes }) => {
        const read = readDicomInstance(bytes);
        if (!read.ok) throw new Error(`${name} refused: ${read.reason}`);
        return { name, meta: read.meta, values: storedValues(bytes) };
      })
      .sort((a, b) => (a.meta.imagePosition?.[2] ?? 0) - (b.meta.imagePosition?.[2] ?? 0));
  });

  it('generates 24 slices', () => {
    expect(phantom.files).toHaveLength(24);
  });

  it('writes CT Image Storage files with the promised geometry and identity', () => {
    const { truth } = phantom;
    expect(truth).toMatchObject({ sliceCount: 24, rows: 512, columns: 512, pixelSpacing: [0.45, 0.45], sliceSpacingMm: 5 });
    slices.forEach(({ meta }, index) => {
      expect(meta).toMatchObject({
        sopClassUid: CT_IMAGE_STORAGE,
        sopInstanceUid: truth.sopInstanceUids[index],
        studyInstanceUid: truth.studyInstanceUid,
        seriesInstanceUid: truth.seriesInstanceUid,
        seriesDescription: PHANTOM_SERIES_DESCRIPTION,
        modality: 'CT',
        instanceNumber: index + 1,
        imageOrientation: [1, 0, 0, 0, 1, 0],
        pixelSpacing: [0.45, 0.45],
        rows: 512,
        columns: 512,
        numberOfFrames: 1,
        photometricInterpretation: 'MONOCHROME2',
        bitsAllocated: 16,
      });
      expect(meta.imagePosition).toEqual([-114.975, -114.975, -40 + 5 * index]);
    });
    for (const uid of [truth.studyInstanceUid, truth.seriesInstanceUid, ...truth.sopInstanceUids]) {
      expect(uid).toMatch(/^2\.25\.[1-9]\d*$/);
      expect(uid.length).toBeLessThanOrEqual(64);
    }
    expect(new Set(truth.sopInstanceUids).size).toBe(24);
  });

  it('names files in slice order but lists them shuffled, so order must come from positions', () => {
    expect(slices.map((s) => s.name)).toEqual(Array.from({ length: 24 }, (_, i) => `slice-${String(i + 1).padStart(2, '0')}.dcm`));
    expect(phantom.files.map((f) => f.name)).not.toEqual(slices.map((s) => s.name));
  });

  it('stores HU: probe points hold their exact value, and so do their 8 neighbours', () => {
    const tissues = new Set(phantom.truth.probes.map((p) => p.tissue));
    expect(tissues).toEqual(new Set(['air', 'bone', 'brain', 'csf', 'blood']));
    for (const probe of phantom.truth.probes) {
      const values = slices[probe.sliceIndex]?.values ?? new Int16Array();
      const at = (row: number, column: number) => values[row * 512 + column];
      expect(TISSUE_HU[probe.tissue], `${probe.tissue} probe`).toContain(probe.hu);
      for (const dr of [-1, 0, 1]) {
        for (const dc of [-1, 0, 1]) expect(at(probe.row + dr, probe.column + dc), JSON.stringify(probe)).toBe(probe.hu);
      }
    }
  });

  it('puts blood in exactly the SAH slices: 8 contiguous slices in the lower-middle head', () => {
    const { sahSliceIndices, bloodHuRange } = phantom.truth;
    expect(sahSliceIndices).toEqual([6, 7, 8, 9, 10, 11, 12, 13]);
    const [low, high] = bloodHuRange;
    slices.forEach(({ values }, index) => {
      const bloodVoxels = values.reduce((count, v) => count + (v >= low && v <= high ? 1 : 0), 0);
      if (sahSliceIndices.includes(index)) expect(bloodVoxels, `slice ${index}`).toBeGreaterThan(200);
      else expect(bloodVoxels, `slice ${index}`).toBe(0);
    });
  });

  it('gives the bleed as ground truth: its masks mark exactly the stored voxels in the blood HU range', () => {
    const masks = phantomBleedMasks();
    const [low, high] = phantom.truth.bloodHuRange;
    expect(masks).toHaveLength(24);
    slices.forEach(({ values }, index) => {
      const mask = masks[index]!;
      expect(mask).toHaveLength(values.length);
      const mismatches = values.reduce((count, v, i) => count + (Number(v >= low && v <= high) === mask[i] ? 0 : 1), 0);
      expect(mismatches, `slice ${index}`).toBe(0);
    });
  });

  it('keeps noise within ±3 HU of a tissue value, and air exact', () => {
    const noise = phantom.truth.noiseHu;
    const allowed = new Set<number>([HU.air]);
    for (const base of Object.values(HU)) {
      if (base !== HU.air) for (let d = -noise; d <= noise; d++) allowed.add(base + d);
    }
    const strays = slices.flatMap(({ values }, index) => (values.some((v) => !allowed.has(v)) ? [index] : []));
    expect(strays).toEqual([]);
    const brainValues = new Set(slices[16]?.values.filter((v) => Math.abs(v - HU.whiteMatter) <= noise));
    expect(brainValues.size, 'white matter carries noise').toBe(2 * noise + 1);
  });

  it('is deterministic for a seed and differs between seeds', () => {
    const again = generateHeadCtPhantom();
    expect(again.files.map((f) => f.name)).toEqual(phantom.files.map((f) => f.name));
    again.files.forEach((file, i) => expect(Buffer.from(file.bytes).equals(Buffer.from(phantom.files[i]?.bytes ?? []))).toBe(true));
    const other = generateHeadCtPhantom({ seed: 2, sliceCount: 12 });
    expect(other.files).toHaveLength(12);
    expect(other.truth.seriesInstanceUid).not.toBe(phantom.truth.seriesInstanceUid);
    expect(other.truth.sahSliceIndices).toEqual([3, 4, 5, 6]);
    expect(() => generateHeadCtPhantom({ sliceCount: 2 })).toThrow(/sliceCount/);
  });

  it('carries the demo patient and display window, and passes dcmdump cleanly', () => {
    const file = phantom.files.find((f) => f.name === 'slice-08.dcm');
    const result = dcmdump(file?.bytes ?? new Uint8Array());
    expect(result.missing, result.missing ?? '').toBeNull();
    expect(result.problems).toEqual([]);
    expect(result.status).toBe(0);
    expect(result.output).toContain(`(0010,0010) PN [${PHANTOM_PATIENT.name}]`);
    expect(result.output).toContain(`(0010,0020) LO [${PHANTOM_PATIENT.id}]`);
    expect(result.output).toMatch(/\(0028,0103\) US 1 /);
    expect(result.output).toContain('(0028,1050) DS [40]');
    expect(result.output).toContain('(0028,1051) DS [80]');
    expect(result.output).toContain('(0028,1052) DS [0]');
    expect(result.output).toContain('(0028,1053) DS [1]');
    expect(result.output).toContain('(0018,0050) DS [5]');
  });
});

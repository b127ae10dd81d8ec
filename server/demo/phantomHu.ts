/**
 * The demo head-CT phantom as HU slices in patient order, read back from the DICOM files it writes,
 * so model tests and the evaluation see exactly the pixels a user opens.
 */
import dicomParser from 'dicom-parser';
import { generateHeadCtPhantom, type PhantomOptions, type PhantomTruth } from './phantom';

export interface HuSlice {
  readonly width: number;
  readonly height: number;
  /** Row-major HU. */
  readonly hu: Float32Array;
  /** mm per px (column, row). */
  readonly spacing: readonly [number, number];
}

export function demoPhantomSlices(options: PhantomOptions = {}): { slices: HuSlice[]; truth: PhantomTruth } {
  const { files, truth } = generateHeadCtPhantom(options);
  const slices: HuSlice[] = new Array<HuSlice>(truth.sliceCount);
  for (const file of files) {
    const dataSet = dicomParser.parseDicom(file.bytes);
    const index = truth.sopInstanceUids.indexOf(dataSet.string('x00080018') ?? '');
    const pixels = dataSet.elements.x7fe00010;
    if (index < 0 || !pixels) throw new Error(`demo phantom file ${file.name} has no known SOP instance or no pixels`);
    // Stored values are HU (slope 1, intercept 0), signed 16 bit little endian.
    const stored = new Int16Array(file.bytes.buffer.slice(file.bytes.byteOffset + pixels.dataOffset, file.bytes.byteOffset + pixels.dataOffset + pixels.length));
    slices[index] = { width: truth.columns, height: truth.rows, hu: Float32Array.from(stored), spacing: [truth.pixelSpacing[1], truth.pixelSpacing[0]] };
  }
  return { slices, truth };
}

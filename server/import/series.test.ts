import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Vec3 } from '../../src/core/item';
import { generateHeadCtPhantom } from '../demo/phantom';
import { readDicomInstance, type DicomInstanceMeta } from '../dicom/parse';
import { hasSampleData, sampleDataDir } from '../testing/sampleData';
import { buildSeriesContent, type SeriesInstance } from './series';

function parsed(name: string, bytes: Uint8Array): DicomInstanceMeta {
  const read = readDicomInstance(bytes);
  if (!read.ok) throw new Error(`${name} refused: ${read.reason}`);
  return read.meta;
}

/** A deterministic shuffle, so input order is neither file-name nor position order. */
function shuffled<T>(items: readonly T[]): T[] {
  return items
    .map((item, i) => ({ item, key: (i * 7919 + 13) % 101 }))
    .sort((a, b) => a.key - b.key)
    .map(({ item }) => item);
}

const along = (normal: Vec3, p: Vec3 | null) => (p ? p[0] * normal[0] + p[1] * normal[1] + p[2] * normal[2] : Number.NaN);

function fakeMeta(overrides: Partial<DicomInstanceMeta>): DicomInstanceMeta {
  return {
    sopClassUid: '1.2.840.10008.5.1.4.1.1.2',
    sopInstanceUid: '2.25.1',
    studyInstanceUid: '2.25.100',
    seriesInstanceUid: '2.25.200',
    seriesDescription: 'fake',
    modality: 'CT',
    transferSyntaxUid: '1.2.840.10008.1.2.1',
    instanceNumber: null,
    imagePosition: null,
    imageOrientation: null,
    pixelSpacing: null,
    rows: 8,
    columns: 8,
    numberOfFrames: 1,
    photometricInterpretation: 'MONOCHROME2',
    bitsAllocated: 16,
    ...overrides,
  };
}

if (!hasSampleData()) console.log(`sample data not found at ${sampleDataDir()}: DICOM sample suite did not run`);

describe.runIf(hasSampleData())('buildSeriesContent on the real GE head series (18.5° tilt, uneven spacing)', () => {
  const dir = join(sampleDataDir(), 'radiology', 'ct-head-series-ge');
  const names = hasSampleData() ? readdirSync(dir).filter((n) => n.endsWith('.dcm')) : [];
  // File ids that sort the wrong way round, given in shuffled order: only positions can order them.
  const instances: SeriesInstance[] = shuffled(
    names.map((name) => ({ fileId: `file-${99 - Number.parseInt(name, 10)}`, meta: parsed(name, readFileSync(join(dir, name))) })),
  );

  it('orders slices by position along the tilted normal, feet to head', () => {
    const series = buildSeriesContent(instances);
    expect(series.slices).toHaveLength(28);
    expect(series.slices.map((s) => s.instanceNumber)).toEqual(Array.from({ length: 28 }, (_, i) => i + 1));
    expect(series.slices.map((s) => s.fileId)).toEqual(Array.from({ length: 28 }, (_, i) => `file-${98 - i}`));
    expect(series.orientation).toEqual([1, 0, 0, 0, 0.9483237, -0.3173047]);
    expect(series).toMatchObject({ kind: 'series', modality: 'CT', rows: 512, columns: 512, pixelSpacing: [0.4882812, 0.4882812] });

    const [rx, ry, rz, cx, cy, cz] = series.orientation ?? [0, 0, 0, 0, 0, 0];
    const normal: Vec3 = [ry * cz - rz * cy, rz * cx - rx * cz, rx * cy - ry * cx];
    const d = series.slices.map((s) => along(normal, s.position));
    const gaps = d.slice(1).map((v, i) => v - (d[i] as number));
    // 13 gaps of 4 mm (4 mm slices), one 1.08 mm overlap, 13 gaps of 7 mm (7 mm slices).
    gaps.slice(0, 13).forEach((gap) => expect(gap).toBeCloseTo(4.0, 1));
    expect(gaps[13]).toBeCloseTo(1.08, 2);
    gaps.slice(14).forEach((gap) => expect(gap).toBeCloseTo(7.0, 1));
  });

  it('trusts positions over InstanceNumber when they disagree', () => {
    const reversedNumbers = instances.map(({ fileId, meta }) => ({
      fileId,
      meta: { ...meta, instanceNumber: 29 - (meta.instanceNumber ?? 0) },
    }));
    const series = buildSeriesContent(reversedNumbers);
    expect(series.slices.map((s) => s.instanceNumber)).toEqual(Array.from({ length: 28 }, (_, i) => 28 - i));
    const z = series.slices.map((s) => s.position?.[2] ?? Number.NaN);
    expect([...z].sort((a, b) => a - b)).toEqual(z);
  });

  it('expands a real multi-frame instance into one slice per frame', () => {
    const path = join(sampleDataDir(), 'radiology', 'dicom-singles', 'mr_enhanced_multiframe_10f.dcm');
    const meta = parsed('mr', readFileSync(path));
    const series = buildSeriesContent([{ fileId: 'mr', meta }]);
    expect(series.slices.map((s) => s.targetId)).toEqual(Array.from({ length: 10 }, (_, i) => `${meta.sopInstanceUid}#${i + 1}`));
    expect(series.slices.map((s) => s.frame)).toEqual(Array.from({ length: 10 }, (_, i) => i + 1));
    expect(new Set(series.slices.map((s) => s.fileId))).toEqual(new Set(['mr']));
  });
});

describe('buildSeriesContent', () => {
  it('orders the shuffled demo phantom into patient order', () => {
    const { files, truth } = generateHeadCtPhantom();
    const series = buildSeriesContent(files.map(({ name, bytes }) => ({ fileId: name, meta: parsed(name, bytes) })));
    expect(series.slices.map((s) => s.targetId)).toEqual(truth.sopInstanceUids);
    expect(series.slices.map((s) => s.sopInstanceUid)).toEqual(truth.sopInstanceUids);
    expect(series.slices.map((s) => s.position?.[2])).toEqual(Array.from({ length: 24 }, (_, i) => -40 + 5 * i));
    expect(series.slices.every((s) => s.frame === undefined)).toBe(true);
    expect(series).toMatchObject({
      modality: 'CT',
      studyInstanceUid: truth.studyInstanceUid,
      seriesInstanceUid: truth.seriesInstanceUid,
      seriesDescription: 'Synthetic head CT (Mejirushi demo)',
      orientation: [1, 0, 0, 0, 1, 0],
      rows: 512,
      columns: 512,
      pixelSpacing: [0.45, 0.45],
    });
  });

  it('falls back to InstanceNumber when positions are missing, unnumbered slices last', () => {
    const instances = [
      { fileId: 'a', meta: fakeMeta({ sopInstanceUid: '2.25.11', instanceNumber: null }) },
      { fileId: 'b', meta: fakeMeta({ sopInstanceUid: '2.25.12', instanceNumber: 3 }) },
      { fileId: 'c', meta: fakeMeta({ sopInstanceUid: '2.25.13', instanceNumber: 1, imagePosition: [0, 0, 9] }) },
      { fileId: 'd', meta: fakeMeta({ sopInstanceUid: '2.25.14', instanceNumber: 2 }) },
    ];
    expect(buildSeriesContent(instances).slices.map((s) => s.fileId)).toEqual(['c', 'd', 'b', 'a']);
  });

  it('gives each frame of a multi-frame instance its own target id, single frames the plain UID', () => {
    const series = buildSeriesContent([
      { fileId: 'multi', meta: fakeMeta({ sopInstanceUid: '2.25.21', instanceNumber: 2, numberOfFrames: 3 }) },
      { fileId: 'single', meta: fakeMeta({ sopInstanceUid: '2.25.22', instanceNumber: 1 }) },
    ]);
    expect(series.slices).toEqual([
      { targetId: '2.25.22', fileId: 'single', sopInstanceUid: '2.25.22', instanceNumber: 1, position: null },
      { targetId: '2.25.21#1', fileId: 'multi', sopInstanceUid: '2.25.21', instanceNumber: 2, position: null, frame: 1 },
      { targetId: '2.25.21#2', fileId: 'multi', sopInstanceUid: '2.25.21', instanceNumber: 2, position: null, frame: 2 },
      { targetId: '2.25.21#3', fileId: 'multi', sopInstanceUid: '2.25.21', instanceNumber: 2, position: null, frame: 3 },
    ]);
  });

  it('keeps a repeated SOPInstanceUID once and gives the same result for any input order', () => {
    const instances = [
      { fileId: 'z-copy', meta: fakeMeta({ sopInstanceUid: '2.25.31', instanceNumber: 1 }) },
      { fileId: 'a-first', meta: fakeMeta({ sopInstanceUid: '2.25.31', instanceNumber: 1 }) },
      { fileId: 'm', meta: fakeMeta({ sopInstanceUid: '2.25.32', instanceNumber: 1 }) },
    ];
    const series = buildSeriesContent(instances);
    expect(series.slices.map((s) => s.fileId)).toEqual(['a-first', 'm']);
    expect(buildSeriesContent([...instances].reverse())).toEqual(series);
  });

  it('refuses an empty list and instances of more than one series', () => {
    expect(() => buildSeriesContent([])).toThrow(/at least one instance/);
    expect(() =>
      buildSeriesContent([
        { fileId: 'a', meta: fakeMeta({ sopInstanceUid: '2.25.41' }) },
        { fileId: 'b', meta: fakeMeta({ sopInstanceUid: '2.25.42', seriesInstanceUid: '2.25.999' }) },
      ]),
    ).toThrow(/2 series/);
  });
});

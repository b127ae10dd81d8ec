import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Mask, TargetLabel } from '../../annotation';
import { SAH_SLICE_LABEL_SET } from '../../labelSets/builtin';
import { encodeRuns } from '../../mask';
import { voxelSizeOf } from '../../masks/volumeStats';
import { humanProvenance, labelRecord, maskRecord } from '../../testing/records';
import { itemsOf, readDicom, textOf } from '../seg/dicomFile';
import { countingUids, dciodvfyFindings, hasDciodvfy, TEST_SOURCE, testSeries } from '../seg/__tests__/segFixtures';
import { segmentFigures } from './segmentFigures';
import { sliceFindings } from './sliceFindings';
import { COMPREHENSIVE_SR_STORAGE, exportStructuredReport, type SrExportInput } from './srExport';

const series = testSeries(3);
const OUTLINE = SAH_SLICE_LABEL_SET.questions.find((q) => q.id === 'sah-outline')!;
const PIXELS = 64 * 64;

/** Slice 1 SAH present, slices 2–3 present as one range record, none absent: three findings. */
const LABELS: readonly TargetLabel[] = [
  labelRecord('slice-1', ['sah.present']),
  { ...labelRecord('slice-2', ['sah.present']), endTargetId: 'slice-3' },
];

function outline(targetId: string, set: readonly number[]): Mask {
  const labels = new Uint8Array(PIXELS);
  for (const i of set) labels[i] = 1;
  return maskRecord(targetId, 'sah.blood', humanProvenance('alice'), { width: 64, height: 64, runs: encodeRuns(labels), questionId: 'sah-outline' });
}

/** 4 pixels on slice 1 and 2 on slice 3; each slice's HU is 40 + 10 × its number, so the mean is (4×50 + 2×70) / 6. */
const MASKS = [outline('slice-1', [0, 1, 2, 3]), outline('slice-3', [10, 11])];
const HU = (targetId: string) => new Float32Array(PIXELS).fill(40 + 10 * Number(targetId.slice(-1)));
// 0.5 × 0.5 mm pixels, 5 mm apart: 1.25 mm³ a voxel.
const VOLUME_ML = (6 * 1.25) / 1000;
const MEAN_HU = (4 * 50 + 2 * 70) / 6;

function input(overrides: Partial<SrExportInput> = {}): SrExportInput {
  return {
    series,
    source: TEST_SOURCE,
    findings: sliceFindings(series, SAH_SLICE_LABEL_SET.questions, LABELS),
    segments: segmentFigures(OUTLINE, MASKS, voxelSizeOf(series)!, HU),
    segmentation: { sopInstanceUid: '1.2.9.1', seriesInstanceUid: '1.2.9' },
    readers: [{ name: 'Alice Reader', loginName: 'alice' }],
    verifiers: [{ name: 'Rev^Bob', loginName: 'bob', at: new Date('2024-05-02T09:30:15Z') }],
    organization: 'SAH programme',
    complete: true,
    seriesDescription: 'SAH reading',
    now: new Date('2024-05-01T08:00:00Z'),
    newUid: countingUids(),
    ...overrides,
  };
}

function exported(overrides: Partial<SrExportInput> = {}) {
  const result = exportStructuredReport(input(overrides));
  if (!result.ok) throw new Error(result.errors.join('; '));
  return result.value;
}

/** A content item as the tests read it: relationship, value type, concept and value. */
interface Node {
  readonly rel?: string;
  readonly type: string;
  readonly name?: string;
  readonly value?: unknown;
  readonly children?: Node[];
}

const PYTHON = '/usr/bin/python3';
const hasPydicom = spawnSync(PYTHON, ['-c', 'import pydicom']).status === 0;
if (!hasPydicom) console.warn(`pydicom is not installed for ${PYTHON} (Debian: python3-pydicom): the SR was not read back by pydicom`);

/** The SR's content tree as pydicom reads it (readSr.py). */
function readWithPydicom(bytes: Uint8Array): Node & Record<string, unknown> {
  const dir = mkdtempSync(join(tmpdir(), 'mejirushi-sr-'));
  try {
    const file = join(dir, 'sr.dcm');
    writeFileSync(file, bytes);
    const script = join(dirname(fileURLToPath(import.meta.url)), 'readSr.py');
    const run = spawnSync(PYTHON, [script, file], { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(run.stderr);
    return JSON.parse(run.stdout) as Node & Record<string, unknown>;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const childNamed = (node: Node, name: string): Node => {
  const found = node.children?.find((c) => c.name === name);
  if (!found) throw new Error(`no ${name} under ${node.name}`);
  return found;
};

describe('SR content', () => {
  it('reports each slice labelled SAH present, expanding ranges, and no uncoded class', () => {
    const labels = [...LABELS, labelRecord('slice-1', ['sah.absent'], humanProvenance(), 'other-question')];
    const findings = sliceFindings(series, SAH_SLICE_LABEL_SET.questions, labels);
    expect(findings.map((f) => [f.sliceIndex, f.labelClass.code, f.coding.code])).toEqual([
      [0, 'sah.present', '21454007'],
      [1, 'sah.present', '21454007'],
      [2, 'sah.present', '21454007'],
    ]);
    expect(sliceFindings(series, SAH_SLICE_LABEL_SET.questions, [labelRecord('slice-2', ['sah.absent'])])).toEqual([]);
  });

  it("measures each drawn segment's volume and mean HU, numbered as its SEG numbers it, and leaves the mean out where a slice has no HU", () => {
    const [blood] = segmentFigures(OUTLINE, MASKS, voxelSizeOf(series)!, HU);
    expect(blood!.segmentNumber).toBe(1);
    expect(blood!.volumeMl).toBeCloseTo(VOLUME_ML, 12);
    expect(blood!.meanHu).toBeCloseTo(MEAN_HU, 6);
    expect(blood!.targetIds).toEqual(['slice-1', 'slice-3']);
    const unread = segmentFigures(OUTLINE, MASKS, voxelSizeOf(series)!, (id) => (id === 'slice-3' ? null : HU(id)));
    expect([unread[0]!.volumeMl, unread[0]!.meanHu]).toEqual([blood!.volumeMl, null]);
  });

  it('writes a TID 1500 report: language, reader and reviewer as person observers, procedure, image library and measurement groups', () => {
    const sr = exported();
    expect([sr.findingCount, sr.segmentCount, sr.warnings]).toEqual([3, 1, []]);
    const ds = readDicom(sr.bytes);
    expect([ds.SOPClassUID, ds.Modality, ds.StudyInstanceUID, ds.CompletionFlag, ds.VerificationFlag]).toEqual([COMPREHENSIVE_SR_STORAGE, 'SR', '1.2', 'COMPLETE', 'VERIFIED']);
    const verifiers = itemsOf(ds.VerifyingObserverSequence);
    expect(verifiers.map((v) => [itemsOf(v.VerifyingObserverName)[0], itemsOf(v.VerifyingObserverIdentificationCodeSequence), v.VerifyingOrganization, textOf(v.VerificationDateTime)])).toEqual([
      [{ Alphabetic: 'Rev Bob^' }, [], 'SAH programme', '20240502093015+0000'],
    ]);
    expect(itemsOf(ds.ContentTemplateSequence)[0]).toMatchObject({ MappingResource: 'DCMR', TemplateIdentifier: '1500' });
    const root = itemsOf(ds.ContentSequence);
    const concept = (item: Record<string, unknown>) => textOf(itemsOf(item.ConceptNameCodeSequence)[0]!.CodeValue);
    expect(root.map((item) => [item.RelationshipType, item.ValueType, concept(item)])).toEqual([
      ['HAS CONCEPT MOD', 'CODE', '121049'],
      ['HAS OBS CONTEXT', 'CODE', '121005'],
      ['HAS OBS CONTEXT', 'PNAME', '121008'],
      ['HAS OBS CONTEXT', 'TEXT', '128774'],
      ['HAS OBS CONTEXT', 'CODE', '121011'],
      ['HAS OBS CONTEXT', 'CODE', '121005'],
      ['HAS OBS CONTEXT', 'PNAME', '121008'],
      ['HAS OBS CONTEXT', 'TEXT', '128774'],
      ['HAS OBS CONTEXT', 'CODE', '121011'],
      ['HAS CONCEPT MOD', 'CODE', '121058'],
      ['CONTAINS', 'CONTAINER', '111028'],
      ['CONTAINS', 'CONTAINER', '126010'],
    ]);
    // The PN separators of a display name would split it into components: they are spaces.
    expect(itemsOf(root[6]!.PersonName)[0]).toEqual({ Alphabetic: 'Rev Bob^' });
    const evidence = itemsOf(itemsOf(ds.CurrentRequestedProcedureEvidenceSequence)[0]!.ReferencedSeriesSequence);
    expect(evidence.map((s) => [s.SeriesInstanceUID, itemsOf(s.ReferencedSOPSequence).map((r) => r.ReferencedSOPInstanceUID)])).toEqual([
      ['1.2.3', ['1.2.3.1', '1.2.3.2', '1.2.3.3']],
      ['1.2.9', ['1.2.9.1']],
    ]);
  });

  it('leaves the reviewer out and says UNVERIFIED while nobody approved, refers to the source series without a SEG, and says PARTIAL for work in progress', () => {
    const ds = readDicom(exported({ verifiers: [], segmentation: null, complete: false }).bytes);
    expect([ds.VerificationFlag, ds.VerifyingObserverSequence]).toEqual(['UNVERIFIED', undefined]);
    const root = itemsOf(ds.ContentSequence);
    expect(root.filter((item) => item.RelationshipType === 'HAS OBS CONTEXT')).toHaveLength(4);
    const measurements = itemsOf(root.at(-1)!.ContentSequence);
    const volumetric = itemsOf(measurements.at(-1)!.ContentSequence).map((item) => item.ValueType);
    expect(volumetric).toEqual(['TEXT', 'UIDREF', 'CODE', 'UIDREF', 'NUM', 'NUM']);
    expect(ds.CompletionFlag).toBe('PARTIAL');
  });

  it('warns of a class without a standard code and of a mean left out, and refuses a report with nothing in it', () => {
    const uncoded = { ...OUTLINE, classes: OUTLINE.classes.map(({ coding: _drop, ...c }) => c) };
    const segments = segmentFigures(uncoded, MASKS, voxelSizeOf(series)!, () => null);
    const sr = exported({ segments });
    expect(sr.warnings).toEqual([
      expect.stringContaining('class "sah.blood" of question "sah-outline" has no standard code'),
      'the mean HU of "Subarachnoid haemorrhage" is left out: a slice under it could not be read in HU',
    ]);
    expect(exportStructuredReport(input({ findings: [], segments: [] }))).toEqual({
      ok: false,
      errors: ['nothing to report: no slice carries a coded finding and no segment is drawn'],
    });
  });

  it('names every reader of a consensus as performing and every lead who settled it as verifying, each lead in the Verifying Observer Sequence', () => {
    const readers = [
      { name: 'Alice Reader', loginName: 'alice' },
      { name: 'Carol Reader', loginName: 'carol' },
    ];
    const verifiers = [
      { name: 'Lead One', loginName: 'lead1', at: new Date('2024-05-03T10:00:00Z') },
      { name: 'Lead Two', loginName: 'lead2', at: new Date('2024-05-04T11:00:00Z') },
    ];
    const ds = readDicom(exported({ readers, verifiers }).bytes);
    const context = itemsOf(ds.ContentSequence).filter((item) => item.RelationshipType === 'HAS OBS CONTEXT');
    const roles = context.filter((item) => textOf(itemsOf(item.ConceptNameCodeSequence)[0]!.CodeValue) === '121011');
    expect(context.filter((item) => item.ValueType === 'TEXT').map((item) => item.TextValue)).toEqual(['alice', 'carol', 'lead1', 'lead2']);
    expect(roles.map((item) => textOf(itemsOf(item.ConceptCodeSequence)[0]!.CodeValue))).toEqual(['121094', '121094', '121098', '121098']);
    expect(itemsOf(ds.VerifyingObserverSequence).map((v) => [itemsOf(v.VerifyingObserverName)[0], textOf(v.VerificationDateTime)])).toEqual([
      [{ Alphabetic: 'Lead One^' }, '20240503100000+0000'],
      [{ Alphabetic: 'Lead Two^' }, '20240504110000+0000'],
    ]);
  });

  it.skipIf(!hasDciodvfy)('passes dciodvfy without errors or warnings, verified or not, of a reading or a consensus', () => {
    expect(dciodvfyFindings(exported().bytes)).toEqual([]);
    expect(dciodvfyFindings(exported({ verifiers: [], segmentation: null, complete: false }).bytes)).toEqual([]);
    const consensus = exported({
      readers: [
        { name: 'Alice Reader', loginName: 'alice' },
        { name: 'Carol Reader', loginName: 'carol' },
      ],
      verifiers: [
        { name: 'Lead One', loginName: 'lead1', at: new Date('2024-05-03T10:00:00Z') },
        { name: 'Lead Two', loginName: 'lead2', at: new Date('2024-05-04T11:00:00Z') },
      ],
    });
    expect(dciodvfyFindings(consensus.bytes)).toEqual([]);
  });

  it.skipIf(!hasPydicom)('reads back in pydicom with its codes, values and observers', () => {
    const tree = readWithPydicom(exported().bytes);
    expect([tree.sopClass, tree.template, tree.completion, tree.study, tree.name]).toEqual([COMPREHENSIVE_SR_STORAGE, '1500', 'COMPLETE', '1.2', 'DCM 126000']);
    expect([tree.verification, tree.verifiers]).toEqual(['VERIFIED', [['Rev Bob^', 'SAH programme', '20240502093015+0000']]]);
    expect(readWithPydicom(exported({ verifiers: [] }).bytes).verifiers).toEqual([]);
    const observers = tree.children!.filter((c) => c.rel === 'HAS OBS CONTEXT').map((c) => c.value);
    expect(observers).toEqual(['DCM 121006', 'Alice Reader^', 'alice', 'DCM 121094', 'DCM 121006', 'Rev Bob^', 'bob', 'DCM 121098']);
    const library = childNamed(childNamed(tree, 'DCM 111028'), 'DCM 126200');
    expect(library.children!.map((c) => c.value)).toEqual([
      ['1.2.3.1', null],
      ['1.2.3.2', null],
      ['1.2.3.3', null],
    ]);
    const groups = childNamed(tree, 'DCM 126010').children!;
    expect(groups.slice(0, 3).map((g) => [childNamed(g, 'DCM 121071').value, childNamed(g, 'DCM 121112').value])).toEqual([
      ['SCT 21454007', ['1.2.3.1', null]],
      ['SCT 21454007', ['1.2.3.2', null]],
      ['SCT 21454007', ['1.2.3.3', null]],
    ]);
    const volumetric = groups[3]!;
    expect(childNamed(volumetric, 'DCM 121071').value).toBe('SCT 21454007');
    expect(childNamed(volumetric, 'DCM 121191').value).toEqual(['1.2.9.1', 1]);
    expect(childNamed(volumetric, 'DCM 121232').value).toBe('1.2.3');
    const [volume, unit] = childNamed(volumetric, 'SCT 118565006').value as [number, string];
    expect([volume, unit]).toEqual([expect.closeTo(VOLUME_ML, 8), 'ml']);
    const density = childNamed(volumetric, 'DCM 112031');
    expect(density.value).toEqual([expect.closeTo(MEAN_HU, 4), "[hnsf'U]"]);
    expect(density.children).toEqual([{ rel: 'HAS CONCEPT MOD', type: 'CODE', name: 'DCM 121401', value: 'SCT 373098007' }]);
  });
});

/** A small CT series, its source header, a region question (one coded class, one not) and dciodvfy, for the SEG, RTSTRUCT and SR tests. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SeriesItem } from '../../../item';
import type { Question } from '../../../labelSet';
import { question, seriesItem } from '../../../testing/records';
import type { SourceHeader } from '../segSource';

/** `seriesItem(3)` (64×64 axial slices 5 mm apart), as series content. */
export function testSeries(count = 3): SeriesItem {
  const { content } = seriesItem(count);
  if (content.kind !== 'series') throw new Error('seriesItem is a series');
  return content;
}

export const CT_IMAGE_STORAGE = '1.2.840.10008.5.1.4.1.1.2';

export const TEST_SOURCE: SourceHeader = {
  patientAndStudy: {
    PatientName: [{ Alphabetic: 'Phantom^Head' }],
    PatientID: 'PH-1',
    PatientBirthDate: null,
    PatientSex: 'O',
    StudyInstanceUID: '1.2',
    StudyDate: '20240501',
    StudyTime: '080000',
    ReferringPhysicianName: null,
    StudyID: '1',
    AccessionNumber: null,
  },
  sopClassUid: CT_IMAGE_STORAGE,
  frameOfReferenceUid: '1.2.4',
  positionReferenceIndicator: '',
  sliceThickness: 5,
};

/** A region question: `bleed` carries SCT 50960005 (Haemorrhage); `other` has no standard code. */
export const BLEED_QUESTION: Question = (() => {
  const q = question('bleed', 'region', 'single', ['bleed', 'other'], { required: false });
  return { ...q, classes: [{ ...q.classes[0]!, coding: { scheme: 'SCT', code: '50960005', meaning: 'Hemorrhage' } }, q.classes[1]!] };
})();

export const hasDciodvfy = !spawnSync('dciodvfy', ['-version']).error;

/** dciodvfy's error lines for a DICOM object (it exits 0 even on errors, so its output is read). */
export function dciodvfyErrors(bytes: Uint8Array): string[] {
  return dciodvfyFindings(bytes).filter((line) => /^Error/.test(line));
}

/** dciodvfy's error and warning lines for a DICOM object. */
export function dciodvfyFindings(bytes: Uint8Array): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'mejirushi-dciodvfy-'));
  try {
    const file = join(dir, 'object.dcm');
    writeFileSync(file, bytes);
    const run = spawnSync('dciodvfy', [file], { encoding: 'utf8' });
    return `${run.stdout}\n${run.stderr}`
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => /^(Error|Warning)/.test(line));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Sequential UIDs, so a test's objects are reproducible. */
export function countingUids(): () => string {
  let n = 0;
  return () => `2.25.${(n += 1)}`;
}

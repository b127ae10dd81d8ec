/**
 * Where the shared sample data lives. One setting for every test and tool: the env var
 * MEJIRUSHI_SAMPLE_DATA, else `../shared/data` next to the repository. Never copied into the repo.
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** This file sits at <root>/server/testing/sampleData.ts. */
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export function sampleDataDir(): string {
  const fromEnv = process.env.MEJIRUSHI_SAMPLE_DATA;
  return fromEnv && fromEnv.trim() !== '' ? resolve(repoRoot, fromEnv) : resolve(repoRoot, '..', 'shared', 'data');
}

/** True when the radiology samples are present (the folder the DICOM suites read). */
export function hasSampleData(): boolean {
  const radiology = resolve(sampleDataDir(), 'radiology');
  return existsSync(radiology) && statSync(radiology).isDirectory();
}

/** A file of the pathology samples (SVS, OME-TIFF, IHC PNG). */
export function pathologySample(name: string): string {
  return resolve(sampleDataDir(), 'pathology', name);
}

/** True when the pathology samples are present (the folder the slide suites read). */
export function hasPathologySampleData(): boolean {
  return existsSync(pathologySample('CMU-1-Small-Region.svs'));
}

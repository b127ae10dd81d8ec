/**
 * The files the deid benchmarks de-identify: the shared sample series (radiology/ct-head-series-ge,
 * from the sample-data setting) and, to reach the count, generated ones written to a folder,
 * alternately a 512 × 512 head-CT phantom slice and a small slice laden with every kind of
 * identifying attribute (names, IDs, dates, a private tag, nested sequences).
 */
import { readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { phiCtSlice } from '../../src/core/deid/testing/phiDicom';
import { generateHeadCtPhantom } from '../../server/demo/phantom';
import { hasSampleData, sampleDataDir } from '../../server/testing/sampleData';

const SERIES = join('radiology', 'ct-head-series-ge');

export interface DeidBenchFiles {
  readonly paths: readonly string[];
  /** Their sizes summed. */
  readonly bytes: number;
}

/** The sample series, then generated files written in `folder` until there are `count`. */
export async function deidBenchFiles(folder: string, count: number): Promise<DeidBenchFiles> {
  if (!hasSampleData()) throw new Error(`no sample data in ${sampleDataDir()} (set MEJIRUSHI_SAMPLE_DATA)`);
  const series = join(sampleDataDir(), SERIES);
  const samples = (await readdir(series)).filter((name) => name.endsWith('.dcm')).sort().map((name) => join(series, name)).slice(0, count);
  const generated = count - samples.length;
  const phantoms = Math.ceil(generated / 2);
  const slices = phantoms >= 6 ? generateHeadCtPhantom({ sliceCount: Math.min(phantoms, 400), seed: 11 }).files : [];
  const paths = [...samples];
  for (let i = 0; i < generated; i += 1) {
    const phantom = i % 2 === 0 ? slices[(i / 2) % Math.max(1, slices.length)] : undefined;
    const path = join(folder, `${String(i).padStart(5, '0')}.dcm`);
    await writeFile(path, phantom ? phantom.bytes : phiCtSlice(i));
    paths.push(path);
  }
  const sizes = await Promise.all(paths.map(async (path) => (await stat(path)).size));
  return { paths, bytes: sizes.reduce((a, b) => a + b, 0) };
}

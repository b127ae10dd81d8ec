/** Files under a folder, recursively, in a stable order; read one at a time (by the importer) so memory stays flat. */
import { readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { ImportFile } from '../import/importFiles';

export async function listFiles(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

/**
 * Names are paths relative to `root` so reports say where each file is. The importer reads a
 * DICOM file whole and streams a slide (which may be gigabytes).
 */
export async function* readFiles(root: string, paths: readonly string[]): AsyncGenerator<ImportFile> {
  for (const path of paths) {
    yield { name: relative(root, path), path };
  }
}

/**
 * Built-in models, seeded into the registry at every start from `models/<id>/`: `manifest.json`
 * plus `model.onnx` (or `encoder.onnx` + `decoder.onnx`), or a `files.json` mapping each role to a
 * repository-relative path (weights installed from an npm package). Idempotent by SHA-256: a model
 * already registered with the same manifest costs one hash of each file. A manifest that does not
 * fit its files stops the start with a message naming the file: shipping a wrong model is worse
 * than not starting.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type { Kysely } from 'kysely';
import type { ModelManifest } from '../../src/core/models/manifest';
import { validateManifest } from '../../src/core/models/validateManifest';
import type { BlobStore, StoredBlob } from '../blobs/blobStore';
import { isUniqueViolation } from '../db/dialect';
import type { Database } from '../db/schema';
import { recordBlob } from '../services/blobs';
import { labelSetStore, type LabelSetStore } from '../services/labelSets';
import { checkModelAgainstManifest, manifestFiles, type ModelFileRole } from './checkModel';
import { newestLabelSet } from './newestLabelSet';
import { findModel, insertModel, replaceBuiltinManifest } from './registry';

/** `models/` at the repository root. */
export const BUILTIN_MODELS_DIR = fileURLToPath(new URL('../../models', import.meta.url));

export interface SeedOptions {
  readonly modelsDir: string;
  /** Where `files.json` paths start; default: the folder above `modelsDir` (the repository root). */
  readonly repoRoot?: string;
  readonly now: () => Date;
}

export class BuiltinModelError extends Error {
  override readonly name = 'BuiltinModelError';
}

/** Seeds every model folder; returns the ids seeded or refreshed (unchanged ones are left out). */
export async function seedBuiltinModels(db: Kysely<Database>, blobs: BlobStore, options: SeedOptions): Promise<string[]> {
  if (!existsSync(options.modelsDir)) return [];
  const repoRoot = options.repoRoot ?? dirname(resolve(options.modelsDir));
  const changed: string[] = [];
  const folders = readdirSync(options.modelsDir)
    .filter((name) => existsSync(join(options.modelsDir, name, 'manifest.json')) && statSync(join(options.modelsDir, name)).isDirectory())
    .sort();
  const labelSets = labelSetStore(db);
  for (const folder of folders) {
    if (await seedOne(db, blobs, labelSets, join(options.modelsDir, folder), repoRoot, options.now)) changed.push(folder);
  }
  return changed;
}

async function seedOne(db: Kysely<Database>, blobs: BlobStore, labelSets: LabelSetStore, folder: string, repoRoot: string, now: () => Date): Promise<boolean> {
  const manifestPath = join(folder, 'manifest.json');
  const shown = (path: string) => relative(repoRoot, path) || path;
  let input: unknown;
  try {
    input = JSON.parse(await readFile(manifestPath, 'utf8'));
  } catch (error) {
    throw new BuiltinModelError(`built-in model ${shown(manifestPath)} is not readable JSON: ${(error as Error).message}`);
  }
  const labelSetId = (input as { labelSetId?: unknown } | null)?.labelSetId;
  const labelSet = (typeof labelSetId === 'string' ? await newestLabelSet(db, labelSets, labelSetId) : null) ?? undefined;
  const valid = validateManifest(input, labelSet);
  if (!valid.ok) throw new BuiltinModelError(`built-in model ${shown(manifestPath)} is refused:\n  ${valid.errors.join('\n  ')}`);
  const manifest = valid.value;
  if (typeof labelSetId === 'string' && !labelSet) throw new BuiltinModelError(`built-in model ${shown(manifestPath)} names label set "${labelSetId}", which this server does not have`);

  const paths = await filePaths(folder, repoRoot, manifest);
  const files: Partial<Record<ModelFileRole, Buffer>> = {};
  for (const { role, file } of manifestFiles(manifest)) {
    const path = paths[role] as string;
    let bytes: Buffer;
    try {
      bytes = await readFile(path);
    } catch {
      throw new BuiltinModelError(`built-in model ${shown(manifestPath)}: its ${role} file ${shown(path)} cannot be read`);
    }
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    if (sha256 !== file.sha256) {
      throw new BuiltinModelError(`built-in model ${shown(manifestPath)} says the ${role} file's SHA-256 is ${file.sha256}, but ${shown(path)} has ${sha256}`);
    }
    files[role] = bytes;
  }

  const existing = await findModel(db, manifest.id, manifest.version);
  if (existing && JSON.stringify(existing.manifest) === JSON.stringify(manifest) && (await allStored(blobs, manifest))) return false;

  const reasons = checkModelAgainstManifest(manifest, files, { maxBytes: Number.POSITIVE_INFINITY });
  if (reasons.length > 0) throw new BuiltinModelError(`built-in model ${shown(manifestPath)} does not fit its files:\n  ${reasons.join('\n  ')}`);
  const at = now().toISOString();
  const stored: StoredBlob[] = [];
  for (const { role } of manifestFiles(manifest)) stored.push(await blobs.put(Readable.from([files[role] as Buffer])));
  try {
    await db.transaction().execute(async (trx) => {
      for (const blob of stored) await recordBlob(trx, blob, at);
      if (existing) await replaceBuiltinManifest(trx, manifest);
      else await insertModel(trx, manifest, { builtin: true, enabled: true, uploadedBy: null, at });
    });
  } catch (error) {
    // Another instance starting at the same moment seeded it first. Caught outside the
    // transaction: PostgreSQL aborts a transaction at its first error, so it cannot go on inside.
    if (!isUniqueViolation(error)) throw error;
    return false;
  }
  return true;
}

async function filePaths(folder: string, repoRoot: string, manifest: ModelManifest): Promise<Partial<Record<ModelFileRole, string>>> {
  const mapping = join(folder, 'files.json');
  if (existsSync(mapping)) {
    const roles = JSON.parse(await readFile(mapping, 'utf8')) as Partial<Record<ModelFileRole, string>>;
    const paths: Partial<Record<ModelFileRole, string>> = {};
    for (const { role } of manifestFiles(manifest)) {
      const path = roles[role];
      if (typeof path !== 'string') throw new BuiltinModelError(`built-in model ${join(folder, 'files.json')} names no path for the ${role} file`);
      paths[role] = resolve(repoRoot, path);
    }
    return paths;
  }
  return { model: join(folder, 'model.onnx'), encoder: join(folder, 'encoder.onnx'), decoder: join(folder, 'decoder.onnx') };
}

async function allStored(blobs: BlobStore, manifest: ModelManifest): Promise<boolean> {
  for (const { file } of manifestFiles(manifest)) if (!(await blobs.stat(file.sha256))) return false;
  return true;
}

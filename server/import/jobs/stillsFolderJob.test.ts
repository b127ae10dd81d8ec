/** A stills folder's job: named by its folder, told apart from a file's job by its kind, its stills read back from its manifest blob. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { blobStoreIn } from '../../blobs/diskBlobStore';
import type { BlobStore } from '../../blobs/blobStore';
import { isStillsFolderJob, stillsFolderJobName, stillsOfJob, storeStillsManifest } from './stillsFolderJob';

describe('stills folder job', () => {
  let dir = '';
  let blobs: BlobStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'mejirushi-stills-job-'));
    blobs = blobStoreIn(dir);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const stage = (text: string) => blobs.put(Readable.from([Buffer.from(text)]));

  it('is named by the stills\' common folder, else "stills", and its kind, not its name, marks it as a folder', () => {
    const still = (name: string) => ({ name, sha256: 'a'.repeat(64) });
    expect(stillsFolderJobName({ files: [still('SATO/1.png'), still('SATO/sub/2.png')] })).toBe('SATO/');
    expect(stillsFolderJobName({ files: [still('SATO/1.png'), still('SUZUKI/2.png')] })).toBe('stills/');
    expect(stillsFolderJobName({ files: [still('1.png')] })).toBe('stills/');
    expect(isStillsFolderJob({ kind: 'stillsFolder' })).toBe(true);
    expect(isStillsFolderJob({ kind: 'file' })).toBe(false);
  });

  it('reads its stills back by name and blob from its manifest, and fails when a staged still is gone', async () => {
    const first = await stage('first');
    const second = await stage('second');
    const manifest = await storeStillsManifest(blobs, { files: [{ name: 'SATO/2.png', sha256: second.sha256 }, { name: 'SATO/1.png', sha256: first.sha256 }] });
    expect(await stillsOfJob(blobs, { source_sha256: manifest.sha256 })).toEqual([
      { name: 'SATO/2.png', stored: second },
      { name: 'SATO/1.png', stored: first },
    ]);
    const gone = await storeStillsManifest(blobs, { files: [{ name: 'SATO/3.png', sha256: 'b'.repeat(64) }] });
    await expect(stillsOfJob(blobs, { source_sha256: gone.sha256 })).rejects.toThrow('SATO/3.png');
  });
});

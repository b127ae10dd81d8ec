/**
 * A video import works in the data folder's work folders, not the system's temporary folder, and
 * leaves none behind, whether it succeeds or fails midway with decoded frames on disk.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SAH_SLICE_LABEL_SET } from '../../src/core/labelSets/builtin';
import type { BlobStore } from '../blobs/blobStore';
import { blobStoreIn } from '../blobs/diskBlobStore';
import { prepareDatabase } from '../bootstrap';
import { createDataset } from '../services/datasets';
import { makeTestVideo } from '../testing/frameFixtures';
import { openTestDatabase, testDialects, type TestDatabase } from '../testing/testDatabase';
import { ALIVE_FILE, WorkDirs, workRootIn } from '../workDirs/workDirs';
import { importVideoFile } from './importVideo';

/** Work folders that note every folder they hand out. */
function recordingWorkDirs(dataDir: string): { workDirs: WorkDirs; made: string[] } {
  const workDirs = new WorkDirs(dataDir, 'importer');
  const made: string[] = [];
  const make = workDirs.workDir.bind(workDirs);
  workDirs.workDir = async (prefix) => {
    const dir = await make(prefix);
    made.push(dir.path);
    return dir;
  };
  return { workDirs, made };
}

describe.each(testDialects('video work folders'))('a video import’s work folders (%s)', (dialect) => {
  let database: TestDatabase;
  let datasetId: string;
  const now = () => new Date('2026-03-01T09:00:00.000Z');
  beforeEach(async () => {
    database = await openTestDatabase(dialect);
    await prepareDatabase(database.db);
    const { id, version } = SAH_SLICE_LABEL_SET;
    datasetId = (await createDataset(database.db, { name: 'videos', description: '', labelSetId: id, labelSetVersion: version }, null, now().toISOString())).id;
  });
  afterEach(async () => database.dispose());

  async function video(name: string): Promise<string> {
    const path = join(database.dataDir, name);
    await makeTestVideo(path, { format: 'mp4', width: 160, height: 120, fps: 10, seconds: 1 });
    return path;
  }

  it('decodes under <data>/tmp/work/<instance>/ and removes its folder once imported', async () => {
    const { workDirs, made } = recordingWorkDirs(database.dataDir);
    const outcome = await importVideoFile(database.db, datasetId, { name: 'clip.mp4', path: await video('clip.mp4') }, 'mp4', null, { blobs: blobStoreIn(database.dataDir), now, workDirs });

    expect(outcome.status).toBe('imported');
    expect(made).toHaveLength(1);
    expect(made[0]?.startsWith(join(workRootIn(database.dataDir), 'importer', 'video-'))).toBe(true);
    expect(existsSync(made[0] as string)).toBe(false);
    expect(readdirSync(workDirs.root)).toEqual([ALIVE_FILE]);
    await workDirs.close();
  });

  it('removes its folders when storing the decoded frames fails', async () => {
    const { workDirs, made } = recordingWorkDirs(database.dataDir);
    const disk = blobStoreIn(database.dataDir);
    let puts = 0;
    // Not the disk store, so the video is copied into a work folder too; the first frame's put fails (the disk full).
    const failing: BlobStore = {
      put: async (source, options) => {
        puts += 1;
        if (puts > 1) throw new Error('no space left on device');
        return disk.put(source, options);
      },
      stat: (sha256) => disk.stat(sha256),
      read: (sha256, range) => disk.read(sha256, range),
      list: () => disk.list(),
      delete: (sha256, options) => disk.delete(sha256, options),
    };
    const outcome = await importVideoFile(database.db, datasetId, { name: 'clip.mp4', path: await video('clip.mp4') }, 'mp4', null, { blobs: failing, now, workDirs });

    expect(outcome).toMatchObject({ status: 'refused', reason: expect.stringContaining('no space left on device') });
    expect(made.map((path) => path.slice(workDirs.root.length + 1).replace(/-.*/, '')).sort()).toEqual(['blob', 'video']);
    for (const path of made) expect(existsSync(path)).toBe(false);
    expect(readdirSync(workDirs.root)).toEqual([ALIVE_FILE]);
    await workDirs.close();
  });
});

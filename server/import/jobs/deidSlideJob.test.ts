/** The staging folder of slides waiting for their de-identification job, swept at start-up of what killed servers left. */
import { mkdirSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GASTRIC_BIOPSY_LABEL_SET } from '../../../src/core/labelSets/builtin';
import { prepareDatabase } from '../../bootstrap';
import { createDataset } from '../../services/datasets';
import { openTestDatabase, testDialects, type TestDatabase } from '../../testing/testDatabase';
import { stagingDirIn, sweepStagingDir } from './deidSlideJob';
import { finishCancelledImportJob, insertImportJob } from './jobRows';

describe.each(testDialects('slide staging sweep'))('the slide staging folder on %s', (dialect) => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await openTestDatabase(dialect);
    await prepareDatabase(database.db);
  });
  afterEach(async () => database.dispose());

  it('lies in the data folder, and keeps only the slides of unfinished jobs and uploads under a day old', async () => {
    const at = new Date('2026-02-01T10:00:00.000Z');
    const { id, version } = GASTRIC_BIOPSY_LABEL_SET;
    const datasetId = (await createDataset(database.db, { name: 'staged', description: '', labelSetId: id, labelSetVersion: version }, null, at.toISOString())).id;
    const job = (name: string) => insertImportJob(database.db, { datasetId, createdBy: null, fileName: name, kind: 'deidSlide', source: { sha256: 'a'.repeat(64), size: 1 } }, 'instance A', at.toISOString());
    const waiting = await job('waiting.svs');
    const ended = await job('ended.svs');
    await finishCancelledImportJob(database.db, ended.id, 'instance A', { outcomes: [], itemIds: [] }, at.toISOString());

    const dir = stagingDirIn(database.dataDir);
    expect(dir.startsWith(join(database.dataDir, 'tmp'))).toBe(true);
    mkdirSync(dir, { recursive: true });
    for (const name of [`job-${waiting.id}`, `job-${ended.id}`, `job-${crypto.randomUUID()}`, 'upload-fresh', 'upload-old']) writeFileSync(join(dir, name), 'slide');
    const twoDaysAgo = new Date(at.getTime() - 2 * 24 * 60 * 60 * 1000);
    utimesSync(join(dir, 'upload-old'), twoDaysAgo, twoDaysAgo);
    const anHourAgo = new Date(at.getTime() - 60 * 60 * 1000);
    utimesSync(join(dir, 'upload-fresh'), anHourAgo, anHourAgo);

    expect(await sweepStagingDir(database.db, dir, at)).toBe(3);
    expect(readdirSync(dir).sort()).toEqual([`job-${waiting.id}`, 'upload-fresh'].sort());
    // No folder yet (a first start): nothing to sweep.
    expect(await sweepStagingDir(database.db, join(dir, 'none'), at)).toBe(0);
  });
});

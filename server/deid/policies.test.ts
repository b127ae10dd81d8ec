import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASIC_PROFILE_ONLY } from '../../src/core/deid/policy';
import { SAH_SLICE_LABEL_SET } from '../../src/core/labelSets/builtin';
import { prepareDatabase } from '../bootstrap';
import { createDataset } from '../services/datasets';
import { openTestDatabase, testDialects, type TestDatabase } from '../testing/testDatabase';
import { judgeDeid } from './enforcePolicy';
import { listDeidReports, PROJECT_KEY_ID, readDeidKey, readDeidPolicy, saveDeidReport, setDeidPolicy } from './policies';

describe.each(testDialects('deid policies'))('de-identification policies on %s', (dialect) => {
  let database: TestDatabase;
  let datasetId = '';
  const at = '2026-01-15T09:00:00.000Z';
  beforeAll(async () => {
    database = await openTestDatabase(dialect);
    await prepareDatabase(database.db);
    datasetId = (await createDataset(database.db, { name: 'D', description: '', labelSetId: SAH_SLICE_LABEL_SET.id, labelSetVersion: SAH_SLICE_LABEL_SET.version }, null, at)).id;
  });
  afterAll(() => database.dispose());

  it('is off until set, keeps one project key across changes, and sets back to off', async () => {
    const { db } = database;
    expect(await readDeidPolicy(db, datasetId)).toEqual({ mode: 'off' });
    expect(await readDeidKey(db, PROJECT_KEY_ID)).toBeNull();
    const options = { ...BASIC_PROFILE_ONLY, temporal: 'modifiedDates' } as const;
    expect(await setDeidPolicy(db, datasetId, 'required', options, 'admin-1', at)).toEqual({ mode: 'required', options, keyId: PROJECT_KEY_ID });
    const key = await readDeidKey(db, PROJECT_KEY_ID);
    expect(key?.length).toBe(32);
    await setDeidPolicy(db, datasetId, 'required', BASIC_PROFILE_ONLY, 'admin-1', at);
    expect(await readDeidKey(db, PROJECT_KEY_ID)).toEqual(key);
    expect(await readDeidPolicy(db, datasetId)).toEqual({ mode: 'required', options: BASIC_PROFILE_ONLY, keyId: PROJECT_KEY_ID });
    await setDeidPolicy(db, datasetId, 'off', BASIC_PROFILE_ONLY, 'admin-1', at);
    expect(await readDeidPolicy(db, datasetId)).toEqual({ mode: 'off' });
    const audited = await db.selectFrom('audit_log').select('action').where('action', '=', 'dataset.deidPolicy').execute();
    expect(audited).toHaveLength(3);
  });

  it('keeps the last report of an instance', async () => {
    const report = { sopInstanceUid: '2.25.7', methodCodes: ['113100'], dayShift: null, entries: [] };
    await saveDeidReport(database.db, datasetId, report, at);
    await saveDeidReport(database.db, datasetId, { ...report, methodCodes: ['113100', '113105'] }, at);
    expect(await listDeidReports(database.db, datasetId)).toEqual([{ ...report, methodCodes: ['113100', '113105'] }]);
  });

  it('admits anything under off, and nothing that is not DICOM under required', () => {
    expect(judgeDeid({ mode: 'off' }, new Uint8Array(3))).toMatchObject({ admitted: true, fileName: null });
    expect(judgeDeid({ mode: 'required', options: BASIC_PROFILE_ONLY, keyId: PROJECT_KEY_ID }, new Uint8Array(3))).toMatchObject({ admitted: false, findings: [] });
  });
});

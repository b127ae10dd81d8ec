import { describe, expect, it } from 'vitest';
import { deidentifyDicom } from './deidentify';
import { importDeidKey } from './keyedHash';
import { BASIC_PROFILE_ONLY } from './policy';
import { parseDeidReport } from './report';
import { phiCtSlice } from './testing/phiDicom';

describe('parseDeidReport', () => {
  it('takes back what deidentifyDicom wrote', async () => {
    const { report } = await deidentifyDicom(phiCtSlice(0), BASIC_PROFILE_ONLY, importDeidKey(new Uint8Array(32)));
    expect(parseDeidReport(JSON.parse(JSON.stringify(report)))).toEqual(report);
  });

  it('refuses free text wherever a report could carry it', () => {
    const good = { sopInstanceUid: '2.25.1', methodCodes: ['113100'], dayShift: null, entries: [{ path: '(0010,0010)', keyword: 'PatientName', outcome: 'emptied', by: 'basic' }] };
    expect(parseDeidReport(good)).toEqual(good);
    expect(parseDeidReport({ ...good, sopInstanceUid: 'Yamada Hanako' })).toBeNull();
    expect(parseDeidReport({ ...good, methodCodes: ['Yamada'] })).toBeNull();
    expect(parseDeidReport({ ...good, entries: [{ ...good.entries[0], path: 'Yamada' }] })).toBeNull();
    expect(parseDeidReport({ ...good, entries: [{ ...good.entries[0], keyword: 'Yamada Hanako' }] })).toBeNull();
    expect(parseDeidReport({ ...good, entries: [{ ...good.entries[0], outcome: 'Yamada' }] })).toBeNull();
  });
});

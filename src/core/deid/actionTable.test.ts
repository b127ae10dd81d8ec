import { describe, expect, it } from 'vitest';
import { actionRowOf } from './actionTable';
import { BASIC_PROFILE_ONLY } from './policy';
import { resolveAction } from './resolveAction';

const NO_CREATORS = new Map<string, string>();

describe('Table E.1-1 as data', () => {
  it.each([
    ['00100010', 'PatientName', 'Z'],
    ['00100020', 'PatientID', 'Z'],
    ['00100030', 'PatientBirthDate', 'Z'],
    ['00080050', 'AccessionNumber', 'Z'],
    ['00080080', 'InstitutionName', 'X'],
    ['0020000D', 'StudyInstanceUID', 'U'],
    ['00080018', 'SOPInstanceUID', 'U'],
    ['00081155', 'ReferencedSOPInstanceUID', 'U'],
    ['00080090', 'ReferringPhysicianName', 'Z'],
    ['00101002', 'OtherPatientIDsSequence', 'X'],
    ['0040A123', 'PersonName', 'D'],
    ['00081140', 'ReferencedImageSequence', 'K'],
  ])('%s %s: %s', (tag, keyword, action) => {
    expect(actionRowOf(tag)).toMatchObject({ keyword, basic: action });
  });

  it('matches the repeating overlay and curve groups, and no odd group', () => {
    expect(actionRowOf('60023000')?.keyword).toBe('OverlayData');
    expect(actionRowOf('60004000')?.keyword).toBe('OverlayComments');
    expect(actionRowOf('501E0010')?.keyword).toBe('CurveData');
    expect(actionRowOf('60013000')).toBeUndefined();
    expect(actionRowOf('60000010')).toBeUndefined();
  });

  it('removes every private attribute unless safe-listed and the option is on', () => {
    const creators = new Map([['00190010', 'SIEMENS MR HEADER']]);
    expect(resolveAction('00091001', 'LO', BASIC_PROFILE_ONLY, NO_CREATORS, 'classic')).toMatchObject({ action: 'X', keyword: 'Private' });
    expect(resolveAction('0019100C', 'IS', BASIC_PROFILE_ONLY, creators, 'classic')?.action).toBe('X');
    const safe = { ...BASIC_PROFILE_ONLY, retainSafePrivate: true };
    expect(resolveAction('0019100C', 'IS', safe, creators, 'classic')).toMatchObject({ action: 'K', by: 'safePrivate' });
    expect(resolveAction('00190010', 'LO', safe, creators, 'classic')).toMatchObject({ action: 'K', by: 'safePrivate' });
    expect(resolveAction('00191099', 'LO', safe, creators, 'classic')?.action).toBe('X');
  });

  it('lets each option change only its own column', () => {
    const all = {
      temporal: 'modifiedDates',
      retainPatientCharacteristics: true,
      retainDeviceIdentity: true,
      cleanDescriptors: true,
      cleanStructuredContent: true,
      retainSafePrivate: true,
    } as const;
    expect(resolveAction('00080020', 'DA', all, NO_CREATORS, 'classic')).toMatchObject({ action: 'C', by: 'temporal' });
    expect(resolveAction('00080030', 'TM', all, NO_CREATORS, 'classic')).toMatchObject({ action: 'K', by: 'temporal' });
    expect(resolveAction('00080020', 'DA', { ...all, temporal: 'fullDates' }, NO_CREATORS, 'classic')).toMatchObject({ action: 'K', by: 'temporal' });
    // No temporal option keeps a birth date.
    expect(resolveAction('00100030', 'DA', all, NO_CREATORS, 'classic')).toMatchObject({ action: 'Z', by: 'basic' });
    expect(resolveAction('00100040', 'CS', all, NO_CREATORS, 'classic')).toMatchObject({ action: 'K', by: 'patientCharacteristics' });
    expect(resolveAction('00181000', 'LO', all, NO_CREATORS, 'classic')).toMatchObject({ action: 'K', by: 'deviceIdentity' });
    expect(resolveAction('0008103E', 'LO', all, NO_CREATORS, 'classic')).toMatchObject({ action: 'C', by: 'cleanDescriptors' });
    expect(resolveAction('0040A730', 'SQ', all, NO_CREATORS, 'classic')).toMatchObject({ action: 'C', by: 'cleanStructuredContent' });
    // Names and IDs stay removed whatever the options.
    expect(resolveAction('00100010', 'PN', all, NO_CREATORS, 'classic')).toMatchObject({ action: 'Z', by: 'basic' });
    expect(resolveAction('00080080', 'LO', all, NO_CREATORS, 'classic')).toMatchObject({ action: 'X', by: 'basic' });
  });

  it.each([
    ['Content Date', '00080023', 'DA', 'enhanced', BASIC_PROFILE_ONLY, 'D', 'basic'],
    ['Content Time', '00080033', 'TM', 'enhanced', BASIC_PROFILE_ONLY, 'D', 'basic'],
    ['Acquisition DateTime', '0008002A', 'DT', 'enhanced', BASIC_PROFILE_ONLY, 'D', 'basic'],
    ['Device Serial Number', '00181000', 'LO', 'enhanced', BASIC_PROFILE_ONLY, 'D', 'basic'],
    ['Content Date', '00080023', 'DA', 'classic', BASIC_PROFILE_ONLY, 'Z', 'basic'],
    ['Acquisition DateTime', '0008002A', 'DT', 'classic', BASIC_PROFILE_ONLY, 'X', 'basic'],
    // An attribute with no enhanced action, and the options, are as in any IOD.
    ['Study Date', '00080020', 'DA', 'enhanced', BASIC_PROFILE_ONLY, 'Z', 'basic'],
    ['Content Date', '00080023', 'DA', 'enhanced', { ...BASIC_PROFILE_ONLY, temporal: 'modifiedDates' }, 'C', 'temporal'],
    ['Device Serial Number', '00181000', 'LO', 'enhanced', { ...BASIC_PROFILE_ONLY, retainDeviceIdentity: true }, 'K', 'deviceIdentity'],
  ] as const)('%s (%s %s) in a %s instance, options %j: %s by %s (D where an enhanced IOD requires it)', (_, tag, vr, kind, options, action, by) => {
    expect(resolveAction(tag, vr, options, NO_CREATORS, kind)).toMatchObject({ action, by });
  });
});

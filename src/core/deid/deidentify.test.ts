import { describe, expect, it } from 'vitest';
import { textsOf } from './dataSet';
import { deidentifyDicom, readPart10 } from './deidentify';
import { checkDeidentified } from './identifying';
import { importDeidKey, keyedUid } from './keyedHash';
import { BASIC_PROFILE_ONLY, type DeidOptions } from './policy';
import { PHI_STRINGS, PHI_UIDS, phiCtSlice } from './testing/phiDicom';

const keyOf = (fill: number) => importDeidKey(new Uint8Array(32).fill(fill));

function attribute(bytes: Uint8Array, ...path: string[]): string[] {
  let dataSet = readPart10(bytes).dict;
  for (const step of path.slice(0, -1)) dataSet = (dataSet[step]?.Value?.[0] ?? {}) as typeof dataSet;
  const element = dataSet[path.at(-1) as string];
  // dcmjs reads a zero-length value as one empty string.
  return element ? textsOf(element).filter((text) => text.trim() !== '') : ['<absent>'];
}

describe('deidentifyDicom (PS3.15 E.1-1 basic profile)', () => {
  it('leaves none of the PHI strings in the file, in any character set', async () => {
    const { bytes } = await deidentifyDicom(phiCtSlice(0), BASIC_PROFILE_ONLY, await keyOf(1));
    const asUtf8 = new TextDecoder().decode(bytes);
    const asLatin1 = new TextDecoder('latin1').decode(bytes);
    for (const phi of PHI_STRINGS) {
      expect(asUtf8.includes(phi) || asLatin1.includes(phi), phi).toBe(false);
    }
  });

  it('empties, removes and remaps per the table and says so in the report', async () => {
    const { bytes, report } = await deidentifyDicom(phiCtSlice(0), BASIC_PROFILE_ONLY, await keyOf(1));
    expect(attribute(bytes, '00100010')).toEqual([]);
    expect(attribute(bytes, '00100020')).toEqual([]);
    expect(attribute(bytes, '00100030')).toEqual([]);
    expect(attribute(bytes, '00080050')).toEqual([]);
    expect(attribute(bytes, '00080080')).toEqual(['<absent>']);
    expect(attribute(bytes, '00101002')).toEqual(['<absent>']);
    expect(attribute(bytes, '00091001')).toEqual(['<absent>']);
    expect(attribute(bytes, '00120062')).toEqual(['YES']);
    const outcome = (path: string) => report.entries.find((entry) => entry.path === path)?.outcome;
    expect(outcome('(0010,0010)')).toBe('emptied');
    expect(outcome('(0008,0080)')).toBe('removed');
    expect(outcome('(0020,000D)')).toBe('remapped');
    expect(outcome('(0009,1001)')).toBe('removed');
    expect(outcome('(0008,1140)[0].(0008,1155)')).toBe('remapped');
    expect(outcome('(0008,1140)[0].(0010,0010)')).toBe('emptied');
    expect(report.methodCodes).toEqual(['113100']);
    expect(JSON.stringify(report)).not.toContain('PHI');
  });

  it('maps UIDs by the key alone: the same key gives the same UIDs, nested ones too; another key others', async () => {
    const [one, again, other] = [await keyOf(1), await keyOf(1), await keyOf(2)];
    const first = await deidentifyDicom(phiCtSlice(0), BASIC_PROFILE_ONLY, one);
    const second = await deidentifyDicom(phiCtSlice(1), BASIC_PROFILE_ONLY, again);
    const elsewhere = await deidentifyDicom(phiCtSlice(0), BASIC_PROFILE_ONLY, other);
    const study = attribute(first.bytes, '0020000D')[0];
    expect(study).toBe(keyedUid(one, PHI_UIDS.study));
    expect(study).toMatch(/^2\.25\.\d{1,39}$/);
    // Two slices of one series uploaded apart stay one study and one series.
    expect(attribute(second.bytes, '0020000D')[0]).toBe(study);
    expect(attribute(second.bytes, '0020000E')).toEqual(attribute(first.bytes, '0020000E'));
    expect(attribute(second.bytes, '00080018')).not.toEqual(attribute(first.bytes, '00080018'));
    expect(attribute(first.bytes, '00081140', '00081155')).toEqual([keyedUid(one, PHI_UIDS.referencedImage)]);
    expect(attribute(elsewhere.bytes, '0020000D')[0]).not.toBe(study);
    // The File Meta names the new instance too.
    expect(textsOf(readPart10(first.bytes).meta['00020003'] ?? { vr: 'UI' })).toEqual(attribute(first.bytes, '00080018'));
  });

  it('applies the options and writes their codes', async () => {
    const options: DeidOptions = {
      temporal: 'modifiedDates',
      retainPatientCharacteristics: true,
      retainDeviceIdentity: true,
      cleanDescriptors: true,
      cleanStructuredContent: false,
      retainSafePrivate: true,
    };
    const edit = (dataSet: Record<string, { vr: string; Value?: unknown[] }>) => {
      dataSet['0008103E'] = { vr: 'LO', Value: ['頭部 PHIFAMILY 単純'] };
      dataSet['00190010'] = { vr: 'LO', Value: ['SIEMENS MR HEADER'] };
      dataSet['0019100C'] = { vr: 'IS', Value: [1000] };
    };
    const key = await keyOf(1);
    const first = await deidentifyDicom(phiCtSlice(0, edit), options, key);
    const second = await deidentifyDicom(phiCtSlice(1, edit), options, key);
    expect(first.report.methodCodes).toEqual(['113100', '113105', '113107', '113108', '113109', '113111']);
    expect(attribute(first.bytes, '00100040')).toEqual(['F']);
    expect(attribute(first.bytes, '00101010')).toEqual(['078Y']);
    expect(attribute(first.bytes, '00081010')).toEqual(['PHISTATION']);
    // The descriptor keeps its Japanese text, less the patient's name.
    expect(attribute(first.bytes, '0008103E')).toEqual(['頭部 単純']);
    expect(attribute(first.bytes, '0019100C')).toEqual(['1000']);
    expect(attribute(first.bytes, '00091001')).toEqual(['<absent>']);
    // One patient, one shift: intervals between a patient's dates survive.
    const shifted = attribute(first.bytes, '00080020')[0];
    expect(shifted).not.toBe('20240115');
    expect(attribute(second.bytes, '00080020')[0]).toBe(shifted);
    expect(first.report.dayShift).toBeLessThan(0);
    expect(attribute(first.bytes, '00100030')).toEqual([]);
    expect(attribute(first.bytes, '00280303')).toEqual(['MODIFIED']);
    expect(checkDeidentified(first.bytes, options).findings).toEqual([]);
  });

  it('keeps an enhanced image valid: its Content Date, Content Time, Acquisition DateTime and Device Serial Number get dummy values, which the upload check admits', async () => {
    const enhanced = phiCtSlice(0, (dataSet) => {
      dataSet['00080016'] = { vr: 'UI', Value: ['1.2.840.10008.5.1.4.1.1.2.1'] };
      dataSet['00080023'] = { vr: 'DA', Value: ['20240115'] };
      dataSet['00080033'] = { vr: 'TM', Value: ['101500'] };
      dataSet['0008002A'] = { vr: 'DT', Value: ['20240115101500'] };
      dataSet['00181000'] = { vr: 'LO', Value: ['PHISERIAL-7'] };
    });
    const { bytes, report } = await deidentifyDicom(enhanced, BASIC_PROFILE_ONLY, await keyOf(1));
    expect([attribute(bytes, '00080023'), attribute(bytes, '00080033'), attribute(bytes, '0008002A'), attribute(bytes, '00181000')]).toEqual([['19000101'], ['000000'], ['19000101000000'], ['ANONYMOUS']]);
    expect(report.entries.find((entry) => entry.path === '(0008,0023)')?.outcome).toBe('replaced');
    expect(checkDeidentified(bytes, BASIC_PROFILE_ONLY).findings).toEqual([]);
    // The same attributes of a classic CT image are emptied and removed, as before.
    const classic = await deidentifyDicom(phiCtSlice(0, (dataSet) => (dataSet['00080023'] = { vr: 'DA', Value: ['20240115'] })), BASIC_PROFILE_ONLY, await keyOf(1));
    expect(attribute(classic.bytes, '00080023')).toEqual([]);
  });

  it('reads a Japanese name in another character set and removes it', async () => {
    const { bytes } = await deidentifyDicom(
      phiCtSlice(0, (dataSet) => {
        dataSet['00100010'] = { vr: 'PN', Value: [{ Alphabetic: 'Yamada^Hanako', Ideographic: '山田^花子', Phonetic: 'やまだ^はなこ' }] };
      }),
      BASIC_PROFILE_ONLY,
      await keyOf(1),
    );
    expect(attribute(bytes, '00100010')).toEqual([]);
    expect(new TextDecoder().decode(bytes)).not.toMatch(/山田|やまだ|Yamada/);
    expect(attribute(bytes, '00080005')).toEqual(['ISO_IR 192']);
  });
});

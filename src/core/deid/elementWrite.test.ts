/**
 * The element encoder gives dcmjs's bytes for every case it takes on (each compared with
 * `DicomMessage.write` in explicit and implicit VR little endian), and takes on nothing else.
 */
import dcmjs, { type DcmjsDataSet, type DcmjsElement } from 'dcmjs';
import { describe, expect, it } from 'vitest';
import { EXPLICIT_VR_LITTLE_ENDIAN, IMPLICIT_VR_LITTLE_ENDIAN } from '../dicomEncoding';
import { encodeElement, encodeMetaGroup, GrowingBytes } from './elementWrite';

const SYNTAXES = [
  ['explicit', EXPLICIT_VR_LITTLE_ENDIAN],
  ['implicit', IMPLICIT_VR_LITTLE_ENDIAN],
] as const;

function dcmjsBytes(tag: string, element: DcmjsElement, syntax: string): Uint8Array {
  const stream = new dcmjs.data.WriteBufferStream(256, true);
  dcmjs.data.DicomMessage.write({ [tag]: element }, stream, syntax);
  return new Uint8Array(stream.getBuffer());
}

/** What encodeElement wrote after a few bytes already there (so offsets other than 0 are exercised); null where it declined. */
function ourBytes(tag: string, element: DcmjsElement, syntax: string): Uint8Array | null {
  const out = new GrowingBytes(4);
  out.ascii('abc');
  if (!encodeElement(out, tag, element, syntax === IMPLICIT_VR_LITTLE_ENDIAN)) {
    expect(out.size).toBe(3);
    return null;
  }
  return out.written().subarray(3);
}

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

const ENCODED: readonly [string, string, DcmjsElement][] = [
  ['AE, odd, space-padded', '00080054', { vr: 'AE', Value: ['STORESCP'] }],
  ['AS', '00101010', { vr: 'AS', Value: ['045Y'] }],
  ['CS, three values', '00080008', { vr: 'CS', Value: ['ORIGINAL', 'PRIMARY', 'AXIAL'] }],
  ['DA', '00080020', { vr: 'DA', Value: ['20240101'] }],
  ['DS, numbers as dcmjs formats them', '00280030', { vr: 'DS', Value: [0.5, -0.000123456789012345, Math.PI * 1e13, 1e20, 12] }],
  ['DS, text kept as given', '00181050', { vr: 'DS', Value: [' 1.50'] }],
  ['DT', '0008002A', { vr: 'DT', Value: ['20240101120000.123456'] }],
  ['IS, numbers and text', '00200013', { vr: 'IS', Value: [7, -12, '007'] }],
  ['LO', '00081030', { vr: 'LO', Value: ['CT HEAD'] }],
  ['LT', '00204000', { vr: 'LT', Value: ['a comment, odd'] }],
  ['PN, a string', '00100010', { vr: 'PN', Value: ['Doe^John'] }],
  ['PN, groups', '00100010', { vr: 'PN', Value: [{ Alphabetic: 'Yamada^Taro', Ideographic: '', Phonetic: 'yamada^taro' }] }],
  ['PN, trailing empty groups dropped', '00100010', { vr: 'PN', Value: [{ Alphabetic: 'A^B', Ideographic: '', Phonetic: '' }] }],
  ['PN, several names, an empty one dropped', '00081070', { vr: 'PN', Value: [{ Alphabetic: 'A' }, '', { Alphabetic: 'B', Phonetic: 'b' }] }],
  ['SH', '00080050', { vr: 'SH', Value: ['ACC1'] }],
  ['ST', '00080081', { vr: 'ST', Value: ['1 Main St'] }],
  ['TM', '00080030', { vr: 'TM', Value: ['120000.5'] }],
  ['UC', '00189283', { vr: 'UC', Value: ['unlimited'] }],
  ['UI, odd, null-padded', '00080018', { vr: 'UI', Value: ['1.2.3.4.5'] }],
  ['UI, even', '0020000D', { vr: 'UI', Value: ['1.2.3.45'] }],
  ['UR', '00081190', { vr: 'UR', Value: ['https://a.example/x'] }],
  ['UT', '00287FE0', { vr: 'UT', Value: ['unlimited text'] }],
  ['empty: no values', '00100030', { vr: 'DA', Value: [] }],
  ['empty: no Value at all', '00100030', { vr: 'DA' }],
  ['empty: null', '00080050', { vr: 'SH', Value: null as unknown as unknown[] }],
  ['empty: one empty string', '00080090', { vr: 'PN', Value: [''] }],
  ['two empty strings: one delimiter, padded', '00080008', { vr: 'CS', Value: ['', ''] }],
  ['US', '00280010', { vr: 'US', Value: [512, 1] }],
  ['SS', '00281052', { vr: 'SS', Value: [-1024] }],
  ['UL', '00081161', { vr: 'UL', Value: [123456] }],
  ['SL', '00186020', { vr: 'SL', Value: [-5] }],
  ['FL', '00189306', { vr: 'FL', Value: [1.5, -2.25] }],
  ['FD', '00189327', { vr: 'FD', Value: [Math.PI] }],
  ['numbers, none', '00280010', { vr: 'US', Value: [] }],
  ['OB, odd, null-padded', '00091001', { vr: 'OB', Value: [new Uint8Array([1, 2, 3]).buffer] }],
  ['SQ, empty', '00120064', { vr: 'SQ', Value: [] }],
  [
    'SQ, nested two deep',
    '00120064',
    {
      vr: 'SQ',
      Value: [
        { '00080100': { vr: 'SH', Value: ['113100'] }, '00080102': { vr: 'SH', Value: ['DCM'] }, '00080104': { vr: 'LO', Value: ['Basic Application Confidentiality Profile'] } },
        {
          '00080100': { vr: 'SH', Value: ['113107'] },
          '0040A730': { vr: 'SQ', Value: [{ '0040A040': { vr: 'CS', Value: ['TEXT'] }, '0040A160': { vr: 'UT', Value: ['x'] } }, {}] },
        },
      ],
    },
  ],
];

describe('encodeElement', () => {
  for (const [syntaxName, syntax] of SYNTAXES) {
    it.each(ENCODED)(`writes dcmjs's bytes in ${syntaxName} VR: %s`, (_, tag, element) => {
      const ours = ourBytes(tag, element, syntax);
      expect(ours, 'encoded here, not declined').not.toBeNull();
      expect(hex(ours!)).toBe(hex(dcmjsBytes(tag, element, syntax)));
    });
  }

  it('writes a value as read where it was not changed, as dcmjs does (its _rawValue)', () => {
    const element: DcmjsElement = { vr: 'DS', Value: [1.5], _rawValue: ['1.50'] };
    const ours = ourBytes('00181050', element, EXPLICIT_VR_LITTLE_ENDIAN);
    expect(Buffer.from(ours!.subarray(8)).toString('latin1')).toBe('1.50');
    expect(hex(ours!)).toBe(hex(dcmjsBytes('00181050', element, EXPLICIT_VR_LITTLE_ENDIAN)));
  });

  const declined: readonly [string, DcmjsElement][] = [
    ['text that is not ASCII (the character set matters)', { vr: 'LO', Value: ['Müller'] }],
    ['a person name that is not ASCII', { vr: 'PN', Value: [{ Alphabetic: 'Yamada^Taro', Ideographic: '山田^太郎' }] }],
    ['a UI longer than dcmjs accepts (it throws)', { vr: 'UI', Value: ['1.'.repeat(40)] }],
    ['a DS number dcmjs writes too long (it throws)', { vr: 'DS', Value: ['12345678901234567'] }],
    ['a date longer than dcmjs accepts', { vr: 'DA', Value: ['202401011'] }],
    ['a VR not encoded here', { vr: 'AT', Value: [0x00100010] }],
    ['a value that is not text', { vr: 'LO', Value: [null] }],
    ['a counted-length VR with no Value at all (dcmjs throws)', { vr: 'LO' }],
    ['a 16-bit-length value of 64 KiB (dcmjs writes it as UN)', { vr: 'LT', Value: ['x'.repeat(0x10000)] }],
    ['a sequence with an item it cannot encode', { vr: 'SQ', Value: [{ '00100010': { vr: 'PN', Value: ['Müller'] } }] }],
  ];
  it.each(declined)('declines %s, leaving the buffer as it was', (_, element) => {
    expect(ourBytes('00100010', element, EXPLICIT_VR_LITTLE_ENDIAN)).toBeNull();
  });

  it('declines a Pixel Data (an icon\'s, which dcmjs writes as fragments in an encapsulated syntax)', () => {
    expect(ourBytes('7FE00010', { vr: 'OB', Value: [new Uint8Array(4).buffer] }, EXPLICIT_VR_LITTLE_ENDIAN)).toBeNull();
  });

  it('grows its buffer past the first capacity', () => {
    const element: DcmjsElement = { vr: 'UT', Value: ['y'.repeat(5000)] };
    expect(hex(ourBytes('00287FE0', element, EXPLICIT_VR_LITTLE_ENDIAN)!)).toBe(hex(dcmjsBytes('00287FE0', element, EXPLICIT_VR_LITTLE_ENDIAN)));
  });
});

describe('encodeMetaGroup', () => {
  const meta = (): DcmjsDataSet => ({
    '00020001': { vr: 'OB', Value: [new Uint8Array([0, 1]).buffer] },
    '00020002': { vr: 'UI', Value: ['1.2.840.10008.5.1.4.1.1.2'] },
    '00020003': { vr: 'UI', Value: ['1.2.3.4.5.6.7'] },
    '00020010': { vr: 'UI', Value: [EXPLICIT_VR_LITTLE_ENDIAN] },
    '00020012': { vr: 'UI', Value: ['1.2.3.4'] },
    '00020013': { vr: 'SH', Value: ['MEJIRUSHI'] },
  });

  it('writes the preamble, DICM and the group with its length as DicomDict.write does', () => {
    const out = new GrowingBytes(16);
    expect(encodeMetaGroup(out, meta())).toBe(true);
    const ours = out.written();
    const theirs = new Uint8Array(new dcmjs.data.DicomDict(meta()).write());
    expect(hex(ours)).toBe(hex(theirs));
    // (0002,0000) UL 4 at 132, its value at 140: the bytes after it.
    expect(new DataView(ours.buffer).getUint32(140, true)).toBe(ours.byteLength - 144);
  });

  it('declines a group it cannot encode, leaving the buffer as it was', () => {
    const out = new GrowingBytes(16);
    expect(encodeMetaGroup(out, { ...meta(), '00020016': { vr: 'AE', Value: ['Ä'] } })).toBe(false);
    expect(out.size).toBe(0);
  });
});

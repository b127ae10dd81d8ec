import { describe, expect, it } from 'vitest';
import { MAX_STAGED_BATCH_BYTES, MAX_STAGED_BATCH_FILES, parseStagedParts, partRanges, stagedPartsHeader, type StagedPart } from './stagedParts';

const parts: StagedPart[] = [
  { index: 0, bytes: 5000, reportBytes: 300, name: '1.2.3.4.dcm' },
  { index: 7, bytes: 1200, reportBytes: null, name: '頭部 CT/スライス 1.dcm' },
];

describe('stagedParts', () => {
  it('reads back what it writes, names and all, in an ASCII header', () => {
    const header = stagedPartsHeader(parts);
    expect(/^[\x20-\x7e]*$/.test(header)).toBe(true);
    expect(parseStagedParts(header)).toEqual({ parts, totalBytes: 6200 });
  });

  it('places each part after the one before it', () => {
    expect(partRanges(parts)).toEqual([
      [0, 5000],
      [5000, 6200],
    ]);
  });

  it.each([
    ['no header', undefined, 'send the parts'],
    ['not JSON', '[[0,', 'not JSON'],
    ['no parts', '[]', '1 to 32 parts'],
    ['too many parts', JSON.stringify(Array.from({ length: MAX_STAGED_BATCH_FILES + 1 }, (_, index) => [index, 10, null, 'a.dcm'])), '1 to 32 parts'],
    ['a row of another shape', '[{"index":0}]', 'part 0'],
    ['an empty part', '[[0,0,null,"a.dcm"]]', 'part 0'],
    ['a negative index', '[[-1,10,null,"a.dcm"]]', 'part 0'],
    ['an index past the last row', '[[100000,10,null,"a.dcm"]]', 'part 0'],
    ['a fractional size', '[[0,1.5,null,"a.dcm"]]', 'part 0'],
    ['a report as long as its part', '[[0,10,10,"a.dcm"]]', 'part 0'],
    ['an empty report', '[[0,10,0,"a.dcm"]]', 'part 0'],
    ['an empty name', '[[0,10,null,""]]', 'part 0'],
    ['a name that is not percent-encoding', '[[0,10,null,"%E0%A4%A"]]', 'part 0'],
    ['a name with a NUL', '[[0,10,null,"a%00.dcm"]]', 'part 0'],
    ['a row listed twice', '[[3,10,null,"a.dcm"],[3,10,null,"b.dcm"]]', 'row 3 is listed twice'],
    ['more bytes than a batch holds', JSON.stringify([[0, MAX_STAGED_BATCH_BYTES, null, 'a.dcm'], [1, 1, null, 'b.dcm']]), 'at most'],
  ])('refuses %s', (_, header, sentence) => {
    const parsed = parseStagedParts(header);
    expect('refused' in parsed && parsed.refused).toContain(sentence);
  });
});

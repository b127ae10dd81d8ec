/** A store response read back: what storeResponse.ts writes for our own STOW-RS, and Orthanc's empty FailedSOPSequence. */
import { describe, expect, it } from 'vitest';
import { readStoreAnswer } from './storeAnswer';
import { storeResponse } from './storeResponse';

describe('reading a STOW-RS store response', () => {
  it('names the instances referenced and those refused, with the reason in words', () => {
    const { body } = storeResponse([
      { sopClassUid: '1.2.840.10008.5.1.4.1.1.66.4', sopInstanceUid: '2.25.1', outcome: { file: 'a', status: 'imported', itemId: 'i' }, retrieveUrl: null },
      { sopClassUid: '1.2.840.10008.5.1.4.1.1.88.22', sopInstanceUid: '2.25.2', outcome: { file: 'b', status: 'refused', reason: 'not a series' }, retrieveUrl: null },
    ]);
    const answer = readStoreAnswer(JSON.parse(JSON.stringify(body)));
    expect([...answer.referenced]).toEqual(['2.25.1']);
    expect([...answer.failed]).toEqual([['2.25.2', 'the PACS refused it (failure reason 0xC000): not a series']]);
  });

  it('reads an empty sequence without values, and a body that is no store response, as naming nothing', () => {
    expect(readStoreAnswer({ '00081198': { vr: 'SQ' }, '00081199': { vr: 'SQ', Value: [{ '00081155': { vr: 'UI', Value: ['2.25.3'] } }] } })).toEqual({ referenced: new Set(['2.25.3']), failed: new Map() });
    expect(readStoreAnswer([])).toEqual({ referenced: new Set(), failed: new Map() });
  });
});

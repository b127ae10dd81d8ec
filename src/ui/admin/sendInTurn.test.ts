import { describe, expect, it } from 'vitest';
import type { UploadSource } from './deidentifyUpload';
import { sendInTurn } from './sendInTurn';

const source = (name: string): UploadSource => async () => ({ upload: { name, parts: [name], size: name.length, type: 'application/dicom', report: null, reportBytes: null }, release: () => {} });

describe('sendInTurn', () => {
  it('sends every row that has a file, a few at a time', async () => {
    const sent: number[] = [];
    let inFlight = 0;
    let most = 0;
    await sendInTurn([source('a'), null, source('b'), source('c'), source('d')], 2, {
      async send(index) {
        most = Math.max(most, ++inFlight);
        await Promise.resolve();
        sent.push(index);
        inFlight -= 1;
      },
      notMade: () => {},
      failed: () => {},
    });
    expect(sent.sort()).toEqual([0, 2, 3, 4]);
    expect(most).toBe(2);
  });

  it('starts no row once stopped; the rows under way end as they do', async () => {
    const started: number[] = [];
    const answered: number[] = [];
    let stopped = false;
    await sendInTurn([source('a'), source('b'), source('c'), source('d')], 2, {
      async send(index) {
        started.push(index);
        stopped = true; // the user's Stop comes while the first two are on the wire
        await Promise.resolve();
        answered.push(index);
      },
      notMade: () => {},
      failed: () => {},
      stopped: () => stopped,
    });
    expect(started).toEqual([0, 1]);
    expect(answered).toEqual([0, 1]);
  });
});

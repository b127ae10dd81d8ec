import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { CreditReport } from '../../core/api';
import { creditFiguresText } from '../../core/dashboard';
import { figuresHash } from './figuresHash';

const figures = { itemsWorked: 1, targetsLabelled: 4, regionsDrawn: 1, recordsAuthored: 5, timeSpentMs: 120_000, approved: 0, returned: 1 };
const report: CreditReport = { user: { id: 'u1', displayName: 'Ann' }, from: '2026-12-01', to: '2026-12-31', idleCutoffMs: 300_000, datasets: [], totals: figures };

describe('figuresHash', () => {
  it('is the sha256 of the canonical figures text, as anyone can recompute it', async () => {
    expect(await figuresHash(report)).toBe(createHash('sha256').update(creditFiguresText(report)).digest('hex'));
  });
});

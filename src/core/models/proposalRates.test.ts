import { describe, expect, it } from 'vitest';
import { proposalRates } from './proposalRates';

describe('proposalRates', () => {
  it('rates kept and edited proposals over those decided; pending ones wait', () => {
    expect(proposalRates({ pending: 7, accepted: 5, edited: 1, rejected: 2 })).toEqual({ decided: 8, acceptance: 0.75, edit: 0.125 });
  });

  it('has no rate before anyone decided', () => {
    expect(proposalRates({ pending: 3, accepted: 0, edited: 0, rejected: 0 })).toEqual({ decided: 0, acceptance: null, edit: null });
  });
});

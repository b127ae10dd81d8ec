import { describe, expect, it } from 'vitest';
import type { AdjudicationReader } from '../../core/api';
import { consensusExportBlocker, offersConsensusExport } from './consensusExport';

const reader = (id: string): AdjudicationReader => ({ id, username: id, displayName: id, state: 'submitted' });

describe('consensus export', () => {
  it('is offered for a series to a WG lead only', () => {
    expect(offersConsensusExport('series', ['wgLead'])).toBe(true);
    expect(offersConsensusExport('series', ['reviewer', 'admin'])).toBe(false);
    expect(offersConsensusExport('slide', ['wgLead'])).toBe(false);
    expect(offersConsensusExport('frameSet', ['wgLead'])).toBe(false);
  });

  it('waits for two handed-in readers, then for every difference settled', () => {
    expect(consensusExportBlocker({ readers: [reader('a')], complete: false })).toBe('consensusExport.blocked.tooFewReaders');
    expect(consensusExportBlocker({ readers: [reader('a'), reader('b')], complete: false })).toBe('consensusExport.blocked.undecided');
    expect(consensusExportBlocker({ readers: [reader('a'), reader('b')], complete: true })).toBeNull();
  });
});

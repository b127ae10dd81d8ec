import { describe, expect, it } from 'vitest';
import { ApiRequestError, NetworkError } from './api';
import { backoffDelay } from './backoff';
import type { DraftRow, OutboxRow } from './db';
import { classifyFailure, computeSyncState } from './syncState';

const draft: DraftRow = {
  itemId: 'i',
  annotatorId: 'u',
  doc: { itemId: 'i', annotatorId: 'u', labelSetId: 's', labelSetVersion: 1, records: {} },
  baseRevision: 3,
  baseDoc: null,
  version: 5,
  syncedVersion: 4,
  updatedAt: 0,
};
const row = (change: Partial<OutboxRow> = {}): OutboxRow => ({
  opId: 'op',
  itemId: 'i',
  annotatorId: 'u',
  seq: 0,
  version: 5,
  attempts: 0,
  nextAttemptAt: 0,
  ...change,
});
const idle = { inFlight: false, networkDown: false, now: 1000 };

describe('computeSyncState', () => {
  it('says synced with an empty outbox and saved locally with a waiting entry', () => {
    expect(computeSyncState(draft, [], idle)).toEqual({ status: 'synced', pending: 0, revision: 3 });
    expect(computeSyncState(draft, [row()], idle)).toMatchObject({ status: 'savedLocally', pending: 1 });
  });

  it('ranks conflict over a blocking error over sending over offline', () => {
    const conflict = { server: { revision: 4, document: null, updatedAt: null }, detectedAt: 5 };
    const locked = row({ failure: 'locked', lastError: '409: locked' });
    expect(computeSyncState({ ...draft, conflict }, [locked], { ...idle, inFlight: true }).status).toBe('conflict');
    expect(computeSyncState(draft, [locked], { ...idle, inFlight: true })).toMatchObject({ status: 'error', failure: 'locked' });
    expect(computeSyncState(draft, [row({ failure: 'network' })], { ...idle, inFlight: true }).status).toBe('syncing');
    expect(computeSyncState(draft, [row({ failure: 'network', nextAttemptAt: 4000 })], idle)).toMatchObject({ status: 'offline', nextAttemptAt: 4000 });
    expect(computeSyncState(draft, [row()], { ...idle, networkDown: true }).status).toBe('offline');
    expect(computeSyncState(draft, [row({ failure: 'server' })], idle).status).toBe('error');
  });
});

describe('classifyFailure', () => {
  it('retries network trouble and 5xx, stops on refusals', () => {
    expect(classifyFailure(new NetworkError(new TypeError('fetch failed')))).toBe('network');
    expect(classifyFailure(new ApiRequestError(503, 'busy'))).toBe('server');
    expect(classifyFailure(new ApiRequestError(401, {}))).toBe('unauthorized');
    expect(classifyFailure(new ApiRequestError(409, {}))).toBe('locked');
    expect(classifyFailure(new ApiRequestError(400, {}))).toBe('rejected');
  });
});

describe('backoffDelay', () => {
  it('doubles from the base, stays within [half, full] of the ceiling, and caps', () => {
    const backoff = { baseMs: 1000, capMs: 30_000 };
    expect([1, 2, 3, 4, 5, 6, 9].map((n) => backoffDelay(n, backoff, () => 0))).toEqual([500, 1000, 2000, 4000, 8000, 15000, 15000]);
    expect([1, 2, 6].map((n) => backoffDelay(n, backoff, () => 0.999999))).toEqual([1000, 2000, 30000]);
  });
});

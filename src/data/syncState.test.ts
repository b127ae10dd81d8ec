import { describe, expect, it } from 'vitest';
import { ApiRequestError, NetworkError } from './api';
import { backoffDelay } from './backoff';
import type { OutboxRow } from './db';
import { classifyFailure, computeSyncState, NO_COUNTS } from './syncState';

const row = (change: Partial<OutboxRow> = {}): OutboxRow => ({
  opId: 'op',
  itemId: 'i',
  annotatorId: 'u',
  seq: 0,
  attempts: 0,
  nextAttemptAt: 0,
  ...change,
});
const idle = { sending: false, networkDown: false, now: 1000 };
const dirty = { ...NO_COUNTS, dirty: 2 };

describe('computeSyncState', () => {
  it('says synced with nothing waiting and saved locally with dirty records behind a batch', () => {
    expect(computeSyncState(3, [], NO_COUNTS, idle)).toEqual({ status: 'synced', pending: 0, conflicts: 0, conflictAt: 0, revision: 3 });
    // Nothing to send, but the server did not answer: still synced, marked unreachable.
    expect(computeSyncState(3, [], NO_COUNTS, { ...idle, networkDown: true })).toEqual({ status: 'synced', pending: 0, conflicts: 0, conflictAt: 0, revision: 3, unreachable: true });
    expect(computeSyncState(3, [row()], dirty, idle)).toMatchObject({ status: 'savedLocally', pending: 2 });
  });

  it('ranks conflict over a blocking error over sending over offline', () => {
    const conflicted = { dirty: 1, conflicts: 1, conflictAt: 5 };
    const locked = row({ failure: 'locked', lastError: '409: locked' });
    expect(computeSyncState(3, [locked], conflicted, { ...idle, sending: true })).toMatchObject({ status: 'conflict', conflicts: 1, conflictAt: 5 });
    expect(computeSyncState(3, [locked], dirty, { ...idle, sending: true })).toMatchObject({ status: 'error', failure: 'locked' });
    expect(computeSyncState(3, [row({ failure: 'network' })], dirty, { ...idle, sending: true }).status).toBe('syncing');
    expect(computeSyncState(3, [row({ failure: 'network', nextAttemptAt: 4000 })], dirty, idle)).toMatchObject({ status: 'offline', nextAttemptAt: 4000 });
    expect(computeSyncState(3, [row()], dirty, { ...idle, networkDown: true }).status).toBe('offline');
    expect(computeSyncState(3, [row({ failure: 'server' })], dirty, idle).status).toBe('error');
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

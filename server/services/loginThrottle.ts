/**
 * Sign-in throttling. Failed sign-ins are counted per account and per client address in the
 * database (`login_throttle`), so a lock holds across restarts and across every server instance
 * on one PostgreSQL. An account locks after a few failures, each later failure doubling the wait
 * (a guesser gets a handful of tries an hour); an address locks after many failures in a short
 * window, which stops one client from spraying a common password across many accounts. A lock
 * refuses the attempt before the password is checked. A successful sign-in clears its account's
 * count but not its address's, so signing in to one's own account does not buy more guesses.
 */
import { sql, type Kysely } from 'kysely';
import { toNumber } from '../db/dialect';
import type { Database } from '../db/schema';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export interface ThrottleRule {
  /** Failures within the window that lock the key. */
  readonly maxFailures: number;
  /** Failures older than this (counted from the window's first failure) are forgotten. */
  readonly windowMs: number;
  /** How long the key stays locked after its `failures`-th failure (failures ≥ maxFailures). */
  lockMs(failures: number): number;
}

/** 5 failures lock the account for 1 minute, each further failure doubles it, up to an hour. */
export const ACCOUNT_RULE: ThrottleRule = {
  maxFailures: 5,
  windowMs: 24 * HOUR,
  lockMs: (failures) => Math.min(HOUR, MINUTE * 2 ** (failures - 5)),
};

/** 50 failures from one address within 15 minutes lock it for 15 minutes. */
export const ADDRESS_RULE: ThrottleRule = {
  maxFailures: 50,
  windowMs: 15 * MINUTE,
  lockMs: () => 15 * MINUTE,
};

/** Usernames are unique regardless of case, so one account is one key whatever the spelling. */
export const accountKey = (username: string): string => `account:${username.toLowerCase()}`;
export const addressKey = (address: string): string => `address:${address}`;

/** The latest time until which any of `keys` is locked, or null when none is locked at `now`. */
export async function lockedUntil(db: Kysely<Database>, keys: readonly string[], now: Date): Promise<Date | null> {
  const rows = await db
    .selectFrom('login_throttle')
    .select('locked_until')
    .where('key', 'in', keys)
    .where('locked_until', '>', now.toISOString())
    .execute();
  const ends = rows.map((row) => Date.parse(row.locked_until as string));
  return ends.length ? new Date(Math.max(...ends)) : null;
}

/**
 * Counts one failure for `key` (one atomic upsert, so concurrent failures on several instances all
 * count) and locks the key when the rule says so; returns the lock's end, or null when not locked.
 */
export async function recordFailure(db: Kysely<Database>, key: string, rule: ThrottleRule, now: Date): Promise<Date | null> {
  const at = now.toISOString();
  const windowStart = new Date(now.getTime() - rule.windowMs).toISOString();
  const stale = sql<boolean>`login_throttle.window_start <= ${windowStart}`;
  const counted = await db
    .insertInto('login_throttle')
    .values({ key, failures: 1, window_start: at, locked_until: null })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        failures: sql<number>`case when ${stale} then 1 else login_throttle.failures + 1 end`,
        window_start: sql<string>`case when ${stale} then ${at} else login_throttle.window_start end`,
      }),
    )
    .returning('failures')
    .executeTakeFirstOrThrow();
  const failures = toNumber(counted.failures);
  if (failures < rule.maxFailures) return null;
  const until = new Date(now.getTime() + rule.lockMs(failures));
  await db.updateTable('login_throttle').set({ locked_until: until.toISOString() }).where('key', '=', key).execute();
  return until;
}

export async function clearFailures(db: Kysely<Database>, key: string): Promise<void> {
  await db.deleteFrom('login_throttle').where('key', '=', key).execute();
}

/** Forgets counts whose window is over and that hold no lock (a sprayer's many unknown names). */
export async function pruneThrottle(db: Kysely<Database>, now: Date): Promise<void> {
  const cutoff = new Date(now.getTime() - ACCOUNT_RULE.windowMs).toISOString();
  await db
    .deleteFrom('login_throttle')
    .where('window_start', '<=', cutoff)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now.toISOString())]))
    .execute();
}

/** Whole seconds until `until`, at least 1: the Retry-After of a locked sign-in. */
export function retryAfterSeconds(until: Date, now: Date): number {
  return Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
}

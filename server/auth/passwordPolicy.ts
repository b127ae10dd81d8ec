/**
 * What a new password must be, at account creation, change and reset alike: long enough, not one
 * of the most common passwords (common-passwords.txt, compared ignoring case), not containing the
 * username, not a run of one or two characters. Each refusal has a stable code the client turns
 * into a sentence.
 */
import { readFileSync } from 'node:fs';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../../src/core/api';
import { generatePassword } from './password';

const MIN_DISTINCT_CHARACTERS = 4;

export type PasswordRefusalCode =
  | 'password_too_short'
  | 'password_too_long'
  | 'password_common'
  | 'password_contains_username'
  | 'password_too_simple';

export interface PasswordRefusal {
  readonly code: PasswordRefusalCode;
  readonly message: string;
}

function loadCommonPasswords(): ReadonlySet<string> {
  const text = readFileSync(new URL('./common-passwords.txt', import.meta.url), 'utf8');
  const entries = text.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('#'));
  return new Set(entries.map((line) => line.trim().toLowerCase()));
}

let common: ReadonlySet<string> | undefined;

/** The shipped list, read once. */
export function commonPasswords(): ReadonlySet<string> {
  common ??= loadCommonPasswords();
  return common;
}

/** Why `password` is refused for the account `username`, or null when it is acceptable. */
export function passwordRefusal(password: string, username: string): PasswordRefusal | null {
  if (password.length < MIN_PASSWORD_LENGTH) {
    return { code: 'password_too_short', message: `password must have at least ${MIN_PASSWORD_LENGTH} characters` };
  }
  if (password.length > MAX_PASSWORD_LENGTH) {
    return { code: 'password_too_long', message: `password must have at most ${MAX_PASSWORD_LENGTH} characters` };
  }
  if (commonPasswords().has(password.trim().toLowerCase())) {
    return { code: 'password_common', message: 'password is one of the most common passwords' };
  }
  if (password.toLowerCase().includes(username.toLowerCase())) {
    return { code: 'password_contains_username', message: 'password must not contain the username' };
  }
  if (new Set(password).size < MIN_DISTINCT_CHARACTERS) {
    return { code: 'password_too_simple', message: `password must use at least ${MIN_DISTINCT_CHARACTERS} different characters` };
  }
  return null;
}

/** A one-time password the policy accepts for `username` (a random one may, rarely, contain a short username). */
export function oneTimePasswordFor(username: string): string {
  for (;;) {
    const password = generatePassword();
    if (!passwordRefusal(password, username)) return password;
  }
}

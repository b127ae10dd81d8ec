/**
 * Sentences for the account error codes of the server (sign-in, password policy, account
 * administration). `null` for a code that is not about accounts: ErrorText then uses errorMessages.ts.
 */
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../../core/api';
import type { MessageKey, MessageVars } from '../../i18n';
import type { AppError } from '../../store/loadError';


export interface Sentence {
  readonly key: MessageKey;
  readonly vars?: MessageVars;
}

const BY_CODE: Readonly<Record<string, Sentence>> = {
  account_disabled: { key: 'login.disabled' },
  password_too_short: { key: 'password.tooShort', vars: { min: MIN_PASSWORD_LENGTH } },
  password_too_long: { key: 'password.tooLong', vars: { max: MAX_PASSWORD_LENGTH } },
  password_common: { key: 'password.common' },
  password_contains_username: { key: 'password.containsUsername' },
  password_too_simple: { key: 'password.tooSimple' },
  username_taken: { key: 'admin.users.taken' },
  cannot_disable_self: { key: 'admin.users.cannotDisableSelf' },
  last_admin: { key: 'admin.users.lastAdmin' },
  cannot_reset_self: { key: 'admin.users.cannotResetSelf' },
};

/** The wait of a locked sign-in: seconds under two minutes, else whole minutes rounded up. */
export function lockedSentence(retryAfterSeconds: number): Sentence {
  if (retryAfterSeconds < 120) return { key: 'login.lockedSeconds', vars: { seconds: retryAfterSeconds } };
  return { key: 'login.lockedMinutes', vars: { minutes: Math.ceil(retryAfterSeconds / 60) } };
}

export function accountErrorSentence(error: AppError | null): Sentence | null {
  if (error?.kind !== 'http' || !error.code) return null;
  if (error.code === 'login_locked') return lockedSentence(error.retryAfterSeconds ?? 60);
  return BY_CODE[error.code] ?? null;
}

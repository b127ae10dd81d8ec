import { describe, expect, it } from 'vitest';
import { t } from '../../i18n';
import { accountErrorSentence, lockedSentence } from './accountErrors';

describe('account error sentences', () => {
  it('says how long a locked sign-in must wait, in seconds or whole minutes', () => {
    expect(lockedSentence(60)).toEqual({ key: 'login.lockedSeconds', vars: { seconds: 60 } });
    expect(lockedSentence(900)).toEqual({ key: 'login.lockedMinutes', vars: { minutes: 15 } });
    expect(lockedSentence(121)).toEqual({ key: 'login.lockedMinutes', vars: { minutes: 3 } });
    const error = { kind: 'http', status: 429, code: 'login_locked', message: '429: too many', retryAfterSeconds: 120 } as const;
    const sentence = accountErrorSentence(error);
    expect(sentence && t(sentence.key, sentence.vars)).toMatch(/try again in 2 minutes/);
  });

  it('has a sentence for every account code and none for other errors', () => {
    for (const code of ['account_disabled', 'password_too_short', 'password_common', 'password_contains_username', 'password_too_simple', 'username_taken', 'cannot_disable_self', 'last_admin', 'cannot_reset_self']) {
      const sentence = accountErrorSentence({ kind: 'http', status: 400, code, message: `400: ${code}` });
      expect(sentence, code).not.toBeNull();
      expect(t(sentence!.key, sentence!.vars)).not.toMatch(/[{}_]/);
    }
    expect(accountErrorSentence({ kind: 'http', status: 404, code: 'not_found', message: '404' })).toBeNull();
    expect(accountErrorSentence({ kind: 'offline' })).toBeNull();
  });
});

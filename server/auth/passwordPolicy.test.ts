import { describe, expect, it } from 'vitest';
import { MIN_PASSWORD_LENGTH } from '../../src/core/api';
import { commonPasswords, oneTimePasswordFor, passwordRefusal } from './passwordPolicy';

describe('password policy', () => {
  it('refuses short, long, common, username-bearing and monotonous passwords with a code each', () => {
    const cases: [string, string, string][] = [
      ['elevenchars', 'kenji', 'password_too_short'],
      ['x'.repeat(257), 'kenji', 'password_too_long'],
      ['Password1234', 'kenji', 'password_common'],
      ['  QWERTYUIOP123 ', 'kenji', 'password_common'],
      ['my-KENJI-passphrase', 'kenji', 'password_contains_username'],
      ['abababababababab', 'kenji', 'password_too_simple'],
    ];
    for (const [password, username, code] of cases) expect(passwordRefusal(password, username)?.code, password).toBe(code);
    expect(passwordRefusal('a fine passphrase', 'kenji')).toBeNull();
    expect(passwordRefusal('x'.repeat(MIN_PASSWORD_LENGTH - 1) + 'yzw', 'kenji')).toBeNull();
  });

  it('ships a list of a few hundred common passwords, lower-cased, without its notes', () => {
    const list = commonPasswords();
    expect(list.size).toBeGreaterThan(300);
    expect(list.has('123456')).toBe(true);
    expect(list.has('correcthorsebatterystaple')).toBe(true);
    expect([...list].every((entry) => entry === entry.toLowerCase() && !entry.startsWith('#'))).toBe(true);
  });

  it('makes one-time passwords the policy accepts, even for a username a random one could contain', () => {
    for (let i = 0; i < 200; i += 1) {
      const password = oneTimePasswordFor('ab');
      expect(passwordRefusal(password, 'ab')).toBeNull();
      expect(password.toLowerCase()).not.toContain('ab');
    }
  });
});

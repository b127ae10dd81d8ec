import { describe, expect, it } from 'vitest';
import { oneTimePassword } from './oneTimePassword';

describe('oneTimePassword', () => {
  it('is long enough for the server, free of look-alike characters, and different each time', () => {
    const passwords = Array.from({ length: 50 }, () => oneTimePassword());
    for (const password of passwords) {
      expect(password).toMatch(/^[a-km-zA-HJ-NP-Z2-9]{16}$/);
    }
    expect(new Set(passwords).size).toBe(50);
  });
});

import { describe, expect, it } from 'vitest';
import { generatePassword, hashPassword, verifyPassword } from './password';

describe('passwords', () => {
  it('hashes with scrypt in the documented format and verifies', async () => {
    const hash = await hashPassword('zebra crossing 42');
    expect(hash).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9+/]+=*\$[A-Za-z0-9+/]+=*$/);
    expect(await verifyPassword('zebra crossing 42', hash)).toBe(true);
    expect(await verifyPassword('zebra crossing 43', hash)).toBe(false);
    expect(await hashPassword('zebra crossing 42')).not.toBe(hash);
  });

  it('treats unreadable hashes as a wrong password', async () => {
    for (const hash of ['', 'plain', 'scrypt$x$8$1$abc$def', 'bcrypt$1$2$3$4$5', 'scrypt$16384$8$1$c2FsdA==$']) {
      expect(await verifyPassword('anything', hash)).toBe(false);
    }
  });

  it('generates distinct one-time passwords', () => {
    const a = generatePassword();
    expect(a).toMatch(/^[A-Za-z0-9]{20}$/);
    expect(generatePassword()).not.toBe(a);
  });
});

import { randomBytes, scryptSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashPassword, needsRehash, verifyPassword } from '../../src/tokens/passwords.ts';

/** A hash as an older setting (N=2^14) would have stored it. */
function olderHash(plain: string): string {
  const salt = randomBytes(16);
  const hash = scryptSync(plain, salt, 32, { N: 2 ** 14, r: 8, p: 1 });
  return ['scrypt', 2 ** 14, 8, 1, salt.toString('base64url'), hash.toString('base64url')].join(
    '$',
  );
}

describe('passwords', () => {
  it('are stored in a self-describing scrypt format with a fresh salt each time', async () => {
    const first = await hashPassword('correct horse battery staple');
    const second = await hashPassword('correct horse battery staple');
    expect(first).toMatch(/^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(first).not.toBe(second);
    expect(first).not.toContain('correct horse');
  });

  it('verify the right password and refuse a wrong one', async () => {
    const stored = await hashPassword('correct horse battery staple');
    expect(await verifyPassword('correct horse battery staple', stored)).toBe(true);
    expect(await verifyPassword('correct horse battery stapler', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
  });

  it('verify however the same accented letters were composed', async () => {
    const stored = await hashPassword('caf\u00e9');
    expect(await verifyPassword('cafe\u0301', stored)).toBe(true);
  });

  it('verify hashes made with older parameters and ask for those to be rehashed', async () => {
    const stored = olderHash('hunter2');
    expect(await verifyPassword('hunter2', stored)).toBe(true);
    expect(await verifyPassword('hunter3', stored)).toBe(false);
    expect(needsRehash(stored)).toBe(true);
    expect(needsRehash(await hashPassword('hunter2'))).toBe(false);
  });

  it('refuse to treat a damaged or foreign hash as a wrong password', async () => {
    const stored = await hashPassword('hunter2');
    for (const damaged of [
      'not a hash',
      stored.replace('scrypt$', 'bcrypt$'),
      stored.replace('$32768$', '$1000$'),
      stored.replace('$32768$', `$${2 ** 30}$`),
      `${stored}$extra`,
    ]) {
      await expect(verifyPassword('hunter2', damaged)).rejects.toThrow(/scrypt format/);
      expect(needsRehash(damaged)).toBe(true);
    }
  });
});

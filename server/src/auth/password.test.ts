import { describe, expect, it } from 'vitest';
import { StaffAccount } from '@sportello/protocol';
import { hashPassword, verifyPassword } from './password.ts';

describe('password hashing', () => {
  it('produces scrypt$N$r$p$salt$hash with the agreed parameters', async () => {
    const hash = await hashPassword('demo-admin');
    const parts = hash.split('$');
    expect(parts.slice(0, 4)).toEqual(['scrypt', '32768', '8', '1']);
    expect(Buffer.from(parts[4]!, 'base64')).toHaveLength(16);
    expect(Buffer.from(parts[5]!, 'base64')).toHaveLength(32);
    // The config schema accepts it.
    expect(
      StaffAccount.safeParse({ username: 'admin', name: 'Admin', roles: ['admin'], passwordHash: hash })
        .success,
    ).toBe(true);
  });

  it('salts: the same password hashes differently each time', async () => {
    const [a, b] = await Promise.all([hashPassword('x'), hashPassword('x')]);
    expect(a).not.toBe(b);
  });

  it('verifies the right password and rejects a wrong one', async () => {
    const hash = await hashPassword('demo-sportello.rovigo');
    expect(await verifyPassword('demo-sportello.rovigo', hash)).toBe(true);
    expect(await verifyPassword('demo-sportello.rovig', hash)).toBe(false);
    expect(await verifyPassword('', hash)).toBe(false);
  });

  it('reads the parameters from the stored string', async () => {
    // A hash made with lower parameters (as an older deployment might have) still verifies.
    const { scryptSync, randomBytes } = await import('node:crypto');
    const salt = randomBytes(16);
    const key = scryptSync('old', salt, 32, { N: 1024, r: 8, p: 1 });
    const stored = `scrypt$1024$8$1$${salt.toString('base64')}$${key.toString('base64')}`;
    expect(await verifyPassword('old', stored)).toBe(true);
    expect(await verifyPassword('new', stored)).toBe(false);
  });

  it('returns false, without throwing, for malformed stored strings', async () => {
    const good = await hashPassword('pw');
    const [, , , , salt, key] = good.split('$');
    const bad = [
      '',
      'plain-text-password',
      'bcrypt$10$abc',
      `scrypt$32768$8$1$${salt}`,
      `scrypt$32768$8$1$${salt}$${key}$extra`,
      `scrypt$abc$8$1$${salt}$${key}`,
      `scrypt$1000$8$1$${salt}$${key}`, // N not a power of two
      `scrypt$1$8$1$${salt}$${key}`,
      `scrypt$0$8$1$${salt}$${key}`,
      `scrypt$32768$0$1$${salt}$${key}`,
      `scrypt$1073741824$8$1$${salt}$${key}`, // would need far too much memory
      `scrypt$32768$8$1$$${key}`,
      `scrypt$32768$8$1$${salt}$`,
      `scrypt$32768$8$1$${salt}$not*base64`,
      `scrypt$32768$8$1$${salt}$AAAA`, // too short a key
    ];
    for (const stored of bad) {
      await expect(verifyPassword('pw', stored), stored).resolves.toBe(false);
    }
  });
});

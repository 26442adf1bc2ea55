// Staff sessions: sign in with a password checked against its scrypt hash.
import { createHmac } from 'node:crypto';
import type { LoginBody, LoginResponse } from '@sportello/protocol';
import type { AppContext } from '../context.ts';
import { ApiError } from '../http/api-error.ts';
import { hashPassword, verifyPassword } from './password.ts';
import { hashToken, newToken, STAFF_TOKEN_PREFIX } from './tokens.ts';

// Unknown usernames still cost one KDF run, so timing does not reveal which accounts exist.
let decoyHash: Promise<string> | undefined;

/**
 * What a failed sign-in logs instead of the name typed, which may be a codice fiscale in the wrong field: a
 * keyed hash, so repeated failures of one name still show up together and nobody can reverse it without the key.
 */
function usernameTag(secret: Buffer, username: string): string {
  return createHmac('sha256', secret)
    .update(`sign-in username:${username.toLowerCase()}`)
    .digest('base64url')
    .slice(0, 12);
}

export async function signIn(ctx: AppContext, body: LoginBody): Promise<LoginResponse> {
  const account = ctx.config.staff.find((s) => s.username === body.username.toLowerCase());
  decoyHash ??= hashPassword('decoy password');
  const ok = await verifyPassword(body.password, account?.passwordHash ?? (await decoyHash));
  if (!account || !ok) {
    ctx.log.warn({ usernameTag: usernameTag(ctx.secret, body.username) }, 'failed sign-in');
    throw new ApiError(401, 'bad_credentials', 'wrong username or password');
  }
  const token = newToken(STAFF_TOKEN_PREFIX);
  const now = ctx.clock();
  const expiresAt = new Date(now.getTime() + ctx.config.server.staffSessionHours * 3_600_000).toISOString();
  await ctx.store.transaction((tx) =>
    tx.insertSession({
      tokenHash: hashToken(token),
      username: account.username,
      roles: account.roles,
      ...(account.sede ? { sede: account.sede } : {}),
      createdAt: now.toISOString(),
      expiresAt,
    }),
  );
  ctx.log.info({ username: account.username }, 'signed in');
  return {
    token,
    expiresAt,
    user: { username: account.username, name: account.name, roles: account.roles, sede: account.sede },
  };
}

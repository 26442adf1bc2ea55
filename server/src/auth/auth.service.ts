// Staff sessions: sign in with a password checked against its scrypt hash.
import type { LoginBody, LoginResponse } from '@sportello/protocol';
import type { AppContext } from '../context.ts';
import { ApiError } from '../http/api-error.ts';
import { hashPassword, verifyPassword } from './password.ts';
import { hashToken, newToken, STAFF_TOKEN_PREFIX } from './tokens.ts';

// Unknown usernames still cost one KDF run, so timing does not reveal which accounts exist.
let decoyHash: Promise<string> | undefined;

export async function signIn(ctx: AppContext, body: LoginBody): Promise<LoginResponse> {
  const account = ctx.config.staff.find((s) => s.username === body.username.toLowerCase());
  decoyHash ??= hashPassword('decoy password');
  const ok = await verifyPassword(body.password, account?.passwordHash ?? (await decoyHash));
  if (!account || !ok) {
    ctx.log.warn({ username: body.username }, 'failed sign-in');
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

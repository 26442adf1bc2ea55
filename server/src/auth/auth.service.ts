// Staff sessions: sign in with a password checked against its scrypt hash, kept with the account in the store.
// A disabled account is refused; an account whose password was reset must choose a new one first.
import { createHmac } from 'node:crypto';
import type { ChangePasswordBody, LoginBody, LoginResponse } from '@sportello/protocol';
import { audit, auditActions } from '../audit/audit.ts';
import type { AppContext } from '../context.ts';
import { ApiError } from '../http/api-error.ts';
import { STAFF_CHANNEL, type StaffChange } from '../staff/staff-directory.ts';
import type { StoredStaffAccount } from '../store/store.ts';
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

/**
 * The account whose password this is, or a 401. Whether an account is disabled or must change its password
 * is told only to someone who knows its password.
 */
async function checkPassword(
  ctx: AppContext,
  username: string,
  password: string,
): Promise<StoredStaffAccount> {
  const account = await ctx.store.read((r) => r.staffAccount(username.toLowerCase()));
  decoyHash ??= hashPassword('decoy password');
  const ok = await verifyPassword(password, account?.passwordHash ?? (await decoyHash));
  if (!account || !ok) {
    ctx.log.warn({ usernameTag: usernameTag(ctx.secret, username) }, 'failed sign-in');
    throw new ApiError(401, 'bad_credentials', 'wrong username or password');
  }
  if (account.disabledAt !== undefined) {
    ctx.log.warn({ username: account.username }, 'sign-in of a disabled account refused');
    throw new ApiError(403, 'account_disabled', 'this account is disabled; ask an administrator');
  }
  return account;
}

export async function startSession(ctx: AppContext, account: StoredStaffAccount): Promise<LoginResponse> {
  const token = newToken(STAFF_TOKEN_PREFIX);
  const now = ctx.clock();
  const expiresAt = new Date(now.getTime() + ctx.config.server.staffSessionHours * 3_600_000).toISOString();
  const current = await ctx.store.transaction(async (tx) => {
    // The password was checked outside the transaction (scrypt is slow): an admin who disabled or reset the
    // account meanwhile wins, and a session carries the roles and sede of now.
    const current = await tx.staffAccount(account.username);
    if (!current || current.disabledAt !== undefined)
      throw new ApiError(403, 'account_disabled', 'this account is disabled; ask an administrator');
    if (current.passwordHash !== account.passwordHash)
      throw new ApiError(401, 'bad_credentials', 'wrong username or password');
    await tx.insertSession({
      tokenHash: hashToken(token),
      username: current.username,
      roles: current.roles,
      ...(current.sede ? { sede: current.sede } : {}),
      createdAt: now.toISOString(),
      expiresAt,
    });
    return current;
  });
  ctx.log.info({ username: current.username }, 'signed in');
  return {
    token,
    expiresAt,
    user: { username: current.username, name: current.name, roles: current.roles, sede: current.sede },
  };
}

export async function signIn(ctx: AppContext, body: LoginBody): Promise<LoginResponse> {
  const account = await checkPassword(ctx, body.username, body.password);
  if (account.mustChangePassword)
    throw new ApiError(
      403,
      'password_change_required',
      'this password was given by an administrator: choose your own to sign in',
    );
  return startSession(ctx, account);
}

/** The person chooses their own password with the one they have, and is signed in with it. */
export async function changePassword(ctx: AppContext, body: ChangePasswordBody): Promise<LoginResponse> {
  const account = await checkPassword(ctx, body.username, body.currentPassword);
  if (body.newPassword === body.currentPassword)
    throw ApiError.field('newPassword', 'must differ from the current password');
  if (body.newPassword.toLowerCase().includes(account.username))
    throw ApiError.field('newPassword', 'must not contain the username');
  const passwordHash = await hashPassword(body.newPassword);
  const changed = await ctx.store.transaction(async (tx) => {
    // Read again: an admin may have disabled the account or reset it again meanwhile.
    const current = await tx.staffAccount(account.username);
    if (!current || current.passwordHash !== account.passwordHash || current.disabledAt !== undefined)
      throw new ApiError(409, 'account_changed', 'the account was changed meanwhile; sign in again');
    const { mustChangePassword: _was, ...rest } = current;
    const next: StoredStaffAccount = { ...rest, passwordHash, updatedAt: ctx.clock().toISOString() };
    await tx.putStaffAccount(next);
    // Any other session opened with the old password ends.
    await tx.deleteSessionsOf(account.username);
    await audit(tx, ctx.clock(), account.username, auditActions.staffPasswordChanged, account.username);
    tx.notify(
      STAFF_CHANNEL,
      JSON.stringify({
        username: account.username,
        change: 'password',
        sessionsEnded: true,
      } satisfies StaffChange),
    );
    return next;
  });
  await ctx.staff?.refresh(account.username);
  return startSession(ctx, changed);
}

// Staff accounts kept in the store: seeded from config/staff.json on the first start, then managed by admins
// (create, change roles and sede, disable at once, enable, reset the password). Every change is one
// transaction with its audit event, ends the person's sessions when what a session carries changed (roles,
// sede) or the person must be kept out (disabled, password reset), and is announced on the store's staff
// channel so that every instance's directory and /ws hub follow it.
import { randomInt } from 'node:crypto';
import type {
  CreateStaffAccountBody,
  StaffAccountReply,
  StaffAccountView,
  StaffRole,
  UpdateStaffAccountBody,
} from '@sportello/protocol';
import { auditActions, audit, type AuditAction } from '../audit/audit.ts';
import { hashPassword } from '../auth/password.ts';
import type { AppContext } from '../context.ts';
import { ApiError } from '../http/api-error.ts';
import type { StoredStaffAccount, StoreTx } from '../store/store.ts';
import { STAFF_CHANNEL, type StaffChange } from './staff-directory.ts';

/** Letters and digits nobody confuses when reading them aloud or copying them (no 0/o, 1/l/i). */
const PASSWORD_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** A password to hand over once: four groups of four (about 79 bits), e.g. "k7m2-x9pq-r4tw-8hnc". */
export function generatePassword(): string {
  const group = () =>
    Array.from({ length: 4 }, () => PASSWORD_ALPHABET[randomInt(PASSWORD_ALPHABET.length)]).join('');
  return [group(), group(), group(), group()].join('-');
}

export function viewOf(account: StoredStaffAccount): StaffAccountView {
  return {
    username: account.username,
    name: account.name,
    roles: account.roles,
    ...(account.sede !== undefined && { sede: account.sede }),
    ...(account.official !== undefined && { official: account.official }),
    ...(account.disabledAt !== undefined && { disabledAt: account.disabledAt }),
    mustChangePassword: account.mustChangePassword === true,
    createdAt: account.createdAt,
    updatedAt: account.updatedAt,
  };
}

/**
 * Puts config/staff.json's accounts in the store when it holds none yet (the first start); afterwards the
 * store is the one source and the file is not read again. On PostgreSQL reading every account in a
 * transaction takes an advisory lock, so two instances starting together seed once (the second waits and
 * finds the accounts).
 */
export async function seedStaffAccounts(ctx: AppContext): Promise<number> {
  const now = ctx.clock().toISOString();
  const seeded = await ctx.store.transaction(async (tx) => {
    if ((await tx.staffAccounts()).length > 0) return 0;
    for (const account of ctx.config.staff)
      await tx.putStaffAccount({ ...account, createdAt: now, updatedAt: now });
    return ctx.config.staff.length;
  });
  if (seeded > 0) ctx.log.info({ accounts: seeded }, 'staff accounts seeded from config/staff.json');
  return seeded;
}

export async function listAccounts(ctx: AppContext): Promise<StaffAccountView[]> {
  return (await ctx.store.read((r) => r.staffAccounts())).map(viewOf);
}

interface Placement {
  roles: StaffRole[];
  sede?: string;
  official?: string;
}

/** Roles that work at one office: their account names its sede. */
const sedeRoles: readonly StaffRole[] = ['official', 'counter', 'manager'];

/** The same rules config/staff.json is checked against, plus the ones the console relies on. */
async function checkPlacement(ctx: AppContext, tx: StoreTx, username: string, p: Placement): Promise<void> {
  const { config } = ctx;
  if (p.sede !== undefined && !config.sedi.some((s) => s.id === p.sede))
    throw ApiError.field('sede', `no sede "${p.sede}"`);
  const needsSede = p.roles.find((r) => sedeRoles.includes(r));
  if (needsSede && p.sede === undefined)
    throw ApiError.field('sede', `the ${needsSede} role works at one sede: name it`);
  if (p.roles.includes('official') && p.official === undefined)
    throw ApiError.field('official', "an official's account names their calendar entry (officials.json)");
  if (p.official === undefined) return;
  if (!p.roles.includes('official'))
    throw ApiError.field('official', 'only an account with the official role has one');
  const official = config.officials.find((o) => o.id === p.official);
  if (!official) throw ApiError.field('official', `no official "${p.official}" in officials.json`);
  if (official.sede !== p.sede)
    throw ApiError.field('sede', `official "${official.id}" belongs to sede "${official.sede}"`);
  const other = (await tx.staffAccounts()).find((a) => a.official === p.official && a.username !== username);
  if (other) throw ApiError.field('official', `already the account "${other.username}"`);
}

const isActiveAdmin = (a: StoredStaffAccount) => a.roles.includes('admin') && a.disabledAt === undefined;

/** Refuses a change that would leave no admin able to sign in. */
async function keepAnAdmin(tx: StoreTx, username: string): Promise<void> {
  const others = (await tx.staffAccounts()).filter((a) => a.username !== username && isActiveAdmin(a));
  if (others.length === 0)
    throw new ApiError(409, 'last_admin', 'this is the last active admin account: make another admin first');
}

async function accountOrThrow(tx: StoreTx, username: string): Promise<StoredStaffAccount> {
  const account = await tx.staffAccount(username);
  if (!account) throw new ApiError(404, 'not_found', `no account "${username}"`);
  return account;
}

/** Stores the account, audits the admin's action and announces it; ends the sessions when asked. */
async function commit(
  ctx: AppContext,
  tx: StoreTx,
  actor: string,
  action: AuditAction,
  account: StoredStaffAccount,
  change: StaffChange['change'],
  endSessions: boolean,
  details?: Record<string, string | number | boolean>,
): Promise<number> {
  await tx.putStaffAccount(account);
  const sessionsEnded = endSessions ? await tx.deleteSessionsOf(account.username) : 0;
  await audit(tx, ctx.clock(), actor, action, account.username, {
    ...details,
    ...(endSessions && { sessionsEnded }),
  });
  tx.notify(
    STAFF_CHANNEL,
    JSON.stringify({ username: account.username, change, sessionsEnded: endSessions } satisfies StaffChange),
  );
  return sessionsEnded;
}

/** This instance's directory answers the new state before the admin gets theirs. */
async function settle(ctx: AppContext, username: string): Promise<void> {
  await ctx.staff?.refresh(username);
}

const placementDetails = (a: Placement) => ({
  roles: a.roles.join(','),
  ...(a.sede !== undefined && { sede: a.sede }),
  ...(a.official !== undefined && { official: a.official }),
});

export async function createAccount(
  ctx: AppContext,
  actor: string,
  body: CreateStaffAccountBody,
): Promise<StaffAccountReply> {
  const generated = body.password === undefined ? generatePassword() : undefined;
  const passwordHash = await hashPassword(body.password ?? generated!);
  const now = ctx.clock().toISOString();
  const account: StoredStaffAccount = {
    username: body.username,
    name: body.name,
    roles: body.roles,
    ...(body.sede !== undefined && { sede: body.sede }),
    ...(body.official !== undefined && { official: body.official }),
    passwordHash,
    // A password someone else knows is changed by its owner at the first sign-in.
    mustChangePassword: true,
    createdAt: now,
    updatedAt: now,
  };
  await ctx.store.transaction(async (tx) => {
    if (await tx.staffAccount(account.username))
      throw new ApiError(409, 'username_taken', `the username "${account.username}" is taken`, [
        { path: 'username', message: 'taken' },
      ]);
    await checkPlacement(ctx, tx, account.username, account);
    await commit(
      ctx,
      tx,
      actor,
      auditActions.staffCreated,
      account,
      'created',
      false,
      placementDetails(account),
    );
  });
  await settle(ctx, account.username);
  return { account: viewOf(account), ...(generated && { password: generated }), sessionsEnded: 0 };
}

export async function updateAccount(
  ctx: AppContext,
  actor: string,
  username: string,
  body: UpdateStaffAccountBody,
): Promise<StaffAccountReply> {
  const result = await ctx.store.transaction(async (tx) => {
    const before = await accountOrThrow(tx, username);
    const after: StoredStaffAccount = {
      ...before,
      ...(body.name !== undefined && { name: body.name }),
      ...(body.roles !== undefined && { roles: body.roles }),
      updatedAt: ctx.clock().toISOString(),
    };
    if (body.sede === null) delete after.sede;
    else if (body.sede !== undefined) after.sede = body.sede;
    if (body.official === null) delete after.official;
    else if (body.official !== undefined) after.official = body.official;
    // An official who stops being one keeps no calendar link.
    if (!after.roles.includes('official') && body.official === undefined) delete after.official;
    await checkPlacement(ctx, tx, username, after);
    if (isActiveAdmin(before) && !after.roles.includes('admin')) {
      if (username === actor)
        throw new ApiError(409, 'own_account', 'you cannot take the admin role from yourself', [
          { path: 'roles', message: 'keeps admin' },
        ]);
      await keepAnAdmin(tx, username);
    }
    // A session carries the roles and the sede it was opened with: a change to them needs a new sign-in.
    const placementChanged =
      before.roles.join() !== after.roles.join() ||
      before.sede !== after.sede ||
      before.official !== after.official;
    const sessionsEnded = await commit(
      ctx,
      tx,
      actor,
      auditActions.staffUpdated,
      after,
      'updated',
      placementChanged,
      placementDetails(after),
    );
    return { account: viewOf(after), sessionsEnded };
  });
  await settle(ctx, username);
  return result;
}

/** A leaver: the account cannot sign in, and its open sessions stop working on their next request. */
export async function disableAccount(
  ctx: AppContext,
  actor: string,
  username: string,
): Promise<StaffAccountReply> {
  if (username === actor)
    throw new ApiError(409, 'own_account', 'you cannot disable your own account: ask another admin');
  const result = await ctx.store.transaction(async (tx) => {
    const account = await accountOrThrow(tx, username);
    if (account.disabledAt !== undefined) return { account: viewOf(account), sessionsEnded: 0 };
    if (isActiveAdmin(account)) await keepAnAdmin(tx, username);
    const now = ctx.clock().toISOString();
    const disabled = { ...account, disabledAt: now, updatedAt: now };
    const sessionsEnded = await commit(
      ctx,
      tx,
      actor,
      auditActions.staffDisabled,
      disabled,
      'disabled',
      true,
    );
    return { account: viewOf(disabled), sessionsEnded };
  });
  await settle(ctx, username);
  return result;
}

export async function enableAccount(
  ctx: AppContext,
  actor: string,
  username: string,
): Promise<StaffAccountReply> {
  const result = await ctx.store.transaction(async (tx) => {
    const account = await accountOrThrow(tx, username);
    if (account.disabledAt === undefined) return { account: viewOf(account), sessionsEnded: 0 };
    const { disabledAt: _disabledAt, ...rest } = account;
    const enabled = { ...rest, updatedAt: ctx.clock().toISOString() };
    await commit(ctx, tx, actor, auditActions.staffEnabled, enabled, 'enabled', false);
    return { account: viewOf(enabled), sessionsEnded: 0 };
  });
  await settle(ctx, username);
  return result;
}

/** A new password, shown once; the person must choose their own at the next sign-in. */
export async function resetPassword(
  ctx: AppContext,
  actor: string,
  username: string,
  typed?: string,
): Promise<StaffAccountReply> {
  const generated = typed === undefined ? generatePassword() : undefined;
  const passwordHash = await hashPassword(typed ?? generated!);
  const result = await ctx.store.transaction(async (tx) => {
    const account = await accountOrThrow(tx, username);
    const reset = {
      ...account,
      passwordHash,
      mustChangePassword: true,
      updatedAt: ctx.clock().toISOString(),
    };
    const sessionsEnded = await commit(
      ctx,
      tx,
      actor,
      auditActions.staffPasswordReset,
      reset,
      'password',
      true,
    );
    return { account: viewOf(reset), sessionsEnded };
  });
  await settle(ctx, username);
  return { ...result, ...(generated && { password: generated }) };
}

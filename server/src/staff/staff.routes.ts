// /api/v1/staff/accounts: the admin's management of staff accounts. Each action is audited; disabling,
// resetting a password or changing roles or sede ends the person's open sessions at once.
import {
  CreateStaffAccountBody,
  ErrorBody,
  ResetPasswordBody,
  StaffAccountReply,
  StaffAccountsResponse,
  UpdateStaffAccountBody,
} from '@sportello/protocol';
import { z } from 'zod';
import type { AppContext } from '../context.ts';
import { principalId } from '../http/principal.ts';
import { defineRoute, type RouteSpec } from '../http/route.ts';
import {
  createAccount,
  disableAccount,
  enableAccount,
  listAccounts,
  resetPassword,
  updateAccount,
} from './staff-accounts.service.ts';

const err = (description: string) => ({ description, schema: ErrorBody });
const UsernameParam = z.object({ username: z.string().min(1).max(40) });
const noStore = { 'cache-control': 'no-store' };
const common = {
  400: err('Bad input, naming the field'),
  401: err('Not signed in'),
  403: err('Not an admin'),
};

export function staffRoutes(ctx: AppContext): RouteSpec[] {
  return [
    defineRoute({
      method: 'get',
      path: '/staff/accounts',
      summary:
        'Every staff account, by username (never a password hash), and the officials’ calendar entries',
      tag: 'staff',
      roles: ['admin'],
      responses: { 200: { description: 'Accounts', schema: StaffAccountsResponse } },
      handler: async () => ({
        headers: noStore,
        body: {
          accounts: await listAccounts(ctx),
          officials: ctx.config.officials.map(({ id, name, sede }) => ({ id, name, sede })),
        },
      }),
    }),
    defineRoute({
      method: 'post',
      path: '/staff/accounts',
      summary: 'Create a staff account; a generated password is answered once',
      tag: 'staff',
      roles: ['admin'],
      body: CreateStaffAccountBody,
      responses: {
        201: {
          description: 'Created; the person chooses their own password at the first sign-in',
          schema: StaffAccountReply,
        },
        ...common,
        409: err('The username is taken (username_taken)'),
      },
      handler: async ({ body, principal }) => ({
        status: 201,
        headers: noStore,
        body: await createAccount(ctx, principalId(principal), body),
      }),
    }),
    defineRoute({
      method: 'post',
      path: '/staff/accounts/:username',
      summary:
        "Change an account's name, roles, sede or official; a change of roles or sede ends its sessions",
      tag: 'staff',
      roles: ['admin'],
      params: UsernameParam,
      body: UpdateStaffAccountBody,
      responses: {
        200: { description: 'Changed', schema: StaffAccountReply },
        ...common,
        404: err('No such account'),
        409: err('Your own admin role (own_account), or the last admin (last_admin)'),
      },
      handler: async ({ params, body, principal }) => ({
        headers: noStore,
        body: await updateAccount(ctx, principalId(principal), params.username, body),
      }),
    }),
    defineRoute({
      method: 'post',
      path: '/staff/accounts/:username/disable',
      summary: 'Disable an account at once (a leaver): it cannot sign in and its sessions end',
      tag: 'staff',
      roles: ['admin'],
      params: UsernameParam,
      responses: {
        200: { description: 'Disabled (also when it already was)', schema: StaffAccountReply },
        ...common,
        404: err('No such account'),
        409: err('Your own account (own_account), or the last admin (last_admin)'),
      },
      handler: async ({ params, principal }) => ({
        headers: noStore,
        body: await disableAccount(ctx, principalId(principal), params.username),
      }),
    }),
    defineRoute({
      method: 'post',
      path: '/staff/accounts/:username/enable',
      summary: 'Enable a disabled account again',
      tag: 'staff',
      roles: ['admin'],
      params: UsernameParam,
      responses: {
        200: { description: 'Enabled (also when it already was)', schema: StaffAccountReply },
        ...common,
        404: err('No such account'),
      },
      handler: async ({ params, principal }) => ({
        headers: noStore,
        body: await enableAccount(ctx, principalId(principal), params.username),
      }),
    }),
    defineRoute({
      method: 'post',
      path: '/staff/accounts/:username/reset-password',
      summary:
        'Give an account a new password (generated and answered once, or typed); changed at next sign-in',
      tag: 'staff',
      roles: ['admin'],
      params: UsernameParam,
      body: ResetPasswordBody,
      responses: {
        200: { description: 'Reset; the sessions of the person ended', schema: StaffAccountReply },
        ...common,
        404: err('No such account'),
      },
      handler: async ({ params, body, principal }) => ({
        headers: noStore,
        body: await resetPassword(ctx, principalId(principal), params.username, body.password),
      }),
    }),
  ];
}

// /api/v1/auth: staff sign-in, sign-out and who is signed in.
import {
  ChangePasswordBody,
  ErrorBody,
  LoginBody,
  LoginResponse,
  StaffUser,
  staffRoles,
  TeamsSignInBody,
} from '@sportello/protocol';
import { z } from 'zod';
import type { AppContext } from '../context.ts';
import { ApiError } from '../http/api-error.ts';
import { SESSION_COOKIE } from '../http/authenticate.ts';
import { defineRoute, type RouteSpec } from '../http/route.ts';
import { changePassword, signIn } from './auth.service.ts';
import { signInWithTeams, teamsTokenChecker } from './teams-sso.ts';

const err = (description: string) => ({ description, schema: ErrorBody });

export function authRoutes(ctx: AppContext): RouteSpec[] {
  const secure = ctx.config.server.publicUrl.startsWith('https:') ? '; Secure' : '';
  /**
   * Inside Teams the console is framed by another site, where a SameSite=Strict cookie is never sent: its
   * cookie is SameSite=None, Secure and Partitioned (CHIPS), so it is sent only inside the Teams page that
   * signed in, never when another site is on top.
   */
  const signedIn = (session: LoginResponse, framed = false) => {
    const maxAge = Math.floor((Date.parse(session.expiresAt) - ctx.clock().getTime()) / 1000);
    const site = framed ? 'SameSite=None; Secure; Partitioned' : `SameSite=Strict${secure}`;
    return {
      body: session,
      headers: {
        'Set-Cookie': `${SESSION_COOKIE}=${session.token}; Path=/; HttpOnly; ${site}; Max-Age=${maxAge}`,
      },
    };
  };
  const sso = ctx.config.teams.sso;
  const checkTeamsToken = sso ? teamsTokenChecker(sso) : undefined;
  return [
    defineRoute({
      method: 'post',
      path: '/auth/login',
      summary: 'Sign in; answers a bearer token and sets a session cookie',
      tag: 'auth',
      roles: 'public',
      guessable: true,
      body: LoginBody,
      responses: {
        200: { description: 'Signed in', schema: LoginResponse },
        401: err('Wrong username or password'),
        403: err(
          'The account is disabled (account_disabled), or its password was reset and must be changed first (password_change_required)',
        ),
      },
      handler: async ({ body }) => signedIn(await signIn(ctx, body)),
    }),
    defineRoute({
      method: 'post',
      path: '/auth/teams',
      summary:
        'Sign in inside Microsoft Teams with the Entra ID token of authentication.getAuthToken(); answers as /auth/login',
      tag: 'auth',
      roles: 'public',
      body: TeamsSignInBody,
      responses: {
        200: { description: 'Signed in', schema: LoginResponse },
        401: err(
          'The token is refused: malformed (sso_malformed), of another tenant (sso_wrong_tenant), for another application (sso_wrong_audience), expired (sso_expired), not signed by the tenant (sso_bad_signature), or another wrong claim (sso_bad_claims)',
        ),
        403: err('The user has no staff account (sso_no_account), or it is disabled (account_disabled)'),
        404: err('Teams single sign-on is not configured (teams_sso_off)'),
        503: err("The tenant's signing keys cannot be read now (sso_keys_unavailable)"),
      },
      handler: async ({ body }) => {
        if (!sso || !checkTeamsToken)
          throw new ApiError(404, 'teams_sso_off', 'Teams single sign-on is not configured here');
        return signedIn(await signInWithTeams(ctx, checkTeamsToken, sso, body.token), true);
      },
    }),
    defineRoute({
      method: 'post',
      path: '/auth/password',
      summary: 'Choose a new password with the current one (required after a reset); signs in',
      tag: 'auth',
      roles: 'public',
      guessable: true,
      audience: 'with username and current password',
      body: ChangePasswordBody,
      responses: {
        200: { description: 'Changed and signed in', schema: LoginResponse },
        400: err('The new password is too short, the same as before or holds the username'),
        401: err('Wrong username or password'),
        403: err('The account is disabled (account_disabled)'),
      },
      handler: async ({ body }) => signedIn(await changePassword(ctx, body)),
    }),
    defineRoute({
      method: 'post',
      path: '/auth/logout',
      summary: 'End the current staff session',
      tag: 'auth',
      roles: staffRoles,
      responses: { 204: { description: 'Signed out' } },
      handler: async ({ principal }) => {
        if (principal.kind === 'staff')
          await ctx.store.transaction((tx) => tx.deleteSession(principal.tokenHash));
        return {
          status: 204,
          headers: {
            'Set-Cookie': `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0${secure}`,
          },
        };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/auth/me',
      summary: 'The signed-in staff member',
      tag: 'auth',
      roles: staffRoles,
      responses: { 200: { description: 'Who you are', schema: z.object({ user: StaffUser }) } },
      handler: async ({ principal }) => {
        if (principal.kind !== 'staff') throw new ApiError(401, 'unauthenticated', 'sign in first');
        const account = await ctx.store.read((r) => r.staffAccount(principal.username));
        if (!account || account.disabledAt !== undefined)
          throw new ApiError(401, 'unauthenticated', 'this account is disabled or no longer exists');
        return {
          body: {
            user: {
              username: account.username,
              name: account.name,
              roles: account.roles,
              sede: account.sede,
            },
          },
        };
      },
    }),
  ];
}

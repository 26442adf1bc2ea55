// Single sign-on inside Microsoft Teams: the console sends the Entra ID token teams-js gave it; the token is
// the only proof of who this is (the Teams context is not). jose checks it against the tenant's published
// keys, issuer, audience (the app's Application ID URI, or its client id for v2.0 tokens), tenant and expiry.
import { entraIssuers, entraJwksUrl, type LoginResponse, type TeamsSsoSettings } from '@sportello/protocol';
import { createRemoteJWKSet, decodeJwt, errors, jwtVerify, type JWTPayload } from 'jose';
import type { AppContext } from '../context.ts';
import { ApiError } from '../http/api-error.ts';
import { startSession } from './auth.service.ts';

/** Claims of an Entra ID access token this sign-in reads. */
interface EntraClaims extends JWTPayload {
  tid?: string;
  oid?: string;
  upn?: string;
  preferred_username?: string;
  scp?: string;
}

export type TeamsTokenCheck = (token: string) => Promise<EntraClaims>;

/** A checker bound to one tenant; its key set is fetched once and refetched when an unknown key id shows up. */
export function teamsTokenChecker(sso: TeamsSsoSettings): TeamsTokenCheck {
  const keys = createRemoteJWKSet(new URL(sso.jwksUrl ?? entraJwksUrl(sso.tenantId)), {
    timeoutDuration: 5_000,
  });
  const refused = (code: string, message: string) => new ApiError(401, code, message);
  return async (token) => {
    let payload: EntraClaims;
    try {
      ({ payload } = await jwtVerify<EntraClaims>(token, keys, {
        algorithms: ['RS256'],
        issuer: entraIssuers(sso.tenantId),
        audience: [sso.applicationIdUri, sso.clientId],
        requiredClaims: ['exp', 'tid'],
        clockTolerance: 60,
      }));
    } catch (error) {
      // Which tenant it claims is read unverified, only to word the refusal.
      let claimedTenant: unknown;
      try {
        claimedTenant = decodeJwt(token).tid;
      } catch {
        throw refused('sso_malformed', 'the Teams token is not a JWT');
      }
      if (claimedTenant !== sso.tenantId)
        throw refused('sso_wrong_tenant', 'the Teams token was issued for another tenant');
      if (error instanceof errors.JWTExpired) throw refused('sso_expired', 'the Teams token has expired');
      if (error instanceof errors.JWTClaimValidationFailed && error.claim === 'aud')
        throw refused('sso_wrong_audience', 'the Teams token was issued for another application');
      if (error instanceof errors.JWTClaimValidationFailed)
        throw refused('sso_bad_claims', `the Teams token has a wrong "${error.claim}" claim`);
      if (
        error instanceof errors.JWSSignatureVerificationFailed ||
        error instanceof errors.JWKSNoMatchingKey ||
        error instanceof errors.JOSEAlgNotAllowed
      )
        throw refused('sso_bad_signature', "the Teams token is not signed by the tenant's keys");
      if (
        error instanceof errors.JWKSTimeout ||
        error instanceof errors.JWKSInvalid ||
        error instanceof TypeError
      )
        throw new ApiError(
          503,
          'sso_keys_unavailable',
          "the tenant's signing keys cannot be read now; try again",
        );
      if (error instanceof errors.JOSEError) throw refused('sso_invalid', 'the Teams token is not valid');
      throw error;
    }
    // Decoded claims are checked again for the tenant: the issuer names it, the tid claim must agree.
    if (payload.tid !== sso.tenantId)
      throw refused('sso_wrong_tenant', 'the Teams token was issued for another tenant');
    return payload;
  };
}

/** The staff username the verified user maps to in teams.json: by object id first, then by UPN. */
export function staffUsernameFor(sso: TeamsSsoSettings, claims: EntraClaims): string | undefined {
  const map = new Map(Object.entries(sso.users).map(([k, v]) => [k.toLowerCase(), v.toLowerCase()]));
  for (const key of [claims.oid, claims.preferred_username, claims.upn])
    if (key && map.has(key.toLowerCase())) return map.get(key.toLowerCase());
  return undefined;
}

/** Signs in the staff account the verified Teams token maps to: the same session a password gives. */
export async function signInWithTeams(
  ctx: AppContext,
  check: TeamsTokenCheck,
  sso: TeamsSsoSettings,
  token: string,
): Promise<LoginResponse> {
  const claims = await check(token);
  const username = staffUsernameFor(sso, claims);
  if (!username) {
    ctx.log.warn({ oid: claims.oid }, 'Teams sign-in of a user with no staff account');
    throw new ApiError(403, 'sso_no_account', 'your Microsoft account is not linked to a staff account');
  }
  const account = await ctx.store.read((r) => r.staffAccount(username));
  if (!account) {
    ctx.log.warn({ username }, 'teams.json links a Microsoft user to a staff account that does not exist');
    throw new ApiError(403, 'sso_no_account', 'your Microsoft account is not linked to a staff account');
  }
  if (account.disabledAt !== undefined)
    throw new ApiError(403, 'account_disabled', 'this account is disabled; ask an administrator');
  ctx.log.info({ username, oid: claims.oid }, 'signed in through Teams');
  return startSession(ctx, account);
}

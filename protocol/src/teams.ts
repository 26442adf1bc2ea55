// Microsoft Teams (config/teams.json, optional): the Teams app that carries the staff console and its single
// sign-on with Entra ID. Nothing here is a secret: SSO needs only the tenant's public signing keys.
import { z } from 'zod';
import { TeamsGraphSettings } from './teams-graph.ts';

const guid = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'expected a GUID');

/** The Teams app package made by `npm run teams:package`. */
export const TeamsAppSettings = z.strictObject({
  /** The Teams app's own id (manifest `id`): a GUID chosen once and kept for every version. */
  id: guid,
  /** Raised at each change of the package, as Teams wants (x.y.z). */
  version: z.string().regex(/^\d+\.\d+\.\d+$/, 'expected a version as 1.0.0'),
  shortName: z.string().min(1).max(30).default('Sportello INPS'),
  developer: z
    .strictObject({
      name: z.string().min(1).max(32),
      websiteUrl: z.url(),
      privacyUrl: z.url(),
      termsOfUseUrl: z.url(),
    })
    .optional(),
});
export type TeamsAppSettings = z.infer<typeof TeamsAppSettings>;

/**
 * Single sign-on in the Teams tab: the token teams-js gets for the console is checked against the tenant's
 * published keys, issuer, audience, tenant and expiry, and its user mapped to a staff account.
 */
export const TeamsSsoSettings = z.strictObject({
  /** The Entra ID tenant (directory) id: tokens of any other tenant are refused. */
  tenantId: guid,
  /** The app registration's application (client) id; also `webApplicationInfo.id` in the manifest. */
  clientId: guid,
  /** The Application ID URI exposed by the registration, `api://<host>/<clientId>`: the tokens' audience. */
  applicationIdUri: z.string().regex(/^api:\/\/\S+$/, 'expected api://<host>/<client id>'),
  /** The tenant's signing keys; by default Entra ID's for the tenant. */
  jwksUrl: z.url().optional(),
  /** Entra ID user (object id `oid`, or UPN / preferred_username, any case) → staff username. */
  users: z.record(z.string().min(1), z.string().min(1)),
});
export type TeamsSsoSettings = z.infer<typeof TeamsSsoSettings>;

export const TeamsSettings = z.strictObject({
  app: TeamsAppSettings.optional(),
  sso: TeamsSsoSettings.optional(),
  /** Booked web meetings held as Teams meetings, made through Microsoft Graph (teams-graph.ts). */
  graph: TeamsGraphSettings.optional(),
});
export type TeamsSettings = z.infer<typeof TeamsSettings>;

/** POST /api/v1/auth/teams: the token `authentication.getAuthToken()` gave the console inside Teams. */
export const TeamsSignInBody = z
  .strictObject({ token: z.string().min(1).max(16_384) })
  .meta({ id: 'TeamsSignIn' });
export type TeamsSignInBody = z.infer<typeof TeamsSignInBody>;

/** Entra ID's default key set and the issuers it signs tokens as (v2.0 and v1.0 tokens). */
export const entraJwksUrl = (tenantId: string) =>
  `https://login.microsoftonline.com/${tenantId}/discovery/v2.0/keys`;
export const entraIssuers = (tenantId: string) => [
  `https://login.microsoftonline.com/${tenantId}/v2.0`,
  `https://sts.windows.net/${tenantId}/`,
];

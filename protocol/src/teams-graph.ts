// Teams meetings for booked web meetings (config/teams.json `graph`): which web meetings are held in Teams,
// and how the server reaches Microsoft Graph with the app's own credentials. The client secret is never in
// the file: it is read from the environment variable named here.
import { z } from 'zod';

const guid = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'expected a GUID');

/** Who carries a booked web meeting: the built-in WebRTC page, or a Microsoft Teams meeting. */
export const WebMeetingProvider = z.enum(['builtin', 'teams']);
export type WebMeetingProvider = z.infer<typeof WebMeetingProvider>;

export const TeamsGraphSettings = z.strictObject({
  /** The provider of the whole deployment, overridden per sede, then per service (the service wins). */
  provider: z
    .strictObject({
      default: WebMeetingProvider.default('teams'),
      sedi: z.record(z.string().min(1), WebMeetingProvider).default({}),
      services: z.record(z.string().min(1), WebMeetingProvider).default({}),
    })
    .prefault({}),
  /** The Entra ID tenant holding the meetings' organizers. */
  tenantId: guid,
  /** The app registration with the application permission OnlineMeetings.ReadWrite.All. */
  clientId: guid,
  /** The environment variable holding the app registration's client secret. */
  clientSecretEnv: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/)
    .default('SPORTELLO_GRAPH_CLIENT_SECRET'),
  /** sede id → the service account organizing its meetings (UPN or Entra object id), granted by the policy. */
  organizers: z.record(z.string().min(1), z.string().min(1)),
  /** Sign-in authority host; another only for a national cloud or a local stand-in. */
  authorityHost: z.url().default('https://login.microsoftonline.com'),
  /** Graph's base; another only for a national cloud or a local stand-in. */
  graphUrl: z.url().default('https://graph.microsoft.com/v1.0'),
  /**
   * The confirmation SMS waits this long for the Teams meeting; past it (Graph down) it goes anyway and the
   * meeting is held on the built-in page, as that page tells the citizen.
   */
  smsWaitMinutes: z.number().int().min(1).max(240).default(15),
});
export type TeamsGraphSettings = z.infer<typeof TeamsGraphSettings>;

/** The provider of a web meeting of that sede and service. */
export function webMeetingProviderOf(
  graph: TeamsGraphSettings | undefined,
  sede: string,
  service: string,
): WebMeetingProvider {
  if (!graph) return 'builtin';
  return graph.provider.services[service] ?? graph.provider.sedi[sede] ?? graph.provider.default;
}

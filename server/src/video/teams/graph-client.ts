// Microsoft Graph's onlineMeetings calls for booked web meetings, with the app's own credentials (client
// credentials through @azure/msal-node, which keeps the token until it expires). Failures come back as
// GraphError saying whether a later try may succeed (429 with its Retry-After, 5xx, network) or not.
import { ConfidentialClientApplication, type INetworkModule, type NetworkResponse } from '@azure/msal-node';
import type { TeamsGraphSettings } from '@sportello/protocol';

export interface MeetingFields {
  /** ISO instants. */
  start: string;
  end: string;
  /** No personal data: the booking code and the service at most. */
  subject: string;
}

export interface GraphMeeting {
  id: string;
  joinWebUrl: string;
}

export interface TeamsGraph {
  /** POST /users/{organizer}/onlineMeetings/createOrGet: the same externalId answers the same meeting. */
  createOrGet(organizer: string, externalId: string, fields: MeetingFields): Promise<GraphMeeting>;
  /** PATCH the meeting's time, subject and lobby (everyone but the organizer waits). */
  update(organizer: string, meetingId: string, fields: MeetingFields): Promise<void>;
  /** DELETE the meeting; one already gone counts as deleted. */
  remove(organizer: string, meetingId: string): Promise<void>;
}

export class GraphError extends Error {
  constructor(
    message: string,
    readonly status: number | undefined,
    /** Whether the same call may succeed later. */
    readonly transient: boolean,
    /** Graph's Retry-After, in milliseconds. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'GraphError';
  }
}

export interface GraphClientOptions {
  settings: TeamsGraphSettings;
  clientSecret: string;
  /** Carries every request (token and Graph); tests point it at the local stand-in. */
  fetch?: typeof fetch;
  /** Each Graph call gives up after this long (a slow Graph is tried again later). */
  timeoutMs?: number;
}

const GRAPH_SCOPE = 'https://graph.microsoft.com/.default';

export function graphClient({
  settings,
  clientSecret,
  fetch: send = fetch,
  timeoutMs = 15_000,
}: GraphClientOptions): TeamsGraph {
  const authorityHost = settings.authorityHost.replace(/\/+$/, '');
  const msal = new ConfidentialClientApplication({
    auth: {
      clientId: settings.clientId,
      clientSecret,
      authority: `${authorityHost}/${settings.tenantId}`,
      knownAuthorities: [new URL(authorityHost).host],
    },
    system: { networkClient: fetchNetworkModule(send) },
  });
  const token = async (fresh: boolean): Promise<string> => {
    try {
      const result = await msal.acquireTokenByClientCredential({ scopes: [GRAPH_SCOPE], skipCache: fresh });
      if (!result?.accessToken) throw new Error('no access token');
      return result.accessToken;
    } catch (error) {
      // The sign-in service unreachable or refusing: tried again later (a wrong secret shows in lastError).
      throw new GraphError(`token: ${(error as Error).message}`, undefined, true);
    }
  };
  const base = settings.graphUrl.replace(/\/+$/, '');
  const call = async (method: string, path: string, body?: unknown): Promise<unknown> => {
    // An expired or revoked token is refused with 401: once with a fresh one, then it is an error.
    for (let fresh = false; ; fresh = true) {
      let response: Response;
      try {
        response = await send(`${base}${path}`, {
          method,
          headers: {
            authorization: `Bearer ${await token(fresh)}`,
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (error) {
        if (error instanceof GraphError) throw error;
        throw new GraphError(`${method} ${path}: ${(error as Error).message}`, undefined, true);
      }
      if (response.status === 401 && !fresh) continue;
      const text = await response.text();
      if (response.ok) return text ? JSON.parse(text) : undefined;
      if (method === 'DELETE' && response.status === 404) return undefined;
      const retryAfter = Number(response.headers.get('retry-after'));
      const transient = response.status === 429 || response.status >= 500 || response.status === 401;
      throw new GraphError(
        `${method} ${path}: ${response.status} ${graphErrorCode(text)}`,
        response.status,
        transient,
        Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : undefined,
      );
    }
  };
  const user = (organizer: string) => `/users/${encodeURIComponent(organizer)}/onlineMeetings`;
  return {
    async createOrGet(organizer, externalId, fields) {
      const meeting = (await call('POST', `${user(organizer)}/createOrGet`, {
        externalId,
        startDateTime: fields.start,
        endDateTime: fields.end,
        subject: fields.subject,
      })) as { id?: string; joinWebUrl?: string };
      if (!meeting?.id || !meeting.joinWebUrl)
        throw new GraphError('createOrGet: no id or joinWebUrl', 200, true);
      return { id: meeting.id, joinWebUrl: meeting.joinWebUrl };
    },
    async update(organizer, meetingId, fields) {
      await call('PATCH', `${user(organizer)}/${encodeURIComponent(meetingId)}`, {
        startDateTime: fields.start,
        endDateTime: fields.end,
        subject: fields.subject,
        // Everyone but the organizer waits; the official admits the citizen after checking the code.
        lobbyBypassSettings: { scope: 'organizer', isDialInBypassEnabled: false },
      });
    },
    async remove(organizer, meetingId) {
      await call('DELETE', `${user(organizer)}/${encodeURIComponent(meetingId)}`);
    },
  };
}

/** Graph's `{ error: { code } }`, or the start of whatever came back. */
function graphErrorCode(text: string): string {
  try {
    return String((JSON.parse(text) as { error?: { code?: string } }).error?.code ?? '');
  } catch {
    return text.slice(0, 80);
  }
}

/** msal's requests through the same fetch as Graph's. */
function fetchNetworkModule(send: typeof fetch): INetworkModule {
  const request = async <T>(
    url: string,
    method: string,
    options?: { headers?: Record<string, string>; body?: string },
    timeout?: number,
  ): Promise<NetworkResponse<T>> => {
    const response = await send(url, {
      method,
      ...(options?.headers ? { headers: options.headers } : {}),
      ...(options?.body === undefined ? {} : { body: options.body }),
      ...(timeout ? { signal: AbortSignal.timeout(timeout) } : {}),
    });
    const headers: Record<string, string> = {};
    response.headers.forEach((value, key) => (headers[key] = value));
    return { headers, body: (await response.json()) as T, status: response.status };
  };
  return {
    sendGetRequestAsync: (url, options, timeout) => request(url, 'GET', options, timeout),
    sendPostRequestAsync: (url, options) => request(url, 'POST', options),
  };
}

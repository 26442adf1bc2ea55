// A local stand-in for Entra ID's token endpoint and Graph's onlineMeetings calls, answering with the shapes
// Microsoft documents (OpenID configuration, client-credentials token response, onlineMeeting resource,
// Graph's error body), with failures to inject: 429 with Retry-After, 503, a token expired early.
import { randomBytes, randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import express from 'express';

export interface StandInMeeting {
  id: string;
  organizer: string;
  externalId: string;
  subject: string;
  startDateTime: string;
  endDateTime: string;
  joinWebUrl: string;
  lobbyBypassSettings?: { scope: string; isDialInBypassEnabled?: boolean };
}

export interface StandInCall {
  method: string;
  path: string;
  status: number;
}

/**
 * An injected failure of the next Graph call: its status (429 with Retry-After seconds); `lost`: the call
 * is carried out and only its answer replaced, as when the answer is lost on the way back.
 */
export interface StandInFailure {
  status: number;
  retryAfterSeconds?: number;
  lost?: boolean;
}

export interface GraphStandIn {
  /** http://127.0.0.1:<port>: the authority host is `${url}` (through the test's fetch), Graph `${url}/v1.0`. */
  url: string;
  tenantId: string;
  clientId: string;
  clientSecret: string;
  /** Every meeting made and not deleted, by id. */
  meetings: Map<string, StandInMeeting>;
  /** Every Graph call, in order, with the status answered. */
  calls: StandInCall[];
  /** Client-credentials grants answered. */
  tokensIssued: number;
  /** The next Graph calls answer these statuses (429 with Retry-After seconds) before working again. */
  failNext(...failures: StandInFailure[]): void;
  /** Every token issued so far is refused from now on as expired. */
  expireTokens(): void;
  close(): Promise<void>;
}

export async function startGraphStandIn(
  tenantId = '11111111-2222-3333-4444-555555555555',
  clientId = '66666666-7777-8888-9999-000000000000',
  clientSecret = 'stand-in-secret',
): Promise<GraphStandIn> {
  const app = express();
  const tokens = new Map<string, { expired: boolean }>();
  const failures: StandInFailure[] = [];
  const state: Omit<GraphStandIn, 'url' | 'close'> = {
    tenantId,
    clientId,
    clientSecret,
    meetings: new Map(),
    calls: [],
    tokensIssued: 0,
    failNext: (...f) => void failures.push(...f),
    expireTokens: () => {
      for (const token of tokens.values()) token.expired = true;
    },
  };
  let url = '';

  app.get(`/${tenantId}/v2.0/.well-known/openid-configuration`, (_req, res) => {
    res.json({
      token_endpoint: `${STAND_IN_AUTHORITY_HOST}/${tenantId}/oauth2/v2.0/token`,
      authorization_endpoint: `${STAND_IN_AUTHORITY_HOST}/${tenantId}/oauth2/v2.0/authorize`,
      end_session_endpoint: `${STAND_IN_AUTHORITY_HOST}/${tenantId}/oauth2/v2.0/logout`,
      issuer: `${STAND_IN_AUTHORITY_HOST}/${tenantId}/v2.0`,
      jwks_uri: `${STAND_IN_AUTHORITY_HOST}/${tenantId}/discovery/v2.0/keys`,
      response_modes_supported: ['query', 'fragment', 'form_post'],
    });
  });
  app.post(`/${tenantId}/oauth2/v2.0/token`, express.urlencoded({ extended: false }), (req, res) => {
    const body = req.body as Record<string, string>;
    if (body.grant_type !== 'client_credentials' || body.client_id !== clientId)
      return void res.status(400).json({ error: 'unauthorized_client', error_description: 'AADSTS700016' });
    if (body.client_secret !== clientSecret)
      return void res.status(401).json({
        error: 'invalid_client',
        error_description: 'AADSTS7000215: Invalid client secret provided.',
      });
    if (body.scope !== 'https://graph.microsoft.com/.default')
      return void res.status(400).json({ error: 'invalid_scope', error_description: 'AADSTS1002012' });
    const token = randomBytes(24).toString('base64url');
    tokens.set(token, { expired: false });
    state.tokensIssued++;
    res.json({ token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: token });
  });

  const graph = express.Router();
  graph.use(express.json());
  graph.use((req, res, next) => {
    const record = (status: number) => state.calls.push({ method: req.method, path: req.path, status });
    const token = tokens.get(/^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '');
    if (!token || token.expired) {
      record(401);
      return void res
        .status(401)
        .json(graphError('InvalidAuthenticationToken', 'Lifetime validation failed, the token is expired.'));
    }
    const failure = failures.shift();
    if (failure?.lost) {
      const json = res.json.bind(res);
      res.json = (() => json(graphError('ServiceUnavailable', 'injected after the work'))) as typeof res.json;
      const status = res.status.bind(res);
      res.status = (() => status(failure.status)) as typeof res.status;
    } else if (failure) {
      record(failure.status);
      if (failure.retryAfterSeconds !== undefined)
        res.setHeader('Retry-After', String(failure.retryAfterSeconds));
      return void res
        .status(failure.status)
        .json(graphError(failure.status === 429 ? 'TooManyRequests' : 'ServiceUnavailable', 'injected'));
    }
    res.on('finish', () => record(res.statusCode));
    next();
  });
  graph.post('/users/:organizer/onlineMeetings/createOrGet', (req, res) => {
    const body = req.body as Partial<StandInMeeting>;
    if (!body.externalId || !body.startDateTime || !body.endDateTime)
      return void res
        .status(400)
        .json(graphError('BadRequest', 'externalId, startDateTime and endDateTime are required'));
    const organizer = req.params.organizer;
    const found = [...state.meetings.values()].find(
      (m) => m.organizer === organizer && m.externalId === body.externalId,
    );
    if (found) return void res.status(200).json(resource(found));
    const id = `MSo${randomUUID()}`;
    const meeting: StandInMeeting = {
      id,
      organizer,
      externalId: body.externalId,
      subject: body.subject ?? '',
      startDateTime: body.startDateTime,
      endDateTime: body.endDateTime,
      joinWebUrl: `https://teams.microsoft.com/l/meetup-join/19%3ameeting_${id}%40thread.v2/0`,
    };
    state.meetings.set(id, meeting);
    res.status(201).json(resource(meeting));
  });
  graph.patch('/users/:organizer/onlineMeetings/:id', (req, res) => {
    const meeting = state.meetings.get(req.params.id);
    if (!meeting || meeting.organizer !== req.params.organizer)
      return void res.status(404).json(graphError('NotFound', 'meeting not found'));
    const body = req.body as Partial<StandInMeeting>;
    for (const key of ['subject', 'startDateTime', 'endDateTime', 'lobbyBypassSettings'] as const)
      if (body[key] !== undefined) Object.assign(meeting, { [key]: body[key] });
    res.status(200).json(resource(meeting));
  });
  graph.delete('/users/:organizer/onlineMeetings/:id', (req, res) => {
    const meeting = state.meetings.get(req.params.id);
    if (!meeting || meeting.organizer !== req.params.organizer)
      return void res.status(404).json(graphError('NotFound', 'meeting not found'));
    state.meetings.delete(meeting.id);
    res.status(204).end();
  });
  app.use('/v1.0', graph);

  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return Object.assign(state, {
    url,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}

/** The onlineMeeting resource as Graph answers it (the fields this product reads, and a few beside). */
function resource(m: StandInMeeting) {
  return {
    '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#users/onlineMeetings/$entity',
    id: m.id,
    externalId: m.externalId,
    subject: m.subject,
    startDateTime: m.startDateTime,
    endDateTime: m.endDateTime,
    creationDateTime: new Date().toISOString(),
    joinWebUrl: m.joinWebUrl,
    isBroadcast: false,
    allowedPresenters: 'everyone',
    lobbyBypassSettings: m.lobbyBypassSettings ?? { scope: 'organization', isDialInBypassEnabled: false },
    participants: { organizer: { upn: m.organizer, role: 'presenter' }, attendees: [] },
  };
}

function graphError(code: string, message: string) {
  return {
    error: { code, message, innerError: { date: new Date().toISOString(), 'request-id': randomUUID() } },
  };
}

/**
 * The test's fetch: msal insists on an https authority, so requests to `https://login.stand-in.test` are
 * carried to the stand-in over plain HTTP on the loopback.
 */
export function standInFetch(standIn: Pick<GraphStandIn, 'url'>): typeof fetch {
  return (input, init) => {
    const target = String(input instanceof Request ? input.url : input).replace(
      STAND_IN_AUTHORITY_HOST,
      standIn.url,
    );
    return fetch(target, init);
  };
}

export const STAND_IN_AUTHORITY_HOST = 'https://login.stand-in.test';

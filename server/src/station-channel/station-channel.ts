// The server's end of the station channel: each enrolled station's agent keeps one outbound WebSocket
// here (stations sit behind municipal firewalls; the server never connects to them). Commands reach it
// through the store's `station:<id>` notifications, so with several server instances the one holding the
// socket delivers them; a revoked credential closes the socket at once.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { randomUUID } from 'node:crypto';
import {
  channelCloseCodes,
  STATION_CHANNEL_PATH,
  STATION_CHANNEL_VERSION,
  StationToServer,
  type ServerToStation,
} from '@sportello/protocol';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import { hashToken, STATION_TOKEN_PREFIX } from '../auth/tokens.ts';
import type { AppContext } from '../context.ts';
import { STATIONS_CHANNEL, stationById, type StationChange } from '../station/station-registry.ts';
import {
  currentSettings,
  notifyStation,
  pendingSelfTests,
  recordSelfTestReport,
  stationChannelName,
  type StationNotice,
} from './station-commands.ts';

/** Messages are a few hundred bytes; a self-test result a few kilobytes. */
const MAX_PAYLOAD = 64 * 1024;
/** How often the server pings each socket and checks the station's credential is still valid. */
const DEFAULT_PING_MS = 25_000;

export interface StationChannel {
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Whether this instance holds an open channel of the station. */
  isConnected(station: string): boolean;
  /** Pings, drops sockets that did not answer the last ping, and closes those whose credential is gone. */
  tick(): Promise<void>;
  close(): Promise<void>;
}

interface Connection {
  station: string;
  tokenHash: string;
  ws: WebSocket;
  alive: boolean;
  unlisten: () => void;
  /** Messages from the agent are handled one after the other. */
  chain: Promise<void>;
}

export function createStationChannel(ctx: AppContext, options: { pingMs?: number } = {}): StationChannel {
  const { store, log } = ctx;
  const instance = randomUUID();
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_PAYLOAD });
  const connections = new Map<string, Connection>();
  let closing = false;

  const send = (connection: Connection, message: ServerToStation) => {
    if (connection.ws.readyState === WebSocket.OPEN) connection.ws.send(JSON.stringify(message));
  };

  const sendSettings = async (connection: Connection) =>
    send(connection, {
      v: STATION_CHANNEL_VERSION,
      type: 'settings',
      settings: await currentSettings(ctx, connection.station),
    });

  const onNotice = (connection: Connection, payload: string) => {
    let notice: StationNotice;
    try {
      notice = JSON.parse(payload) as StationNotice;
    } catch {
      return;
    }
    switch (notice.kind) {
      case 'settings':
        void sendSettings(connection).catch((error: unknown) =>
          log.error({ err: error, station: connection.station }, 'station settings not sent'),
        );
        return;
      case 'self-test':
        send(connection, { v: STATION_CHANNEL_VERSION, type: 'self-test', run: notice.run });
        return;
      case 'connected':
        if (notice.instance !== instance)
          connection.ws.close(channelCloseCodes.replaced, 'another connection took over');
        return;
    }
  };

  /** The credential the connection opened with is gone (revoked, or replaced by a new enrolment): close it. */
  const checkCredential = async (connection: Connection) => {
    const credential = await store.read((r) => r.stationByTokenHash(connection.tokenHash));
    if (credential?.station === connection.station) return;
    log.info({ station: connection.station }, 'station channel closed: credential revoked');
    connection.ws.close(channelCloseCodes.revoked, 'credential revoked');
  };

  // The registry announces revocations and enrolments on its channel, on every instance.
  const unlistenRegistry = store.listen(STATIONS_CHANNEL, (payload) => {
    let change: StationChange;
    try {
      change = JSON.parse(payload) as StationChange;
    } catch {
      return;
    }
    const connection = connections.get(change.station);
    if (connection && (change.change === 'revoked' || change.change === 'enrolled'))
      void checkCredential(connection).catch((error: unknown) =>
        log.error({ err: error, station: change.station }, 'station credential check failed'),
      );
  });

  const onMessage = async (connection: Connection, data: RawData) => {
    let parsed: ReturnType<typeof StationToServer.safeParse>;
    try {
      parsed = StationToServer.safeParse(JSON.parse(String(data)));
    } catch {
      parsed = StationToServer.safeParse(undefined);
    }
    if (!parsed.success) {
      log.warn(
        { station: connection.station, issues: parsed.error.issues.slice(0, 3) },
        'station channel: unreadable message',
      );
      connection.ws.close(channelCloseCodes.badMessage, 'unreadable message');
      return;
    }
    const message = parsed.data;
    const report =
      message.type === 'self-test-status'
        ? { status: message.status }
        : message.type === 'self-test-result'
          ? { status: 'done' as const, result: message.result }
          : { status: 'failed' as const, message: message.message };
    const recorded = await recordSelfTestReport(ctx, connection.station, message.id, report);
    if (!recorded)
      log.warn({ station: connection.station, run: message.id }, 'station channel: report on no active run');
  };

  const onConnection = async (connection: Connection) => {
    const { station, ws } = connection;
    const previous = connections.get(station);
    if (previous) previous.ws.close(channelCloseCodes.replaced, 'another connection took over');
    connections.set(station, connection);
    ws.on('pong', () => (connection.alive = true));
    ws.on('message', (data) => {
      connection.chain = connection.chain
        .then(() => onMessage(connection, data))
        .catch((error: unknown) => log.error({ err: error, station }, 'station channel message failed'));
    });
    ws.on('close', () => {
      connection.unlisten();
      if (connections.get(station) === connection) connections.delete(station);
      log.info({ station }, 'station channel closed');
    });
    ws.on('error', (error) => log.warn({ err: error, station }, 'station channel error'));
    log.info({ station }, 'station channel open');
    // Other instances' connections of this station give way to this one.
    await store.transaction(async (tx) => notifyStation(tx, station, { kind: 'connected', instance }));
    await sendSettings(connection);
    await sendSelfTests(connection);
  };

  /** The self-tests waiting for the station: the agent resends its last report of any it already has. */
  const sendSelfTests = async (connection: Connection) => {
    for (const run of await pendingSelfTests(ctx, connection.station))
      send(connection, {
        v: STATION_CHANNEL_VERSION,
        type: 'self-test',
        run: { id: run.id, print: run.print },
      });
  };

  // Notifications missed while the store's listener was away: read again what they would have said.
  const unlistenResync = store.onResync(() => {
    for (const connection of connections.values())
      void (async () => {
        await checkCredential(connection);
        await sendSettings(connection);
        await sendSelfTests(connection);
      })().catch((error: unknown) =>
        log.error({ err: error, station: connection.station }, 'station channel resync failed'),
      );
  });

  const refuse = (socket: Duplex, status: 401 | 403 | 404 | 503) => {
    const code = { 401: 'unauthenticated', 403: 'forbidden', 404: 'not_found', 503: 'stopping' }[status];
    const text = { 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 503: 'Service Unavailable' }[
      status
    ];
    const body = JSON.stringify({ error: { code, message: text } });
    socket.end(
      `HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: application/json\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
  };

  /** The station of the upgrade's bearer credential: a header only (no cookie, no page can send it). */
  const identify = async (req: IncomingMessage): Promise<{ station: string; tokenHash: string } | 401> => {
    const header = req.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    if (!token?.startsWith(STATION_TOKEN_PREFIX)) return 401;
    const tokenHash = hashToken(token);
    const credential = await store.read((r) => r.stationByTokenHash(tokenHash));
    return credential ? { station: credential.station, tokenHash } : 401;
  };

  const channel: StationChannel = {
    handleUpgrade(req, socket, head) {
      socket.on('error', () => socket.destroy());
      const url = new URL(req.url ?? '/', 'http://x');
      if (url.pathname !== STATION_CHANNEL_PATH) return refuse(socket, 404);
      if (closing) return refuse(socket, 503);
      identify(req).then(
        async (who) => {
          if (who === 401) return refuse(socket, 401);
          if (!(await stationById(ctx, who.station))) return refuse(socket, 403);
          wss.handleUpgrade(req, socket, head, (ws) => {
            const connection: Connection = {
              ...who,
              ws,
              alive: true,
              unlisten: () => undefined,
              chain: Promise.resolve(),
            };
            connection.unlisten = store.listen(stationChannelName(who.station), (payload) =>
              onNotice(connection, payload),
            );
            onConnection(connection).catch((error: unknown) => {
              log.error({ err: error, station: who.station }, 'station channel setup failed');
              ws.close(1011, 'server error');
            });
          });
        },
        (error: unknown) => {
          log.error({ err: error }, 'station channel upgrade failed');
          socket.destroy();
        },
      );
    },
    isConnected: (station) => connections.get(station)?.ws.readyState === WebSocket.OPEN,
    async tick() {
      for (const connection of [...connections.values()]) {
        if (!connection.alive) {
          connection.ws.terminate();
          continue;
        }
        connection.alive = false;
        connection.ws.ping();
        // A credential removed without the registry's notice (another tool, a lost notification) ends here.
        await checkCredential(connection);
      }
    },
    async close() {
      closing = true;
      clearInterval(timer);
      unlistenRegistry();
      unlistenResync();
      for (const connection of connections.values())
        connection.ws.close(channelCloseCodes.stopping, 'server stopping');
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      for (const connection of connections.values()) connection.ws.terminate();
    },
  };
  const timer = setInterval(() => {
    channel.tick().catch((error: unknown) => log.error({ err: error }, 'station channel tick failed'));
  }, options.pingMs ?? DEFAULT_PING_MS);
  timer.unref();
  return channel;
}

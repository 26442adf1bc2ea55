// The agent's loopback HTTP server: serves the kiosk, takes device commands, pushes device events
// over /agent/ws, and proxies /api and /ws to the server with the station credential added.
import { existsSync } from 'node:fs';
import http, { type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Duplex } from 'node:stream';
import express, { type NextFunction, type Request, type Response } from 'express';
import expressStaticGzip from 'express-static-gzip';
import { createProxyMiddleware } from 'http-proxy-middleware';
import type { Logger } from 'pino';
import type { SpeechSynthesizer } from '@sportello/speech';
import { WebSocketServer } from 'ws';
import { z } from 'zod';
import { DeviceHealth, PageReportBody, PrintReceiptBody, PrintTicketBody } from '@sportello/protocol';
import { PrinterUnavailableError, type StationDevices } from '../devices/station-devices.ts';
import type { StationCredential } from '../server-link/credential-file.ts';
import type { ServerMonitor } from '../server-link/server-monitor.ts';
import type { SimulatorControls } from '../devices/create-station-devices.ts';
import { CardError, WrongPinError } from '../devices/card/card-errors.ts';
import { authenticateWithCard, ServerRefusedError } from '../server-link/card-authentication.ts';
import { DeviceEventHub } from './device-events.ts';
import { PageHealthTracker } from './page-health.ts';
import { KioskLink } from './kiosk-link.ts';
import { simulatorRoutes } from './simulator-routes.ts';
import { refusal } from './loopback-guard.ts';
import { phoneRoute } from './phone-route.ts';
import { fieldProblems } from './validation-failed.ts';
import { speechRoute, stationSynthesizer } from './speech-route.ts';

export interface LocalApiOptions {
  port: number;
  kioskDir: string;
  credential: StationCredential | null;
  devices: StationDevices;
  monitor?: ServerMonitor;
  log: Logger;
  agentVersion: string;
  /** Settings the kiosk page reads from /agent/status. */
  kiosk: { idleWarnSeconds: number; idleEndSeconds: number };
  /** Simulated devices' controls, served at /simulator for the demo and the tests. */
  simulators?: SimulatorControls;
  /** The engine that reads the kiosk's screens aloud; espeak-ng unless a test gives another. */
  speech?: SpeechSynthesizer;
}

export interface LocalApi {
  url: string;
  hub: DeviceEventHub;
  /** The kiosk page's own health (loaded, script errors), for the heartbeat. */
  page: PageHealthTracker;
  /** The kiosk page's session state, pushed settings and camera checks. */
  kiosk: KioskLink;
  close(): Promise<void>;
}

const CameraReport = z.object({ state: DeviceHealth.shape.camera.shape.page });
const PinBody = z.object({ pin: z.string().regex(/^\d{4,8}$/, 'a PIN has 4 to 8 digits') });

/** What the kiosk needs to tell the citizen after a failed sign-in with the card. */
function cardAuthenticationError(error: unknown): HttpError {
  if (error instanceof WrongPinError) {
    return new HttpError(409, 'wrong_pin', 'wrong PIN', { triesLeft: error.triesLeft });
  }
  if (error instanceof ServerRefusedError)
    return new HttpError(error.status === 401 ? 409 : 502, error.code, error.message);
  if (error instanceof CardError) {
    const status = error.code === 'not-supported-here' ? 501 : error.code === 'invalid-pin' ? 400 : 409;
    return new HttpError(status, error.code.replace(/-/g, '_'), error.message);
  }
  if (error instanceof TypeError)
    return new HttpError(502, 'server_unreachable', 'the central server cannot be reached');
  throw error;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

function body<T>(schema: z.ZodType<T>, req: Request): T {
  const parsed = schema.safeParse(req.body);
  if (parsed.success) return parsed.data;
  const fields = fieldProblems(parsed.error);
  throw Object.assign(
    new HttpError(400, 'validation_failed', fields.map((f) => `${f.path}: ${f.message}`).join('; ')),
    {
      fields,
    },
  );
}

export async function startLocalApi(options: LocalApiOptions): Promise<LocalApi> {
  const { devices, log } = options;
  const startedAt = Date.now();
  // Port 0 (tests) is known only once listening; the guards read it then.
  let boundPort = options.port;
  const app = express();
  app.disable('x-powered-by');
  const wss = new WebSocketServer({ noServer: true });
  const hub = new DeviceEventHub(wss);
  const page = new PageHealthTracker(() => wss.clients.size);
  const kiosk = new KioskLink(wss, log);

  app.use((req, res, next) => {
    const why = refusal(req, boundPort);
    if (!why) return next();
    log.warn({ why, path: req.path }, 'refused a request that is not from the kiosk');
    res.status(403).json({ error: { code: 'forbidden', message: `refused: ${why}` } });
  });

  app.get('/agent/status', async (_req, res) => {
    res.json({
      station: options.credential?.station ?? null,
      enrolled: options.credential !== null,
      serverOnline: options.monitor?.isOnline ?? false,
      devices: await devices.health(),
      agentVersion: options.agentVersion,
      kiosk: options.kiosk,
      settings: kiosk.currentSettings ?? {},
      uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
    });
  });

  const json = express.json({ limit: '16kb' });
  app.post('/agent/print/ticket', json, async (req, res) => {
    res.json(await devices.printTicket(body(PrintTicketBody, req)));
  });
  app.post('/agent/print/receipt', json, async (req, res) => {
    res.json(await devices.printReceipt(body(PrintReceiptBody, req)));
  });
  app.post('/agent/card/authenticate', json, async (req, res) => {
    const { pin } = body(PinBody, req);
    if (!options.credential)
      throw new HttpError(503, 'not_enrolled', 'this station is not enrolled yet; call a technician');
    try {
      res.json(await authenticateWithCard(options.credential, (p, c) => devices.signChallenge(p, c), pin));
    } catch (error) {
      throw cardAuthenticationError(error);
    }
  });
  app.post('/agent/camera', json, (req, res) => {
    devices.reportCamera(body(CameraReport, req).state);
    res.status(204).end();
  });
  app.post('/agent/page', json, (req, res) => {
    page.report(body(PageReportBody, req));
    res.status(204).end();
  });

  app.use(speechRoute(options.speech ?? stationSynthesizer(), log));
  app.use(phoneRoute());

  if (options.simulators && Object.keys(options.simulators).length > 0)
    app.use('/simulator', simulatorRoutes(options.simulators));

  const proxy = options.credential ? serverProxy(options.credential, options) : null;
  // Mounted at the root so the path reaches the server unchanged.
  app.use((req, res, next) => {
    if (!/^\/(api|ws)(\/|$)/.test(req.path)) return next();
    if (proxy) return proxy(req, res, next);
    res.status(503).json({
      error: { code: 'not_enrolled', message: 'this station is not enrolled yet; call a technician' },
    });
  });

  app.use((req, res, next) => kioskHeaders(boundPort)(req, res, next));
  if (existsSync(options.kioskDir)) {
    app.use(kioskFiles(options.kioskDir));
  } else {
    app.get('/', (_req, res) => {
      res
        .type('html')
        .send('<!doctype html><html lang="it"><title>Sportello</title><h1>Kiosk non ancora installato</h1>');
    });
  }

  app.use(
    (_req, res) => void res.status(404).json({ error: { code: 'not_found', message: 'no such path' } }),
  );
  app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    if (error instanceof PrinterUnavailableError) {
      res.status(409).json({
        error: { code: 'printer_unavailable', message: error.message, details: { state: error.state } },
      });
      return;
    }
    if (error instanceof HttpError) {
      const fields = (error as HttpError & { fields?: unknown }).fields;
      const extra = { ...(fields ? { fields } : {}), ...(error.details ? { details: error.details } : {}) };
      res.status(error.status).json({ error: { code: error.code, message: error.message, ...extra } });
      return;
    }
    const parserType = (error as { type?: string }).type;
    if (parserType === 'entity.parse.failed')
      return void res.status(400).json({ error: { code: 'invalid_json', message: 'not a JSON object' } });
    if (parserType === 'entity.too.large')
      return void res.status(413).json({ error: { code: 'body_too_large', message: 'body too large' } });
    log.error({ err: error }, 'local API error');
    res
      .status(500)
      .json({ error: { code: 'internal', message: 'the station had a problem; please try again' } });
  });

  const server = http.createServer(app);
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const why = refusal(req, boundPort);
    if (why) {
      log.warn({ why }, 'refused a WebSocket that is not from the kiosk');
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    if (req.url === '/agent/ws') {
      wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
    } else if (req.url?.startsWith('/ws') && proxy) {
      proxy.upgrade(req, socket as never, head);
    } else {
      socket.end('HTTP/1.1 404 Not Found\r\n\r\n');
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // Loopback only: nothing on the network may talk to the card reader or the printer.
    server.listen(options.port, '127.0.0.1', resolve);
  });
  boundPort = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${boundPort}`,
    hub,
    page,
    kiosk,
    async close() {
      for (const client of wss.clients) client.terminate();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Forwards to the server as the station: the page's own cookies and authorisation never pass. */
function serverProxy(credential: StationCredential, options: LocalApiOptions) {
  const strip = (proxyReq: http.ClientRequest) => {
    proxyReq.removeHeader('cookie');
    proxyReq.removeHeader('origin');
    proxyReq.setHeader('authorization', `Bearer ${credential.token}`);
  };
  return createProxyMiddleware<Request, Response>({
    target: credential.serverUrl,
    changeOrigin: true,
    ws: true,
    pathFilter: ['/api', '/ws'],
    proxyTimeout: 15_000,
    on: {
      proxyReq: strip,
      proxyReqWs: strip,
      error: (error, _req, res) => {
        options.log.warn({ err: error }, 'server unreachable through the proxy');
        options.monitor?.reportFailure();
        if (res instanceof http.ServerResponse && !res.headersSent) {
          res.writeHead(502, { 'content-type': 'application/json' });
          res.end(
            JSON.stringify({
              error: { code: 'server_unreachable', message: 'the central server cannot be reached' },
            }),
          );
        } else if ('destroy' in res) {
          res.destroy();
        }
      },
    },
  });
}

/**
 * The kiosk's built files, as brotli or gzip when built beside them (web-common's precompress plugin): the
 * hashed assets cached for good (a restart of the page reads them from the cache), the page checked again on
 * every load (no-cache), so an updated kiosk is seen at its next load.
 */
export function kioskFiles(kioskDir: string) {
  return expressStaticGzip(kioskDir, {
    enableBrotli: true,
    orderPreference: ['br', 'gz'],
    index: 'index.html',
    serveStatic: {
      index: 'index.html',
      setHeaders: (res, file) => {
        const hashed = path.relative(kioskDir, file).startsWith(`assets${path.sep}`);
        res.setHeader('Cache-Control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    },
  });
}

/** The kiosk page may talk only to this agent and show only what it was shipped with. */
function kioskHeaders(port: number) {
  const self = `http://127.0.0.1:${port} http://localhost:${port}`;
  const csp = [
    "default-src 'self'",
    `connect-src 'self' ws://127.0.0.1:${port} ws://localhost:${port} ${self}`,
    "img-src 'self' data: blob:",
    "media-src 'self' blob: mediastream:",
    "style-src 'self' 'unsafe-inline'",
    "font-src 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  return (_req: Request, res: Response, next: NextFunction) => {
    res.setHeader('Content-Security-Policy', csp);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Cache-Control', 'no-store');
    next();
  };
}

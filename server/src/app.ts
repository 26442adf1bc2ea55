// Builds the server's request handler: security headers, timing and logging for every request, then /api/v1
// (the API's own router) or Express for the rest: /healthz, /readyz, the API's docs, the privacy notice at
// /privacy, the staff console's bundle at /console/, the citizen's web-meeting page at /meeting/ and so on.
import type { RequestListener } from 'node:http';
import express from 'express';
import swaggerUi from 'swagger-ui-express';
import { alertRoutes } from './alerts/alerts.routes.ts';
import { appointmentRoutes } from './appointments/appointments.routes.ts';
import { auditRoutes } from './audit/audit.routes.ts';
import { authRoutes } from './auth/auth.routes.ts';
import { bookingRoutes } from './booking/booking.routes.ts';
import { calendarRoutes } from './calendar/calendar.routes.ts';
import { catalogRoutes } from './catalog/catalog.routes.ts';
import { citizenAuthRoutes } from './citizen-auth/citizen-auth.routes.ts';
import type { AppContext } from './context.ts';
import { deskRoutes } from './desk/desk.routes.ts';
import { errorHandler, notFoundHandler, sendError } from './http/error-handler.ts';
import { guessLimit } from './http/guess-limit.ts';
import { instanceHeader } from './http/instance-header.ts';
import { securityHeaders } from './http/security-headers.ts';
import { floorRoutes } from './floor/floor.routes.ts';
import { requestLog } from './log/request-log.ts';
import { httpMetrics } from './metrics/http-metrics.ts';
import { METRICS_PATH, metricsEndpointOf } from './metrics/metrics-endpoint.ts';
import { openApiDocument } from './http/openapi.ts';
import { chain, type Middleware } from './http/middleware.ts';
import { buildRouter } from './http/router.ts';
import {
  boardApp,
  consoleApp,
  meetingApp,
  phoneApp,
  selfServiceApp,
  staticApp,
  TEAMS_FRAME_ANCESTORS,
} from './http/static-app.ts';
import type { RouteSpec } from './http/route.ts';
import { meetingRoutes } from './meeting/meeting.routes.ts';
import { notificationRoutes } from './notification/notification.routes.ts';
import { privacyRouter } from './privacy/privacy-router.ts';
import { selfServiceRoutes } from './self-service/self-service.routes.ts';
import { staffRoutes } from './staff/staff.routes.ts';
import { stationRoutes } from './station/station.routes.ts';
import { stationChannelRoutes } from './station-channel/station-channel.routes.ts';
import { statisticsRoutes } from './statistics/statistics.routes.ts';
import { ticketRoutes } from './ticket/ticket.routes.ts';
import type { TurnCheck } from './video/turn-check.ts';
import { videoRoutes } from './video/video.routes.ts';

export const API_VERSION = '0.1.0';
const BODY_LIMIT = '32kb';

export function allRoutes(ctx: AppContext): RouteSpec[] {
  return [
    ...catalogRoutes(ctx),
    ...bookingRoutes(ctx),
    ...ticketRoutes(ctx),
    ...authRoutes(ctx),
    ...staffRoutes(ctx),
    ...stationRoutes(ctx),
    ...stationChannelRoutes(ctx),
    ...alertRoutes(ctx),
    ...notificationRoutes(ctx),
    ...citizenAuthRoutes(ctx),
    ...videoRoutes(ctx),
    ...auditRoutes(ctx),
    ...meetingRoutes(ctx),
    ...appointmentRoutes(ctx),
    ...deskRoutes(ctx),
    ...floorRoutes(ctx),
    ...calendarRoutes(ctx),
    ...selfServiceRoutes(ctx),
    ...statisticsRoutes(ctx),
  ];
}

export interface Readiness {
  /** The last check of the TURN servers with our credentials; absent when TURN is off. */
  turn?: TurnCheck;
}

export function createApp(ctx: AppContext, readiness: Readiness = {}): RequestListener {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  const pages = [consoleApp, meetingApp, boardApp, phoneApp];
  const everyRequest: Middleware[] = [];
  const instance = instanceHeader();
  if (instance) everyRequest.push(instance);
  // First, so a request's time includes every middleware's; mounted apps' files are filed under their mount.
  if (ctx.metrics)
    everyRequest.push(
      httpMetrics(ctx.metrics, ['/api/v1', '/api/v1/docs', '/privacy', ...pages.map((p) => p.path)]),
    );
  // Swagger UI runs inline scripts of its own; the API answers JSON and needs no other relaxation.
  everyRequest.push(securityHeaders({ contentSecurityPolicy: false }));
  everyRequest.push(
    requestLog(ctx.log, (url) => url === '/healthz' || url === '/readyz' || url === METRICS_PATH),
  );

  app.get('/healthz', (_req, res) => void res.json({ status: 'ok' }));
  app.get('/readyz', async (_req, res) => {
    try {
      await ctx.store.ping();
      const turn = readiness.turn?.last;
      // A TURN fault is degraded, not unready: a 503 would make every kiosk think the server is down, and
      // tickets, bookings and the calls that connect without a relay still work.
      const degraded = turn?.some((t) => t.status !== 'ok') ?? false;
      res.json({ status: degraded ? 'degraded' : 'ready', ...(turn && { turn }) });
    } catch (error) {
      ctx.log.error({ err: error }, 'store not reachable');
      res.status(503).json({ error: { code: 'store_unavailable', message: 'the store cannot be reached' } });
    }
  });

  // Codes, passwords and the metrics token are guessable only by many tries: slow the tries down, on every
  // instance together (the API's routes that hold such a secret say so: RouteSpec.guessable). Tries are
  // counted in real time, not on the business clock tests move.
  const guesses = guessLimit(ctx.store, () => new Date());
  const scrape = metricsEndpointOf(ctx);
  if (scrape) app.get(METRICS_PATH, guesses, scrape);

  const routes = allRoutes(ctx);
  const document = openApiDocument(routes, API_VERSION);
  app.get('/api/v1/openapi.json', (_req, res) => void res.json(document));
  app.use('/api/v1/docs', swaggerUi.serve, swaggerUi.setup(document, { customSiteTitle: 'Sportello API' }));

  // Most requests are the API's: its router answers them, Express only what it does not know.
  const api = buildRouter(routes, {
    store: ctx.store,
    clock: ctx.clock,
    log: ctx.log,
    guesses,
    bodyLimit: BODY_LIMIT,
  });

  app.use('/privacy', privacyRouter(ctx.config.server.privacyNoticeVersion));
  app.use(selfServiceApp.path, staticApp(selfServiceApp));
  // Inside Teams the console is a tab, framed by Microsoft 365's hosts.
  const framedByTeams = { ...consoleApp, frameAncestors: TEAMS_FRAME_ANCESTORS };
  for (const page of pages)
    app.use(page.path, staticApp(page === consoleApp && ctx.config.teams.sso ? framedByTeams : page));
  app.use(notFoundHandler);
  app.use(errorHandler(ctx.log));
  return chain(
    everyRequest,
    (req, res) => api(req, res) || app(req, res),
    (error, res) => sendError(res, error, ctx.log),
  );
}

// /api/v1/stations/:id/self-tests and /settings: the technician's remote device test and the settings
// pushed to a running station, both delivered over the station's channel.
import {
  ErrorBody,
  SelfTestListResponse,
  SelfTestRunView,
  StartSelfTestBody,
  StationSettings,
  StationSettingsResponse,
} from '@sportello/protocol';
import { z } from 'zod';
import type { AppContext } from '../context.ts';
import { principalId } from '../http/principal.ts';
import { defineRoute, type RouteSpec } from '../http/route.ts';
import { putSettings, selfTestsOf, settingsOf, startSelfTest } from './station-commands.ts';

const err = (description: string) => ({ description, schema: ErrorBody });
const params = z.object({ id: z.string().max(40) });

/** Online: this instance holds its channel, or its heartbeat is recent (another instance may hold it). */
async function online(ctx: AppContext, station: string): Promise<boolean> {
  if (ctx.stationChannel?.isConnected(station)) return true;
  const status = (await ctx.store.read((r) => r.stationStatuses())).find((s) => s.station === station);
  const since = ctx.clock().getTime() - ctx.config.server.stationOfflineSeconds * 1000;
  return status !== undefined && Date.parse(status.lastHeartbeatAt) > since;
}

export function stationChannelRoutes(ctx: AppContext): RouteSpec[] {
  return [
    defineRoute({
      method: 'post',
      path: '/stations/:id/self-tests',
      summary: 'Run the station’s device self-test once its kiosk is idle (a test print only when asked)',
      tag: 'stations',
      roles: ['technician'],
      params,
      body: StartSelfTestBody,
      responses: {
        202: { description: 'Queued for the station', schema: SelfTestRunView },
        404: err('No such station'),
        409: err('A self-test of this station is already under way'),
      },
      handler: async ({ params, body, principal }) => ({
        status: 202,
        body: await startSelfTest(ctx, params.id, body.print, principalId(principal)),
      }),
    }),
    defineRoute({
      method: 'get',
      path: '/stations/:id/self-tests',
      summary: 'The station’s self-test runs, newest first, and whether it is online',
      tag: 'stations',
      roles: ['technician'],
      params,
      responses: {
        200: { description: 'Runs', schema: SelfTestListResponse },
        404: err('No such station'),
      },
      handler: async ({ params }) => ({
        body: { runs: await selfTestsOf(ctx, params.id), connected: await online(ctx, params.id) },
      }),
    }),
    defineRoute({
      method: 'get',
      path: '/stations/:id/settings',
      summary: 'The settings pushed to a station (empty: the defaults)',
      tag: 'stations',
      roles: ['technician'],
      params,
      responses: {
        200: { description: 'Settings', schema: StationSettingsResponse },
        404: err('No such station'),
      },
      handler: async ({ params }) => ({ body: await settingsOf(ctx, params.id) }),
    }),
    defineRoute({
      method: 'put',
      path: '/stations/:id/settings',
      summary:
        'Replace a station’s settings (idle timer, languages, services, out of service); pushed at once',
      tag: 'stations',
      roles: ['technician'],
      params,
      body: StationSettings,
      responses: {
        200: {
          description: 'Stored, and sent to the station when it is connected',
          schema: StationSettingsResponse,
        },
        400: err('A field is wrong'),
        404: err('No such station'),
      },
      handler: async ({ params, body, principal }) => ({
        body: await putSettings(ctx, params.id, body, principalId(principal)),
      }),
    }),
  ];
}

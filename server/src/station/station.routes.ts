// /api/v1/stations: enrolment codes and enrolment, heartbeats, the fleet's health, a station's own record.
import {
  EnrolBody,
  EnrolResponse,
  EnrolmentCodeResponse,
  ErrorBody,
  HeartbeatBody,
  StationListResponse,
  StationMeResponse,
} from '@sportello/protocol';
import { z } from 'zod';
import { stationOf } from '../catalog/catalog.ts';
import type { AppContext } from '../context.ts';
import { ApiError } from '../http/api-error.ts';
import { principalId, type Principal } from '../http/principal.ts';
import { defineRoute, type RouteSpec } from '../http/route.ts';
import { createEnrolmentCode, enrol, fleetHealth, recordHeartbeat } from './station.service.ts';

const err = (description: string) => ({ description, schema: ErrorBody });

function stationIdOf(principal: Principal): string {
  if (principal.kind !== 'station') throw new ApiError(403, 'forbidden', 'only a station may call this');
  return principal.station;
}

export function stationRoutes(ctx: AppContext): RouteSpec[] {
  return [
    defineRoute({
      method: 'post',
      path: '/stations/:id/enrolment-codes',
      summary: 'Create a one-time enrolment code for a station (expires)',
      tag: 'stations',
      roles: ['technician'],
      params: z.object({ id: z.string().max(40) }),
      responses: {
        201: { description: 'The code, shown once', schema: EnrolmentCodeResponse },
        404: err('No such station'),
      },
      handler: async ({ params, principal }) => ({
        status: 201,
        body: await createEnrolmentCode(ctx, params.id, principalId(principal)),
      }),
    }),
    defineRoute({
      method: 'post',
      path: '/stations/enrol',
      summary: 'Exchange an enrolment code for the station’s credential and configuration',
      tag: 'stations',
      roles: 'public',
      audience: 'the agent, with an enrolment code',
      body: EnrolBody,
      responses: {
        200: { description: 'Enrolled', schema: EnrolResponse },
        404: err('Unknown code'),
        410: err('Code used or expired'),
      },
      handler: async ({ body }) => ({ body: await enrol(ctx, body) }),
    }),
    defineRoute({
      method: 'post',
      path: '/stations/heartbeat',
      summary: 'A station reports that it is alive and how its devices are',
      tag: 'stations',
      roles: ['station'],
      body: HeartbeatBody,
      responses: { 204: { description: 'Recorded' } },
      handler: async ({ body, principal }) => {
        await recordHeartbeat(ctx, stationIdOf(principal), body);
        return { status: 204 };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/stations/me',
      summary: 'The calling station’s own record (sede, kind, host)',
      tag: 'stations',
      roles: ['station'],
      responses: { 200: { description: 'This station', schema: StationMeResponse } },
      handler: async ({ principal }) => {
        const station = stationOf(ctx.config, stationIdOf(principal));
        if (!station) throw ApiError.notFound('station');
        return { body: { station } };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/stations',
      summary: 'Every station with online state and last known devices',
      tag: 'stations',
      roles: ['technician'],
      responses: { 200: { description: 'The fleet', schema: StationListResponse } },
      handler: async () => ({ body: { stations: await fleetHealth(ctx) } }),
    }),
  ];
}

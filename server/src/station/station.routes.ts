// /api/v1/stations: the registry (create, edit, move, rename), enrolment codes and enrolment, revoking a
// credential, heartbeats, the fleet's health, a station's own record.
import {
  CreateStationBody,
  EnrolBody,
  EnrolResponse,
  EnrolmentCodeResponse,
  ErrorBody,
  HeartbeatBody,
  StationDetailResponse,
  StationListQuery,
  StationListResponse,
  StationMeResponse,
  StationRecordResponse,
  UpdateStationBody,
} from '@sportello/protocol';
import { z } from 'zod';
import type { AppContext } from '../context.ts';
import { ApiError } from '../http/api-error.ts';
import { principalId, type Principal } from '../http/principal.ts';
import { defineRoute, type RouteSpec } from '../http/route.ts';
import {
  createEnrolmentCode,
  createStation,
  enrol,
  fleetHealth,
  ownStation,
  recordHeartbeat,
  revokeStation,
  stationDetail,
  updateStation,
} from './station.service.ts';

const err = (description: string) => ({ description, schema: ErrorBody });
const StationParams = z.object({ id: z.string().max(40) });

function stationIdOf(principal: Principal): string {
  if (principal.kind !== 'station') throw new ApiError(403, 'forbidden', 'only a station may call this');
  return principal.station;
}

export function stationRoutes(ctx: AppContext): RouteSpec[] {
  return [
    defineRoute({
      method: 'post',
      path: '/stations',
      summary: 'Add a station to the registry (its id derived from the comune when not given)',
      tag: 'stations',
      roles: ['technician'],
      body: CreateStationBody,
      responses: {
        201: { description: 'Created; enrol it with a code next', schema: StationRecordResponse },
        400: err('A field is missing or wrong, or the sede does not exist'),
        409: err('The id is taken'),
      },
      handler: async ({ body, principal }) => ({
        status: 201,
        body: { station: await createStation(ctx, body, principalId(principal)) },
      }),
    }),
    defineRoute({
      method: 'put',
      path: '/stations/:id',
      summary: 'Rename a station, move it to another sede, or edit its place and expected devices',
      tag: 'stations',
      roles: ['technician'],
      params: StationParams,
      body: UpdateStationBody,
      responses: {
        200: { description: 'The station as it is now', schema: StationRecordResponse },
        400: err('A field is wrong, or the sede does not exist'),
        404: err('No such station'),
      },
      handler: async ({ params, body, principal }) => ({
        body: { station: await updateStation(ctx, params.id, body, principalId(principal)) },
      }),
    }),
    defineRoute({
      method: 'delete',
      path: '/stations/:id/credential',
      summary: 'Revoke a station’s credential: its agent is refused from now on, until enrolled again',
      tag: 'stations',
      roles: ['technician'],
      params: StationParams,
      responses: {
        200: {
          description: 'Whether it had a credential to revoke',
          schema: z.object({ revoked: z.boolean() }),
        },
        404: err('No such station'),
      },
      handler: async ({ params, principal }) => ({
        body: { revoked: await revokeStation(ctx, params.id, principalId(principal)) },
      }),
    }),
    defineRoute({
      method: 'post',
      path: '/stations/:id/enrolment-codes',
      summary: 'Create a one-time enrolment code for a station (expires)',
      tag: 'stations',
      roles: ['technician'],
      params: StationParams,
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
      guessable: true,
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
      summary: 'A station reports that it is alive and how its devices and kiosk page are',
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
      handler: async ({ principal }) => ({
        body: { station: await ownStation(ctx, stationIdOf(principal)) },
      }),
    }),
    defineRoute({
      method: 'get',
      path: '/stations',
      summary:
        'The fleet: every station with online state, devices, kiosk page, agent version, last self-test; filters',
      tag: 'stations',
      roles: ['technician'],
      query: StationListQuery,
      responses: { 200: { description: 'The fleet', schema: StationListResponse } },
      handler: async ({ query }) => ({ body: await fleetHealth(ctx, query) }),
    }),
    defineRoute({
      method: 'get',
      path: '/stations/:id',
      summary: 'One station’s record and health',
      tag: 'stations',
      roles: ['technician'],
      params: StationParams,
      responses: {
        200: { description: 'The station', schema: StationDetailResponse },
        404: err('No such station'),
      },
      handler: async ({ params }) => ({ body: await stationDetail(ctx, params.id) }),
    }),
  ];
}

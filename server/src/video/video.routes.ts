// /api/v1/video: the official's console reads the waiting room and its ICE servers, and records each call's
// identification, outcome and follow-up appointment.
import {
  CallOutcomeBody,
  CallRecordResponse,
  CreateBookingResponse,
  ErrorBody,
  FollowUpBody,
  IceServersResponse,
  Identification,
  QueueResponse,
  StationFollowUpResponse,
} from '@sportello/protocol';
import { z } from 'zod';
import type { AppContext } from '../context.ts';
import { ApiError } from '../http/api-error.ts';
import { principalId } from '../http/principal.ts';
import { defineRoute, type RouteSpec } from '../http/route.ts';
import { iceServersFor } from './ice-servers.ts';
import { groupOf, officialOfAccount } from './matching.ts';
import {
  bookFollowUp,
  readCall,
  recordIdentification,
  recordOutcome,
  stationFollowUp,
} from './video-calls.service.ts';

const err = (description: string) => ({ description, schema: ErrorBody });
const CallParams = z.strictObject({ callId: z.string().min(1).max(64) });
const callErrors = {
  400: err('Invalid field'),
  401: err('Not signed in'),
  403: err("Not an official, or another official's call"),
  404: err('No such call'),
};

export function videoRoutes(ctx: AppContext): RouteSpec[] {
  return [
    defineRoute({
      method: 'get',
      path: '/video/queue',
      summary: 'Waiting room by sector: an official sees their sede group, an admin every group',
      tag: 'video',
      roles: ['official', 'admin'],
      query: z.strictObject({ group: z.string().max(40).optional() }),
      responses: {
        200: { description: 'Snapshots per sede group', schema: QueueResponse },
        401: err('Not signed in'),
        403: err('Not an official or admin'),
      },
      handler: async ({ query, principal }) => {
        const hub = ctx.video;
        if (!hub) throw new ApiError(503, 'video_unavailable', 'the video service is not running');
        let groups = hub.groups();
        if (principal.kind === 'staff' && !principal.roles.includes('admin')) {
          const sede = officialOfAccount(ctx, principal.username)?.sede ?? principal.sede;
          groups = sede ? [groupOf(ctx.config, sede)] : [];
        }
        if (query.group !== undefined) groups = groups.filter((g) => g === query.group);
        return { body: { groups: await Promise.all(groups.map((g) => hub.snapshot(g))) } };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/video/ice-servers',
      summary: 'STUN and TURN servers, TURN with credentials valid for the configured time',
      tag: 'video',
      roles: ['official', 'admin'],
      responses: {
        200: { description: 'For RTCPeerConnection', schema: IceServersResponse },
        401: err('Not signed in'),
        403: err('Not an official or admin'),
      },
      handler: async ({ principal }) => ({
        headers: { 'cache-control': 'no-store' },
        body: { iceServers: iceServersFor(ctx.config.video, principalId(principal), ctx.clock()) },
      }),
    }),
    defineRoute({
      method: 'get',
      path: '/video/calls/:callId',
      summary: 'A recorded call with its citizen, identification and outcome',
      tag: 'video',
      roles: ['official'],
      audience: "the call's own",
      params: CallParams,
      responses: {
        200: { description: 'The call (the read is audited)', schema: CallRecordResponse },
        ...callErrors,
      },
      handler: async ({ params, principal }) => ({
        headers: { 'cache-control': 'no-store' },
        body: { call: await readCall(ctx, principal, params.callId) },
      }),
    }),
    defineRoute({
      method: 'post',
      path: '/video/calls/:callId/identification',
      summary: 'Record the ID checklist, during or after the call; replaces an earlier one',
      tag: 'video',
      roles: ['official'],
      audience: "the call's own",
      params: CallParams,
      body: Identification,
      responses: { 200: { description: 'The call as recorded', schema: CallRecordResponse }, ...callErrors },
      handler: async ({ params, body, principal }) => ({
        body: { call: await recordIdentification(ctx, principal, params.callId, body) },
      }),
    }),
    defineRoute({
      method: 'post',
      path: '/video/calls/:callId/outcome',
      summary: 'Record the outcome and notes, during or after the call; replaces an earlier one',
      tag: 'video',
      roles: ['official'],
      audience: "the call's own",
      params: CallParams,
      body: CallOutcomeBody,
      responses: { 200: { description: 'The call as recorded', schema: CallRecordResponse }, ...callErrors },
      handler: async ({ params, body, principal }) => ({
        body: { call: await recordOutcome(ctx, principal, params.callId, body) },
      }),
    }),
    defineRoute({
      method: 'post',
      path: '/video/calls/:callId/follow-up',
      summary: "Book a follow-up for the call's citizen from the call's data; the SMS goes out",
      tag: 'video',
      roles: ['official'],
      audience: "the call's own",
      params: CallParams,
      body: FollowUpBody,
      responses: {
        201: { description: 'Booked (recorded on the call, audited)', schema: CreateBookingResponse },
        ...callErrors,
        409: err(
          'citizen_unknown (no codice fiscale), follow_up_exists, or the slot is taken (details.nextSlots)',
        ),
      },
      handler: async ({ params, body, principal }) => ({
        status: 201,
        body: await bookFollowUp(ctx, principal, params.callId, body),
      }),
    }),
    defineRoute({
      method: 'get',
      path: '/video/calls/:callId/follow-up',
      summary: 'The follow-up booked in the call, for the kiosk the citizen called from (null until booked)',
      tag: 'video',
      roles: ['station'],
      audience: "the call's station, up to 30 minutes after the call",
      params: CallParams,
      responses: {
        200: { description: 'The follow-up, or null', schema: StationFollowUpResponse },
        400: err('Invalid field'),
        401: err('Not signed in'),
        403: err('Not a station'),
        404: err('No such call at this station, or it ended too long ago'),
      },
      handler: async ({ params, principal }) => ({
        headers: { 'cache-control': 'no-store' },
        body: { followUp: await stationFollowUp(ctx, principal, params.callId) },
      }),
    }),
  ];
}

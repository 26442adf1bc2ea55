// /api/v1/video: the official's console reads the waiting room and its ICE servers.
import { ErrorBody, IceServersResponse, QueueResponse } from '@sportello/protocol';
import { z } from 'zod';
import type { AppContext } from '../context.ts';
import { ApiError } from '../http/api-error.ts';
import { principalId } from '../http/principal.ts';
import { defineRoute, type RouteSpec } from '../http/route.ts';
import { iceServersFor } from './ice-servers.ts';
import { groupOf } from './matching.ts';

const err = (description: string) => ({ description, schema: ErrorBody });

export function videoRoutes(ctx: AppContext): RouteSpec[] {
  return [
    defineRoute({
      method: 'get',
      path: '/video/queue',
      summary: 'The video waiting room by sector: an official sees their sede group, an admin every group',
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
          const account = ctx.config.staff.find((a) => a.username === principal.username);
          const official = ctx.config.officials.find((o) => o.id === account?.official);
          const sede = official?.sede ?? principal.sede;
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
  ];
}

// /api/v1/meetings: the citizen's web-meeting page enters the admission code and gets the meeting cookie.
import { ErrorBody, MeetingAdmitBody, MeetingAdmitResponse } from '@sportello/protocol';
import type { AppContext } from '../context.ts';
import { defineRoute, type RouteSpec } from '../http/route.ts';
import { createMeetingToken, MEETING_COOKIE } from './meeting-token.ts';
import { admitToMeeting } from './meeting.service.ts';

const err = (description: string) => ({ description, schema: ErrorBody });

export function meetingRoutes(ctx: AppContext): RouteSpec[] {
  const secure = ctx.config.server.publicUrl.startsWith('https:') ? '; Secure' : '';
  return [
    defineRoute({
      method: 'post',
      path: '/meetings/admit',
      summary: 'Enter a web meeting with the SMS admission code; sets the cookie /ws reads',
      tag: 'meetings',
      roles: 'public',
      guessable: true,
      audience: 'with booking code and admission code',
      body: MeetingAdmitBody,
      responses: {
        200: {
          description: 'Admitted; the cookie lasts until the meeting ends',
          schema: MeetingAdmitResponse,
        },
        400: err('Malformed booking or admission code'),
        403: err('Wrong admission code (wrong_admission_code); error.details.attemptsLeft'),
        404: err('No booking with this code (booking_not_found)'),
        409: err(
          'Not a web meeting (not_a_web_meeting), cancelled (booking_cancelled), or the room is not open yet ' +
            '(meeting_not_open; error.details.opensAt)',
        ),
        410: err('The meeting is over (meeting_over)'),
        429: err('Too many wrong codes (too_many_attempts); error.details.retryAt'),
      },
      handler: async ({ body }) => {
        const admission = await admitToMeeting(ctx, body);
        const token = createMeetingToken(ctx.secret, {
          code: admission.meeting.code,
          exp: admission.expiresAt,
        });
        const maxAge = Math.max(1, Math.floor((admission.expiresAt - ctx.clock().getTime()) / 1000));
        return {
          body: { meeting: admission.meeting },
          headers: {
            'Set-Cookie': `${MEETING_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${maxAge}${secure}`,
          },
        };
      },
    }),
  ];
}

// The follow-up an official booked during the kiosk's video call (/api/v1/video/calls/:callId/follow-up).
import type { StationFollowUpResponse } from '@sportello/protocol';
import { request } from './api-client.ts';

export const fetchFollowUp = async (callId: string) =>
  (
    await request<StationFollowUpResponse>(
      'GET',
      `/api/v1/video/calls/${encodeURIComponent(callId)}/follow-up`,
    )
  ).followUp;

// One video call as the server records it: the identification checklist, the outcome and notes, and a
// follow-up appointment booked from the call's own citizen data (/api/v1/video/calls/:callId/…).
import type {
  CallOutcomeBody,
  CallRecord,
  CreateBookingResponse,
  FollowUpBody,
  Identification,
} from '@sportello/protocol';
import type { z } from 'zod';
import { request } from './api-client.ts';

const base = (callId: string) => `/api/v1/video/calls/${encodeURIComponent(callId)}`;

export const fetchCall = async (callId: string): Promise<CallRecord> =>
  (await request<{ call: CallRecord }>('GET', base(callId))).call;

export const recordIdentification = async (callId: string, body: Identification): Promise<CallRecord> =>
  (await request<{ call: CallRecord }>('POST', `${base(callId)}/identification`, body)).call;

export const recordOutcome = async (callId: string, body: CallOutcomeBody): Promise<CallRecord> =>
  (await request<{ call: CallRecord }>('POST', `${base(callId)}/outcome`, body)).call;

export type FollowUpResponse = z.infer<typeof CreateBookingResponse>;

export const bookFollowUp = (callId: string, body: FollowUpBody): Promise<FollowUpResponse> =>
  request<FollowUpResponse>('POST', `${base(callId)}/follow-up`, body);

// Free slots for a follow-up appointment (/api/v1/availability).
import type { AvailabilityQuery, AvailabilityResponse } from '@sportello/protocol';
import { request } from './api-client.ts';

export const fetchAvailability = (query: AvailabilityQuery): Promise<AvailabilityResponse> =>
  request<AvailabilityResponse>('GET', `/api/v1/availability?${new URLSearchParams(query).toString()}`);

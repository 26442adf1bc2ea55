// The station registry and the fleet's health as a technician works with them: list with filters, one
// station, create, edit (rename, move, place, expected devices), revoke its credential, an enrolment code.
import type {
  CreateStationBody,
  EnrolmentCodeResponse,
  FleetFilter,
  Station,
  StationDetailResponse,
  StationListResponse,
  UpdateStationBody,
} from '@sportello/protocol';
import { request } from './api-client.ts';

export interface FleetQuery {
  filter?: FleetFilter;
  sede?: string;
  q?: string;
  /** At most this many stations in the answer; `matched` tells how many there are. */
  limit?: number;
}

export function fetchFleet(query: FleetQuery = {}): Promise<StationListResponse> {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value) params.set(key, String(value));
  const search = params.size > 0 ? `?${params}` : '';
  return request<StationListResponse>('GET', `/api/v1/stations${search}`);
}

const path = (id: string) => `/api/v1/stations/${encodeURIComponent(id)}`;

export const fetchStation = (id: string) => request<StationDetailResponse>('GET', path(id));

export const createStation = async (body: CreateStationBody) =>
  (await request<{ station: Station }>('POST', '/api/v1/stations', body)).station;

export const updateStation = async (id: string, body: UpdateStationBody) =>
  (await request<{ station: Station }>('PUT', path(id), body)).station;

/** Answers whether the station had a credential to revoke. */
export const revokeCredential = async (id: string) =>
  (await request<{ revoked: boolean }>('DELETE', `${path(id)}/credential`)).revoked;

export const createEnrolmentCode = (id: string) =>
  request<EnrolmentCodeResponse>('POST', `${path(id)}/enrolment-codes`);

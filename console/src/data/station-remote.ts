// A station's remote commands as a technician gives them: the device self-test (start, list its runs) and
// the settings pushed to the running kiosk (read, replace).
import type {
  SelfTestListResponse,
  SelfTestRunView,
  StationSettings,
  StationSettingsResponse,
} from '@sportello/protocol';
import { request } from './api-client.ts';

const base = (station: string) => `/api/v1/stations/${encodeURIComponent(station)}`;

export const fetchSelfTests = (station: string) =>
  request<SelfTestListResponse>('GET', `${base(station)}/self-tests`);

export const startSelfTest = (station: string, print: boolean) =>
  request<SelfTestRunView>('POST', `${base(station)}/self-tests`, { print });

export const fetchStationSettings = (station: string) =>
  request<StationSettingsResponse>('GET', `${base(station)}/settings`);

export const saveStationSettings = (station: string, settings: StationSettings) =>
  request<StationSettingsResponse>('PUT', `${base(station)}/settings`, settings);

// A web meeting booked as a station (enrolled: its token) books it for a citizen who signed in with CIE and PIN: its booking code
// and the admission code the citizen would read in the SMS.
import { expect } from '@playwright/test';
import { citizen, type TestServer } from '../../../server/src/testing/test-server.ts';

export interface BookedMeeting {
  code: string;
  admissionCode: string;
}

export async function bookWebMeeting(
  server: TestServer,
  options: { station: string; token: string; start: string; citizenIndex: number; service?: string },
): Promise<BookedMeeting> {
  const person = citizen(options.citizenIndex);
  const result = await server.call('POST', '/api/v1/bookings', {
    token: options.token,
    body: {
      sede: 'rovigo',
      service: options.service ?? 'pensione-consulenza',
      mode: 'webMeeting',
      start: options.start,
      citizen: person,
      authMethod: 'cie-pin',
      authProof: server.authProof(options.station, person.codiceFiscale),
      privacyNoticeVersion: '2026-01',
    },
  });
  expect(result.status, JSON.stringify(result.body)).toBe(201);
  return { code: result.body.booking.code, admissionCode: result.body.admissionCode };
}

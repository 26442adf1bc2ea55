import type { TicketResponse } from '@sportello/protocol';
import { describe, expect, it } from 'vitest';
import { ticketPrintBody } from './ticket-print.ts';

const response = (followUrl?: string): TicketResponse => ({
  ticket: {
    id: '6f1c2f0e-7c1b-4c55-9d0e-2b7a5c1d9e01',
    number: 'N004',
    sede: 'rovigo',
    service: 'naspi-informazioni',
    sector: 'prestazioni',
    day: '2026-11-30',
    priority: 'none',
    status: 'waiting',
    issuedAt: '2026-11-30T09:00:00+01:00',
    language: 'it',
    recalls: 0,
    transfers: [],
  },
  ahead: 3,
  estimatedWaitMinutes: 12,
  ...(followUrl ? { followUrl } : {}),
});

const print = (r: TicketResponse) =>
  ticketPrintBody({
    response: r,
    heading: 'INPS - Sede provinciale di Rovigo',
    serviceName: 'NASpI',
    language: 'it',
  });

describe('the printed ticket', () => {
  it("carries as its QR the phone page the server gave for it, never the ticket's id", () => {
    const url = 'https://sportello.inps.example/t/rovigo.2026-11-30.AbCdEfGhIjKlMnOpQrStUv';
    const body = print(response(url));
    expect(body.qr).toEqual({ url, caption: 'Inquadra il codice per seguire la coda sul telefono' });
    expect(JSON.stringify(body)).not.toContain('6f1c2f0e');
    expect(body).toMatchObject({ number: 'N004', service: 'NASpI' });
  });

  it('has no QR when the server gave no phone page', () => {
    expect(print(response())).not.toHaveProperty('qr');
  });
});

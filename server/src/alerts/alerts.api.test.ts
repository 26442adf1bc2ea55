// Alerts over real HTTP: a station's heartbeat says the printer is out of paper → the technicians see the
// alert and get an e-mail (a real SMTP server on loopback) with a link to the station in the console; paper
// back → cleared, and the recovery e-mail. Without mail configured the alerts still show, and the log says so.
import type { AlertListResponse } from '@sportello/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultConfigDir } from '../config/load-config.ts';
import { startTestServer, type TestServer } from '../testing/test-server.ts';
import { configWithAlertMail, SmtpTestServer } from './smtp-test-server.ts';

const MONDAY = '2026-11-30T09:00:00+01:00';
const healthy = {
  reader: 'ok',
  printer: 'ok',
  scanner: 'ok',
  camera: { page: 'ok', device: true },
} as const;

let server: TestServer | undefined;
let smtp: SmtpTestServer | undefined;
afterEach(async () => {
  await server?.stop();
  await smtp?.stop();
  server = smtp = undefined;
});

async function beat(s: TestServer, token: string, printer: string) {
  const answer = await s.call('POST', '/api/v1/stations/heartbeat', {
    token,
    body: { agentVersion: '0.1.0', uptimeSeconds: 10, devices: { ...healthy, printer } },
  });
  expect(answer.status).toBe(204);
}

/** The alerts list, once `until` holds of it (the engine looks just after the heartbeat's answer). */
async function alertsWhen(s: TestServer, token: string, until: (body: AlertListResponse) => unknown) {
  const deadline = Date.now() + 5000;
  for (;;) {
    const list = await s.call('GET', '/api/v1/alerts', { token });
    expect(list.status).toBe(200);
    if (until(list.body) || Date.now() > deadline) return list.body;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('alerts', () => {
  it('shows a paper-out alert to technicians and admins without mail configured; the log says once that mail is off', async () => {
    server = await startTestServer(MONDAY, { jobs: true });
    const station = await server.stationToken('adria-municipio');
    const technician = await server.login('tecnico');
    await beat(server, station, 'paper-out');
    const body = await alertsWhen(server, technician, (b) => b.open === 1);
    expect(body).toMatchObject({ open: 1, mail: false, clearedHours: 24 });
    expect(body.alerts).toMatchObject([
      {
        station: 'adria-municipio',
        stationName: 'Postazione INPS al Comune di Adria',
        sede: 'rovigo',
        kind: 'paper-out',
        detail: null,
        clearedAt: null,
        raisedMailedAt: null,
      },
    ]);
    expect(
      (await server.call('GET', '/api/v1/alerts', { token: await server.login('admin') })).body.open,
    ).toBe(1);
    expect(server.logs().match(/alert e-mails are off/g)).toHaveLength(1);

    const official = await server.login('funzionario.rovigo');
    expect((await server.call('GET', '/api/v1/alerts', { token: official })).status).toBe(403);
    expect((await server.call('GET', '/api/v1/alerts')).status).toBe(401);
    const bad = await server.call('GET', '/api/v1/alerts?hours=0', { token: technician });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toEqual([expect.objectContaining({ path: 'query.hours' })]);
  });

  it('mails the alert with a link to the station in the console, then the recovery, once each', async () => {
    smtp = await new SmtpTestServer().start();
    server = await startTestServer(MONDAY, {
      jobs: true,
      configDir: await configWithAlertMail(defaultConfigDir(), smtp.url),
    });
    const station = await server.stationToken('adria-municipio');
    const technician = await server.login('tecnico');
    await beat(server, station, 'paper-out');
    const [raised] = await smtp.waitFor(1);
    expect(raised!.subject).toBe(
      '[Sportello] Avviso: Postazione INPS al Comune di Adria – stampante senza carta',
    );
    expect(raised!.text).toContain('Problema: la stampante è senza carta');
    expect(raised!.text).toContain('Dal: lunedì 30 novembre 2026 alle 09:00');
    expect(raised!.text).toContain('http://127.0.0.1:8080/console/#stations/adria-municipio');
    expect((await alertsWhen(server, technician, (b) => b.alerts[0]?.raisedMailedAt)).mail).toBe(true);

    server.setNow('2026-11-30T09:04:00+01:00');
    await beat(server, station, 'ok');
    const [, cleared] = await smtp.waitFor(2);
    expect(cleared!.subject).toBe(
      '[Sportello] Ripristinato: Postazione INPS al Comune di Adria – stampante senza carta',
    );
    const body = await alertsWhen(server, technician, (b) => b.alerts[0]?.clearedMailedAt);
    expect(body).toMatchObject({ open: 0, alerts: [{ clearedAt: '2026-11-30T08:04:00.000Z' }] });
    // The fleet is looked at every second here: nothing else goes out.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(smtp.received).toHaveLength(2);
  });
});

// The alert engine and its mailer against a real lowdb store, a real SMTP server on loopback and a clock
// the test moves: offline after the threshold and not before, out of paper, clearing by itself, the rate
// limit and its digest, an SMTP server down then up (one mail), two mailers at once (one mail).
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AlertMailSettings, type DeviceHealth, type Station } from '@sportello/protocol';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LowdbStore } from '../store/lowdb/lowdb-store.ts';
import type { StationAlert, Store } from '../store/store.ts';
import { AlertEngine, evaluateAlerts } from './alert-engine.ts';
import type { MailContext } from './alert-mail.ts';
import { AlertMailer, smtpTransport } from './alert-mailer.ts';
import { SmtpTestServer } from './smtp-test-server.ts';

const T0 = Date.parse('2026-11-30T08:00:00Z'); // 09:00 in Rome
let now = new Date(T0);
const clock = () => now;
/** Moves the clock to T0 + minutes. */
const at = (minutes: number) => (now = new Date(T0 + minutes * 60_000));
const silent = pino({ level: 'silent' });

const station = (id: string, extra: Partial<Station> = {}): Station => ({
  id,
  name: `Postazione ${id}`,
  kind: 'municipal',
  host: `Comune di ${id}`,
  address: `Piazza ${id} 1`,
  sede: 'rovigo',
  comune: 'Adria',
  ...extra,
});
const STATIONS = [station('adria', { devices: ['reader', 'printer', 'camera'] }), station('lendinara')];
const healthy: DeviceHealth = {
  reader: 'ok',
  printer: 'ok',
  scanner: 'absent',
  camera: { page: 'ok', device: true },
};

let store: Store;
let smtp: SmtpTestServer;
beforeEach(async () => {
  now = new Date(T0);
  store = await LowdbStore.open({
    dataDir: await mkdtemp(path.join(tmpdir(), 'sportello-alerts-')),
    now: clock,
  });
  smtp = await new SmtpTestServer().start();
});
afterEach(async () => {
  await smtp.stop();
  await store.close();
});

async function heartbeat(id: string, devices: Partial<DeviceHealth> = {}) {
  await store.transaction((tx) =>
    tx.putStationStatus({
      station: id,
      lastHeartbeatAt: now.toISOString(),
      agentVersion: '1.0.0',
      uptimeSeconds: 60,
      devices: { ...healthy, ...devices },
    }),
  );
}

const look = (stations: Station[] = STATIONS) =>
  evaluateAlerts(store, { now, offlineMinutes: 10, configStations: () => stations });
const allAlerts = () => store.read((r) => r.alerts('2000-01-01T00:00:00Z'));
const open = async () => (await allAlerts()).filter((a) => !a.clearedAt);
const brief = (alerts: StationAlert[]) =>
  alerts.map((a) => `${a.station} ${a.kind}${a.detail ? ` ${a.detail}` : ''}`).sort();

describe('alert engine', () => {
  it('raises "offline" once the threshold has passed, not before, once, and clears it at the next heartbeat', async () => {
    await heartbeat('adria');
    await heartbeat('lendinara');
    at(10);
    await heartbeat('lendinara');
    expect((await look()).raised).toEqual([]);
    at(10.02); // 10 minutes and a second without a heartbeat from Adria
    const first = await look();
    expect(brief(first.raised)).toEqual(['adria offline']);
    expect(first.raised[0]).toMatchObject({ since: new Date(T0).toISOString(), raisedAt: now.toISOString() });
    at(15);
    await heartbeat('lendinara');
    expect(await look()).toEqual({ raised: [], cleared: [] });
    expect(brief(await open())).toEqual(['adria offline']);

    at(16);
    await heartbeat('adria');
    const back = await look();
    expect(brief(back.cleared)).toEqual(['adria offline']);
    expect(back.cleared[0]?.clearedAt).toBe(now.toISOString());
    expect(await open()).toEqual([]);
  });

  it('counts silence only from when the server started: a restart after a night off raises nothing at once', async () => {
    await heartbeat('adria');
    at(12 * 60); // the server starts again twelve hours later
    const engine = new AlertEngine({
      store,
      clock,
      log: silent,
      settings: { offlineMinutes: 10, checkSeconds: 30 },
      configStations: () => STATIONS,
    });
    expect((await engine.checkFleet()).raised).toEqual([]);
    at(12 * 60 + 10.02); // and the station has not spoken for ten minutes since
    const late = await engine.checkFleet();
    expect(brief(late.raised)).toEqual(['adria offline']);
    expect(late.raised[0]?.since).toBe(new Date(T0).toISOString());
  });

  it('says nothing of a station that never sent a heartbeat (not installed yet)', async () => {
    at(600);
    expect(await look()).toEqual({ raised: [], cleared: [] });
  });

  it('raises paper-out, a device fault and an expected device missing from a heartbeat, and clears each when it is fixed', async () => {
    const engine = new AlertEngine({
      store,
      clock,
      log: silent,
      settings: { offlineMinutes: 10, checkSeconds: 30 },
      configStations: () => STATIONS,
    });
    await heartbeat('adria', { printer: 'paper-out' });
    expect(brief((await engine.stationHeard('adria', { ...healthy, printer: 'paper-out' }))!.raised)).toEqual(
      ['adria paper-out'],
    );
    // The same heartbeat again changes nothing and raises nothing twice.
    await engine.stationHeard('adria', { ...healthy, printer: 'paper-out' });
    at(1);
    const faults = { ...healthy, printer: 'cover-open', camera: { page: 'unknown', device: false } } as const;
    await heartbeat('adria', faults);
    const changed = (await engine.stationHeard('adria', faults))!;
    expect(brief(changed.raised)).toEqual([
      'adria device camera: absent',
      'adria device printer: cover-open',
    ]);
    expect(brief(changed.cleared)).toEqual(['adria paper-out']);
    // A station expecting no camera has no camera problem; a scanner that is not there is not expected.
    await heartbeat('lendinara', { camera: { page: 'unknown', device: false } });
    expect(
      (await engine.stationHeard('lendinara', { ...healthy, camera: { page: 'unknown', device: false } }))!
        .raised,
    ).toEqual([]);

    at(2);
    await heartbeat('adria');
    expect(brief((await engine.stationHeard('adria', healthy))!.cleared)).toEqual([
      'adria device camera: absent',
      'adria device printer: cover-open',
    ]);
    expect(await open()).toEqual([]);
    expect(await allAlerts()).toHaveLength(3);
  });

  it('keeps a device alert open while the station is offline, and clears both when it is back and fixed', async () => {
    await heartbeat('adria', { printer: 'paper-out' });
    await look();
    at(11);
    expect(brief((await look()).raised)).toEqual(['adria offline']);
    expect(brief(await open())).toEqual(['adria offline', 'adria paper-out']);
    at(12);
    await heartbeat('adria');
    expect(brief((await look()).cleared)).toEqual(['adria offline', 'adria paper-out']);
  });

  it('clears the alerts of a station removed from the registry', async () => {
    await heartbeat('lendinara', { printer: 'paper-out' });
    await look();
    expect(brief((await look([STATIONS[0]!])).cleared)).toEqual(['lendinara paper-out']);
  });
});

describe('alert mailer', () => {
  const context: MailContext = {
    station: (id) => STATIONS.find((s) => s.id === id),
    sedeName: (id) => (id === 'rovigo' ? 'Rovigo' : undefined),
    stationLink: (id) => `https://sportello.example.it/console/#stations/${id}`,
  };
  const settings = (extra: Partial<AlertMailSettings> = {}) =>
    AlertMailSettings.parse({
      url: smtp.url,
      from: 'Sportello INPS <avvisi@sportello.example.it>',
      to: ['tecnici@example.it', 'reperibile@example.it'],
      retrySeconds: 30,
      timeoutSeconds: 5,
      ...extra,
    });
  const mailer = (extra: Partial<AlertMailSettings> = {}) => {
    const s = settings(extra);
    return new AlertMailer({
      store,
      transport: smtpTransport(s),
      settings: s,
      clock,
      log: silent,
      context: async () => context,
    });
  };

  it('mails the alert with the station, sede, comune, what and since when and a link, then the recovery, each once', async () => {
    const m = mailer();
    await heartbeat('adria', { printer: 'paper-out' });
    await look();
    expect(await m.runOnce()).toBe(1);
    const [raised] = await smtp.waitFor(1);
    expect(raised!.to).toEqual(['tecnici@example.it', 'reperibile@example.it']);
    expect(raised!.from).toContain('avvisi@sportello.example.it');
    expect(raised!.subject).toBe('[Sportello] Avviso: Postazione adria – stampante senza carta');
    expect(raised!.text).toContain('Stazione: Postazione adria (adria)');
    expect(raised!.text).toContain('Sede: Rovigo');
    expect(raised!.text).toContain('Comune: Adria');
    expect(raised!.text).toContain('Problema: la stampante è senza carta');
    expect(raised!.text).toContain('Dal: lunedì 30 novembre 2026 alle 09:00');
    expect(raised!.text).toContain('https://sportello.example.it/console/#stations/adria');
    expect((await open())[0]?.raisedMailedAt).toBe(now.toISOString());
    expect(await m.runOnce()).toBe(0);

    at(7);
    await heartbeat('adria');
    await look();
    expect(await m.runOnce()).toBe(1);
    const [, cleared] = await smtp.waitFor(2);
    expect(cleared!.subject).toBe('[Sportello] Ripristinato: Postazione adria – stampante senza carta');
    expect(cleared!.text).toContain('Ripristinato: lunedì 30 novembre 2026 alle 09:07 (durata 7 minuti)');
    expect(await m.runOnce()).toBe(0);
    expect(smtp.received).toHaveLength(2);
  });

  it('sends at most maxPerWindow mails in the window; what does not fit goes as one digest once there is room', async () => {
    const m = mailer({ maxPerWindow: 3, windowMinutes: 60 });
    await heartbeat('adria', { printer: 'paper-out' });
    await look();
    expect(await m.runOnce()).toBe(1);
    const many = ['a', 'b', 'c', 'd'].map((id) => station(`s-${id}`));
    at(1);
    for (const s of many) await heartbeat(s.id, { printer: 'cover-open' });
    await look([...STATIONS, ...many]);
    // Four alerts, room for two mails: all four in one digest.
    expect(await m.runOnce()).toBe(1);
    const [, digest] = await smtp.waitFor(2);
    expect(digest!.subject).toBe('[Sportello] Riepilogo avvisi: 4 nuovi');
    for (const s of many) expect(digest!.text).toContain(`(${s.id})`);
    at(2);
    await heartbeat('s-e', { printer: 'cover-open' });
    await look([...STATIONS, ...many, station('s-e')]);
    expect(await m.runOnce()).toBe(1); // the third mail of the hour
    at(3);
    await heartbeat('adria');
    await look([...STATIONS, ...many, station('s-e')]);
    expect(await m.runOnce()).toBe(0); // the window is full: the recovery waits
    at(60.5); // the first mail is out of the window
    expect(await m.runOnce()).toBe(1);
    const mails = await smtp.waitFor(4);
    expect(mails[3]!.subject).toBe('[Sportello] Ripristinato: Postazione adria – stampante senza carta');
    expect((await allAlerts()).every((a) => a.raisedMailedAt && (!a.clearedAt || a.clearedMailedAt))).toBe(
      true,
    );
  });

  it('keeps a mail the SMTP server did not take, tries again after the delay, and sends it once', async () => {
    const m = mailer({ retrySeconds: 30 });
    await smtp.stop();
    await heartbeat('adria', { printer: 'paper-out' });
    await look();
    expect(await m.runOnce()).toBe(0);
    const [failed] = await open();
    expect(failed).toMatchObject({ mailAttempts: 1, mailRetryAt: new Date(T0 + 30_000).toISOString() });
    expect(failed!.raisedMailedAt).toBeUndefined();
    expect(failed!.mailError).toBeTruthy();
    await smtp.start();
    at(0.25); // before the retry is due
    expect(await m.runOnce()).toBe(0);
    at(0.5);
    expect(await m.runOnce()).toBe(1);
    expect(await m.runOnce()).toBe(0);
    await smtp.waitFor(1);
    expect(smtp.received).toHaveLength(1);
    expect((await open())[0]).toMatchObject({ raisedMailedAt: now.toISOString() });
    expect((await open())[0]!.mailError).toBeUndefined();
  });

  it('two mailers at once (two server instances) send one mail per alert', async () => {
    await heartbeat('adria', { printer: 'paper-out' });
    await look();
    const sent = await Promise.all([mailer().runOnce(), mailer().runOnce()]);
    expect(sent.sort()).toEqual([0, 1]);
    await smtp.waitFor(1);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(smtp.received).toHaveLength(1);
  });
});

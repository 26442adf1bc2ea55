// The manager's statistics on real Chromium against a real server: a month of Rovigo's tickets, bookings,
// video calls and kiosk sessions seeded in the store, the page's numbers checked against numbers this test
// works out itself from the seed; the CSV download; and a kiosk session reported through the real agent
// with the end screen's rating.
import { expect, test, type Page } from '@playwright/test';
import type { CallOutcome, CallRecord, Language } from '@sportello/protocol';
import { startTestServer, type TestServer } from '../../server/src/testing/test-server.ts';
import type {
  KioskSessionStat,
  StoredBooking,
  StoredTicket,
  VideoQueueExit,
} from '../../server/src/store/store.ts';
import { startKioskSystem } from './support/kiosk-system.ts';
import { expectAccessible, heading, PORTRAIT } from './support/screens.ts';

const DESK = { width: 1366, height: 768 };
const NOW = '2026-12-01T10:00:00+01:00';
const shot = (page: Page, name: string) =>
  page.screenshot({ path: `/tmp/shots/kpi-${name}.png`, fullPage: true });

// ---- a month of Rovigo, made from a fixed seed ----

function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n: number) => String(n).padStart(2, '0');
/** 2026-11-dd at minutes after 8:30, Rome (UTC+1 in November). */
const at = (day: string, minutes: number) => {
  const m = 8 * 60 + 30 + minutes;
  return `${day}T${pad(Math.floor(m / 60))}:${pad(m % 60)}:${pad(0)}+01:00`;
};

interface Month {
  tickets: StoredTicket[];
  bookings: StoredBooking[];
  calls: CallRecord[];
  exits: VideoQueueExit[];
  sessions: KioskSessionStat[];
}

function seedMonth(): Month {
  const rnd = random(12);
  const int = (n: number) => Math.floor(rnd() * n);
  const month: Month = { tickets: [], bookings: [], calls: [], exits: [], sessions: [] };
  const outcomes: CallOutcome[] = ['answered', 'needs-appointment', 'documents-missing'];
  const languages: Language[] = ['it', 'it', 'it', 'en', 'ro', 'ar'];
  let code = 0;
  for (let d = 2; d <= 30; d++) {
    const day = `2026-11-${pad(d)}`;
    if ([0, 6].includes(new Date(`${day}T12:00:00Z`).getUTCDay())) continue;
    for (let i = 0; i < 6 + int(6); i++) {
      const issued = int(200);
      const fate = rnd();
      const called = issued + 1 + int(25);
      const t: StoredTicket = {
        id: `${day}-t${i}`,
        number: `N${pad(i)}`,
        sede: 'rovigo',
        service: i % 2 ? 'naspi-informazioni' : 'pensione-informazioni',
        sector: i % 2 ? 'prestazioni' : 'assicurato-pensionato',
        day,
        priority: 'none',
        status: fate < 0.1 ? 'cancelled' : fate < 0.2 ? 'no-show' : 'done',
        issuedAt: at(day, issued),
        language: 'it',
        recalls: 0,
        transfers: [],
        followToken: `${day}-${i}`,
      };
      if (t.status !== 'cancelled') t.calledAt = at(day, called);
      if (t.status === 'done') {
        t.servingAt = at(day, called + 1);
        t.finishedAt = at(day, called + 2 + int(15));
      }
      month.tickets.push(t);
    }
    for (let i = 0; i < 3; i++) {
      const mode = (['inPerson', 'callback', 'webMeeting'] as const)[i]!;
      const fate = rnd();
      const start = 60 + int(120);
      const b: StoredBooking = {
        code: `K${String(code++).padStart(7, '0')}`,
        sede: 'rovigo',
        service: 'naspi-consulenza',
        sector: 'prestazioni',
        mode,
        start: at(day, start),
        end: at(day, start + 20),
        status: fate < 0.15 ? 'cancelled' : fate < 0.3 ? 'no-show' : fate < 0.6 ? 'completed' : 'booked',
        citizen: { codiceFiscale: '[rimosso]', firstName: '', lastName: '', phone: '', language: 'it' },
        authMethod: 'typed',
        privacyNoticeVersion: '2026-11',
        bookedBy: { channel: 'staff', id: 'contactcenter' },
        createdAt: at(day, 0),
        updatedAt: at(day, 0),
        admissionCodeHash: 'x',
      };
      if (mode === 'callback')
        b.callback = {
          attempts: [{ at: at(day, start), official: 'ro-laura-bianchi', result: 'no-answer' }],
          ...(b.status === 'completed' && {
            done: { at: at(day, start + 30), official: 'ro-laura-bianchi' },
          }),
        };
      month.bookings.push(b);
    }
    for (let i = 0; i < 2 + int(3); i++) {
      const waited = 30 + int(150);
      const started = waited + int(12);
      const failed = rnd() < 0.2;
      month.calls.push({
        callId: `${day}-c${i}`,
        entryId: `${day}-e${i}`,
        origin: 'station',
        group: 'rovigo',
        sector: 'prestazioni',
        service: 'naspi-informazioni',
        station: 'rovigo-accoglienza',
        sede: 'rovigo',
        official: 'ro-laura-bianchi',
        waitedSince: at(day, waited),
        startedAt: at(day, started),
        endedAt: at(day, started + (failed ? 1 : 5 + int(10))),
        endReason: failed ? 'media-failed' : 'hangup',
        ...(!failed && { outcome: { outcome: outcomes[int(3)]!, recordedAt: at(day, started + 16) } }),
      });
    }
    if (rnd() < 0.4)
      month.exits.push({
        entryId: `${day}-gone`,
        group: 'rovigo',
        sede: 'rovigo',
        origin: 'station',
        sector: 'prestazioni',
        service: 'naspi-informazioni',
        since: at(day, 100),
        leftAt: at(day, 100 + int(20)),
        reason: 'left',
      });
    for (let i = 0; i < 4 + int(4); i++) {
      const rated = rnd() < 0.7;
      month.sessions.push({
        id: `${day}-s${i}`,
        station: 'rovigo-accoglienza',
        sede: 'rovigo',
        startedAt: at(day, 10 * i),
        endedAt: at(day, 10 * i + 3),
        language: languages[int(languages.length)]!,
        identification: (['cns', 'cie', 'typed', 'none'] as const)[int(4)]!,
        outcome: (['ticket', 'video', 'booking', 'information'] as const)[int(4)]!,
        service: 'naspi-informazioni',
        ...(rated && { rating: 1 + int(5) }),
      });
    }
  }
  return month;
}

async function store(server: TestServer, month: Month) {
  await server.ctx.store.transaction(async (tx) => {
    for (const t of month.tickets) await tx.insertTicket(t);
    for (const b of month.bookings) await tx.insertBooking(b);
    for (const c of month.calls) await tx.putCallRecord(c);
    for (const e of month.exits) await tx.appendVideoQueueExit(e);
    for (const s of month.sessions) await tx.appendKioskSession(s);
  });
}

// ---- the test's own arithmetic ----

const seconds = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 1000);
function quantile(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  const h = (s.length - 1) * p;
  const lo = Math.floor(h);
  return s[lo]! + (h - lo) * (s[Math.min(lo + 1, s.length - 1)]! - s[lo]!);
}
const it1 = new Intl.NumberFormat('it-IT', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const minutes = (s: number) => `${it1.format(s / 60)} min`;
const percent = (n: number, of: number) =>
  new Intl.NumberFormat('it-IT', { style: 'percent', maximumFractionDigits: 1 }).format(n / of);

function expected(month: Month) {
  const due = month.bookings.filter((b) => b.status !== 'cancelled');
  const walkIns = month.tickets;
  const waits = [
    ...walkIns.filter((t) => t.calledAt).map((t) => seconds(t.issuedAt, t.calledAt!)),
    ...month.calls.map((c) => seconds(c.waitedSince, c.startedAt)),
  ];
  const services = [
    ...walkIns.filter((t) => t.status === 'done').map((t) => seconds(t.servingAt!, t.finishedAt!)),
    ...month.calls.map((c) => seconds(c.startedAt, c.endedAt!)),
  ];
  const callbacks = due.filter((b) => b.mode === 'callback');
  const rated = month.sessions.filter((s) => s.rating);
  return {
    arrivals: walkIns.length + due.length + month.calls.length + month.exits.length,
    ticketArrivals: walkIns.length,
    medianWait: minutes(quantile(waits, 0.5)),
    p90Wait: minutes(quantile(waits, 0.9)),
    medianService: minutes(quantile(services, 0.5)),
    abandoned: walkIns.filter((t) => t.status === 'cancelled').length + month.exits.length,
    noShows:
      walkIns.filter((t) => t.status === 'no-show').length + due.filter((b) => b.status === 'no-show').length,
    callbacks: percent(callbacks.filter((b) => b.status === 'completed').length, callbacks.length),
    mediaFailed: percent(
      month.calls.filter((c) => c.endReason === 'media-failed').length,
      month.calls.length,
    ),
    rating: `${it1.format(rated.reduce((a, s) => a + s.rating!, 0) / rated.length)} / 5`,
    sessions: month.sessions.length,
    romanian: month.sessions.filter((s) => s.language === 'ro').length,
  };
}

const tile = (page: Page, label: string) =>
  page
    .locator('.tile')
    .filter({ has: page.getByText(label, { exact: true }) })
    .locator('.value');

test('the manager’s KPIs of a seeded month equal the month worked out by hand, with charts, tables and CSV', async ({
  page,
}) => {
  const server = await startTestServer(NOW);
  try {
    const month = seedMonth();
    await store(server, month);
    const want = expected(month);

    await page.setViewportSize(DESK);
    await page.clock.setFixedTime(new Date(NOW));
    await page.goto(`${server.url}/console/`);
    await page.getByLabel('Nome utente').fill('direttore.rovigo');
    await page.getByLabel('Password').fill('demo-direttore.rovigo');
    await page.getByRole('button', { name: 'Accedi' }).click();
    await page.getByRole('navigation').getByRole('button', { name: 'Statistiche' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Statistiche');

    await page.getByLabel('Dal giorno', { exact: true }).fill('2026-11-01');
    await page.getByLabel('Al giorno', { exact: true }).fill('2026-11-30');
    await page.getByLabel('Periodo', { exact: true }).selectOption('week');
    await page.getByRole('button', { name: 'Mostra' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'dal 1 nov' })).toBeVisible();

    await expect(tile(page, 'Arrivi')).toHaveText(String(want.arrivals));
    await expect(tile(page, 'Attesa mediana')).toHaveText(want.medianWait);
    await expect(tile(page, '9 persone su 10 attendono al massimo')).toHaveText(want.p90Wait);
    await expect(tile(page, 'Durata mediana del servizio')).toHaveText(want.medianService);
    await expect(tile(page, 'Abbandoni')).toHaveText(String(want.abandoned));
    await expect(tile(page, 'Mancate presentazioni')).toHaveText(String(want.noShows));
    await expect(tile(page, 'Richiamate riuscite')).toHaveText(want.callbacks);
    await expect(tile(page, 'Videochiamate fallite')).toHaveText(want.mediaFailed);
    await expect(tile(page, 'Soddisfazione media')).toHaveText(want.rating);
    const ticketRow = page.getByRole('row', { name: /^Numero allo sportello/ });
    await expect(ticketRow.getByRole('cell').first()).toHaveText(String(want.ticketArrivals));
    await expect(page.getByRole('heading', { name: `Chioschi: ${want.sessions} sessioni` })).toBeVisible();
    await expect(
      page
        .getByRole('row', { name: /^Română/ })
        .getByRole('cell')
        .first(),
    ).toHaveText(String(want.romanian));
    // Five weeks with data, Monday the 2nd to Monday the 30th, each a row beside the arrivals chart.
    const arrivalsTable = page.getByRole('table', { name: 'Arrivi per periodo' });
    await expect(arrivalsTable.getByRole('row')).toHaveCount(1 + 5);
    await expect(page.locator('kpi-chart canvas').first()).toHaveAttribute('height', /\d+/);
    await expectAccessible(page, 'statistics');
    await shot(page, 'month-by-week');

    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Scarica gli indicatori (CSV)' }).click();
    const file = await (await download).path();
    const { readFile } = await import('node:fs/promises');
    const rows = (await readFile(file, 'utf8'))
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n')
      .map((r) => r.split(';'));
    expect(rows[0]!.slice(0, 4)).toEqual(['Inizio periodo', 'Fine periodo', 'Canale', 'Arrivi']);
    const csvTickets = rows.filter((r) => r[2] === 'ticket').reduce((n, r) => n + Number(r[3]), 0);
    expect(csvTickets).toBe(want.ticketArrivals);

    // Rows by service, one sector only.
    await page.getByLabel('Righe per', { exact: true }).selectOption('service');
    await page.getByLabel('Settore', { exact: true }).selectOption('assicurato-pensionato');
    await page.getByRole('button', { name: 'Mostra' }).click();
    const pensions = month.tickets.filter((t) => t.sector === 'assicurato-pensionato').length;
    await expect(
      page
        .getByRole('row', { name: /^Pensione: informazioni/ })
        .getByRole('cell')
        .first(),
    ).toHaveText(String(pensions));
    await shot(page, 'by-service');

    // In English: the same numbers under English words.
    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Statistics');
    await expect(
      page
        .getByRole('row', { name: /^Pensione: informazioni|^Pension/ })
        .getByRole('cell')
        .first(),
    ).toHaveText(String(pensions));
    // The sector filter holds: only the pension sector's kiosk sessions (the seed's are all of NASpI).
    const pensionSessions = month.sessions.filter((x) => x.service?.startsWith('pensione')).length;
    await expect(page.getByRole('heading', { name: `Kiosks: ${pensionSessions} sessions` })).toBeVisible();
    await shot(page, 'english');
  } finally {
    await page.context().close();
    await server.stop();
  }
});

test('a kiosk session reaches the statistics through the agent, with the end screen’s rating', async ({
  page,
}) => {
  const system = await startKioskSystem({ now: '2026-11-30T09:00:00+01:00' });
  try {
    await page.setViewportSize(PORTRAIT);
    await page.clock.install({ time: new Date('2026-11-30T09:00:00+01:00') });
    await page.goto(system.url);
    await page.getByRole('button', { name: 'Tocca per iniziare' }).first().click();
    await system.simulate('card', { action: 'insert', card: 'cns' });
    await page.getByRole('button', { name: /Disoccupazione e NASpI/ }).click();
    await page.getByRole('button', { name: /NASpI e disoccupazione: informazioni/ }).click();
    await page.getByRole('button', { name: /Prendi il numero/ }).click();
    await page.getByRole('button', { name: 'No, non ho diritto alla precedenza' }).click();
    await expect(heading(page)).toHaveText('Ecco il tuo numero');
    await page.getByRole('button', { name: 'Ho finito' }).click();
    await page.getByRole('button', { name: 'Bene', exact: true }).click();
    await page.getByRole('button', { name: 'Ho finito' }).click();
    await expect(heading(page)).toHaveText('Benvenuto allo sportello INPS');
    await expect
      .poll(() => system.server.ctx.store.read((r) => r.kioskSessionsOfDay('rovigo', '2026-11-30')))
      .toEqual([
        expect.objectContaining({
          station: 'rovigo-accoglienza',
          language: 'it',
          identification: 'cns',
          outcome: 'ticket',
          service: 'naspi-informazioni',
          rating: 4,
        }),
      ]);
    const [kept] = await system.server.ctx.store.read((r) => r.kioskSessionsOfDay('rovigo', '2026-11-30'));
    expect(JSON.stringify(kept)).not.toMatch(/RSSMRA|Mario|Rossi/);
  } finally {
    await page.context().close();
    await system.stop();
  }
});

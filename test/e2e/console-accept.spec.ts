// Accepting on real Chromium: two officials of the same sede and sector click "Accetta il prossimo" at the
// same instant and exactly one gets the citizen; a web meeting's citizen waiting at home shows in the day's
// appointments and is accepted from there, with the admission code the server checked on the checklist.
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { hashPassword } from '../../server/src/auth/password.ts';
import { defaultConfigDir } from '../../server/src/config/load-config.ts';
import { citizen, startTestServer, type TestServer } from '../../server/src/testing/test-server.ts';
import { callIdOf, homeCitizen, kioskCitizen, peerState, signInOfficial } from './support/console-citizen.ts';
import { expectAccessible, keepScreen, LANDSCAPE, screenSeries } from './support/screens.ts';

const TUESDAY_MORNING = '2026-12-01T09:00:00+01:00';
const TODAY = '2026-12-01';
/** Elena Marangon serves assicurato-pensionato like Laura Bianchi, at the same sede; the demo has no login for her. */
const SECOND = 'funzionario2.rovigo';
let server: TestServer;

test.beforeAll(async () => {
  const configDir = await mkdtemp(path.join(tmpdir(), 'sportello-config-'));
  await cp(defaultConfigDir(), configDir, { recursive: true });
  const staffFile = path.join(configDir, 'staff.json');
  const staff = JSON.parse(await readFile(staffFile, 'utf8')) as object[];
  staff.push({
    username: SECOND,
    name: 'Elena Marangon',
    roles: ['official'],
    sede: 'rovigo',
    official: 'ro-elena-marangon',
    passwordHash: await hashPassword(`demo-${SECOND}`),
  });
  await writeFile(staffFile, JSON.stringify(staff));
  server = await startTestServer(TUESDAY_MORNING, { configDir });
});
test.afterAll(async () => {
  await server.stop();
});

async function becomeAvailable(page: Page) {
  await page.getByRole('button', { name: 'Disponibile', exact: true }).click();
  await expect(page.getByText('Sei disponibile: puoi accettare i cittadini in attesa.')).toBeVisible();
}

test('two officials accept at the same instant: exactly one gets the citizen, the other is told', async ({
  page,
  browser,
}) => {
  await page.setViewportSize(LANDSCAPE);
  const otherContext = await browser.newContext({ viewport: LANDSCAPE });
  const other = await otherContext.newPage();
  const kiosk = await kioskCitizen(server, browser, 'adria-municipio');
  try {
    await signInOfficial(page, server, 'funzionario.rovigo');
    await signInOfficial(other, server, SECOND);
    await expect(other.getByText('Elena Marangon')).toBeVisible();
    await becomeAvailable(page);
    await becomeAvailable(other);

    kiosk.station.send({ type: 'queue.join', service: 'estratto-conto-informazioni', authMethod: 'typed' });
    await kiosk.station.next('queue.joined');
    for (const console of [page, other])
      await expect(
        console
          .getByRole('region', { name: 'Assicurato-pensionato / conto' })
          .getByRole('row', { name: /Estratto/ }),
      ).toBeVisible();

    await Promise.all([
      page.getByRole('button', { name: 'Accetta il prossimo' }).click(),
      other.getByRole('button', { name: 'Accetta il prossimo' }).click(),
    ]);
    const started = await kiosk.station.next('call.started', () => true, 5000);
    const [winner, loser] = started.official.id === 'ro-laura-bianchi' ? [page, other] : [other, page];
    await expect(winner.getByRole('heading', { level: 1 })).toHaveText('Videochiamata');
    await expect(loser.getByRole('heading', { level: 1 })).toHaveText('Coda delle videochiamate');
    // Which words depends on whether the loser's queue still showed the citizen when it clicked.
    await expect(loser.getByRole('alert').filter({ hasText: /\S/ })).toHaveText(
      /^(Un altro funzionario ha appena accettato il cittadino in attesa\.|Nessun cittadino in attesa per i tuoi settori\.)$/,
    );
    await expect(loser.getByText('Sei disponibile: puoi accettare i cittadini in attesa.')).toBeVisible();
    // Only one call.started ever reaches the station.
    await expect.poll(() => peerState(kiosk.page), { timeout: 15_000 }).toBe('connected');
    expect(kiosk.station.received('call.started')).toEqual([]);
    await keepScreen(loser, 'console-accept-landscape-01-race-lost');
    await winner.getByRole('button', { name: 'Termina la chiamata' }).click();
    await expect(winner.getByRole('heading', { level: 1 })).toHaveText('Chiusura della chiamata');
  } finally {
    await kiosk.close();
    await otherContext.close();
  }
});

test('a web meeting whose citizen waits at home is marked in the appointments and accepted from there', async ({
  page,
  browser,
}) => {
  test.setTimeout(90_000);
  const shot = screenSeries(page, 'console-meeting', 'landscape');
  await page.setViewportSize(LANDSCAPE);
  // Booked earlier by a kiosk after CIE and PIN: today, 10:00, pension advice by web meeting.
  const free = await server.call(
    'GET',
    `/api/v1/availability?sede=rovigo&service=pensione-consulenza&mode=webMeeting&from=${TODAY}&to=${TODAY}`,
  );
  const slot = (free.body.days[0].slots as { start: string }[]).find((s) => s.start.includes('T10:00'))!;
  const person = { ...citizen(41), firstName: 'Giovanna', lastName: 'Verdi' };
  const booked = await server.call('POST', '/api/v1/bookings', {
    token: await server.stationToken('adria-municipio'),
    body: {
      sede: 'rovigo',
      service: 'pensione-consulenza',
      mode: 'webMeeting',
      start: slot.start,
      citizen: person,
      authMethod: 'cie-pin',
      authProof: server.authProof('adria-municipio', person.codiceFiscale),
      privacyNoticeVersion: '2026-01',
    },
  });
  expect(booked.status, JSON.stringify(booked.body)).toBe(201);
  const code = booked.body.booking.code as string;

  await signInOfficial(page, server, 'funzionario.rovigo');
  const today = page.getByRole('table', { name: 'Appuntamenti di oggi' });
  const row = today.getByRole('row', { name: /Giovanna Verdi/ });
  await expect(row).toContainText('Videochiamata da casa');
  await expect(row).toContainText('prenotato');

  // Ten minutes before the start the room is open: the citizen enters the SMS code at home and waits.
  server.setNow('2026-12-01T09:50:00+01:00');
  const home = await homeCitizen(server, browser, code, booked.body.admissionCode as string);
  try {
    await expect(row).toContainText('In attesa nella sala', { timeout: 5000 });
    const accept = row.getByRole('button', { name: 'Accetta Giovanna Verdi' });
    await expect(accept).toBeDisabled(); // Paused: nobody is given to a paused official.
    await expect(
      page
        .getByRole('region', { name: 'Assicurato-pensionato / conto' })
        .getByRole('row', { name: /Pensione/ }),
    ).toContainText('da casa (videochiamata prenotata)');
    await becomeAvailable(page);
    await expect(accept).toBeEnabled();
    await expectAccessible(page, 'queue with a waiting web meeting');
    await shot('queue-meeting-waiting');

    await accept.click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Videochiamata');
    await expect(page.getByRole('definition').filter({ hasText: 'Giovanna Verdi' })).toBeVisible();
    await expect(page.getByRole('definition').filter({ hasText: person.codiceFiscale })).toBeVisible();
    await expect(
      page.getByRole('definition').filter({ hasText: `videochiamata prenotata ${code}` }),
    ).toBeVisible();
    await expect.poll(() => peerState(home.page), { timeout: 15_000 }).toBe('connected');

    const identification = page.getByRole('form', { name: 'Identificazione' });
    await expect(identification).toContainText('Codice di ammissione verificato dal sistema alle 09:50.');
    await expect(identification.getByRole('group', { name: 'Persona che assiste il cittadino' })).toHaveCount(
      0,
    );
    const document = identification.getByRole('group', { name: 'Documento del cittadino' });
    await document.getByLabel('Tipo di documento').selectOption({ label: 'Passaporto' });
    await document.getByLabel('Ultimi 4 caratteri del numero').fill('7K3Q');
    await document.getByLabel('Scadenza controllata: il documento è valido oggi').check();
    await identification.getByLabel('Il volto in video corrisponde alla foto del documento').check();
    await identification.getByLabel('Ho controllato il codice di ammissione').check();
    // The booking's phone and name are known: the follow-up asks for neither.
    const followUp = page.getByRole('form', { name: 'Nuovo appuntamento' });
    await expect(followUp.getByLabel('Cellulare del cittadino (per l’SMS)')).toHaveCount(0);
    await page.waitForTimeout(300);
    await expectAccessible(page, 'web meeting call');
    await shot('meeting-call');
    await identification.getByRole('button', { name: "Registra l'identificazione" }).click();
    await expect(identification.getByRole('status')).toContainText('Identificazione registrata');

    const official = await server.login('funzionario.rovigo');
    const day = await server.call('GET', `/api/v1/appointments?date=${TODAY}`, { token: official });
    expect(
      day.body.appointments.find((a: { code: string }) => a.code === code).waitingEntryId,
    ).toBeUndefined();
    const callId = await callIdOf(home.page);
    const recorded = await server.call('GET', `/api/v1/video/calls/${callId}`, { token: official });
    expect(recorded.body.call).toMatchObject({
      origin: 'web',
      bookingCode: code,
      identification: {
        document: { type: 'passaporto', numberLast4: '7K3Q', expiryChecked: true },
        faceMatches: true,
        admissionCodeChecked: true,
      },
    });

    // The outcome saved during the call; after the end the wrap-up only offers the way back.
    const outcome = page.getByRole('form', { name: 'Esito e note' });
    await outcome.getByLabel('Risposta data al cittadino').check();
    await outcome.getByRole('button', { name: "Salva l'esito" }).click();
    await expect(outcome.getByRole('status')).toContainText('Esito salvato');
    await page.getByRole('button', { name: 'Termina la chiamata' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Chiusura della chiamata');
    await shot('meeting-wrap-up');
    await page.getByRole('button', { name: 'Torna alla coda' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Coda delle videochiamate');
    const closed = await server.call('GET', `/api/v1/video/calls/${callId}`, { token: official });
    expect(closed.body.call).toMatchObject({ endReason: 'hangup', outcome: { outcome: 'answered' } });
  } finally {
    await home.close();
  }
});

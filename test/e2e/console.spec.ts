// The official's console on real Chromium against a real server: sign in, become available, see a citizen
// wait in the live queue, accept, hold a real WebRTC call with a second Chromium page playing the kiosk's
// peer (Chromium's fake camera), record the identification, end the call, save the outcome in the wrap-up
// and book a follow-up that the server stores and texts.
import { expect, test } from '@playwright/test';
import { citizen, startTestServer, type TestServer } from '../../server/src/testing/test-server.ts';
import {
  inboundVideoBytes,
  kioskCitizen,
  peerError,
  peerState,
  signInOfficial,
} from './support/console-citizen.ts';
import { expectAccessible, LANDSCAPE, screenSeries } from './support/screens.ts';

const MONDAY_MORNING = '2026-11-30T09:00:00+01:00';
const FOUR_MINUTES_LATER = '2026-11-30T09:04:10+01:00';
const CF = citizen(7).codiceFiscale;
let server: TestServer;

test.beforeAll(async () => {
  // The jobs send the follow-up's SMS through the development provider.
  server = await startTestServer(MONDAY_MORNING, { jobs: true });
});
test.afterAll(async () => {
  await server.stop();
});

test('an official signs in, accepts a citizen, talks by video, identifies them, ends, saves the outcome and books a follow-up', async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  const shot = screenSeries(page, 'console', 'landscape');
  await page.setViewportSize(LANDSCAPE);

  // Sign in: a wrong password is told plainly, then the right one opens the queue.
  await page.goto(`${server.url}/console/`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Console del personale');
  await expectAccessible(page, 'sign-in');
  await shot('sign-in');
  await page.getByLabel('Nome utente').fill('funzionario.rovigo');
  await page.getByLabel('Password').fill('sbagliata');
  await page.getByRole('button', { name: 'Accedi' }).click();
  await expect(page.getByRole('alert')).toHaveText('Nome utente o password non corretti.');
  await page.getByLabel('Password').fill('demo-funzionario.rovigo');
  await page.getByRole('button', { name: 'Accedi' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Coda delle videochiamate');
  await expect(page.getByText('Laura Bianchi')).toBeVisible();
  await expect(page.getByText('Sei in pausa: nessun cittadino ti viene assegnato.')).toBeVisible();
  await expect(page.getByRole('heading', { name: /Appuntamenti di oggi, lunedì 30 novembre/ })).toBeVisible();

  await page.getByRole('button', { name: 'Disponibile', exact: true }).click();
  await expect(page.getByText('Sei disponibile: puoi accettare i cittadini in attesa.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Disponibile', exact: true })).toHaveAttribute(
    'aria-pressed',
    'true',
  );

  // A citizen at the Adria town hall, signed in with CIE and PIN, asks about their pension, with help.
  const kiosk = await kioskCitizen(server, browser, 'adria-municipio');
  const { station } = kiosk;
  try {
    station.send({
      type: 'queue.join',
      service: 'pensione-informazioni',
      assistedBy: 'Giulia Neri',
      authMethod: 'cie-pin',
      authProof: server.authProof('adria-municipio', CF),
      citizen: { firstName: 'Mario', lastName: 'Rossi' },
    });
    await station.next('queue.joined');

    const sector = page.getByRole('region', { name: 'Assicurato-pensionato / conto' });
    const row = sector.getByRole('row', { name: /Pensione/ });
    await expect(row).toContainText('adria-municipio', { timeout: 5000 });
    await expect(row).toContainText('meno di un minuto');
    await expect(row).toContainText('Giulia Neri');
    await expect(row).toContainText('forte (carta e PIN)');

    // Waits grow: the server's periodic refresh sends a new snapshot.
    server.setNow(FOUR_MINUTES_LATER);
    await server.ctx.video!.tick();
    await expect(row).toContainText('4 minuti');
    await expectAccessible(page, 'queue');
    await shot('queue');

    // Accept: both sides are told, the official offers, the citizen's peer answers through its station.
    await page.getByRole('button', { name: 'Accetta il prossimo' }).click();
    const started = await station.next('call.started', () => true, 5000);
    expect(started).toMatchObject({ role: 'citizen', official: { id: 'ro-laura-bianchi' } });
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Videochiamata');
    expect((await station.next('call.offer', () => true, 5000)).sdp).toMatch(/^v=0/);

    // Who the citizen is, as the kiosk and the card proof told the server.
    const who = page.getByRole('definition');
    await expect(who.filter({ hasText: 'Mario Rossi' })).toBeVisible();
    await expect(who.filter({ hasText: CF })).toBeVisible();
    await expect(who.filter({ hasText: 'forte (carta e PIN) · CIE con PIN' })).toBeVisible();

    await expect.poll(() => peerState(kiosk.page), { timeout: 15_000 }).toBe('connected');
    await expect(page.getByRole('status').filter({ hasText: 'Collegato' })).toBeVisible({ timeout: 10_000 });
    // Media flows both ways: the official sees the fake camera, the citizen's inbound bytes grow.
    await expect
      .poll(() => page.locator('video.remote').evaluate((v: HTMLVideoElement) => v.videoWidth), {
        timeout: 10_000,
      })
      .toBeGreaterThan(0);
    const before = await inboundVideoBytes(kiosk.page);
    await expect.poll(() => inboundVideoBytes(kiosk.page), { timeout: 10_000 }).toBeGreaterThan(before);
    expect(await peerError(kiosk.page)).toBeUndefined();

    const mute = page.getByRole('button', { name: 'Silenzia il microfono' });
    await mute.click();
    await expect(mute).toHaveAttribute('aria-pressed', 'true');

    // The identification checklist: a missing field is named, then the whole list is recorded.
    const identification = page.getByRole('form', { name: 'Identificazione' });
    const citizenDocument = identification.getByRole('group', { name: 'Documento del cittadino' });
    await citizenDocument
      .getByLabel('Tipo di documento')
      .selectOption({ label: "Carta d'identità elettronica" });
    await identification.getByRole('button', { name: "Registra l'identificazione" }).click();
    await expect(identification.getByRole('alert')).toHaveText(
      'Scrivi gli ultimi 4 caratteri del numero del documento (cittadino): lettere o cifre.',
    );
    await citizenDocument.getByLabel('Ultimi 4 caratteri del numero').fill('ab12');
    await citizenDocument.getByLabel('Scadenza controllata: il documento è valido oggi').check();
    await identification.getByLabel('Il volto in video corrisponde alla foto del documento').check();
    const assistant = identification.getByRole('group', { name: 'Persona che assiste il cittadino' });
    await expect(assistant.getByLabel('Nome e cognome')).toHaveValue('Giulia Neri');
    await assistant.getByLabel('Tipo di documento').selectOption({ label: 'Patente di guida' });
    await assistant.getByLabel('Ultimi 4 caratteri del numero').fill('9Z8Y');
    await assistant.getByLabel('Scadenza controllata: il documento è valido oggi').check();
    await assistant.getByLabel('Il cittadino conferma di voler essere assistito').check();
    await expect(identification.getByText(/Codice di ammissione/)).toHaveCount(0);
    await page.waitForTimeout(300);
    await expectAccessible(page, 'call');
    await shot('call');
    await identification.getByRole('button', { name: "Registra l'identificazione" }).click();
    await expect(identification.getByRole('status')).toHaveText(
      /Identificazione registrata alle \d\d:\d\d\./,
    );

    const official = await server.login('funzionario.rovigo');
    const recorded = await server.call('GET', `/api/v1/video/calls/${started.callId}`, { token: official });
    expect(recorded.status).toBe(200);
    expect(recorded.body.call.identification).toMatchObject({
      document: { type: 'cie', numberLast4: 'AB12', expiryChecked: true },
      faceMatches: true,
      assistant: {
        name: 'Giulia Neri',
        document: { type: 'patente', numberLast4: '9Z8Y', expiryChecked: true },
        consentConfirmed: true,
      },
    });

    // The official ends the call: the station is told, the console stays on the call's wrap-up.
    await page.getByRole('button', { name: 'Termina la chiamata' }).click();
    expect(await station.next('call.ended', () => true, 5000)).toMatchObject({
      callId: started.callId,
      reason: 'hangup',
    });
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Chiusura della chiamata');
    await expect(page.getByRole('status').filter({ hasText: 'La chiamata è terminata.' })).toBeVisible();
    await expect(page.locator('video')).toHaveCount(0);

    // A follow-up: pension advice in person; the kiosk gave no phone, so the console asks for it.
    const followUp = page.getByRole('form', { name: 'Nuovo appuntamento' });
    await followUp.getByLabel('Servizio').selectOption({ label: 'Pensione: consulenza e simulazione' });
    await followUp.getByLabel('Modalità').selectOption({ label: 'In sede' });
    await expect(followUp.getByLabel('Sede')).toHaveValue('rovigo');
    await expect(followUp.getByLabel('Giorno')).toBeVisible();
    await expect(followUp.getByLabel('Nome del cittadino')).toHaveCount(0);
    await followUp.getByRole('button', { name: 'Prenota l’appuntamento' }).click();
    await expect(followUp.getByRole('alert')).toHaveText(
      'Scrivi il numero di cellulare del cittadino, per esempio 347 123 4567.',
    );
    await followUp.getByLabel('Cellulare del cittadino (per l’SMS)').fill('347 765 4321');
    const slot = await followUp.getByLabel('Orario').inputValue();
    await expectAccessible(page, 'wrap-up');
    await shot('wrap-up');
    await followUp.getByRole('button', { name: 'Prenota l’appuntamento' }).click();
    const booked = page.getByRole('status').filter({ hasText: 'Appuntamento prenotato' });
    await expect(booked).toBeVisible();
    const code = ((await booked.locator('.code').textContent()) ?? '').replace(/\s/g, '');
    expect(code).toMatch(/^[0-9A-Z]{8}$/);
    await shot('follow-up-booked');

    const booking = await server.call('POST', '/api/v1/bookings/lookup', {
      body: { code, codiceFiscale: CF },
    });
    expect(booking.status).toBe(200);
    expect(booking.body.booking).toMatchObject({
      service: 'pensione-consulenza',
      mode: 'inPerson',
      sede: 'rovigo',
      start: slot,
      status: 'booked',
      citizen: { firstName: 'Mario', lastName: 'Rossi', phone: '+393477654321' },
    });
    const admin = await server.login('admin');
    await expect
      .poll(
        async () => {
          const sms = await server.call('GET', '/api/v1/dev/sms', { token: admin });
          return (sms.body.messages as { text: string }[]).some((m) => m.text.includes(code));
        },
        { timeout: 10_000 },
      )
      .toBe(true);

    // The outcome, with notes, saved in the wrap-up: back to the queue, still available.
    const outcome = page.getByRole('form', { name: 'Esito e note' });
    await outcome.getByRole('button', { name: "Salva l'esito" }).click();
    await expect(outcome.getByRole('alert')).toHaveText("Scegli l'esito della chiamata.");
    await outcome.getByLabel('Serve un appuntamento').check();
    await outcome.getByLabel('Note').fill('Chiede la simulazione della pensione anticipata.');
    await outcome.getByRole('button', { name: "Salva l'esito" }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Coda delle videochiamate');
    await expect(page.getByText('Esito salvato: la chiamata è chiusa.')).toBeVisible();
    await expect(page.getByText('Sei disponibile: puoi accettare i cittadini in attesa.')).toBeVisible();

    const stored = await server.call('GET', `/api/v1/video/calls/${started.callId}`, { token: official });
    expect(stored.body.call).toMatchObject({
      endReason: 'hangup',
      outcome: { outcome: 'needs-appointment', notes: 'Chiede la simulazione della pensione anticipata.' },
      followUpBookingCode: code,
    });
  } finally {
    await kiosk.close();
  }
});

test('a call the citizen drops lands on the wrap-up with "call dropped" proposed', async ({
  page,
  browser,
}) => {
  await page.setViewportSize(LANDSCAPE);
  await signInOfficial(page, server, 'funzionario.rovigo');
  await page.getByRole('button', { name: 'Disponibile', exact: true }).click();
  await expect(page.getByText('Sei disponibile: puoi accettare i cittadini in attesa.')).toBeVisible();

  const kiosk = await kioskCitizen(server, browser, 'rovigo-accoglienza');
  try {
    kiosk.station.send({ type: 'queue.join', service: 'estratto-conto-informazioni', authMethod: 'typed' });
    await kiosk.station.next('queue.joined');
    await page.getByRole('button', { name: 'Accetta il prossimo' }).click();
    const started = await kiosk.station.next('call.started', () => true, 5000);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Videochiamata');
    await expect(page.getByRole('definition').filter({ hasText: 'nome non indicato' })).toBeVisible();
    // The kiosk's session ends (its socket closes): the server ends the call.
    await kiosk.station.close();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Chiusura della chiamata');
    await expect(page.getByText('La chiamata si è interrotta: il cittadino si è scollegato.')).toBeVisible();
    const outcome = page.getByRole('form', { name: 'Esito e note' });
    await expect(outcome.getByLabel('La chiamata è caduta')).toBeChecked();
    // Header navigation waits until the call is closed.
    await expect(page.getByRole('button', { name: 'Richiamate' })).toBeDisabled();
    await outcome.getByRole('button', { name: "Salva l'esito" }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Coda delle videochiamate');
    const official = await server.login('funzionario.rovigo');
    const stored = await server.call('GET', `/api/v1/video/calls/${started.callId}`, { token: official });
    expect(stored.body.call).toMatchObject({
      endReason: 'disconnected',
      outcome: { outcome: 'call-dropped' },
    });
  } finally {
    await kiosk.close();
  }
});

test('the console is served with a Content-Security-Policy that allows only its own server', async () => {
  const response = await fetch(`${server.url}/console/`);
  expect(response.status).toBe(200);
  const csp = response.headers.get('content-security-policy') ?? '';
  expect(csp).toContain("default-src 'self'");
  expect(csp).toMatch(/connect-src 'self' ws:\/\/127\.0\.0\.1:\d+ /);
  // The demo config signs officials in through Teams, so only Microsoft 365's hosts may frame the console.
  const ancestors = /frame-ancestors ([^;]+)/.exec(csp)?.[1]?.split(' ') ?? [];
  expect(ancestors).toContain('https://teams.microsoft.com');
  for (const origin of ancestors)
    expect(origin).toMatch(
      /^https:\/\/(\*\.)?(teams\.microsoft\.com|cloud\.microsoft|teams\.cloud\.microsoft|office\.com|microsoft365\.com)$/,
    );
});

test('the console is set in Titillium Web, served by this server', async ({ page }) => {
  const elsewhere: string[] = [];
  page.on('request', (request) => {
    if (!request.url().startsWith(`${server.url}/`)) elsewhere.push(request.url());
  });
  const fontFiles: string[] = [];
  page.on('response', (response) => {
    if (response.url().endsWith('.woff2') && response.ok()) fontFiles.push(response.url());
  });
  await page.setViewportSize(LANDSCAPE);
  await page.goto(`${server.url}/console/`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Console del personale');
  await page.evaluate(() => document.fonts.ready);
  expect(
    await page.evaluate(() =>
      [...document.fonts].some((font) => font.family.includes('Titillium Web') && font.status === 'loaded'),
    ),
  ).toBe(true);
  expect(await page.evaluate(() => document.fonts.check('700 18px "Titillium Web"', 'Console'))).toBe(true);
  expect(fontFiles.some((url) => url.startsWith(`${server.url}/console/assets/titillium-web-`))).toBe(true);
  expect(elsewhere).toEqual([]);
});

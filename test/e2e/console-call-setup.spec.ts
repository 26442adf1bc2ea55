// The official's side of a call on real Chromium: the follow-up offers only what the server will book for
// how the citizen signed in, the microphone button says truly whether the official is heard, and a call
// whose media never connects is ended as media-failed for both within the deadline, not left "connecting";
// a follow-up the server refuses is told by the refusal's own reason.
import { expect, test, type Page } from '@playwright/test';
import { citizen, startTestServer, type TestServer } from '../../server/src/testing/test-server.ts';
import { kioskCitizen, peerState, signInOfficial, type KioskCitizen } from './support/console-citizen.ts';
import { blockIce } from './support/ice-blocker.ts';
import { expectAccessible, LANDSCAPE } from './support/screens.ts';
import { recordPeerConnections } from './support/webrtc-probe.ts';

const MONDAY_MORNING = '2026-11-30T09:00:00+01:00';
/** The official's deadline for the first connection (console/src/call/official-call.ts), and some slack. */
const CONNECT_DEADLINE_MS = 20_000;
let server: TestServer;

test.beforeAll(async () => {
  server = await startTestServer(MONDAY_MORNING);
});
test.afterAll(async () => {
  await server.stop();
});

/** Signs the official in, makes them available, has the kiosk's citizen join and the official accept. */
async function acceptCall(page: Page, kiosk: KioskCitizen, join: Record<string, unknown>) {
  await page.setViewportSize(LANDSCAPE);
  await signInOfficial(page, server, 'funzionario.rovigo');
  await page.getByRole('button', { name: 'Disponibile', exact: true }).click();
  await expect(page.getByText('Sei disponibile: puoi accettare i cittadini in attesa.')).toBeVisible();
  kiosk.station.send({ type: 'queue.join', ...join });
  await kiosk.station.next('queue.joined');
  await page.getByRole('button', { name: 'Accetta il prossimo' }).click();
  const started = await kiosk.station.next('call.started', () => true, 5000);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Videochiamata');
  return started.callId as string;
}

/** Whether the microphone track the console sends is live, read from its peer connection. */
const microphoneLive = (page: Page) =>
  page.evaluate(() => {
    const peer = (window as unknown as { __peers: RTCPeerConnection[] }).__peers.at(-1);
    return peer?.getSenders().find((s) => s.track?.kind === 'audio')?.track?.enabled;
  });

test('a citizen identified by typed codice fiscale is offered no web meeting and no strong-only service', async ({
  page,
  browser,
}) => {
  const kiosk = await kioskCitizen(server, browser, 'adria-municipio');
  try {
    await acceptCall(page, kiosk, {
      service: 'pensione-informazioni',
      authMethod: 'typed',
      citizen: { codiceFiscale: citizen(8).codiceFiscale, firstName: 'Anna', lastName: 'Neri' },
    });
    await expect(
      page.getByRole('definition').filter({ hasText: 'codice fiscale scritto a mano' }),
    ).toBeVisible();
    const followUp = page.getByRole('form', { name: 'Nuovo appuntamento' });
    const services = followUp.getByLabel('Servizio').locator('option');
    await expect(services.filter({ hasText: 'Sostegni al reddito: consulenza' })).toHaveCount(1);
    // Both need a strong sign-in (config/services.json): the server would refuse them.
    await expect(services.filter({ hasText: 'Pensione: consulenza e simulazione' })).toHaveCount(0);
    await expect(services.filter({ hasText: 'Estratto conto: verifica con un funzionario' })).toHaveCount(0);

    await followUp.getByLabel('Servizio').selectOption({ label: 'Sostegni al reddito: consulenza' });
    const modes = followUp.getByLabel('Modalità').locator('option');
    await expect(modes).toHaveText(['In sede', 'Richiamata telefonica']);
    await expect(followUp).toContainText('Il cittadino non si è identificato con CIE, CNS o SPID');
    await expectAccessible(page, 'call with a typed codice fiscale');
    await page.screenshot({ path: '/tmp/shots/console-follow-up-typed.png' });
    await page.getByRole('button', { name: 'Termina la chiamata' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Chiusura della chiamata');
  } finally {
    await kiosk.close();
  }
});

test('a landline typed for a follow-up is taken for a callback only, and the official is told no SMS goes', async ({
  page,
  browser,
}) => {
  const kiosk = await kioskCitizen(server, browser, 'adria-municipio');
  try {
    await acceptCall(page, kiosk, {
      service: 'pensione-informazioni',
      authMethod: 'typed',
      citizen: { codiceFiscale: citizen(9).codiceFiscale, firstName: 'Carla', lastName: 'Bassi' },
    });
    const followUp = page.getByRole('form', { name: 'Nuovo appuntamento' });
    await followUp.getByLabel('Servizio').selectOption({ label: 'Sostegni al reddito: consulenza' });
    await followUp.getByLabel('Modalità').selectOption({ label: 'In sede' });
    await followUp.getByLabel('Cellulare del cittadino (per l’SMS)').fill('0425 123456');
    await expect(followUp.getByLabel('Orario')).not.toHaveValue('');
    await followUp.getByRole('button', { name: 'Prenota l’appuntamento' }).click();
    await expect(followUp.getByRole('alert')).toHaveText(
      'Questo numero è un fisso: gli SMS arrivano solo a un cellulare. Un fisso va bene per una richiamata.',
    );

    await followUp.getByLabel('Modalità').selectOption({ label: 'Richiamata telefonica' });
    await expect(followUp.getByLabel('Telefono del cittadino (per la richiamata)')).toHaveValue(
      '0425 123456',
    );
    await expect(followUp.getByLabel('Orario')).not.toHaveValue('');
    await followUp.getByRole('button', { name: 'Prenota l’appuntamento' }).click();
    const booked = page.getByRole('status').filter({ hasText: 'Appuntamento prenotato' });
    await expect(booked).toContainText('Il numero è un fisso: il cittadino non riceve SMS.');
    await expectAccessible(page, 'follow-up callback to a landline');
    await page.screenshot({ path: '/tmp/shots/console-follow-up-landline.png' });
  } finally {
    await kiosk.close();
  }
});

test('the microphone button shows whether the official is heard, and its click does what it says', async ({
  page,
  browser,
}) => {
  await recordPeerConnections(page);
  const kiosk = await kioskCitizen(server, browser, 'adria-municipio');
  try {
    const cf = citizen(9).codiceFiscale;
    await acceptCall(page, kiosk, {
      service: 'pensione-informazioni',
      authMethod: 'cie-pin',
      authProof: server.authProof('adria-municipio', cf),
      citizen: { firstName: 'Mario', lastName: 'Rossi' },
    });
    await expect.poll(() => peerState(kiosk.page), { timeout: 15_000 }).toBe('connected');
    // Signed in with CIE and PIN: the web meeting may be booked.
    const followUp = page.getByRole('form', { name: 'Nuovo appuntamento' });
    await followUp.getByLabel('Servizio').selectOption({ label: 'Pensione: consulenza e simulazione' });
    await expect(followUp.getByLabel('Modalità').locator('option')).toHaveText([
      'In sede',
      'Richiamata telefonica',
      'Videochiamata da casa',
    ]);

    const controls = page.locator('call-screen .controls');
    // Live: the toggle keeps one name and is not pressed, and the state line says the microphone is on.
    const mute = page.getByRole('button', { name: 'Silenzia il microfono' });
    await expect(mute).toHaveAttribute('aria-pressed', 'false');
    await expect(controls.getByText('Microfono attivo')).toBeVisible();
    await expect(controls.getByText('Microfono disattivato')).toHaveCount(0);
    expect(await microphoneLive(page)).toBe(true);
    await page.screenshot({ path: '/tmp/shots/console-mic-live.png' });

    await mute.click();
    await expect(mute).toHaveAttribute('aria-pressed', 'true');
    await expect(controls.getByText('Microfono disattivato')).toBeVisible();
    await expect(controls.getByText('Microfono attivo')).toHaveCount(0);
    expect(await microphoneLive(page)).toBe(false);
    await expectAccessible(page, 'call with the microphone muted');
    await page.screenshot({ path: '/tmp/shots/console-mic-muted.png' });

    await mute.click();
    await expect(mute).toHaveAttribute('aria-pressed', 'false');
    await expect(controls.getByText('Microfono attivo')).toBeVisible();
    expect(await microphoneLive(page)).toBe(true);
    await page.getByRole('button', { name: 'Termina la chiamata' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Chiusura della chiamata');
  } finally {
    await kiosk.close();
  }
});

test('a call whose media never connects is ended as media-failed within the deadline, for both sides', async ({
  page,
  browser,
}) => {
  test.setTimeout(90_000);
  await blockIce(page);
  // The citizen's page here has no deadline of its own: only the console can end the call.
  const kiosk = await kioskCitizen(server, browser, 'adria-municipio');
  try {
    const callId = await acceptCall(page, kiosk, {
      service: 'estratto-conto-informazioni',
      authMethod: 'typed',
    });
    const accepted = Date.now();
    await expect(
      page.getByRole('status').filter({ hasText: 'Collegamento con il cittadino…' }),
    ).toBeVisible();

    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Chiusura della chiamata', {
      timeout: CONNECT_DEADLINE_MS + 10_000,
    });
    expect(Date.now() - accepted).toBeGreaterThan(CONNECT_DEADLINE_MS - 2000);
    await expect(
      page.getByText('La connessione video con il cittadino non è riuscita: la chiamata è stata chiusa.'),
    ).toBeVisible();
    await expect(page.getByText('Collegamento con il cittadino…')).toHaveCount(0);
    expect(await peerState(kiosk.page)).not.toBe('connected');
    // The citizen's side is told media-failed, which takes a kiosk to its callback offer.
    expect(await kiosk.station.next('call.ended', () => true, 5000)).toMatchObject({
      callId,
      reason: 'media-failed',
    });
    const official = await server.login('funzionario.rovigo');
    const record = await server.call('GET', `/api/v1/video/calls/${callId}`, { token: official });
    expect(record.body.call).toMatchObject({ endReason: 'media-failed' });
    await expectAccessible(page, 'wrap-up after media failed');
    await page.screenshot({ path: '/tmp/shots/console-media-failed.png' });

    // Nobody gave a codice fiscale: the server refuses a follow-up, and the form says why in plain words.
    const followUp = page.getByRole('form', { name: 'Nuovo appuntamento' });
    await followUp.getByLabel('Nome del cittadino', { exact: true }).fill('Paolo');
    await followUp.getByLabel('Cognome del cittadino').fill('Bruni');
    // Its label follows the mode: the mobile for the SMS, or the number to call back.
    await followUp.getByLabel(/^(Cellulare|Telefono) del cittadino/).fill('347 765 4321');
    await expect(followUp.getByLabel('Orario')).toBeVisible();
    await followUp.getByRole('button', { name: 'Prenota l’appuntamento' }).click();
    await expect(followUp.getByRole('alert')).toHaveText(
      'Il cittadino non ha dato il codice fiscale: senza, l’appuntamento non si può prenotare da qui.',
    );
  } finally {
    await kiosk.close();
  }
});

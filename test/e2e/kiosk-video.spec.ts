// The citizen's video call at a town-hall kiosk, on real Chromium through the real agent and server, with
// the real official's console in a second browser context (Chromium's fake camera and microphone on both):
// the call itself with media both ways, and every way it can fail landing on a callback booked in one touch.
import { expect, test, type Page, type WebSocket as PageSocket } from '@playwright/test';
import { codiceFiscaleFor } from '../../server/src/testing/test-server.ts';
import { WsPeer } from '../../server/src/video/ws-test-client.ts';
import { button, chooseLanguage, contrastToggle, kioskText, LANGUAGES, tapKeys } from './support/citizen.ts';
import { blockIce } from './support/ice-blocker.ts';
import { startKioskSystem, type KioskSystem } from './support/kiosk-system.ts';
import { openOfficialConsole } from './support/official-console.ts';
import { mediaTracks, recordMediaStreams } from './support/privacy-probe.ts';
import {
  expectAccessible,
  heading,
  keepScreen,
  LANDSCAPE,
  PORTRAIT,
  screenSeries,
} from './support/screens.ts';
import { inboundBytes, peerState, recordPeerConnections } from './support/webrtc-probe.ts';

const MONDAY_MORNING = '2026-11-30T09:00:00+01:00';
const VIDEO_CHOICE = 'Parla ora in video con un funzionario';
let system: KioskSystem;

test.beforeAll(async () => {
  system = await startKioskSystem({ now: MONDAY_MORNING, station: 'adria-municipio' });
});
test.afterAll(() => system.stop());

interface Kiosk {
  /** The page's /ws sockets (the video waiting room), to check they are closed. */
  sockets: PageSocket[];
  /**
   * Saves the screen in portrait and landscape, then runs axe on it, normal and high contrast (unless a
   * dialog covers the header's contrast button).
   */
  look(name: string, options?: { contrast: boolean }): Promise<void>;
}

async function openKiosk(page: Page, flow: string): Promise<Kiosk> {
  const sockets: PageSocket[] = [];
  page.on('websocket', (socket) => {
    if (new URL(socket.url()).pathname === '/ws') sockets.push(socket);
  });
  await recordMediaStreams(page);
  await recordPeerConnections(page);
  await page.setViewportSize(PORTRAIT);
  await page.clock.install({ time: new Date(MONDAY_MORNING) });
  await page.goto(system.url);
  await expect(heading(page)).toHaveText('Benvenuto allo sportello INPS');
  const portrait = screenSeries(page, flow, 'portrait');
  const landscape = screenSeries(page, flow, 'landscape');
  return {
    sockets,
    async look(name, options = { contrast: true }) {
      await portrait(name);
      await page.setViewportSize(LANDSCAPE);
      await landscape(name);
      await page.setViewportSize(PORTRAIT);
      await expectAccessible(page, name);
      if (!options.contrast) return;
      const contrast = contrastToggle(page);
      await contrast.click();
      await expect(contrast).toHaveAttribute('aria-pressed', 'true');
      await expectAccessible(page, `${name} (high contrast)`, { enhancedContrast: true });
      await contrast.click();
      await expect(contrast).toHaveAttribute('aria-pressed', 'false');
    },
  };
}

/** From the welcome screen to the channel screen of "Pensione: informazioni", by the typed codice fiscale. */
async function toVideoChoice(page: Page, codiceFiscale: string): Promise<void> {
  await page.getByRole('button', { name: 'Tocca per iniziare' }).first().click();
  await button(page, 'Scrivi il codice fiscale').click();
  await tapKeys(page, codiceFiscale);
  await page.getByRole('button', { name: 'Continua', exact: true }).click();
  await toPensionChannels(page);
}

async function toPensionChannels(page: Page): Promise<void> {
  await expect(heading(page)).toHaveText('Di cosa hai bisogno?');
  await button(page, 'Pensione').click();
  await button(page, 'Pensione: informazioni').click();
  await expect(heading(page)).toHaveText('Scegli come vuoi parlare con noi');
}

/** Privacy accepted, camera seen, helper answered: the kiosk enters the waiting room. */
async function prepareAndJoin(
  page: Page,
  kiosk: Kiosk | undefined,
  helper?: { kind: 'Sì, un operatore del Comune' | 'Sì, un familiare o un conoscente'; name: string },
): Promise<void> {
  const choice = button(page, VIDEO_CHOICE);
  await expect(choice).toHaveAttribute('aria-disabled', 'false');
  await kiosk?.look('channel');
  await choice.click();

  await expect(heading(page)).toHaveText('Prima della videochiamata: come usiamo i tuoi dati');
  const notice = page.getByRole('region', { name: 'Informativa sulla privacy per la videochiamata' });
  await expect(notice).toContainText('La videochiamata non viene registrata');
  await expect(notice).toContainText('Cosa scrive il funzionario');
  await kiosk?.look('prepare-privacy');
  await page.getByRole('button', { name: 'Ho letto e accetto' }).click();

  await expect(heading(page)).toHaveText('Controlliamo telecamera e microfono');
  // The live self-view shows the camera's picture, and the microphone is heard.
  await expect
    .poll(() => page.locator('kiosk-self-view video').evaluate((v: HTMLVideoElement) => v.videoWidth))
    .toBeGreaterThan(0);
  await expect(page.getByText('Il microfono ti sente.')).toBeVisible({ timeout: 10_000 });
  await kiosk?.look('prepare-camera');
  await page.getByRole('button', { name: 'Sì, avanti' }).click();

  await expect(heading(page)).toHaveText('Qualcuno ti sta aiutando?');
  await kiosk?.look('prepare-helper');
  if (!helper) {
    await button(page, 'No, nessuno mi aiuta').click();
    return;
  }
  await button(page, helper.kind).click();
  const [first, last] = helper.name.split(' ') as [string, string];
  await tapKeys(page, first);
  await page.getByRole('button', { name: 'Spazio' }).click();
  await tapKeys(page, last);
  await expect(page.locator('kiosk-keypad-field #field')).toHaveValue(helper.name);
  await kiosk?.look('prepare-helper-name');
  await page.getByRole('button', { name: 'Entra in coda' }).click();
}

/** No camera or microphone track of the page is still live, and its /ws is closed. */
async function expectCameraOffAndSocketClosed(page: Page, kiosk: Kiosk): Promise<void> {
  await expect.poll(() => mediaTracks(page)).toMatchObject({ live: 0 });
  expect(kiosk.sockets.length).toBeGreaterThan(0);
  await expect.poll(() => kiosk.sockets.every((s) => s.isClosed())).toBe(true);
}

test('(a, b) a citizen identified by the typed codice fiscale talks by video with the official, who hangs up', async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  const official = await openOfficialConsole(browser, system.server.url);
  // Someone at the Rovigo reception is already waiting for the same sector: the kiosk is second.
  const other = await WsPeer.open(system.server.url, await system.server.stationToken('rovigo-accoglienza'));
  try {
    other.send({ type: 'queue.join', service: 'pensione-informazioni', authMethod: 'typed' });
    await other.next('queue.joined');

    const kiosk = await openKiosk(page, 'video-call');
    await toVideoChoice(page, codiceFiscaleFor(601));
    await prepareAndJoin(page, kiosk, { kind: 'Sì, un operatore del Comune', name: 'GIULIA NERI' });

    await expect(heading(page)).toHaveText('Aspetta qui: un funzionario ti risponde in video');
    await expect(page.getByText('Sei il 2° in coda')).toBeVisible({ timeout: 10_000 });
    await expect(page.getByText('Attesa stimata: circa 10 minuti')).toBeVisible();
    await kiosk.look('waiting');
    // The official sees the kiosk's citizen with the assisting clerk named.
    const sector = official.getByRole('region', { name: 'Assicurato-pensionato / conto' });
    await expect(
      sector.getByRole('row', { name: /Pensione/ }).filter({ hasText: 'adria-municipio' }),
    ).toContainText('GIULIA NERI (operatore del Comune)');

    // The one ahead gives up: the kiosk's place moves up live.
    other.send({ type: 'queue.leave' });
    await expect(page.getByText('Sei il primo in coda')).toBeVisible({ timeout: 10_000 });
    await expect(page.getByText('Attesa stimata: meno di un minuto')).toBeVisible();

    await official.getByRole('button', { name: 'Accetta il prossimo' }).click();
    await expect(official.getByRole('heading', { level: 1 })).toHaveText('Videochiamata');
    await expect(heading(page)).toHaveText('Stai parlando con Laura Bianchi');

    // Both peer connections come up, and media flows both ways.
    await expect.poll(() => peerState(page), { timeout: 20_000 }).toBe('connected');
    await expect.poll(() => peerState(official), { timeout: 20_000 }).toBe('connected');
    await expect(page.locator('kiosk-video-call-screen .state')).toHaveText('Collegato');
    await expect
      .poll(() => page.locator('video.remote').evaluate((v: HTMLVideoElement) => v.videoWidth), {
        timeout: 10_000,
      })
      .toBeGreaterThan(0);
    await expect
      .poll(() => official.locator('video.remote').evaluate((v: HTMLVideoElement) => v.videoWidth), {
        timeout: 10_000,
      })
      .toBeGreaterThan(0);
    for (const side of [page, official]) {
      const before = await inboundBytes(side);
      await expect
        .poll(async () => {
          const now = await inboundBytes(side);
          return now.video > before.video && now.audio > before.audio;
        })
        .toBe(true);
    }
    await kiosk.look('call');

    // The official identifies the citizen and the clerk by the documents they hold to the camera.
    const identification = official.getByRole('form', { name: 'Identificazione' });
    const citizenDocument = identification.getByRole('group', { name: 'Documento del cittadino' });
    await citizenDocument
      .getByLabel('Tipo di documento')
      .selectOption({ label: "Carta d'identità elettronica" });
    await citizenDocument.getByLabel('Ultimi 4 caratteri del numero').fill('ca07');
    await citizenDocument.getByLabel('Scadenza controllata: il documento è valido oggi').check();
    await identification.getByLabel('Il volto in video corrisponde alla foto del documento').check();
    const assistant = identification.getByRole('group', { name: 'Persona che assiste il cittadino' });
    await expect(assistant.getByLabel('Nome e cognome')).toHaveValue(/GIULIA NERI/);
    await assistant.getByLabel('Tipo di documento').selectOption({ label: 'Patente di guida' });
    await assistant.getByLabel('Ultimi 4 caratteri del numero').fill('9Z8Y');
    await assistant.getByLabel('Scadenza controllata: il documento è valido oggi').check();
    await assistant.getByLabel('Il cittadino conferma di voler essere assistito').check();
    await identification.getByRole('button', { name: "Registra l'identificazione" }).click();
    await expect(identification.getByRole('status')).toHaveText(/Identificazione registrata alle/);

    // Mute and unmute; the guide to showing a document opens over the official's picture.
    await page.getByRole('button', { name: 'Spegni il microfono' }).click();
    await expect(page.getByRole('button', { name: 'Riaccendi il microfono' })).toBeVisible();
    expect(
      await page.evaluate(() =>
        (window as unknown as { __mediaStreams: MediaStream[] }).__mediaStreams
          .flatMap((s) => s.getAudioTracks())
          .filter((t) => t.readyState === 'live')
          .map((t) => t.enabled),
      ),
    ).toEqual([false]);
    await page.getByRole('button', { name: 'Riaccendi il microfono' }).click();
    const guide = page.getByRole('button', { name: 'Come mostrare il documento' });
    await guide.click();
    await expect(guide).toHaveAttribute('aria-expanded', 'true');
    await expect(page.getByRole('region', { name: 'Come mostrare il documento' })).toContainText(
      'Tienilo fermo davanti alla telecamera',
    );
    await kiosk.look('call-guide');
    await page.getByRole('button', { name: 'Chiudi la guida' }).click();

    // Talking is not touching: minutes without a tap do not end the call.
    await page.clock.runFor(150_000);
    await expect(page.getByRole('alertdialog')).toBeHidden();
    await expect(heading(page)).toHaveText('Stai parlando con Laura Bianchi');

    // (b) The official hangs up mid-call: the kiosk says goodbye kindly, camera and socket are closed.
    await official.getByRole('button', { name: 'Termina la chiamata' }).click();
    await expect(heading(page)).toHaveText('Grazie, a presto!');
    await expect(page.getByText('La videochiamata è finita.')).toBeVisible();
    await expectCameraOffAndSocketClosed(page, kiosk);
    await kiosk.look('end');
    await page.getByRole('button', { name: 'Ho finito' }).click();
    await expect(heading(page)).toHaveText('Benvenuto allo sportello INPS');

    // The official closes the call with its outcome; the record holds the whole call.
    const outcome = official.getByRole('form', { name: 'Esito e note' });
    await outcome.getByLabel('Risposta data al cittadino').check();
    await outcome.getByLabel('Note').fill('Spiegati i requisiti della pensione di vecchiaia.');
    await outcome.getByRole('button', { name: "Salva l'esito" }).click();
    await expect(official.getByRole('heading', { level: 1 })).toHaveText('Coda delle videochiamate');
    const calls = await system.server.ctx.store.read((r) => r.callRecordsOfDay('rovigo', '2026-11-30'));
    const call = calls.find((c) => c.citizen?.codiceFiscale === codiceFiscaleFor(601));
    expect(call).toMatchObject({
      origin: 'station',
      station: 'adria-municipio',
      official: 'ro-laura-bianchi',
      citizen: { codiceFiscale: codiceFiscaleFor(601), authMethod: 'typed' },
      endReason: 'hangup',
      identification: {
        document: { type: 'cie', numberLast4: 'CA07', expiryChecked: true },
        faceMatches: true,
        assistant: { document: { type: 'patente', numberLast4: '9Z8Y' }, consentConfirmed: true },
      },
      outcome: { outcome: 'answered', notes: 'Spiegati i requisiti della pensione di vecchiaia.' },
    });
  } finally {
    await other.close();
    await official.context().close();
  }
});

test('(c) no official online: the suggested callback is booked in one touch, phone typed on the keypad', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const kiosk = await openKiosk(page, 'video-no-official');
  await page.getByRole('button', { name: 'Tocca per iniziare' }).first().click();
  // The Tessera Sanitaria (CNS) names the citizen: only the phone is asked.
  await system.simulate('card', { action: 'insert', card: 'cns' });
  try {
    await expect(page.getByText('Buongiorno, Mario R.')).toBeVisible();
    await toPensionChannels(page);
    await prepareAndJoin(page, undefined);

    await expect(heading(page)).toHaveText('Ora nessun funzionario può rispondere in video');
    const offer = page.locator('kiosk-callback-offer .when');
    await expect(offer).toHaveText(/lunedì 30 novembre/);
    const offered = (await offer.textContent())!.trim();
    await expectCameraOffAndSocketClosed(page, kiosk);
    await kiosk.look('fallback-no-official');
    await page.getByRole('button', { name: 'Prenota questa richiamata' }).click();

    await expect(heading(page)).toHaveText('A quale numero ti chiamiamo?');
    await expect(page.getByText(offered)).toBeVisible();
    await tapKeys(page, '3471122334');
    await kiosk.look('callback-phone');
    await page.getByRole('button', { name: 'Avanti', exact: true }).click();
    await expect(heading(page)).toHaveText('Leggi come usiamo i tuoi dati');
    await page.getByRole('button', { name: 'Ho letto e accetto' }).click();

    await expect(heading(page)).toHaveText('Prenotazione confermata');
    const code = (await page.locator('kiosk-confirmation-screen .code').first().textContent())!
      .trim()
      .replace(' ', '');
    await kiosk.look('callback-confirmation');
    const found = await system.server.call('POST', '/api/v1/bookings/lookup', {
      body: { code, codiceFiscale: 'RSSMRA80A01H501U' },
    });
    expect(found.status).toBe(200);
    expect(found.body.booking).toMatchObject({
      mode: 'callback',
      service: 'pensione-informazioni',
      sede: 'rovigo',
      authMethod: 'cns-card',
      citizen: { firstName: 'MARIO', lastName: 'ROSSI', phone: '+393471122334' },
    });
    // The confirmation SMS waits in the outbox (the test server runs no sending worker).
    const outbox = await system.server.call('GET', '/api/v1/messages?status=pending', {
      token: await system.server.login('admin'),
    });
    expect(outbox.body.messages).toContainEqual(
      expect.objectContaining({ kind: 'confirmation', bookingCode: code }),
    );
  } finally {
    await system.simulate('card', { action: 'remove' });
  }
  await expect(heading(page)).toHaveText('Benvenuto allo sportello INPS');
});

test('(d) ICE fails for real: the kiosk hangs up and offers the next callback, or another time', async ({
  page,
  browser,
}) => {
  test.setTimeout(150_000);
  const official = await openOfficialConsole(browser, system.server.url);
  try {
    await blockIce(page);
    const kiosk = await openKiosk(page, 'video-ice-failed');
    await toVideoChoice(page, codiceFiscaleFor(602));
    await prepareAndJoin(page, undefined);
    await expect(page.getByText('Sei il primo in coda')).toBeVisible({ timeout: 10_000 });
    await official.getByRole('button', { name: 'Accetta il prossimo' }).click();
    await expect(heading(page)).toHaveText('Stai parlando con Laura Bianchi');
    await expect(page.locator('kiosk-video-call-screen .state')).toHaveText('Collegamento in corso…');

    // Without a single candidate no path exists; after the 20 s the call may take, the kiosk gives up.
    await expect(heading(page)).toHaveText('La videochiamata non è riuscita', { timeout: 30_000 });
    expect(await peerState(page)).toBe('closed');
    await expectCameraOffAndSocketClosed(page, kiosk);
    await expect(page.locator('kiosk-callback-offer .when')).toHaveText(/lunedì 30 novembre/);
    await kiosk.look('fallback-failed');
    // Every language, Arabic right to left.
    for (const language of LANGUAGES) {
      await chooseLanguage(page, language);
      await expect(heading(page)).toHaveText(kioskText(language, 'La videochiamata non è riuscita'));
      await expectAccessible(page, `fallback (${language})`);
      if (language === 'ar') await keepScreen(page, 'video-ice-failed-portrait-02-fallback-failed-ar');
    }
    await chooseLanguage(page, 'it');
    // The official's console is told the call is over.
    await expect(official.getByRole('heading', { level: 1 })).not.toHaveText('Videochiamata', {
      timeout: 10_000,
    });

    // Another time: the normal callback booking, and back again.
    await page.getByRole('button', { name: 'Scegli un altro orario' }).click();
    await expect(heading(page)).toHaveText('Scegli il giorno e l’ora');
    await expect(page.locator('kiosk-slot-picker .first button').first()).toBeVisible();
    await page.getByRole('button', { name: 'Indietro' }).click();
    await expect(heading(page)).toHaveText('La videochiamata non è riuscita');
  } finally {
    await official.context().close();
  }
});

test('(e) a waiting citizen is asked if still there, keeps the place, then prefers a callback', async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  const official = await openOfficialConsole(browser, system.server.url);
  try {
    const kiosk = await openKiosk(page, 'video-leave');
    await toVideoChoice(page, codiceFiscaleFor(603));
    await prepareAndJoin(page, undefined);
    await expect(page.getByText('Sei il primo in coda')).toBeVisible({ timeout: 10_000 });
    const row = official
      .getByRole('region', { name: 'Assicurato-pensionato / conto' })
      .getByRole('row', { name: /Pensione/ });
    await expect(row).toHaveCount(1);

    // Past the station's idle time (60 s) the kiosk asks, but the session and the place stay.
    await page.clock.runFor(62_000);
    const dialog = page.getByRole('alertdialog', { name: 'Sei ancora qui?' });
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText('Tocca «Continua» per tenere il tuo posto.');
    await kiosk.look('waiting-still-there', { contrast: false });
    await page.clock.runFor(60_000);
    await expect(dialog).toBeVisible();
    await expect(heading(page)).toHaveText('Aspetta qui: un funzionario ti risponde in video');
    await dialog.getByRole('button', { name: 'Continua' }).click();
    await expect(dialog).toBeHidden();
    await expect(row).toHaveCount(1);

    // Past the configured longest wait the server says so: a callback is offered while the place is kept.
    system.server.setNow('2026-11-30T09:25:00+01:00');
    try {
      await system.server.ctx.video!.tick();
      await expect(
        page.getByText('L’attesa è più lunga del previsto. Se preferisci, ti telefoniamo noi.'),
      ).toBeVisible();
      await expect(page.locator('kiosk-callback-offer .when')).toHaveText(/lunedì 30 novembre/);
      await expect(page.getByText('Sei il primo in coda')).toBeVisible();
      await kiosk.look('waiting-too-long');
    } finally {
      system.server.setNow(MONDAY_MORNING);
    }

    await page.getByRole('button', { name: 'Preferisco essere richiamato' }).click();
    await expect(heading(page)).toHaveText('Ti telefoniamo noi');
    await expect(page.locator('kiosk-callback-offer .when')).toHaveText(/lunedì 30 novembre/);
    await expect(row).toHaveCount(0);
    await expectCameraOffAndSocketClosed(page, kiosk);
    await kiosk.look('fallback-asked');
  } finally {
    await official.context().close();
  }
});

test('(f) the card taken out while waiting ends the session: queue left, camera off, socket closed', async ({
  page,
  browser,
}) => {
  const official = await openOfficialConsole(browser, system.server.url);
  try {
    const kiosk = await openKiosk(page, 'video-card-removed');
    await page.getByRole('button', { name: 'Tocca per iniziare' }).first().click();
    await system.simulate('card', { action: 'insert', card: 'cns' });
    await toPensionChannels(page);
    await prepareAndJoin(page, undefined);
    await expect(page.getByText('Sei il primo in coda')).toBeVisible({ timeout: 10_000 });
    const row = official
      .getByRole('region', { name: 'Assicurato-pensionato / conto' })
      .getByRole('row', { name: /Pensione/ });
    await expect(row).toHaveCount(1);
    await system.simulate('card', { action: 'remove' });
    await expect(heading(page)).toHaveText('Benvenuto allo sportello INPS');
    await expectCameraOffAndSocketClosed(page, kiosk);
    await expect(row).toHaveCount(0);
  } finally {
    await system.simulate('card', { action: 'remove' });
    await official.context().close();
  }
});

test('(g) the waiting room connection drops: the kiosk says so and offers the callback', async ({
  page,
  browser,
}) => {
  const official = await openOfficialConsole(browser, system.server.url);
  try {
    const routes: { close(): Promise<void> }[] = [];
    await page.routeWebSocket(
      (url) => url.pathname === '/ws',
      (ws) => {
        routes.push(ws);
        ws.connectToServer();
      },
    );
    const kiosk = await openKiosk(page, 'video-dropped');
    await toVideoChoice(page, codiceFiscaleFor(604));
    await prepareAndJoin(page, undefined);
    await expect(page.getByText('Sei il primo in coda')).toBeVisible({ timeout: 10_000 });
    await routes.at(-1)!.close();
    await expect(heading(page)).toHaveText('La videochiamata si è interrotta');
    await expect(page.locator('kiosk-callback-offer .when')).toHaveText(/lunedì 30 novembre/);
    await expectCameraOffAndSocketClosed(page, kiosk);
    await kiosk.look('fallback-dropped');
  } finally {
    await official.context().close();
  }
});

test('(h) without a working camera the choice says why; a camera failing at the check offers a callback', async ({
  page,
  browser,
}) => {
  // A station whose camera cannot be opened at all: the kiosk's own check finds it at start.
  const broken = await (await browser.newContext()).newPage();
  try {
    await broken.addInitScript(() => {
      navigator.mediaDevices.getUserMedia = () =>
        Promise.reject(new DOMException('no camera', 'NotFoundError'));
    });
    await broken.setViewportSize(PORTRAIT);
    await broken.clock.install({ time: new Date(MONDAY_MORNING) });
    await broken.goto(system.url);
    await toVideoChoice(broken, codiceFiscaleFor(605));
    const choice = button(broken, VIDEO_CHOICE);
    await expect(choice).toHaveAttribute('aria-disabled', 'true');
    await expect(choice).toContainText(
      'La telecamera di questa postazione non funziona. Puoi farti richiamare al telefono.',
    );
    await expect(button(broken, 'Richiamami appena possibile')).toHaveAttribute('aria-disabled', 'false');
    await screenSeries(broken, 'video-no-camera', 'portrait')('channel');
    await expectAccessible(broken, 'channel without camera');
  } finally {
    await broken.context().close();
  }

  // The camera answers the kiosk's check but fails when the call opens it with the microphone.
  await page.addInitScript(() => {
    const original = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
    navigator.mediaDevices.getUserMedia = (constraints) =>
      constraints?.audio
        ? Promise.reject(new DOMException('in use', 'NotReadableError'))
        : original(constraints);
  });
  const kiosk = await openKiosk(page, 'video-camera-failed');
  await toVideoChoice(page, codiceFiscaleFor(606));
  await button(page, VIDEO_CHOICE).click();
  await page.getByRole('button', { name: 'Ho letto e accetto' }).click();
  await expect(heading(page)).toHaveText('La telecamera non funziona');
  await expect(page.getByText('La telecamera è già usata da un altro programma.')).toBeVisible();
  await kiosk.look('prepare-camera-failed');
  await page.getByRole('button', { name: 'Fatti richiamare al telefono' }).click();
  await expect(heading(page)).toHaveText('La videochiamata non è possibile');
  await expect(page.locator('kiosk-callback-offer .when')).toHaveText(/lunedì 30 novembre/);
  await kiosk.look('fallback-no-camera');
});

test('(i) the follow-up the official books during the call is shown at the end, printed with its code, the SMS said', async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  const official = await openOfficialConsole(browser, system.server.url);
  try {
    const kiosk = await openKiosk(page, 'video-follow-up');
    await toVideoChoice(page, codiceFiscaleFor(602));
    await prepareAndJoin(page, undefined);
    await expect(heading(page)).toHaveText('Aspetta qui: un funzionario ti risponde in video');
    await official.getByRole('button', { name: 'Accetta il prossimo' }).click();
    await expect(heading(page)).toHaveText('Stai parlando con Laura Bianchi');

    // The official books a follow-up in the call, as the console's form does (same route, same account).
    const calls = await system.server.ctx.store.read((r) => r.callRecordsOfDay('rovigo', '2026-11-30'));
    const callId = calls.find(
      (c) => c.citizen?.codiceFiscale === codiceFiscaleFor(602) && !c.endedAt,
    )!.callId;
    const slots = await system.server.call(
      'GET',
      '/api/v1/availability?sede=rovigo&service=naspi-consulenza&mode=inPerson&from=2026-12-02&to=2026-12-09',
    );
    const start = slots.body.days.flatMap((d: { slots: { start: string }[] }) => d.slots)[0].start as string;
    const booked = await system.server.call('POST', `/api/v1/video/calls/${callId}/follow-up`, {
      token: await system.server.login('funzionario.rovigo'),
      body: {
        service: 'naspi-consulenza',
        mode: 'inPerson',
        start,
        phone: '3479988776',
        firstName: 'Paola',
        lastName: 'Neri',
      },
    });
    expect(booked.status).toBe(201);
    const code = booked.body.booking.code as string;

    await official.getByRole('button', { name: 'Termina la chiamata' }).click();
    await expect(heading(page)).toHaveText('Grazie, a presto!');
    const followUp = page.getByRole('region', { name: 'Il tuo nuovo appuntamento' });
    await expect(followUp).toBeVisible({ timeout: 10_000 });
    await expect(followUp.locator('.code')).toHaveText(`${code.slice(0, 4)} ${code.slice(4)}`);
    await expect(followUp).toContainText('NASpI: consulenza sulla tua domanda');
    await expect(followUp).toContainText('Appuntamento in sede');
    await expect(followUp).toContainText(/mercoledì 2 dicembre/);
    await expect(followUp).toContainText('Viale della Pace 5');
    await expect(followUp).toContainText('Ti mandiamo anche un SMS con questi dati.');
    // Nobody took a paper yet: the end screen does not say so.
    await expect(page.getByText('Prendi la ricevuta dalla stampante.')).toBeHidden();
    await kiosk.look('end-follow-up');

    const before = system.printed().length;
    await followUp.getByRole('button', { name: 'Stampa la ricevuta' }).click();
    await expect(followUp.getByRole('status')).toHaveText('Prendi la ricevuta stampata.');
    await expect.poll(() => system.printed().length).toBe(before + 1);
    const paper = system.printed().at(-1)!;
    expect(paper.lines.join('\n')).toContain(`${code.slice(0, 4)} ${code.slice(4)}`);
    expect(paper.lines.join('\n')).toContain('Il tuo nuovo appuntamento');
    await expect(page.getByText('Prendi la ricevuta dalla stampante.')).toBeVisible();
    await keepScreen(page, 'video-follow-up-printed');

    const outbox = await system.server.call('GET', '/api/v1/messages?status=pending', {
      token: await system.server.login('admin'),
    });
    expect(outbox.body.messages).toContainEqual(
      expect.objectContaining({ kind: 'confirmation', bookingCode: code }),
    );
    await page.getByRole('button', { name: 'Ho finito' }).click();
    await expect(heading(page)).toHaveText('Benvenuto allo sportello INPS');
  } finally {
    await official.context().close();
  }
});

// The citizen's web meeting from home on real Chromium against a real server: the SMS link's page, the
// admission code (wrong, right, too many wrong), the camera check, the waiting room, and a real WebRTC
// call with an official in the real console (a second browser context), media flowing both ways, until
// the official ends it. Also the room not open yet, a refused camera, no camera, and a call that fails.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { citizen, startTestServer, type TestServer } from '../../server/src/testing/test-server.ts';
import { WsPeer } from '../../server/src/video/ws-test-client.ts';
import { expectAccessible, keepScreen } from './support/screens.ts';

const PHONE = { width: 390, height: 844 };
const SMALL_PHONE = { width: 360, height: 740 };
const DESKTOP = { width: 1280, height: 800 };
const MONDAY_EARLY = '2026-11-30T07:00:00+01:00';
const MONDAY = '2026-11-30';
const SERVICE = 'pensione-consulenza';
const STATION = 'adria-municipio';

let server: TestServer;
let station: string;

// The page follows the browser's language: these citizens' browsers speak Italian (the English test says otherwise).
test.use({ locale: 'it-IT' });

/** One web meeting per test, each at its own slot (one place each), all booked early in the morning. */
const slots = {
  phone: '10:00',
  desktop: '11:00',
  locked: '11:30',
  problems: '12:00',
  rejoin: '14:30',
  notOpen: '14:00',
  english: '15:00',
  expired: '15:30',
  languages: '10:30',
  // Last: the cancellation below names the last citizen booked.
  cancelled: '16:00',
} as const;
const meetings = {} as Record<keyof typeof slots, Booked>;
/** A booking at the office, whose code is no web meeting's. */
let inPerson: Booked;

test.beforeAll(async () => {
  server = await startTestServer(MONDAY_EARLY);
  station = await server.stationToken(STATION);
  let index = 0;
  for (const [name, time] of Object.entries(slots) as [keyof typeof slots, string][])
    meetings[name] = await bookWebMeeting(++index, time);
  const cancelled = await server.call('POST', `/api/v1/bookings/${meetings.cancelled.code}/cancel`, {
    body: { code: meetings.cancelled.code, codiceFiscale: citizen(index).codiceFiscale },
  });
  expect(cancelled.status).toBe(200);
  inPerson = await bookWebMeeting(++index, '09:00', 'inPerson');
});
test.afterAll(async () => {
  await server.stop();
});

interface Booked {
  code: string;
  admissionCode: string;
}

/** A web meeting booked at a town-hall station after a CIE sign-in, as the kiosk books it. */
async function bookWebMeeting(index: number, time: string, mode = 'webMeeting'): Promise<Booked> {
  const start = `${MONDAY}T${time}:00+01:00`;
  const person = citizen(index);
  const result = await server.call('POST', '/api/v1/bookings', {
    token: station,
    body: {
      sede: 'rovigo',
      service: SERVICE,
      mode,
      start,
      citizen: person,
      authMethod: 'cie-pin',
      authProof: server.authProof(STATION, person.codiceFiscale),
      privacyNoticeVersion: '2026-01',
    },
  });
  expect(result.status, JSON.stringify(result.body)).toBe(201);
  return { code: result.body.booking.code, admissionCode: result.body.admissionCode };
}

/** Another six digits than the right ones. */
const wrongCode = (right: string) => String((Number(right) + 1) % 1_000_000).padStart(6, '0');
const grouped = (code: string) => `${code.slice(0, 4)} ${code.slice(4)}`;
const at = (time: string) => `${MONDAY}T${time}:00+01:00`;

/** Numbered screenshots of one flow: meeting-<device>-<nn>-<screen>.png. */
function shots(page: Page, flow: string) {
  let n = 0;
  return (screen: string) => keepScreen(page, `meeting-${flow}-${String(++n).padStart(2, '0')}-${screen}`);
}

/**
 * Keeps every stream the page opens, so a test can tell the camera is really off afterwards; with
 * `refuseOnce`, the first request is refused as a browser does when the citizen says no.
 */
async function watchCamera(page: Page, options: { refuseOnce?: boolean } = {}) {
  await page.addInitScript((refuseOnce) => {
    const w = window as unknown as { meetingStreams: MediaStream[] };
    w.meetingStreams = [];
    const devices = navigator.mediaDevices;
    const original = devices.getUserMedia.bind(devices);
    let refuse = refuseOnce;
    devices.getUserMedia = async (constraints) => {
      if (refuse) {
        refuse = false;
        throw new DOMException('Permission denied', 'NotAllowedError');
      }
      const stream = await original(constraints);
      w.meetingStreams.push(stream);
      return stream;
    };
  }, options.refuseOnce ?? false);
}

const liveTracks = (page: Page) =>
  page.evaluate(() =>
    (window as unknown as { meetingStreams: MediaStream[] }).meetingStreams
      .flatMap((s) => s.getTracks())
      .filter((t) => t.readyState === 'live')
      .map((t) => t.kind),
  );

const heading = (page: Page) => page.getByRole('heading', { level: 1 });

async function admit(page: Page, booked: Booked, admissionCode = booked.admissionCode) {
  await page.getByLabel('Codice di ammissione').fill(admissionCode);
  await page.getByRole('button', { name: 'Entra', exact: true }).click();
}

/** The official of the booking's sede and sector signs in to the real console and becomes available. */
async function officialReady(browser: Browser): Promise<Page> {
  const official = await (await browser.newContext({ viewport: DESKTOP })).newPage();
  await official.goto(`${server.url}/console/`);
  await official.getByLabel('Nome utente').fill('funzionario.rovigo');
  await official.getByLabel('Password').fill('demo-funzionario.rovigo');
  await official.getByRole('button', { name: 'Accedi' }).click();
  await official.getByRole('button', { name: 'Disponibile', exact: true }).click();
  await expect(official.getByRole('button', { name: 'Disponibile', exact: true })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  return official;
}

const videoWidth = (page: Page, selector: string) =>
  page.locator(selector).evaluate((v: HTMLVideoElement) => v.videoWidth);

for (const device of ['phone', 'desktop'] as const) {
  test(`on a ${device}: wrong code, right code, camera check, waiting room, the call, the official ends it`, async ({
    page,
    browser,
  }) => {
    test.setTimeout(120_000);
    const booked = meetings[device];
    server.setNow(device === 'phone' ? at('09:50') : at('10:50'));
    const shot = shots(page, device);
    await page.setViewportSize(device === 'phone' ? PHONE : DESKTOP);
    await watchCamera(page);

    // The SMS link: the booking code comes from the path, shown 4+4; only the admission code is asked.
    await page.goto(`${server.url}/meeting/${booked.code.toLowerCase()}`);
    await expect(heading(page)).toHaveText('Entra nel videoappuntamento');
    await expect(page.getByText(grouped(booked.code))).toBeVisible();
    const field = page.getByLabel('Codice di ammissione');
    await expect(field).toHaveAttribute('inputmode', 'numeric');
    await expect(field).toHaveAttribute('autocomplete', 'one-time-code');
    await expectAccessible(page, 'admission');
    await shot('admission');

    await admit(page, booked, wrongCode(booked.admissionCode));
    await expect(page.getByRole('alert')).toContainText('Il codice di ammissione non è giusto.');
    await expect(page.getByRole('alert')).toContainText('Puoi riprovare ancora 4 volte.');
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await expectAccessible(page, 'wrong code');
    await shot('wrong-code');

    // The right code: the camera check, with the fake camera in the self-view and the meter moving.
    await admit(page, booked);
    await expect(heading(page)).toHaveText('Controlla videocamera e microfono');
    await expect
      .poll(() => videoWidth(page, 'meeting-self-view video'), { timeout: 10_000 })
      .toBeGreaterThan(0);
    await expect(page.getByText('Il microfono ti sente.', { exact: true })).toBeVisible({ timeout: 10_000 });
    await expectAccessible(page, 'camera check');
    await shot('camera-check');

    // The waiting room: first in line, and nobody of the sector online yet.
    await page.getByRole('button', { name: 'Tutto funziona, continua' }).click();
    await expect(heading(page)).toHaveText('In attesa che il funzionario ti ammetta');
    const place = page.getByRole('status').filter({ hasText: 'turno' });
    await expect(place).toContainText('Il prossimo turno è il tuo.', { timeout: 10_000 });
    await expect(page.getByText('In questo momento nessun funzionario è collegato.')).toBeVisible({
      timeout: 10_000,
    });
    await expect(page.getByText('Pensione: consulenza', { exact: false })).toBeVisible();
    await expectAccessible(page, 'waiting room');
    await shot('waiting');

    // The official accepts: both pages connect and each sees the other's camera.
    const official = await officialReady(browser);
    try {
      // The official signed in: the page stops saying that nobody is there.
      await expect(page.getByText('In questo momento nessun funzionario è collegato.')).toBeHidden({
        timeout: 10_000,
      });
      await official.getByRole('button', { name: 'Accetta il prossimo' }).click();
      await expect(heading(page)).toHaveText('Videochiamata con Laura Bianchi', { timeout: 10_000 });
      await expect(page.getByRole('status').filter({ hasText: 'Collegato' })).toBeVisible({
        timeout: 20_000,
      });
      await expect.poll(() => videoWidth(page, 'video.remote'), { timeout: 15_000 }).toBeGreaterThan(0);
      await expect.poll(() => videoWidth(official, 'video.remote'), { timeout: 15_000 }).toBeGreaterThan(0);

      const mute = page.getByRole('button', { name: 'Spegni il microfono' });
      await mute.click();
      await expect(mute).toHaveAttribute('aria-pressed', 'true');
      await expect(page.getByText('Il microfono è spento: il funzionario non ti sente.')).toBeVisible();
      await mute.click();
      await expect(mute).toHaveAttribute('aria-pressed', 'false');
      if (device === 'phone') await page.getByText('Come mostrare il documento').click();
      await expect(page.getByText('Tieni il documento accanto al viso')).toBeVisible();
      await expectAccessible(page, 'call');
      await page.waitForTimeout(600);
      await shot('call');
      await keepScreen(official, `meeting-${device}-official-call`);

      // The official ends the call: the thank-you page, and the camera is off.
      await official.getByRole('button', { name: 'Termina la chiamata' }).click();
      await expect(heading(page)).toHaveText('Grazie, la videochiamata è terminata', { timeout: 10_000 });
      await expect.poll(() => liveTracks(page)).toEqual([]);
      await expectAccessible(page, 'thanks');
      await shot('thanks');
      // The other size too, for the one screen this flow does not reach on it.
      await page.setViewportSize(device === 'phone' ? DESKTOP : PHONE);
      await shot(device === 'phone' ? 'thanks-at-1280' : 'thanks-at-390');
    } finally {
      await official.context().close();
    }
  });
}

test('a citizen who closes the call by mistake, or whose call breaks off, goes back to the waiting room; a second page takes over', async ({
  page,
  context,
}) => {
  test.setTimeout(90_000);
  const booked = meetings.rejoin;
  server.setNow(at('14:20'));
  const shot = shots(page, 'desktop-rejoin');
  await page.setViewportSize(DESKTOP);
  await watchCamera(page);
  const toWaitingRoom = async (p: Page) => {
    await expect(heading(p)).toHaveText('Controlla videocamera e microfono');
    await p.getByRole('button', { name: 'Tutto funziona, continua' }).click();
    await expect(heading(p)).toHaveText('In attesa che il funzionario ti ammetta');
    await expect(p.getByText('Il prossimo turno è il tuo.')).toBeVisible({ timeout: 10_000 });
  };
  await page.goto(`${server.url}/meeting/${booked.code}`);
  await admit(page, booked);
  await toWaitingRoom(page);

  // The official, from a bare /ws client this time: only the signaling matters here.
  const official = await WsPeer.open(server.url, await server.login('funzionario.rovigo'));
  try {
    official.send({ type: 'official.status', status: 'available' });
    official.send({ type: 'queue.accept-next' });
    const first = await official.next('call.started', () => true, 5000);
    await expect(heading(page)).toHaveText('Videochiamata con Laura Bianchi');

    await page.getByRole('button', { name: 'Chiudi la chiamata' }).click();
    await expect(heading(page)).toHaveText('Hai chiuso la videochiamata');
    expect(await official.next('call.ended', (m) => m.callId === first.callId, 5000)).toMatchObject({
      reason: 'hangup',
    });
    await expect.poll(() => liveTracks(page)).toEqual([]);
    await expectAccessible(page, 'left');
    await shot('left');

    await page.getByRole('button', { name: "Torna nella sala d'attesa" }).click();
    await toWaitingRoom(page);
    official.send({ type: 'queue.accept-next' });
    await official.next('call.started', (m) => m.callId !== first.callId, 5000);
    await expect(heading(page)).toHaveText('Videochiamata con Laura Bianchi');
  } finally {
    await official.close();
  }
  // The official's connection is gone: the call is over, and the citizen can wait again.
  await expect(heading(page)).toHaveText('La videochiamata si è interrotta', { timeout: 10_000 });
  await expect.poll(() => liveTracks(page)).toEqual([]);
  await expectAccessible(page, 'interrupted');
  await shot('interrupted');

  // The same meeting opened in a second page: it wins, the first one says so and lets go.
  const second = await context.newPage();
  await second.setViewportSize(DESKTOP);
  await second.goto(`${server.url}/meeting/${booked.code}`);
  await admit(second, booked);
  await toWaitingRoom(second);
  await expect(heading(page)).toHaveText("Il videoappuntamento è aperto in un'altra finestra");
  await expectAccessible(page, 'replaced');
  await shot('replaced');
});

test('too many wrong codes lock the door until the time the server gives', async ({ page }) => {
  const booked = meetings.locked;
  server.setNow(at('11:20'));
  const shot = shots(page, 'phone-locked');
  await page.setViewportSize(PHONE);
  await page.goto(`${server.url}/meeting/${booked.code}`);
  const wrong = wrongCode(booked.admissionCode);
  for (const left of ['4 volte', '3 volte', '2 volte', 'una volta']) {
    await admit(page, booked, wrong);
    await expect(page.getByRole('alert')).toContainText(
      left === 'una volta' ? 'Puoi riprovare ancora una volta.' : `Puoi riprovare ancora ${left}.`,
    );
  }
  await admit(page, booked, wrong);
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Hai scritto un codice sbagliato troppe volte.');
  await expect(alert).toContainText('Per sicurezza puoi riprovare dalle 11:35.');
  await expect(alert.getByRole('link', { name: '803 164' })).toHaveAttribute('href', 'tel:803164');
  await expectAccessible(page, 'locked');
  await shot('locked');
  // Even the right code waits for the lock to run out.
  await admit(page, booked);
  await expect(alert).toContainText('Hai scritto un codice sbagliato troppe volte.');
  server.setNow(at('11:36'));
  await admit(page, booked);
  await expect(heading(page)).toHaveText('Controlla videocamera e microfono');
});

test('before the room opens the page says when, counts down, and goes in by itself once it is open', async ({
  page,
}) => {
  const booked = meetings.notOpen;
  server.setNow(at('13:20'));
  // The phone's clock agrees with the server's, so the countdown is shown.
  await page.clock.install({ time: new Date(at('13:20')) });
  const shot = shots(page, 'desktop-not-open');
  await page.setViewportSize(DESKTOP);
  await page.goto(`${server.url}/meeting/${booked.code}`);
  await admit(page, booked);
  const alert = page.getByRole('alert');
  await expect(alert).toContainText("La sala d'attesa non è ancora aperta.");
  await expect(alert).toContainText("Apre alle 13:45, 15 minuti prima dell'appuntamento.");
  await expect(alert).toContainText('Mancano circa 25 minuti.');
  await expect(alert.getByRole('button', { name: 'Riprova ora' })).toBeVisible();
  await expectAccessible(page, 'not open');
  await shot('not-open');

  // Still closed at the next try (a minute later at most), then open: the page goes in without a touch.
  server.setNow(at('13:21'));
  const retried = page.waitForResponse((r) => r.url().endsWith('/api/v1/meetings/admit'));
  await page.clock.fastForward('01:00');
  await retried;
  // The try answered and the next one planned (the form no longer busy) before the clocks move on: the
  // countdown's own tick shows 24 minutes too, and a try answered after the jump would wait for ever.
  await expect(page.getByRole('button', { name: 'Entra', exact: true })).toBeEnabled();
  await expect(alert).toContainText('Mancano circa 24 minuti.');
  server.setNow(at('13:45'));
  await page.clock.fastForward('01:00');
  await expect(heading(page)).toHaveText('Controlla videocamera e microfono');

  // In the waiting room, then the citizen leaves the page: the socket closes and the place is given up.
  await page.getByRole('button', { name: 'Tutto funziona, continua' }).click();
  await expect(heading(page)).toHaveText('In attesa che il funzionario ti ammetta');
  const waiting = () =>
    server.ctx.store.read(async (r) => (await r.videoQueue()).some((e) => e.bookingCode === booked.code));
  await expect.poll(waiting).toBe(true);
  await page.goto(`${server.url}/healthz`);
  await expect.poll(waiting).toBe(false);
});

test('a link without its code asks for it; an unknown code, a refused camera and no camera are explained', async ({
  page,
}) => {
  const booked = meetings.problems;
  server.setNow(at('11:55'));
  const shot = shots(page, 'phone-problems');
  await page.setViewportSize(PHONE);
  await watchCamera(page, { refuseOnce: true });

  await page.goto(`${server.url}/meeting/`);
  const codeField = page.getByLabel('Codice prenotazione');
  await expect(codeField).toBeVisible();
  await codeField.fill('ABCD 2345');
  await admit(page, booked);
  await expect(page.getByRole('alert')).toContainText('Non troviamo una prenotazione con questo codice.');
  await expectAccessible(page, 'unknown booking');
  await shot('unknown-booking');

  await codeField.fill(grouped(booked.code).toLowerCase());
  await admit(page, booked);
  // The citizen said no to the browser's question: how to allow it, then "Riprova" works.
  await expect(page.getByRole('alert')).toContainText(
    'Il browser non ci lascia usare la videocamera e il microfono.',
  );
  expect(new URL(page.url()).pathname).toBe(`/meeting/${booked.code}`);
  await expectAccessible(page, 'camera refused');
  await shot('camera-refused');
  await page.getByRole('button', { name: 'Riprova' }).click();
  await expect
    .poll(() => videoWidth(page, 'meeting-self-view video'), { timeout: 10_000 })
    .toBeGreaterThan(0);

  // No camera at all: the official could not see the ID, so the phone is the way; the camera goes off.
  await page.getByRole('button', { name: 'Non riesco a usare la videocamera' }).click();
  await expect(heading(page)).toHaveText('Senza videocamera non possiamo fare la videochiamata');
  await expect(page.getByText("l'ufficio ti chiamerà al numero della prenotazione")).toBeVisible();
  expect(await liveTracks(page)).toEqual([]);
  await expectAccessible(page, 'no camera');
  await shot('no-camera');
});

test('a meeting that is over, cancelled, not a web meeting, or a server out of reach: each said plainly', async ({
  page,
}) => {
  const shot = shots(page, 'phone-refusals');
  await page.setViewportSize(PHONE);
  const alert = page.getByRole('alert');

  server.setNow(at('12:31'));
  await page.goto(`${server.url}/meeting/${meetings.problems.code}`);
  await admit(page, meetings.problems);
  await expect(alert).toContainText('Questo appuntamento è già finito.');
  await shot('over');

  await page.goto(`${server.url}/meeting/${meetings.cancelled.code}`);
  await admit(page, meetings.cancelled);
  await expect(alert).toContainText('Questo appuntamento è stato annullato.');
  await expectAccessible(page, 'cancelled');
  await shot('cancelled');

  await page.goto(`${server.url}/meeting/${inPerson.code}`);
  await admit(page, inPerson);
  await expect(alert).toContainText('Questa prenotazione non è un videoappuntamento.');
  await shot('not-web-meeting');

  // The network drops between the page and the server.
  await page.route('**/api/v1/meetings/admit', (route) => route.abort('internetdisconnected'));
  await admit(page, inPerson);
  await expect(alert).toContainText('Il servizio non risponde.');
  await expectAccessible(page, 'unreachable');
  await shot('unreachable');
});

test('a waiting room the page cannot reach (its admission gone) says so and lets the citizen enter the code again', async ({
  page,
  context,
}) => {
  test.setTimeout(90_000);
  const booked = meetings.expired;
  server.setNow(at('15:20'));
  await page.setViewportSize(PHONE);
  await watchCamera(page);
  await page.goto(`${server.url}/meeting/${booked.code}`);
  await admit(page, booked);
  await expect(heading(page)).toHaveText('Controlla videocamera e microfono');
  // The meeting cookie is gone (cleared, or expired): /ws refuses the page.
  await context.clearCookies();
  await page.getByRole('button', { name: 'Tutto funziona, continua' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Collegamento' })).toHaveText(
    "Collegamento alla sala d'attesa…",
  );
  const alert = page.getByRole('alert');
  await expect(alert).toContainText("Non riusciamo a collegarti alla sala d'attesa.", { timeout: 25_000 });
  await expectAccessible(page, 'waiting room unreachable');
  await keepScreen(page, 'meeting-phone-unreachable-01-waiting');
  await alert.getByRole('button', { name: 'Scrivi di nuovo il codice' }).click();
  await expect(heading(page)).toHaveText('Entra nel videoappuntamento');
  await expect.poll(() => liveTracks(page)).toEqual([]);
  await admit(page, booked);
  await expect(heading(page)).toHaveText('Controlla videocamera e microfono');
  await page.getByRole('button', { name: 'Tutto funziona, continua' }).click();
  await expect(page.getByText('Il prossimo turno è il tuo.')).toBeVisible({ timeout: 10_000 });
  // One camera and one microphone on, not the first check's as well.
  expect((await liveTracks(page)).sort()).toEqual(['audio', 'video']);
});

test.describe('in English', () => {
  test.use({ locale: 'en-GB' });

  test('a browser in English gets the page in English; a call whose connection never comes up ends as media-failed: the office calls back', async ({
    page,
    browser,
  }) => {
    test.setTimeout(120_000);
    const booked = meetings.english;
    server.setNow(at('14:50'));
    const shot = shots(page, 'desktop-english');
    await page.setViewportSize(DESKTOP);
    await watchCamera(page);
    // No network path at all: relay only, and there is no TURN server (as behind a closed firewall).
    await page.addInitScript(() => {
      const Original = window.RTCPeerConnection;
      window.RTCPeerConnection = class extends Original {
        constructor(config?: RTCConfiguration) {
          super({ ...config, iceTransportPolicy: 'relay' });
        }
      } as typeof RTCPeerConnection;
    });

    await page.goto(`${server.url}/meeting/${booked.code}`);
    await expect(heading(page)).toHaveText('Join your video appointment');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    // The switch in the header changes it either way.
    await page.getByRole('button', { name: 'Italiano' }).click();
    await expect(heading(page)).toHaveText('Entra nel videoappuntamento');
    await expect(page.locator('html')).toHaveAttribute('lang', 'it');
    await expect(page.getByRole('banner')).toContainText('Videoappuntamento');
    await expect(page.getByRole('group', { name: 'Lingua' })).toBeVisible();
    await page.getByRole('button', { name: 'English' }).click();
    await expect(heading(page)).toHaveText('Join your video appointment');
    await expect(page.getByRole('button', { name: 'English' })).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByRole('banner')).toContainText('Video appointment');
    await page.getByLabel('Admission code').fill(booked.admissionCode);
    await page.getByRole('button', { name: 'Join', exact: true }).click();
    await expect(heading(page)).toHaveText('Check your camera and microphone');
    await page.getByRole('button', { name: 'Everything works, continue' }).click();
    await expect(heading(page)).toHaveText('Waiting for the official to let you in');
    await expect(page.getByRole('status').filter({ hasText: 'next' })).toContainText('You are next.');
    await expectAccessible(page, 'waiting room in English');
    await shot('waiting');

    const official = await officialReady(browser);
    try {
      await official.getByRole('button', { name: 'Accetta il prossimo' }).click();
      await expect(heading(page)).toHaveText('Video call with Laura Bianchi', { timeout: 10_000 });
      await expect(page.getByRole('status').filter({ hasText: 'Connecting to Laura Bianchi' })).toBeVisible();
      await shot('connecting');
      // The citizen's call gives up after its connect deadline and hangs up with media-failed.
      await expect(heading(page)).toHaveText('The video call did not work', { timeout: 30_000 });
      await expect(page.getByText('The official will call you back by phone.')).toBeVisible();
      await expect.poll(() => liveTracks(page)).toEqual([]);
      await expectAccessible(page, 'media failed');
      await shot('media-failed');
      // The office sees why: the call record says media-failed.
      await expect
        .poll(async () => {
          const calls = await server.ctx.store.read((r) => r.callRecordsOfDay('rovigo', MONDAY));
          return calls.find((c) => c.bookingCode === booked.code)?.endReason;
        })
        .toBe('media-failed');
    } finally {
      await official.context().close();
    }
  });
});

/** The admission screen's heading in each language, and the browser locale that asks for it. */
const sixLanguages = [
  { lang: 'it', locale: 'it-IT', heading: 'Entra nel videoappuntamento', switch: 'Italiano' },
  { lang: 'en', locale: 'en-GB', heading: 'Join your video appointment', switch: 'English' },
  { lang: 'fr', locale: 'fr-FR', heading: 'Rejoignez votre rendez-vous vidéo', switch: 'Français' },
  { lang: 'ar', locale: 'ar-EG', heading: 'ادخل إلى موعدك بالفيديو', switch: 'العربية' },
  { lang: 'ro', locale: 'ro-RO', heading: 'Intrați în programarea video', switch: 'Română' },
  { lang: 'uk', locale: 'uk-UA', heading: 'Увійдіть на відеозустріч', switch: 'Українська' },
] as const;

const documentLanguage = (page: Page) =>
  page.evaluate(() => ({ lang: document.documentElement.lang, dir: document.documentElement.dir }));

test('on a small phone the page speaks all six languages, from the browser, the SMS link or the switch; Arabic right to left', async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const booked = meetings.languages;
  server.setNow(at('10:20'));
  for (const { lang, locale, heading: title } of sixLanguages) {
    const context = await browser.newContext({ locale, viewport: SMALL_PHONE });
    try {
      const page = await context.newPage();
      await page.goto(`${server.url}/meeting/${booked.code}`);
      await expect(heading(page), lang).toHaveText(title);
      expect(await documentLanguage(page)).toEqual({ lang, dir: lang === 'ar' ? 'rtl' : 'ltr' });
      // Every language is offered, each named in itself; the one spoken now is pressed.
      const choices = page.getByRole('banner').getByRole('button');
      await expect(choices).toHaveText(sixLanguages.map((l) => l.switch));
      await expect(
        page.getByRole('button', { name: sixLanguages.find((l) => l.lang === lang)!.switch }),
      ).toHaveAttribute('aria-pressed', 'true');
      // Nothing wider than the phone: the switch wraps instead of pushing the page sideways.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        SMALL_PHONE.width,
      );
      await expectAccessible(page, `admission in ${lang}`);
      await keepScreen(page, `meeting-360-${lang}-admission`);
      if (lang === 'ar' || lang === 'uk') {
        await page
          .getByLabel(lang === 'ar' ? 'رمز الدخول' : 'Код доступу')
          .fill(wrongCode(booked.admissionCode));
        await page.getByRole('button', { name: lang === 'ar' ? 'دخول' : 'Увійти', exact: true }).click();
        await expect(page.getByRole('alert')).toContainText(
          lang === 'ar' ? 'رمز الدخول غير صحيح.' : 'Код доступу неправильний.',
        );
        await expectAccessible(page, `wrong code in ${lang}`);
        await keepScreen(page, `meeting-360-${lang}-wrong-code`);
      }
    } finally {
      await context.close();
    }
  }

  // The SMS link's ?lang= wins over an Italian browser; the switch turns the page around and back.
  const context = await browser.newContext({ locale: 'it-IT', viewport: SMALL_PHONE });
  try {
    const page = await context.newPage();
    await page.goto(`${server.url}/meeting/${booked.code}?lang=uk`);
    await expect(heading(page)).toHaveText('Увійдіть на відеозустріч');
    expect(await documentLanguage(page)).toEqual({ lang: 'uk', dir: 'ltr' });
    await page.getByRole('button', { name: 'العربية' }).click();
    await expect(heading(page)).toHaveText('ادخل إلى موعدك بالفيديو');
    expect(await documentLanguage(page)).toEqual({ lang: 'ar', dir: 'rtl' });
    await expect(page).toHaveTitle('موعد بالفيديو - INPS');
    // Right to left: the brand stands at the right, the booking code still reads left to right.
    const brand = await page.getByRole('banner').getByText('INPS', { exact: true }).boundingBox();
    expect(brand!.x).toBeGreaterThan(SMALL_PHONE.width / 2);
    await expect(page.getByText(grouped(booked.code))).toHaveAttribute('dir', 'ltr');
    await page.getByRole('button', { name: 'Français' }).click();
    await expect(heading(page)).toHaveText('Rejoignez votre rendez-vous vidéo');
    expect(await documentLanguage(page)).toEqual({ lang: 'fr', dir: 'ltr' });
  } finally {
    await context.close();
  }
});

// The web meeting from home, issue 15: the device test before the room opens (camera, microphone level,
// speaker) and the official's "running late" reaching the waiting page live (and again after a reload, in
// the citizen's language), on Chromium's fake devices at 360×740. The camera switch: meeting-camera-switch.spec.ts.
import { expect, test, type Page } from '@playwright/test';
import { startTestServer, type TestServer } from '../../server/src/testing/test-server.ts';
import { openOfficialConsole } from './support/official-console.ts';
import { expectAccessible, keepScreen } from './support/screens.ts';
import { bookWebMeeting, type BookedMeeting } from './support/web-meeting.ts';

const SMALL_PHONE = { width: 360, height: 740 };
const MONDAY_EARLY = '2026-11-30T07:00:00+01:00';
const MONDAY = '2026-11-30';
const SERVICE = 'pensione-consulenza';
const STATION = 'adria-municipio';

let server: TestServer;
const meetings: Record<'trial' | 'late', BookedMeeting> = {} as never;

test.use({ locale: 'it-IT' });

test.beforeAll(async () => {
  server = await startTestServer(MONDAY_EARLY);
  const station = await server.stationToken(STATION);
  let index = 20;
  for (const [name, time] of [
    ['trial', '16:00'],
    ['late', '10:00'],
  ] as const) {
    meetings[name] = await bookWebMeeting(server, {
      station: STATION,
      token: station,
      service: SERVICE,
      start: `${MONDAY}T${time}:00+01:00`,
      citizenIndex: ++index,
    });
  }
});
test.afterAll(async () => {
  await server.stop();
});

const at = (time: string) => `${MONDAY}T${time}:00+01:00`;
const heading = (page: Page) => page.getByRole('heading', { level: 1 });
const shot = (page: Page, name: string) => keepScreen(page, `meeting-home-${name}`);
const look = (page: Page, name: string) => page.screenshot({ path: `/tmp/shots/h8-${name}.png` });

async function toWaitingRoom(page: Page, booked: BookedMeeting) {
  await page.getByLabel('Codice di ammissione').fill(booked.admissionCode);
  await page.getByRole('button', { name: 'Entra', exact: true }).click();
  await expect(heading(page)).toHaveText('Controlla videocamera e microfono');
  await page.getByRole('button', { name: 'Tutto funziona, continua' }).click();
  await expect(heading(page)).toHaveText('In attesa che il funzionario ti ammetta');
}

test('the device test works from the link, hours before the room opens: camera, microphone level, speaker', async ({
  page,
}) => {
  server.setNow(at('09:00'));
  await page.setViewportSize(SMALL_PHONE);
  await page.addInitScript(() => {
    // Every stream the page opens, to tell the camera is off afterwards.
    const w = window as unknown as { streams: MediaStream[]; refuse: boolean };
    w.streams = [];
    const devices = navigator.mediaDevices;
    const original = devices.getUserMedia.bind(devices);
    devices.getUserMedia = async (constraints) => {
      if (sessionStorage.getItem('refuse')) {
        sessionStorage.removeItem('refuse');
        throw new DOMException('Permission denied', 'NotAllowedError');
      }
      const stream = await original(constraints);
      w.streams.push(stream);
      return stream;
    };
  });
  await page.goto(`${server.url}/meeting/${meetings.trial.code}`);
  await expect(heading(page)).toHaveText('Entra nel videoappuntamento');
  await look(page, 'admission');
  await page.getByRole('button', { name: 'Prova videocamera, microfono e altoparlante' }).click();
  await expect(heading(page)).toHaveText('Prova videocamera, microfono e altoparlante');

  // The fake camera in the self-view, the fake microphone's beeps moving the meter.
  await expect
    .poll(() => page.locator('meeting-self-view video').evaluate((v: HTMLVideoElement) => v.videoWidth), {
      timeout: 10_000,
    })
    .toBeGreaterThan(0);
  const meter = page.getByRole('meter', { name: 'Livello del microfono' });
  await expect
    .poll(async () => Number(await meter.getAttribute('aria-valuenow')), { timeout: 10_000 })
    .toBeGreaterThan(0);
  const results = page.getByRole('list', { name: 'Risultato della prova' });
  await expect(results).toContainText('Videocamera: funziona');
  await expect(results).toContainText('Microfono: ti sente');
  await expect(results).toContainText('Altoparlante: da provare');

  // The speaker: the sound, the question, and what to do when it was not heard.
  await page.getByRole('button', { name: "Prova l'altoparlante" }).click();
  await expect(page.getByText('Hai sentito il suono?')).toBeVisible({ timeout: 5000 });
  await page.getByRole('button', { name: 'No', exact: true }).click();
  await expect(page.getByText('Alza il volume; sul telefono togli il silenzioso')).toBeVisible();
  await expect(results).toContainText('Altoparlante: non sentito');
  await page.getByRole('button', { name: 'Fai sentire di nuovo il suono' }).click();
  await page.getByRole('button', { name: 'Sì, l’ho sentito' }).click();
  await expect(results).toContainText('Altoparlante: funziona');
  await expectAccessible(page, 'device test');
  await look(page, 'device-test');
  await page.getByText("Ho finito, torna all'ingresso").scrollIntoViewIfNeeded();
  await look(page, 'device-test-end');
  await shot(page, 'device-test');

  // Back at the door, the camera is off.
  await page.getByRole('button', { name: "Ho finito, torna all'ingresso" }).click();
  await expect(heading(page)).toHaveText('Entra nel videoappuntamento');
  const live = () =>
    page.evaluate(
      () =>
        (window as unknown as { streams: MediaStream[] }).streams
          .flatMap((s) => s.getTracks())
          .filter((t) => t.readyState === 'live').length,
    );
  await expect.poll(live).toBe(0);

  // A refused camera: what to do, and the way back.
  await page.evaluate(() => sessionStorage.setItem('refuse', '1'));
  await page.getByRole('button', { name: 'Prova videocamera, microfono e altoparlante' }).click();
  await expect(page.getByRole('alert')).toContainText(
    'Il browser non ci lascia usare la videocamera e il microfono.',
  );
  await expect(page.getByText("l'ufficio ti chiamerà al numero della prenotazione")).toBeVisible();
  await expectAccessible(page, 'device test refused');
  await look(page, 'device-test-refused');
  await page.getByRole('button', { name: "Torna all'ingresso" }).click();
  await expect(heading(page)).toHaveText('Entra nel videoappuntamento');

  // In Arabic, right to left.
  await page.goto(`${server.url}/meeting/${meetings.trial.code}?lang=ar`);
  await page.getByRole('button', { name: 'جرّب الكاميرا والميكروفون ومكبر الصوت' }).click();
  await expect(page.getByRole('list', { name: 'نتيجة التجربة' })).toContainText('الميكروفون: يسمعك', {
    timeout: 10_000,
  });
  expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
  await look(page, 'device-test-ar');
});

test("the official's running late reaches the waiting page at once, and again in Ukrainian after a reload", async ({
  page,
  browser,
}) => {
  test.setTimeout(90_000);
  server.setNow(at('09:50'));
  await page.setViewportSize(SMALL_PHONE);
  await page.goto(`${server.url}/meeting/${meetings.late.code}`);
  await toWaitingRoom(page, meetings.late);
  await expect(page.getByText('Il prossimo turno è il tuo.')).toBeVisible({ timeout: 10_000 });

  const official = await openOfficialConsole(browser, server.url);
  try {
    await official.getByRole('navigation').getByRole('button', { name: 'Appuntamenti' }).click();
    const row = official.getByRole('row').filter({ hasText: '10:00' });
    await row.getByRole('button', { name: /Sono in ritardo di alcuni minuti/ }).click();
    await row.getByRole('button', { name: 'Avvisa: in ritardo di 10 minuti' }).click();
    await expect(row).toContainText('Avvisato: in ritardo di 10 min (alle 09:50)');
    await official.screenshot({ path: '/tmp/shots/h8-console-late.png' });

    const notice = page.getByRole('status').filter({ hasText: 'in ritardo' });
    await expect(notice).toContainText('Il funzionario è in ritardo di circa 10 minuti.', {
      timeout: 10_000,
    });
    await expect(notice).toContainText('Lo ha scritto alle 09:50.');
    await expectAccessible(page, 'running late');
    await look(page, 'late-it');
    await shot(page, 'late');

    // A reload in Ukrainian: the page joins again and hears it in the citizen's language.
    await page.goto(`${server.url}/meeting/${meetings.late.code}?lang=uk`);
    await page.getByRole('button', { name: 'Увійти', exact: true }).waitFor();
    await page.locator('input#admission').fill(meetings.late.admissionCode);
    await page.getByRole('button', { name: 'Увійти', exact: true }).click();
    await page.locator('meeting-device-check-screen button').first().click();
    await expect(page.locator('meeting-waiting-screen .late')).toContainText('10', { timeout: 10_000 });
    await expect(page.locator('meeting-waiting-screen .late')).toContainText('запізнюється');
    await look(page, 'late-uk');
  } finally {
    await official.context().close();
  }
});

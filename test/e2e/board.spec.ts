// The display board on an office TV (issue 11), against a real server: a board registered by the technician
// shows each call large and flashing, chimes and speaks it (the sound measured as it reached the output), an
// Arabic ticket in Italian and then Arabic, two calls at once one after the other; it says when it is offline
// and comes back by itself after a restart; a removed board leaves a plain page. No personal data ever.
// Screenshots for people to look at: /tmp/shots/board-*.png.
import { expect, test, type Page, type Route } from '@playwright/test';
import config from '../../playwright.config.ts';
import { startTestServer, type TestServer } from '../../server/src/testing/test-server.ts';
import { audioHeard, installAudioProbe, loudestBetween, type PlayedSound } from './support/audio-probe.ts';
import { startNetworkCut } from './support/network-cut.ts';
import { CounterDesk, issueTicket, registerBoard, removeBoard } from './support/office-floor.ts';
import { expectAccessible, LANDSCAPE, PORTRAIT } from './support/screens.ts';

/** A Monday morning, Rovigo open 08:30–12:30. */
const NOW = '2026-12-07T09:10:00+01:00';
const SEDE = 'INPS - Sede provinciale di Rovigo';
const CODICE_FISCALE = 'RSSMRA80A01H501U';
const ANY_CODICE_FISCALE =
  /[A-Z]{6}[\dLMNPQRSTUV]{2}[ABCDEHLMPRST][\dLMNPQRSTUV]{2}[A-Z][\dLMNPQRSTUV]{3}[A-Z]/i;
/** Louder than this is sound, not silence (RMS, full scale 1; speech and the chime measure 0.05–0.2). */
const AUDIBLE = 0.01;
const OFFLINE = 'Tabellone non collegato — nuovo tentativo in corso';
/** The board gives a silent stream this long before it says it is offline. */
const SILENCE_MS = 40_000;

// The office TV's Chromium is started so; without it the board asks for a touch (tested below).
const launch = config.use?.launchOptions ?? {};
const withAutoplay = {
  ...launch,
  args: [...(launch.args ?? []), '--autoplay-policy=no-user-gesture-required'],
};
test.use({ launchOptions: withAutoplay, timezoneId: 'Europe/Rome' });
test.describe.configure({ mode: 'serial' });

let server: TestServer;
let board: { id: string; page: string };

test.beforeAll(async () => {
  server = await startTestServer(NOW);
  board = await registerBoard(server);
});

test.afterAll(async () => {
  await server?.stop();
});

async function openBoard(page: Page, viewport: { width: number; height: number }): Promise<void> {
  await page.setViewportSize(viewport);
  await installAudioProbe(page);
  await page.clock.setFixedTime(new Date(NOW));
  await page.goto(server.url + board.page);
  await expect(page.locator('board-app header h1')).toHaveText(SEDE);
}

const hero = (page: Page) => page.locator('board-call-hero');

/** The called number fills at least 15 % of the screen's height: read from 8 m away. */
async function expectReadableFromAfar(page: Page): Promise<void> {
  const box = await hero(page).locator('.number').boundingBox();
  const height = page.viewportSize()!.height;
  expect(box!.height, 'the number’s height').toBeGreaterThanOrEqual(0.15 * height);
}

/** What the board played, once at least `clipCount` clips have started. */
async function played(page: Page, clipCount: number) {
  await expect
    .poll(async () => (await audioHeard(page)).played.filter((p) => p.kind === 'clip').length, {
      timeout: 20_000,
    })
    .toBeGreaterThanOrEqual(clipCount);
  const heard = await audioHeard(page);
  return {
    tones: heard.played.filter((p) => p.kind === 'tone'),
    clips: heard.played.filter((p) => p.kind === 'clip'),
  };
}

/** The clip is the call of that ticket in that language, and it is not silent. */
function expectSpoken(clip: PlayedSound | undefined, ticketId: string, language: string): void {
  expect(clip?.source).toContain(`/api/v1/board/calls/${ticketId}/speech?`);
  expect(clip?.source).toContain(`language=${language}`);
  expect(clip!.rms!, `RMS of the ${language} clip`).toBeGreaterThan(AUDIBLE);
}

/** The clip also reached the output: its level while it played. */
async function expectHeard(page: Page, clip: PlayedSound): Promise<void> {
  await expect
    .poll(
      async () => loudestBetween((await audioHeard(page)).levels, clip.at, clip.at + clip.duration! * 1000),
      {
        timeout: 20_000,
      },
    )
    .toBeGreaterThan(AUDIBLE);
}

/** A chime of two tones started after `from` and before `to`, and it was heard. */
async function expectChime(page: Page, tones: PlayedSound[], from: number, to: number): Promise<void> {
  const chime = tones.filter((t) => t.at > from && t.at < to);
  expect(new Set(chime.map((t) => t.frequency)).size, 'distinct tones in the chime').toBeGreaterThanOrEqual(
    2,
  );
  const levels = (await audioHeard(page)).levels;
  expect(loudestBetween(levels, chime[0]!.at, to), 'the chime’s level').toBeGreaterThan(AUDIBLE);
}

/** Nothing on the page (text or attribute, in every shadow root) looks like a codice fiscale. */
async function expectNoPersonalData(page: Page): Promise<void> {
  const markup = await page.evaluate(() => {
    const parts = [document.documentElement.outerHTML];
    const walk = (root: Document | ShadowRoot) => {
      for (const element of root.querySelectorAll('*')) {
        if (element.shadowRoot) {
          parts.push(element.shadowRoot.innerHTML);
          walk(element.shadowRoot);
        }
      }
    };
    walk(document);
    return parts.join('\n');
  });
  expect(markup).not.toContain(CODICE_FISCALE);
  expect(markup).not.toMatch(ANY_CODICE_FISCALE);
}

test('a call shows large and flashing, chimes and is spoken; an Arabic ticket is spoken in Italian, then Arabic', async ({
  page,
}) => {
  // A script refused by the page's Content-Security-Policy, or any fault, shows up here.
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  await openBoard(page, LANDSCAPE);
  await expect(hero(page)).toContainText('Nessuna chiamata per ora');
  const italian = await issueTicket(server, {
    service: 'pensione-informazioni',
    codiceFiscale: CODICE_FISCALE,
  });
  const arabic = await issueTicket(server, { service: 'pensione-informazioni', language: 'ar' });
  const desk = await CounterDesk.open(server, 'sportello-3');

  expect((await desk.callNext()).id).toBe(italian.id);
  await expect(hero(page).locator('.number')).toHaveText(italian.number);
  await expect(hero(page).locator('.counter')).toContainText('Sportello 3');
  await expect(hero(page).locator('.flash')).toHaveCount(1);
  await page.screenshot({ path: '/tmp/shots/board-landscape-call.png' });
  await expectReadableFromAfar(page);

  const first = await played(page, 1);
  expectSpoken(first.clips[0], italian.id, 'it');
  await expectChime(page, first.tones, 0, first.clips[0]!.at);
  await expectHeard(page, first.clips[0]!);
  await expectNoPersonalData(page);

  await desk.finish(italian.id);
  expect((await desk.callNext()).id).toBe(arabic.id);
  await expect(hero(page).locator('.number')).toHaveText(arabic.number);
  const second = await played(page, 3);
  expect(second.clips).toHaveLength(3);
  expectSpoken(second.clips[1], arabic.id, 'it');
  expectSpoken(second.clips[2], arabic.id, 'ar');
  await expectChime(page, second.tones, first.clips[0]!.at, second.clips[1]!.at);
  await expectHeard(page, second.clips[1]!);
  await expectHeard(page, second.clips[2]!);
  await desk.finish(arabic.id);

  // The blinking stops by itself; the screen then meets WCAG AA.
  await expect(hero(page).locator('.flash')).toHaveCount(0, { timeout: 10_000 });
  await expectAccessible(page, 'board, landscape');
  expect(errors).toEqual([]);
});

test('two counters calling at once: both calls are shown and announced, one after the other', async ({
  page,
}) => {
  await openBoard(page, LANDSCAPE);
  const pension = await issueTicket(server, { service: 'pensione-informazioni' });
  const naspi = await issueTicket(server, { service: 'naspi-informazioni' });
  const three = await CounterDesk.open(server, 'sportello-3');
  const one = await CounterDesk.open(server, 'sportello-1', 'sportello2.rovigo');

  await Promise.all([three.callNext(), one.callNext()]);
  const numbers = [hero(page).locator('.number'), page.locator('board-recent-calls td.number').first()];
  // The newer of the two is the large one, the other heads the calls before it.
  await expect
    .poll(async () => (await Promise.all(numbers.map((n) => n.textContent()))).sort())
    .toEqual([naspi.number, pension.number].sort());

  const { tones, clips } = await played(page, 2);
  expect(clips).toHaveLength(2);
  expect(clips.map((c) => c.source!.match(/calls\/([^/]+)\/speech/)![1]).sort()).toEqual(
    [naspi.id, pension.id].sort(),
  );
  // The second waited for the first to end, with its own chime between.
  expect(clips[1]!.at).toBeGreaterThanOrEqual(clips[0]!.at + clips[0]!.duration! * 1000);
  await expectChime(page, tones, clips[0]!.at, clips[1]!.at);
  for (const clip of clips) await expectHeard(page, clip);
  await three.finish(pension.id);
  await one.finish(naspi.id);
});

test('portrait, landscape and a 1366×768 screen: the number is readable from 8 m, the page is accessible', async ({
  page,
}) => {
  // A morning's queue: people waiting for several services.
  for (const service of [
    'pensione-informazioni',
    'naspi-informazioni',
    'pensione-informazioni',
    'pensione-informazioni',
    'naspi-informazioni',
    'maternita',
  ]) {
    await issueTicket(server, { service });
  }
  const one = await CounterDesk.open(server, 'sportello-1', 'sportello2.rovigo');
  const three = await CounterDesk.open(server, 'sportello-3');
  const called = [await one.callNext(), await three.callNext()];
  await openBoard(page, PORTRAIT);
  await expect(hero(page).locator('.number')).toHaveText(called[1]!.number);
  // The calls before it, newest first: the other counter's, then the morning's earlier ones.
  await expect(page.locator('board-recent-calls td.number').first()).toHaveText(called[0]!.number);
  // The services someone waits for, as the server counts them.
  const view = await server.call('GET', `/api/v1/board${new URL(board.page, server.url).search}`);
  const busy = (view.body.waiting as { name: string; count: number }[]).filter((w) => w.count > 0);
  expect(busy.length).toBeGreaterThanOrEqual(2);
  await expect(page.locator('board-queue-waits li .name')).toHaveText(busy.map((w) => w.name));
  await expect(page.locator('board-follow-qr svg path')).toHaveCount(1);
  await expect(page.locator('board-follow-qr')).toContainText('/t/sede/rovigo');
  await expectReadableFromAfar(page);
  await page.screenshot({ path: '/tmp/shots/board-portrait.png' });
  await expectAccessible(page, 'board, portrait');
  await expectNoPersonalData(page);

  for (const [name, viewport] of [
    ['landscape', LANDSCAPE],
    ['1366x768', { width: 1366, height: 768 }],
  ] as const) {
    await page.setViewportSize(viewport);
    await expectReadableFromAfar(page);
    await page.screenshot({ path: `/tmp/shots/board-${name}.png` });
  }
  await expectAccessible(page, 'board, 1366×768');
  await one.finish(called[0]!.id);
  await three.finish(called[1]!.id);
});

test('without speech on the server the call is shown and chimed, with no error on screen', async ({
  page,
}) => {
  const unavailable = (route: Route) =>
    route.fulfill({
      status: 503,
      contentType: 'application/json',
      body: JSON.stringify({ error: { code: 'speech_unavailable', message: 'calls cannot be spoken' } }),
    });
  await page.route('**/api/v1/board/calls/*/speech?*', unavailable);
  await openBoard(page, LANDSCAPE);
  const desk = await CounterDesk.open(server, 'sportello-3');
  const refused = page.waitForResponse((r) => r.url().includes('/speech?') && r.status() === 503);
  const unspoken = await desk.callNext();
  await expect(hero(page).locator('.number')).toHaveText(unspoken.number);
  await refused;
  await expect
    .poll(async () => (await audioHeard(page)).played.filter((p) => p.kind === 'tone').length)
    .toBe(4);
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(page.locator('board-app')).not.toContainText(/errore|non disponibile/i);
  await desk.finish(unspoken.id);

  // Speech back: the next call is spoken, and it is the only clip played (none for the call before).
  await page.unroute('**/api/v1/board/calls/*/speech?*', unavailable);
  const spoken = await desk.callNext();
  const { clips, tones } = await played(page, 1);
  expect(clips).toHaveLength(1);
  expectSpoken(clips[0], spoken.id, 'it');
  await expectChime(page, tones, 0, clips[0]!.at);
  await desk.finish(spoken.id);
});

test('where the browser blocks sound, the board asks for a touch and speaks from then on', async ({
  playwright,
}) => {
  const browser = await playwright.chromium.launch(launch);
  try {
    const page = await browser.newPage({ viewport: LANDSCAPE, timezoneId: 'Europe/Rome' });
    await installAudioProbe(page);
    await page.clock.setFixedTime(new Date(NOW));
    await page.goto(server.url + board.page);
    const hint = page.getByText("Tocca lo schermo per attivare l'audio");
    await expect(hint).toBeVisible();
    await page.screenshot({ path: '/tmp/shots/board-audio-blocked.png' });

    const desk = await CounterDesk.open(server, 'sportello-3');
    await issueTicket(server, { service: 'pensione-informazioni' });
    const silent = await desk.callNext();
    await expect(hero(page).locator('.number')).toHaveText(silent.number);
    await desk.finish(silent.id);

    await page.mouse.click(200, 200);
    await expect(hint).toBeHidden();
    await issueTicket(server, { service: 'pensione-informazioni' });
    const spoken = await desk.callNext();
    const { clips } = await played(page, 1);
    // Only the call after the touch was announced: the one before is not kept to be played late.
    expect(clips).toHaveLength(1);
    expectSpoken(clips[0], spoken.id, 'it');
    await desk.finish(spoken.id);
  } finally {
    await browser.close();
  }
});

test('the server stopped: the board says it is offline, then comes back by itself after the restart', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await openBoard(page, LANDSCAPE);
  const port = Number(new URL(server.url).port);
  await server.stop();
  const offline = page.getByText(OFFLINE);
  await expect(offline).toBeVisible({ timeout: SILENCE_MS + 5_000 });
  // The old screen stays only dimmed under the notice, out of reach of screen readers.
  await expect(page.locator('board-app main.board.dimmed')).toHaveAttribute('aria-hidden', 'true');
  await page.screenshot({ path: '/tmp/shots/board-offline.png' });

  server = await startTestServer(NOW, { dataDir: server.dataDir, port });
  await expect(offline).toBeHidden({ timeout: 30_000 });
  await expect(page.locator('board-app main.board')).not.toHaveClass(/dimmed/);
  const ticket = await issueTicket(server, { service: 'pensione-informazioni' });
  const desk = await CounterDesk.open(server, 'sportello-3');
  expect((await desk.callNext()).id).toBe(ticket.id);
  await expect(hero(page).locator('.number')).toHaveText(ticket.number);
  await desk.finish(ticket.id);
});

test('a network drop: a stream that goes silent is taken as offline, and the board reconnects', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const network = await startNetworkCut(server.url);
  try {
    await page.setViewportSize(LANDSCAPE);
    await page.goto(network.url + board.page);
    await expect(page.locator('board-app header h1')).toHaveText(SEDE);
    network.cut();
    const offline = page.getByText(OFFLINE);
    await expect(offline).toBeVisible({ timeout: SILENCE_MS + 10_000 });
    network.restore();
    await expect(offline).toBeHidden({ timeout: 30_000 });
  } finally {
    await network.close();
  }
});

test('a removed board says so plainly and stops', async ({ page }) => {
  await openBoard(page, LANDSCAPE);
  await removeBoard(server, board.id);
  const notice = page.locator('board-app main.notice');
  await expect(notice).toContainText('Questo tabellone non è più registrato.');
  await expect(notice).toContainText("Chiedere all'assistenza tecnica.");
  await expect(page.locator('board-app header')).toHaveCount(0);
  await page.screenshot({ path: '/tmp/shots/board-removed.png' });
  await expectAccessible(page, 'board, removed');
  // Opened again, it says the same at once.
  await page.reload();
  await expect(notice).toContainText('Questo tabellone non è più registrato.');
});

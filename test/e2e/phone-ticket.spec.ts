// The citizen's phone follows a printed ticket (issue 11, "Mobile ticket"): the kiosk prints it, the QR read
// from the printed ESC/POS bytes opens the phone page; a counter calls it and the phone says where to go,
// with vibration and a tone, again at a recall; "Vado via" gives a ticket up; an Arabic ticket's page is in
// Arabic and right to left; offline is said plainly; the sede's public queue. No personal data anywhere.
// Screenshots for people to look at: test-results/screens/phone-*.png (copied to /tmp/shots).
import { expect, test, type Browser, type Page } from '@playwright/test';
import { startKioskSystem, type KioskSystem } from './support/kiosk-system.ts';
import { audioHeard, installAudioProbe, loudestBetween } from './support/audio-probe.ts';
import { CounterDesk } from './support/office-floor.ts';
import { expectAccessible, heading, keepScreen, PORTRAIT } from './support/screens.ts';

const MONDAY_MORNING = '2026-11-30T09:00:00+01:00';
const PHONE = { width: 390, height: 844 };
const SMALL_PHONE = { width: 320, height: 640 };
const CODICE_FISCALE = 'RSSMRA80A01H501U';
const MOBILE = '3471234567';

let system: KioskSystem;

test.describe.configure({ mode: 'serial' });
test.beforeAll(async () => {
  system = await startKioskSystem({ now: MONDAY_MORNING });
});
test.afterAll(() => system.stop());

/** The link as the phone opens it: the printed URL's path on this test's server. */
const onServer = (url: string) => system.server.url + new URL(url).pathname;

/**
 * A walk-in ticket issued at the reception desk through the API (as a counter clerk: a new station token
 * would replace the kiosk agent's credential); answers its number, id and phone page.
 */
async function issueTicket(service: string, language = 'it') {
  const clerk = await system.server.login('sportello.rovigo');
  const issued = await system.server.call('POST', '/api/v1/tickets', {
    token: clerk,
    body: { sede: 'rovigo', service, language },
  });
  expect(issued.status).toBe(201);
  return {
    id: issued.body.ticket.id as string,
    number: issued.body.ticket.number as string,
    url: issued.body.followUrl as string,
  };
}

/** A phone (Italian unless said): its screen size, touch, and navigator.vibrate written down (the page's calls). */
async function openPhone(
  browser: Browser,
  viewport: { width: number; height: number },
  url: string,
  locale = 'it-IT',
) {
  const context = await browser.newContext({
    viewport,
    hasTouch: true,
    isMobile: true,
    locale,
    timezoneId: 'Europe/Rome',
  });
  const page = await context.newPage();
  await page.addInitScript(() => {
    const vibrations: unknown[] = [];
    (window as unknown as { __vibrations: unknown[] }).__vibrations = vibrations;
    Object.defineProperty(Navigator.prototype, 'vibrate', {
      configurable: true,
      value: (pattern: unknown) => {
        vibrations.push(pattern);
        return true;
      },
    });
  });
  await installAudioProbe(page);
  await page.goto(onServer(url));
  return { context, page };
}

const vibrations = (page: Page) =>
  page.evaluate(() => (window as unknown as { __vibrations: unknown[] }).__vibrations);

/** Everything the page shows or holds, its shadow roots included. */
const pageText = (page: Page) =>
  page.evaluate(() => {
    const parts: string[] = [];
    const walk = (root: Document | ShadowRoot) => {
      parts.push(root instanceof Document ? root.documentElement.outerHTML : root.innerHTML);
      for (const element of root.querySelectorAll('*')) if (element.shadowRoot) walk(element.shadowRoot);
    };
    walk(document);
    return parts.join('\n') + JSON.stringify(sessionStorage) + JSON.stringify(localStorage);
  });

async function expectNoPersonalData(page: Page) {
  const text = await pageText(page);
  for (const personal of [CODICE_FISCALE, MOBILE, '+39 347', 'Mario', 'Rossi'])
    expect(text).not.toContain(personal);
}

const shot = (page: Page, name: string) => keepScreen(page, `phone-${name}`);

const phoneMain = (page: Page) => page.locator('phone-app main');

test('a printed ticket followed on the phone: place and wait live, the call with vibration and a tone, a recall, the end', async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  // Four citizens before: the kiosk offers the "tocca a te tra poco" SMS, sent when three are ahead.
  for (let i = 0; i < 4; i++) await issueTicket('naspi-informazioni');

  await page.setViewportSize(PORTRAIT);
  await page.clock.install({ time: new Date(MONDAY_MORNING) });
  await page.goto(system.url);
  await page.getByRole('button', { name: 'Tocca per iniziare' }).first().click();
  await system.simulate('card', { action: 'insert', card: 'cns' });
  await expect(heading(page)).toHaveText('Di cosa hai bisogno?');
  await page.getByRole('button', { name: /Disoccupazione e NASpI/ }).click();
  await page.getByRole('button', { name: /NASpI e disoccupazione: informazioni/ }).click();
  await page.getByRole('button', { name: /Prendi il numero/ }).click();
  await page.getByRole('button', { name: 'No, non ho diritto alla precedenza' }).click();
  await expect(heading(page)).toHaveText('Ecco il tuo numero');
  await expect.poll(() => system.printed().at(-1)?.lines.join('\n') ?? '').toContain('N005');
  const printedUrl = system.printed().at(-1)!.qrCodes[0]!;
  expect(printedUrl).toMatch(/^http:\/\/127\.0\.0\.1:8080\/t\/rovigo\.2026-11-30\.[A-Za-z0-9_-]{22}$/);

  await page.getByRole('button', { name: 'Vuoi un SMS quando mancano 3 persone prima di te?' }).click();
  for (const digit of MOBILE) await page.getByRole('button', { name: digit, exact: true }).first().click();
  await keepScreen(page, 'phone-kiosk-notify');
  await expectAccessible(page, 'kiosk, SMS offer');
  await page.getByRole('button', { name: 'Avvisami per SMS' }).click();
  await expect(page.getByText('Ti manderemo un SMS quando sarà quasi il tuo turno.')).toBeVisible();
  await page.getByRole('button', { name: 'Ho finito' }).click();
  await system.simulate('card', { action: 'remove' });

  const phone = await openPhone(browser, PHONE, printedUrl);
  const p = phone.page;
  await expect(p.locator('phone-app .number')).toHaveText('N005');
  await expect(phoneMain(p)).toContainText('Prima di te ci sono 4 persone.');
  await expect(phoneMain(p)).toContainText('NASpI e disoccupazione: informazioni');
  await expect(p).toHaveTitle('Numero N005 - INPS');
  await p.getByRole('button', { name: 'Attiva suono e vibrazione' }).click();
  await expect(p.getByRole('button', { name: 'Suono e vibrazione attivi' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await shot(p, 'waiting-390');
  await expectAccessible(p, 'phone, waiting');
  await expectNoPersonalData(p);

  // The counter calls the four before: the place moves live; at three ahead the SMS goes.
  const desk = await CounterDesk.open(system.server, 'sportello-1');
  const first = await desk.callNext();
  await expect(phoneMain(p)).toContainText('Prima di te ci sono 3 persone.');
  const admin = await system.server.login('admin');
  const pending = await system.server.call('GET', '/api/v1/messages?status=pending', { token: admin });
  expect(pending.body.messages.filter((m: { kind: string }) => m.kind === 'ticket-almost')).toMatchObject([
    { to: '+*********567', language: 'it' },
  ]);
  await desk.finish(first.id);
  for (let i = 0; i < 3; i++) await desk.finish((await desk.callNext()).id);
  await expect(phoneMain(p)).toContainText('Il prossimo turno è il tuo.');

  const before = (await vibrations(p)).length;
  const calledAt = await p.evaluate(() => performance.now());
  const mine = await desk.callNext();
  expect(mine.number).toBe('N005');
  await expect(p.getByRole('heading', { name: 'Vai allo Sportello 1' })).toBeVisible();
  await expect(p.locator('phone-app .called')).toBeInViewport({ ratio: 1 });
  await expect.poll(async () => (await vibrations(p)).length).toBe(before + 1);
  expect((await vibrations(p)).at(-1)).toEqual([400, 150, 400, 150, 800]);
  await expect
    .poll(async () => (await audioHeard(p)).played.filter((s) => s.kind === 'tone' && s.at > calledAt).length)
    .toBe(4);
  // It reached the output, not only the page's code.
  await expect
    .poll(async () => loudestBetween((await audioHeard(p)).levels, calledAt, Number.MAX_VALUE))
    .toBeGreaterThan(0.01);
  await shot(p, 'called-390');
  await expectAccessible(p, 'phone, called');

  await desk.recall(mine.id);
  await expect(p.getByText('Ti stanno chiamando di nuovo: vai subito.')).toBeVisible();
  await expect.poll(async () => (await vibrations(p)).length).toBe(before + 2);
  await shot(p, 'recalled-390');

  await desk.finish(mine.id);
  await expect(p.getByRole('heading', { name: 'Il tuo turno è finito' })).toBeVisible();
  await shot(p, 'done-390');
  await expectNoPersonalData(p);
  await phone.context.close();
});

test('"Vado via" on a 320 px phone gives the ticket up after one confirming touch', async ({ browser }) => {
  const ticket = await issueTicket('pensione-informazioni');
  const phone = await openPhone(browser, SMALL_PHONE, ticket.url);
  const p = phone.page;
  await expect(p.locator('phone-app .number')).toHaveText(ticket.number);
  await expect(phoneMain(p)).toContainText('Il prossimo turno è il tuo.');
  // Nothing wider than the phone.
  expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  await shot(p, 'waiting-320');
  await expectAccessible(p, 'phone, 320');

  await p.getByRole('button', { name: 'Vado via' }).click();
  await expect(p.getByText('Vuoi lasciare la coda?')).toBeVisible();
  await shot(p, 'leave-confirm-320');
  await expectAccessible(p, 'phone, leave confirm');
  // Changing one's mind keeps the ticket.
  await p.getByRole('button', { name: 'No, resto in coda' }).click();
  await expect(p.getByText('Vuoi lasciare la coda?')).toBeHidden();
  await p.getByRole('button', { name: 'Vado via' }).click();
  await p.getByRole('button', { name: 'Sì, lascio la coda' }).click();
  await expect(p.getByRole('heading', { name: 'Hai lasciato la coda' })).toBeVisible();
  await shot(p, 'cancelled-320');

  const counter = await system.server.login('sportello.rovigo');
  const list = await system.server.call('GET', '/api/v1/tickets?sede=rovigo', { token: counter });
  expect(list.body.tickets.find((t: { id: string }) => t.id === ticket.id)).toMatchObject({
    status: 'cancelled',
  });
  await phone.context.close();
});

test('an Arabic ticket’s page is in Arabic, right to left, and can be switched to Italian', async ({
  browser,
}) => {
  const ticket = await issueTicket('pensione-informazioni', 'ar');
  const phone = await openPhone(browser, PHONE, ticket.url);
  const p = phone.page;
  await expect(p.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(p.locator('html')).toHaveAttribute('lang', 'ar');
  await expect(p.getByRole('heading', { name: 'رقمك' })).toBeVisible();
  await expect(p.locator('phone-app .number')).toHaveText(ticket.number);
  await expect(p.getByRole('button', { name: 'فعّل الصوت والاهتزاز' })).toBeVisible();
  await shot(p, 'arabic-390');
  await expectAccessible(p, 'phone, Arabic');

  await p.getByRole('button', { name: 'Italiano' }).click();
  await expect(p.locator('html')).toHaveAttribute('dir', 'ltr');
  await expect(p.getByRole('heading', { name: 'Il tuo numero' })).toBeVisible();
  // The choice stays on a reload, over the ticket's language.
  await p.reload();
  await expect(p.getByRole('heading', { name: 'Il tuo numero' })).toBeVisible();
  await phone.context.close();
});

test('offline, the phone says so plainly instead of a place that looks live, and comes back by itself', async ({
  browser,
}) => {
  const ticket = await issueTicket('pensione-informazioni');
  const phone = await openPhone(browser, PHONE, ticket.url);
  const p = phone.page;
  await expect(phoneMain(p)).toContainText('Prima di te');
  await phone.context.setOffline(true);
  await expect(p.getByText('Connessione persa, nuovo tentativo…')).toBeVisible();
  await expect(phoneMain(p)).not.toContainText('Prima di te');
  await expect(p.locator('phone-app .number')).toHaveText(ticket.number);
  await shot(p, 'offline-390');
  await expectAccessible(p, 'phone, offline');
  await phone.context.setOffline(false);
  await expect(p.getByText('Connessione persa, nuovo tentativo…')).toBeHidden({ timeout: 15_000 });
  await expect(phoneMain(p)).toContainText('Prima di te');
  await phone.context.close();
});

test("an unknown link says the ticket was not found, in the phone's language", async ({ browser }) => {
  const phone = await openPhone(
    browser,
    PHONE,
    'http://x/t/rovigo.2026-11-30.AAAAAAAAAAAAAAAAAAAAAA',
    'en-GB',
  );
  await expect(phone.page.getByRole('heading', { name: 'Ticket not found' })).toBeVisible();
  await expectAccessible(phone.page, 'phone, not found');
  await phone.context.close();
});

test("the sede's public queue: the last calls and the waits, no personal data", async ({ browser }) => {
  const ticket = await issueTicket('naspi-informazioni');
  const desk = await CounterDesk.open(system.server, 'sportello-1');
  expect((await desk.callNext()).id).toBe(ticket.id);
  const phone = await openPhone(browser, PHONE, 'http://x/t/sede/rovigo');
  const p = phone.page;
  await expect(p.locator('phone-app .calls li').first()).toHaveText(
    new RegExp(`${ticket.number}\\s*Sportello 1`),
  );
  await expect(p.getByRole('heading', { name: 'Coda in sede', level: 1 })).toBeVisible();
  await expect(phoneMain(p)).toContainText('INPS - Sede provinciale di Rovigo');
  await expect(phoneMain(p)).toContainText('Aperta oggi: 08:30–12:30');
  await expect(p.getByRole('heading', { name: 'Ultime chiamate' })).toBeVisible();
  await expect(phoneMain(p)).toContainText('Pensione: informazioni');
  await shot(p, 'sede-queue-390');
  await expectAccessible(p, 'sede queue');
  await expectNoPersonalData(p);
  await phone.context.close();
});

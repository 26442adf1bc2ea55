// The counter console on real Chromium against a real server: a clerk picks and opens a counter, calls the
// ticket the office's rule puts first, recalls, serves and closes it with an outcome; no-show only after the
// recalls; transfer to another service, which a colleague's counter then calls; park and back; two counters
// pressing "Chiama il prossimo" at the same instant; the keyboard alone; and a technician registering a
// display board. Screens at 1366×768, the size the counter screen must fit without scrolling.
import { expect, test, type Page } from '@playwright/test';
import { codiceFiscaleFor, startTestServer, type TestServer } from '../../server/src/testing/test-server.ts';
import {
  clerkPage,
  currentNumber,
  DESK,
  issueTicket,
  openCounter,
  signInClerk,
} from './support/counter-console.ts';
import { expectAccessible } from './support/screens.ts';

const MONDAY_MORNING = '2026-11-30T09:00:00+01:00';
const at = (time: string) => `2026-11-30T${time}:00+01:00`;
const NASPI = 'naspi-informazioni';
const CASSA = 'cassa-integrazione';
let server: TestServer;
let station: string;

test.beforeEach(async ({ page }) => {
  // The waits the queue shows are measured against the page's clock: the server's morning.
  await page.clock.setFixedTime(new Date(MONDAY_MORNING));
  server = await startTestServer(MONDAY_MORNING);
  station = await server.stationToken('rovigo-accoglienza');
});
test.afterEach(async ({ page }) => {
  // The page's live stream would reconnect while the server stops and keep its close waiting.
  await page.context().close();
  await server.stop();
});

/** A picture for people to look at: /tmp/shots/counter-<name>.png. */
const shot = (page: Page, name: string) => page.screenshot({ path: `/tmp/shots/counter-${name}.png` });

/** The page does not scroll: everything of the counter screen is on one desk screen. */
async function expectNoScrolling(page: Page) {
  const size = await page.evaluate(() => ({
    height: document.documentElement.scrollHeight,
    width: document.documentElement.scrollWidth,
  }));
  expect(size.height).toBeLessThanOrEqual(DESK.height);
  expect(size.width).toBeLessThanOrEqual(DESK.width);
}

const queueRows = (page: Page) =>
  page
    .getByRole('region', { name: /^In coda/ })
    .getByRole('row')
    .filter({ has: page.getByRole('cell') });

test('a clerk opens a counter, calls the priority ticket first, recalls, serves it and closes it with an outcome', async ({
  page,
}) => {
  await page.setViewportSize(DESK);
  await page.clock.setFixedTime(new Date(at('09:12')));
  server.setNow(at('09:00'));
  const first = await issueTicket(server, station, { service: NASPI });
  server.setNow(at('09:02'));
  const cassa = await issueTicket(server, station, { service: CASSA });
  // Arrived last, but the disability priority's head start puts it first.
  server.setNow(at('09:05'));
  const cf = codiceFiscaleFor(41);
  const priority = await issueTicket(server, station, {
    service: NASPI,
    priority: 'disability',
    codiceFiscale: cf,
  });
  // A ticket of a service Sportello 1 does not call stays out of its queue.
  await issueTicket(server, station, { service: 'pensione-informazioni' });
  // A morning's queue, longer than the screen: it scrolls in its own box, the page does not.
  server.setNow(at('09:06'));
  for (let i = 0; i < 10; i++) await issueTicket(server, station, { service: 'assegno-unico' });
  server.setNow(at('09:10'));

  await signInClerk(page, server, 'sportello.rovigo');
  const nav = page.getByRole('navigation');
  await expect(nav.getByRole('button', { name: 'Sportello', exact: true })).toBeVisible();
  await expect(nav.getByRole('button', { name: 'Coda', exact: true })).toHaveCount(0);
  await expect(page.getByText('Davide Cestari')).toBeVisible();
  await expectAccessible(page, 'counter picker');
  await shot(page, '01-picker');

  await page
    .getByRole('list', { name: 'Sportelli della sede' })
    .getByRole('button', { name: /Sportello 1/ })
    .click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sportello 1');
  await expect(page.locator('.status')).toHaveText('Chiuso');
  const callNext = page.getByRole('button', { name: /Chiama il prossimo/ });
  await expect(callNext).toBeDisabled();
  await expect(page.getByText('Lo sportello non è aperto: premi «Apri» per chiamare.')).toBeVisible();
  await page.getByRole('button', { name: 'Apri', exact: true }).click();
  await expect(page.locator('.status')).toHaveText('Aperto');
  await expect(callNext).toBeEnabled();
  await expect(callNext).toHaveAttribute('aria-keyshortcuts', 'F2');

  // The queue in the order "call next" takes it, with how long each has waited (page clock 09:12).
  await expect(queueRows(page)).toHaveCount(13);
  await expect(queueRows(page).nth(0)).toContainText(priority.number);
  await expect(queueRows(page).nth(0)).toContainText('Priorità: disabilità');
  await expect(queueRows(page).nth(0)).toContainText('7 min');
  await expect(queueRows(page).nth(1)).toContainText(first.number);
  await expect(queueRows(page).nth(1)).toContainText('12 min');
  await expect(queueRows(page).nth(2)).toContainText(cassa.number);
  await expect(queueRows(page).nth(2)).toContainText('Cassa integrazione');
  await expectAccessible(page, 'counter open');
  await expectNoScrolling(page);
  await shot(page, '02-open');

  await callNext.click();
  await expect(currentNumber(page)).toHaveText(priority.number);
  await expect(page.getByRole('status').filter({ hasText: `Chiamato ${priority.number}.` })).toBeVisible();
  await expect(page.getByText('Chiamato alle 09:10')).toBeVisible();
  // The citizen's codice fiscale reaches the clerk once called.
  await expect(page.getByRole('definition').filter({ hasText: cf })).toBeVisible();
  await expect(queueRows(page)).toHaveCount(12);
  await expect(callNext).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Fine', exact: true })).toBeDisabled();

  await page.getByRole('button', { name: 'Richiama', exact: true }).click();
  await expect(page.getByText('richiamato 1 volta')).toBeVisible();

  server.setNow(at('09:11'));
  await page.getByRole('button', { name: 'Inizia', exact: true }).click();
  await expect(page.getByText('In servizio dalle 09:11')).toBeVisible();
  await page.getByRole('radio', { name: 'Risolto', exact: true }).check();
  await expectAccessible(page, 'serving');
  await expectNoScrolling(page);
  await shot(page, '03-serving');

  server.setNow(at('09:17'));
  await page.getByRole('button', { name: 'Fine', exact: true }).click();
  await expect(page.getByText(`${priority.number} servito.`)).toBeVisible();
  await expect(currentNumber(page)).toHaveCount(0);
  await expect(page.getByText('Nessun biglietto allo sportello.')).toBeVisible();
  const today = page.getByRole('region', { name: 'Oggi a questo sportello' });
  await expect(today.getByRole('definition').nth(0)).toHaveText('1');
  await expect(today.getByRole('definition').nth(2)).toHaveText('6 min');

  const clerk = await server.login('sportello.rovigo');
  const tickets = await server.call('GET', '/api/v1/tickets?sede=rovigo', { token: clerk });
  expect(tickets.body.tickets.find((t: { id: string }) => t.id === priority.id)).toMatchObject({
    status: 'done',
    outcome: 'resolved',
    counter: 'sportello-1',
    recalls: 1,
  });

  // The choice of counter stays for the tab: a reload comes back to Sportello 1, still open.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sportello 1');
  await expect(page.locator('.status')).toHaveText('Aperto');
});

test('no-show only after the configured recalls, with the recalls still needed told', async ({ page }) => {
  await page.setViewportSize(DESK);
  const ticket = await issueTicket(server, station, { service: NASPI });
  await signInClerk(page, server, 'sportello.rovigo');
  await openCounter(page, 'Sportello 1');
  await page.getByRole('button', { name: /Chiama il prossimo/ }).click();
  await expect(currentNumber(page)).toHaveText(ticket.number);

  const noShow = page.getByRole('button', { name: 'Assente', exact: true });
  await expect(noShow).toBeDisabled();
  await expect(noShow).toHaveAccessibleDescription('«Assente» dopo i richiami previsti: ne mancano 2.');
  await page.getByRole('button', { name: 'Richiama', exact: true }).click();
  await expect(noShow).toHaveAccessibleDescription('«Assente» dopo i richiami previsti: ne manca 1.');
  await expect(noShow).toBeDisabled();
  await page.getByRole('button', { name: 'Richiama', exact: true }).click();
  await expect(page.getByText('richiamato 2 volte')).toBeVisible();
  await expect(noShow).toBeEnabled();
  await shot(page, '04-no-show-allowed');
  await noShow.click();
  await expect(page.getByText(`${ticket.number} segnato assente.`)).toBeVisible();
  await expect(currentNumber(page)).toHaveCount(0);
  const today = page.getByRole('region', { name: 'Oggi a questo sportello' });
  await expect(today.getByRole('definition').nth(1)).toHaveText('1');
  // The next move is the next call: focus is back on it.
  await expect(page.getByRole('button', { name: /Chiama il prossimo/ })).toBeFocused();
});

test('a refusal is told in plain Italian: nobody waiting, and a counter another clerk has open', async ({
  browser,
}) => {
  const first = await clerkPage(browser, server, 'sportello.rovigo');
  await openCounter(first, 'Sportello 1');
  await first.getByRole('button', { name: /Chiama il prossimo/ }).click();
  await expect(first.getByRole('alert')).toHaveText('Nessuno in attesa per i servizi di questo sportello.');

  const second = await clerkPage(browser, server, 'sportello2.rovigo');
  await expect(
    second.getByRole('list', { name: 'Sportelli della sede' }).getByRole('button', { name: /Sportello 1/ }),
  ).toContainText('lo usa sportello.rovigo');
  await second
    .getByRole('list', { name: 'Sportelli della sede' })
    .getByRole('button', { name: /Sportello 1/ })
    .click();
  await second.getByRole('button', { name: 'Apri', exact: true }).click();
  await expect(second.getByRole('alert')).toHaveText(
    'Questo sportello è già aperto da un altro collega. Scegli un altro sportello.',
  );
  await shot(second, '05-counter-taken');
  await second.context().close();
  await first.context().close();
});

test('a ticket transferred to another service shows in the queue of a counter serving it, with the note', async ({
  page,
  browser,
}) => {
  await page.setViewportSize(DESK);
  const ticket = await issueTicket(server, station, { service: CASSA });
  await signInClerk(page, server, 'sportello.rovigo');
  await openCounter(page, 'Sportello 1');
  await page.getByRole('button', { name: /Chiama il prossimo/ }).click();
  await expect(currentNumber(page)).toHaveText(ticket.number);

  await page.getByRole('button', { name: 'Trasferisci…' }).click();
  const dialog = page.getByRole('dialog', { name: `Trasferisci il biglietto ${ticket.number}` });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('Servizio').selectOption({ label: 'Pensione: informazioni' });
  // Only the counters that serve the chosen service are offered.
  await expect(dialog.getByLabel('Sportello (facoltativo)').getByRole('option')).toHaveText([
    'Qualsiasi sportello di quel servizio',
    'Sportello 3',
  ]);
  await dialog.getByLabel('Nota per il collega (facoltativa)').fill('Chiede della pensione di reversibilità');
  await expectAccessible(page, 'transfer dialog');
  await shot(page, '06-transfer');
  await dialog.getByRole('button', { name: 'Trasferisci', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(`${ticket.number} trasferito a Pensione: informazioni.`)).toBeVisible();
  await expect(currentNumber(page)).toHaveCount(0);
  await expect(queueRows(page)).toHaveCount(0);

  // The colleague at Sportello 3 (assicurato-pensionato) finds it in their queue and calls it.
  const colleague = await clerkPage(browser, server, 'sportello2.rovigo');
  await openCounter(colleague, 'Sportello 3');
  await expect(queueRows(colleague)).toHaveCount(1);
  await expect(queueRows(colleague).first()).toContainText(ticket.number);
  await expect(queueRows(colleague).first()).toContainText('trasferito');
  await queueRows(colleague)
    .first()
    .getByRole('button', { name: `Chiama questo: ${ticket.number}` })
    .click();
  await expect(currentNumber(colleague)).toHaveText(ticket.number);
  await expect(
    colleague.getByText('Trasferito da Cassa integrazione: «Chiede della pensione di reversibilità»'),
  ).toBeVisible();
  await shot(colleague, '07-transferred-called');
  await colleague.context().close();
});

test('a parked ticket waits aside, goes back to the queue in its place, and is called from there', async ({
  page,
}) => {
  await page.setViewportSize(DESK);
  server.setNow(at('09:00'));
  const parked = await issueTicket(server, station, { service: NASPI });
  server.setNow(at('09:03'));
  const later = await issueTicket(server, station, { service: NASPI });
  await signInClerk(page, server, 'sportello.rovigo');
  await openCounter(page, 'Sportello 1');
  await page.getByRole('button', { name: /Chiama il prossimo/ }).click();
  await expect(currentNumber(page)).toHaveText(parked.number);

  await page.getByRole('button', { name: 'Parcheggia', exact: true }).click();
  await expect(page.getByText(`${parked.number} parcheggiato.`)).toBeVisible();
  const parkedList = page.getByRole('region', { name: /^Parcheggiati/ });
  await expect(parkedList).toHaveAccessibleName('Parcheggiati (1)');
  await expect(parkedList.getByRole('row').filter({ hasText: parked.number })).toBeVisible();
  await expect(queueRows(page)).toHaveCount(1);
  await shot(page, '08-parked');

  // Back in the queue, ahead of the later ticket: it keeps its arrival.
  await page.getByRole('button', { name: `Richiama in coda: ${parked.number}` }).click();
  await expect(page.getByText(`${parked.number} è di nuovo in coda, al suo posto.`)).toBeVisible();
  await expect(parkedList).toHaveAccessibleName('Parcheggiati (0)');
  await expect(queueRows(page)).toHaveCount(2);
  await expect(queueRows(page).nth(0)).toContainText(parked.number);
  await expect(queueRows(page).nth(1)).toContainText(later.number);

  // Called out of order: the later one, then parked again and called straight from the parked list.
  await page.getByRole('button', { name: `Chiama questo: ${later.number}` }).click();
  await expect(currentNumber(page)).toHaveText(later.number);
  await page.getByRole('button', { name: 'Parcheggia', exact: true }).click();
  await expect(parkedList).toHaveAccessibleName('Parcheggiati (1)');
  await page.getByRole('button', { name: `Chiama: ${later.number}` }).click();
  await expect(currentNumber(page)).toHaveText(later.number);
  await expect(parkedList).toHaveAccessibleName('Parcheggiati (0)');
});

test('two counters pressing "Chiama il prossimo" at the same instant get two different tickets', async ({
  browser,
}) => {
  const one = await issueTicket(server, station, { service: NASPI });
  const two = await issueTicket(server, station, { service: NASPI });
  const first = await clerkPage(browser, server, 'sportello.rovigo');
  const second = await clerkPage(browser, server, 'sportello2.rovigo');
  await openCounter(first, 'Sportello 1');
  await openCounter(second, 'Sportello 2');
  await expect(queueRows(first)).toHaveCount(2);
  await expect(queueRows(second)).toHaveCount(2);

  await Promise.all([
    first.getByRole('button', { name: /Chiama il prossimo/ }).click(),
    second.getByRole('button', { name: /Chiama il prossimo/ }).click(),
  ]);
  await expect(currentNumber(first)).toHaveText(/\S/);
  await expect(currentNumber(second)).toHaveText(/\S/);
  const called = [await currentNumber(first).innerText(), await currentNumber(second).innerText()];
  expect(called.sort()).toEqual([one.number, two.number].sort());
  // Each screen follows the other's call live: nobody is left waiting in either queue.
  await expect(queueRows(first)).toHaveCount(0);
  await expect(queueRows(second)).toHaveCount(0);
  await shot(second, '09-two-counters');
  await first.context().close();
  await second.context().close();
});

test('the counter works with the keyboard alone: F2 calls the next, Tab reaches every action, focus shows', async ({
  page,
}) => {
  await page.setViewportSize(DESK);
  const ticket = await issueTicket(server, station, { service: NASPI });
  await signInClerk(page, server, 'sportello.rovigo');

  // The counters are reached with Tab and chosen with Enter.
  const sportello1 = page
    .getByRole('list', { name: 'Sportelli della sede' })
    .getByRole('button', { name: /Sportello 1/ });
  await tabTo(page, sportello1);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sportello 1');
  const open = page.getByRole('button', { name: 'Apri', exact: true });
  await tabTo(page, open);
  await expectFocusRing(page);
  await page.keyboard.press('Enter');
  await expect(open).toHaveAttribute('aria-pressed', 'true');

  // F2 from anywhere calls the next; focus goes to the called number.
  await page.keyboard.press('F2');
  await expect(currentNumber(page)).toHaveText(ticket.number);
  await expect(currentNumber(page)).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Richiama', exact: true })).toBeFocused();
  await expectFocusRing(page);
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Inizia', exact: true })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByText('In servizio dalle')).toBeVisible();
  await expect(currentNumber(page)).toBeFocused();
  // F2 with a ticket at the counter says why not, instead of doing nothing.
  await page.keyboard.press('F2');
  await expect(page.getByRole('alert')).toHaveText(
    'Prima chiudi, trasferisci o parcheggia il biglietto allo sportello.',
  );

  const resolved = page.getByRole('radio', { name: 'Risolto', exact: true });
  await tabTo(page, resolved);
  await page.keyboard.press('Space');
  await expect(resolved).toBeChecked();
  await tabTo(page, page.getByRole('button', { name: 'Fine', exact: true }));
  await page.keyboard.press('Enter');
  await expect(page.getByText(`${ticket.number} servito.`)).toBeVisible();
  await expect(page.getByRole('button', { name: /Chiama il prossimo/ })).toBeFocused();
  await shot(page, '10-keyboard');
});

test('the counter speaks English when asked', async ({ page }) => {
  await page.setViewportSize(DESK);
  await signInClerk(page, server, 'sportello.rovigo');
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Choose your counter');
  await page
    .getByRole('list', { name: 'Counters of the office' })
    .getByRole('button', { name: /Sportello 1/ })
    .click();
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  await expect(page.getByText('Counter open: you can call.')).toBeVisible();
  await page.getByRole('button', { name: /Call next/ }).click();
  await expect(page.getByRole('alert')).toHaveText('Nobody is waiting for the services of this counter.');
  await expect(page.getByRole('region', { name: 'Today at this counter' })).toBeVisible();
  await expectAccessible(page, 'counter in English');
});

test('a technician creates a display board, sees its address once with a QR, and deletes it', async ({
  page,
}) => {
  await page.setViewportSize(DESK);
  await page.goto(`${server.url}/console/`);
  await page.getByLabel('Nome utente').fill('tecnico');
  await page.getByLabel('Password').fill('demo-tecnico');
  await page.getByRole('button', { name: 'Accedi' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tabelloni della sede');
  await expect(page.getByRole('navigation').getByRole('button')).toHaveText([
    'Tabelloni',
    'Stazioni',
    /Avvisi/,
  ]);
  await expect(page.getByText('Nessun tabellone registrato per questa sede.')).toBeVisible();
  await page.getByLabel('Sede').selectOption({ label: 'INPS - Sede provinciale di Rovigo' });
  await page.getByLabel('Nome del nuovo tabellone').fill('Sala d’attesa piano terra');
  await page.getByRole('button', { name: 'Crea il tabellone' }).click();

  const created = page.getByRole('region', { name: 'Tabellone «Sala d’attesa piano terra» creato' });
  await expect(created).toBeVisible();
  const url = (await created.locator('.url').textContent())!.trim();
  expect(url).toMatch(/\/board\/rovigo\?key=/);
  await expect(created.getByRole('img', { name: 'Codice QR dell’indirizzo del tabellone' })).toBeVisible();
  await expect(page.getByRole('row', { name: /Sala d’attesa piano terra/ })).toContainText('tecnico');
  await expectAccessible(page, 'boards');
  await shot(page, '11-board-created');

  // The address works for the TV: its key reads the sede's board.
  const key = new URL(url).searchParams.get('key')!;
  expect((await server.call('GET', `/api/v1/board?key=${encodeURIComponent(key)}`)).status).toBe(200);

  // Shown once: gone after "done", and not in the list.
  await page.getByRole('button', { name: 'Fatto, l’ho copiato' }).click();
  await expect(created).toHaveCount(0);
  await expect(page.getByText(key)).toHaveCount(0);

  await page.getByRole('button', { name: 'Elimina: Sala d’attesa piano terra' }).click();
  await page.getByRole('button', { name: 'Elimina «Sala d’attesa piano terra»' }).click();
  await expect(page.getByRole('status')).toHaveText(
    'Tabellone «Sala d’attesa piano terra» eliminato: quel televisore non mostra più la coda.',
  );
  await expect(page.getByText('Nessun tabellone registrato per questa sede.')).toBeVisible();
  expect((await server.call('GET', `/api/v1/board?key=${encodeURIComponent(key)}`)).status).toBe(401);
});

test('an official still sees only the official’s sections, and a clerk no /ws', async ({ page }) => {
  const sockets: string[] = [];
  page.on('websocket', (ws) => sockets.push(ws.url()));
  await signInClerk(page, server, 'sportello.rovigo');
  await page.getByRole('button', { name: 'Esci' }).click();
  await page.getByLabel('Nome utente').fill('funzionario.rovigo');
  await page.getByLabel('Password').fill('demo-funzionario.rovigo');
  await page.getByRole('button', { name: 'Accedi' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Coda delle videochiamate');
  await expect(page.getByRole('navigation').getByRole('button')).toHaveText([
    'Coda',
    'Appuntamenti',
    'Richiamate',
  ]);
  await expect.poll(() => sockets.length).toBe(1);
});

/** Presses Tab until `target` has focus (at most 40 times). */
async function tabTo(page: Page, target: ReturnType<Page['locator']>) {
  for (let i = 0; i < 40; i++) {
    const focused = await target
      .evaluate((el) => {
        let active = document.activeElement;
        while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
        return active === el;
      })
      .catch(() => false);
    if (focused) return;
    await page.keyboard.press('Tab');
  }
  await expect(target).toBeFocused();
}

/** The focused element shows the console's focus ring. */
async function expectFocusRing(page: Page) {
  const outline = await page.evaluate(() => {
    let active = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    return active ? getComputedStyle(active).outlineStyle : 'none';
  });
  expect(outline).not.toBe('none');
}

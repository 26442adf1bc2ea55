// The admin's console on real Chromium against a real server: a leaver disabled while their console is open
// (it drops to the sign-in screen saying so, and signing in is refused); a new account whose owner chooses
// their password at the first sign-in; the audit log filtered and exported; a dead SMS sent again from the SMS
// screen through a test gateway. Keyboard-reachable, axe clean, at 1366×768.
import { cp, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { defaultConfigDir } from '../../server/src/config/load-config.ts';
import { FakeSmsGateway } from '../../server/src/testing/fake-sms-gateway.ts';
import { citizen, startTestServer, type TestServer } from '../../server/src/testing/test-server.ts';
import { DESK } from './support/counter-console.ts';
import { expectAccessible } from './support/screens.ts';

const MONDAY_MORNING = '2026-11-30T09:00:00+01:00';
let server: TestServer;

/** A picture for people to look at: /tmp/shots/admin-<name>.png. */
const shot = (page: Page, name: string) => page.screenshot({ path: `/tmp/shots/admin-${name}.png` });

async function signIn(browser: Browser, username: string, password = `demo-${username}`): Promise<Page> {
  const page = await (await browser.newContext({ viewport: DESK })).newPage();
  // The browser's day is the server's: the audit log opens on "today".
  await page.clock.setFixedTime(new Date(MONDAY_MORNING));
  await page.goto(`${server.url}/console/`);
  await page.getByLabel('Nome utente').fill(username);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Accedi' }).click();
  return page;
}

const nav = (page: Page, name: string) =>
  page.getByRole('navigation').getByRole('button', { name, exact: true }).click();

test.describe('accounts and the audit log', () => {
  test.beforeEach(async () => {
    server = await startTestServer(MONDAY_MORNING);
  });
  test.afterEach(async () => {
    await server.stop();
  });

  test('the admin disables an official whose console is open: it drops to sign-in saying so, and signing in is refused', async ({
    browser,
  }) => {
    const official = await signIn(browser, 'funzionario.rovigo');
    await expect(official.getByRole('heading', { level: 1 })).toHaveText('Coda delle videochiamate');

    const admin = await signIn(browser, 'admin');
    await nav(admin, 'Account');
    await expect(admin.getByRole('heading', { level: 1 })).toHaveText('Account del personale');
    // The list narrows to what is searched.
    await admin.getByLabel('Cerca un account').fill('bianchi funz');
    await expect(admin.getByRole('row')).toHaveCount(2);
    await admin.getByLabel('Cerca un account').fill('');
    const row = admin.getByRole('row').filter({ hasText: 'funzionario.rovigo' });
    await expect(row).toContainText('Laura Bianchi');
    await expect(row).toContainText('Funzionario');
    await expectAccessible(admin, 'accounts');
    await shot(admin, '01-accounts');
    // An admin cannot disable themselves: the button is off.
    await expect(
      admin
        .getByRole('row')
        .filter({ hasText: 'Amministratore di sistema' })
        .getByRole('button', { name: /Disattiva/ }),
    ).toBeDisabled();

    // From the keyboard: Tab to the row's «Disattiva», Enter, then confirm.
    await row.getByRole('button', { name: 'Disattiva funzionario.rovigo' }).focus();
    await admin.keyboard.press('Enter');
    await expect(row).toContainText('Disattivare «funzionario.rovigo»? La sua sessione si chiude subito.');
    await shot(admin, '02-confirm-disable');
    await row.getByRole('button', { name: 'Sì, disattiva' }).click();
    await expect(admin.getByRole('status').first()).toHaveText(
      'Account «funzionario.rovigo» disattivato: la sua sessione aperta è stata chiusa subito.',
    );
    await expect(row).toContainText('Disattivato dal lunedì 30 novembre');

    // The official's console, untouched, is at the sign-in screen saying why.
    await expect(official.getByRole('heading', { level: 1 })).toHaveText('Console del personale');
    await expect(official.getByRole('alert')).toHaveText(
      'Il tuo account è stato disattivato da un amministratore: la sessione è chiusa. Se pensi che sia un errore, rivolgiti all’amministratore.',
    );
    await expectAccessible(official, 'disabled official at sign-in');
    await shot(official, '03-official-dropped');
    await official.getByLabel('Nome utente').fill('funzionario.rovigo');
    await official.getByLabel('Password', { exact: true }).fill('demo-funzionario.rovigo');
    await official.getByRole('button', { name: 'Accedi' }).click();
    await expect(official.getByRole('alert')).toHaveText(
      'Questo account è disattivato: non puoi accedere. Se pensi che sia un errore, rivolgiti all’amministratore.',
    );
    await expect(official.getByRole('heading', { level: 1 })).toHaveText('Console del personale');
  });

  test('a new account gets a password shown once; its owner chooses their own at the first sign-in; the audit log shows it all and exports it', async ({
    browser,
  }) => {
    const admin = await signIn(browser, 'admin');
    await nav(admin, 'Account');
    await admin.getByRole('button', { name: 'Nuovo account' }).click();
    await expect(admin.getByRole('heading', { name: 'Nuovo account', level: 2 })).toBeFocused();
    await admin.getByLabel('Nome utente').fill('sportello3.rovigo');
    await admin.getByLabel('Nome e cognome').fill('Giulia Neri');
    await admin.getByRole('checkbox', { name: 'Sportello' }).check();
    // A counter clerk works at one sede: without it the server's refusal is told in the form's words.
    await admin.getByRole('button', { name: 'Crea l’account' }).click();
    await expect(admin.getByRole('alert')).toContainText('Sede: i ruoli funzionario, sportello e direttore');
    await admin.getByLabel('Sede', { exact: true }).selectOption('rovigo');
    await expectAccessible(admin, 'new account form');
    await shot(admin, '04-new-account');
    await admin.getByRole('button', { name: 'Crea l’account' }).click();
    const handover = admin.getByRole('region', { name: 'Password iniziale di «sportello3.rovigo»' });
    await expect(handover).toBeVisible();
    const password = (await handover.locator('code').textContent())!.trim();
    expect(password).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    await expectAccessible(admin, 'password shown once');
    await shot(admin, '05-password-shown-once');

    // Giulia signs in with it and must choose her own.
    const giulia = await signIn(browser, 'sportello3.rovigo', password);
    await expect(giulia.getByRole('heading', { name: 'Scegli la tua password' })).toBeVisible();
    await expect(giulia.getByLabel('Nuova password', { exact: true })).toBeFocused();
    await expectAccessible(giulia, 'choose a password');
    await giulia.getByLabel('Nuova password', { exact: true }).fill('corta');
    await giulia.getByLabel('Ripeti la nuova password').fill('corta');
    await giulia.getByRole('button', { name: 'Salva ed entra' }).click();
    await expect(giulia.getByRole('alert')).toHaveText('La nuova password deve avere almeno 12 caratteri.');
    await giulia.getByLabel('Nuova password', { exact: true }).fill('il mio sportello a Rovigo');
    await giulia.getByLabel('Ripeti la nuova password').fill('il mio sportello a Rovigo');
    await shot(giulia, '06-choose-password');
    await giulia.getByRole('button', { name: 'Salva ed entra' }).click();
    await expect(giulia.getByRole('navigation').getByRole('button')).toHaveText([
      'Sportello',
      'Prenotazioni',
    ]);
    await expect(giulia.getByText('Giulia Neri')).toBeVisible();

    // The audit log: both events today, filtered by action, exported as CSV.
    await nav(admin, 'Registro accessi');
    await expect(admin.getByRole('heading', { level: 1 })).toHaveText('Registro accessi');
    await expect(admin.getByText('Eventi 1–2 di 2')).toBeVisible();
    await expect(admin.getByRole('row').filter({ hasText: 'Account creato' })).toContainText(
      'sportello3.rovigo',
    );
    await expect(admin.getByRole('row').filter({ hasText: 'Password cambiata dalla persona' })).toContainText(
      'sportello3.rovigo',
    );
    await expectAccessible(admin, 'audit log');
    await shot(admin, '07-audit');
    await admin.getByLabel('Azione').selectOption({ label: 'Account creato' });
    await admin.getByRole('button', { name: 'Cerca' }).click();
    await expect(admin.getByText('Eventi 1–1 di 1')).toBeVisible();
    // Who received one booking's (or account's) data: by its code.
    await admin.getByLabel('Azione').selectOption({ label: 'Tutte' });
    await admin.getByLabel('Soggetto (codice o account)').fill('sportello3.rovigo');
    await admin.getByLabel('Soggetto (codice o account)').press('Enter');
    await expect(admin.getByText('Eventi 1–2 di 2')).toBeVisible();
    await admin.getByLabel('Azione').selectOption({ label: 'Account creato' });
    await admin.getByRole('button', { name: 'Cerca' }).click();
    await expect(admin.getByText('Eventi 1–1 di 1')).toBeVisible();
    const download = admin.waitForEvent('download');
    await admin.getByRole('link', { name: 'Scarica in CSV' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('registro-accessi-2026-11-30.csv');
    const csv = await (await file.createReadStream()).toArray();
    expect(Buffer.concat(csv).toString('utf8')).toContain('admin,staff.account.created,sportello3.rovigo');
    // A span of more than a month is told before asking.
    await admin.getByLabel('Dal giorno').fill('2026-10-01');
    await admin.getByRole('button', { name: 'Cerca' }).click();
    await expect(admin.getByRole('alert')).toHaveText('Al massimo 31 giorni alla volta: restringi le date.');
  });
});

test.describe('SMS dead letters', () => {
  let gateway: FakeSmsGateway;
  test.beforeEach(async () => {
    gateway = await FakeSmsGateway.start();
    const dir = await mkdtemp(path.join(tmpdir(), 'sportello-admin-config-'));
    await cp(defaultConfigDir(), dir, { recursive: true });
    await writeFile(
      path.join(dir, 'notifications.json'),
      JSON.stringify({
        provider: 'http',
        senderName: 'INPS',
        retry: { maxAttempts: 3, firstDelaySeconds: 60, maxDelaySeconds: 600 },
        worker: { pollMilliseconds: 50, batchSize: 10, leaseSeconds: 10 },
        gateway: {
          url: `${gateway.url}/sms`,
          bodyTemplate: { recipient: ['{{to}}'], message: '{{text}}' },
          timeoutMilliseconds: 1000,
          success: { jsonPath: 'result', equals: 'OK' },
          messageIdPath: 'order_id',
        },
      }),
    );
    server = await startTestServer(MONDAY_MORNING, { configDir: dir, jobs: true });
  });
  test.afterEach(async () => {
    await server.stop();
    await gateway.close();
  });

  test('a dead SMS is sent again from the SMS screen and goes out', async ({ browser }) => {
    // The gateway refuses the confirmation for good (HTTP 400): a dead letter at once.
    let refuse = true;
    gateway.respond = (request) =>
      refuse ? { status: 400 } : { body: { result: 'OK', order_id: `gw-${request.key}` } };
    const station = await server.stationToken('adria-municipio');
    const booked = await server.call('POST', '/api/v1/bookings', {
      token: station,
      body: {
        sede: 'rovigo',
        service: 'naspi-consulenza',
        mode: 'inPerson',
        start: '2026-12-02T09:30:00+01:00',
        citizen: citizen(3),
        authMethod: 'typed',
        privacyNoticeVersion: '2026-01',
      },
    });
    expect(booked.status, JSON.stringify(booked.body)).toBe(201);
    const code: string = booked.body.booking.code;
    await expect.poll(() => gateway.requests.length).toBe(1);

    const admin = await signIn(browser, 'admin');
    await nav(admin, 'SMS');
    await expect(admin.getByRole('heading', { level: 1 })).toHaveText('SMS in uscita');
    const row = admin.getByRole('row').filter({ hasText: code });
    await expect(row).toContainText('SMS di conferma');
    await expect(row).toContainText('+*********567');
    await expect(row).toContainText('gateway answered HTTP 400');
    await expectAccessible(admin, 'sms dead letters');
    await shot(admin, '08-sms-dead');

    refuse = false;
    await row.getByRole('button', { name: `Riprova ${code}` }).click();
    await expect(admin.getByRole('status').first()).toHaveText(
      `SMS della prenotazione ${code} rimesso in coda: parte tra pochi secondi.`,
    );
    await expect.poll(() => gateway.accepted().length).toBe(1);
    expect(gateway.accepted()[0]!.json.recipient).toEqual(['+393471234567']);
    await expect(admin.getByText('Nessun SMS non consegnato.')).toBeVisible();
    await shot(admin, '09-sms-retried');
    const admin2 = await server.login('admin');
    const sent = await server.call('GET', '/api/v1/messages?status=sent', { token: admin2 });
    expect(sent.body.messages).toContainEqual(expect.objectContaining({ bookingCode: code, attempts: 1 }));
  });
});

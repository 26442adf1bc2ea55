// A citizen books an appointment at the kiosk as they would: identified by the codice fiscale typed on the
// keypad, by the Tessera Sanitaria's barcode or by the CIE and its PIN; a second-level service, a free time,
// a phone number typed, the privacy notice read and accepted; the booking code on screen and on paper.
import { expect, test, type Page } from '@playwright/test';
import { privacyNotice } from '@sportello/protocol';
import { citizen, codiceFiscaleFor } from '../../server/src/testing/test-server.ts';
import { bookAppointment } from './support/booking-flow.ts';
import { button, tapKeys } from './support/citizen.ts';
import { startKioskSystem, type KioskSystem } from './support/kiosk-system.ts';
import { heading, LANDSCAPE, PORTRAIT, screenSeries } from './support/screens.ts';

const MONDAY_MORNING = '2026-11-30T09:00:00+01:00';
let system: KioskSystem;

test.beforeAll(async () => {
  system = await startKioskSystem({ now: MONDAY_MORNING });
});
test.afterAll(() => system.stop());

/** The receipt the simulated printer printed last, as text, and its QR codes. */
function lastReceipt() {
  const document = system.printed().at(-1);
  return { text: document?.lines.join('\n') ?? '', qrCodes: document?.qrCodes ?? [] };
}

async function storedBooking(code: string, codiceFiscale: string) {
  const found = await system.server.call('POST', '/api/v1/bookings/lookup', {
    body: { code, codiceFiscale },
  });
  expect(found.status).toBe(200);
  return found.body.booking;
}

test('codice fiscale tapped on the keypad, appointment in person, receipt printed — in English (portrait)', async ({
  page,
}) => {
  const codiceFiscale = codiceFiscaleFor(201);
  const shot = screenSeries(page, 'booking-en', 'portrait');
  await page.setViewportSize(PORTRAIT);
  await page.clock.install({ time: new Date(MONDAY_MORNING) });
  await page.goto(system.url);
  await page.getByRole('button', { name: 'English', exact: true }).click();
  await expect(heading(page)).toHaveText('Welcome to INPS');
  await shot('welcome');
  await page.getByRole('button', { name: 'Touch to start' }).first().click();

  await expect(heading(page)).toHaveText('How would you like to identify yourself?');
  await shot('identify');
  await button(page, 'Type your tax code').click();
  await expect(page.locator('kiosk-keypad')).toBeVisible();
  await tapKeys(page, codiceFiscale.slice(0, 10));
  await expect(page.locator('#code-status')).toHaveText('You have typed 10 of 16 characters.');
  await shot('identify-keypad');
  // A wrong last letter is caught live, the Continue button stays off until it is right.
  await tapKeys(page, codiceFiscale.slice(10, 15) + (codiceFiscale.endsWith('A') ? 'B' : 'A'));
  await expect(page.locator('#code')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('button', { name: 'Continue', exact: true })).toBeDisabled();
  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  await tapKeys(page, codiceFiscale.slice(15));
  await expect(page.locator('#code')).toHaveValue(codiceFiscale);
  await expect(page.locator('#code')).toHaveAttribute('aria-invalid', 'false');
  await page.getByRole('button', { name: 'Continue', exact: true }).click();

  const code = await bookAppointment(page, {
    language: 'en',
    topic: 'Unemployment and NASpI',
    service: 'Unemployment benefit: help with your claim',
    channel: 'Appuntamento in sede',
    names: ['MARIA', 'BIANCHI'],
    phone: '3289876543',
    shot,
  });

  await expect.poll(() => lastReceipt().text).toContain(`${code.slice(0, 4)} ${code.slice(4)}`);
  const receipt = lastReceipt();
  expect(receipt.text).toContain('Booking confirmed');
  expect(receipt.text).toContain('Unemployment benefit: help with your claim');
  // The QR a scanner at the reception reads for check-in (its scheme comes out lower-cased; both are read).
  expect(receipt.qrCodes).toEqual([expect.stringMatching(new RegExp(`^SPORTELLO:${code}$`, 'i'))]);
  expect(receipt.text).not.toContain(codiceFiscale);

  const booking = await storedBooking(code, codiceFiscale);
  expect(booking).toMatchObject({
    mode: 'inPerson',
    service: 'naspi-consulenza',
    authMethod: 'typed',
    citizen: { firstName: 'MARIA', lastName: 'BIANCHI', phone: '+393289876543', language: 'en' },
  });

  await page.getByRole('button', { name: 'I am done' }).click();
  await expect(heading(page)).toHaveText('Thank you, see you soon!');
  await shot('end');
  await page.getByRole('button', { name: 'I am done' }).click();
  await expect(heading(page)).toHaveText('Benvenuto allo sportello INPS');
});

test('Tessera Sanitaria barcode scanned, appointment in person, receipt printed — in Italian (landscape)', async ({
  page,
}) => {
  const shot = screenSeries(page, 'booking-it', 'landscape');
  await page.setViewportSize(LANDSCAPE);
  await page.clock.install({ time: new Date(MONDAY_MORNING) });
  await page.goto(system.url);
  await expect(heading(page)).toHaveText('Benvenuto allo sportello INPS');
  await shot('welcome');
  await page.getByRole('button', { name: 'Tocca per iniziare' }).first().click();
  await expect(heading(page)).toHaveText('Come vuoi farti riconoscere?');
  await shot('identify');

  await system.simulate('scan', { text: 'RSSMRA80A01H501U' });
  const code = await bookAppointment(page, {
    language: 'it',
    topic: 'Disoccupazione e NASpI',
    service: 'NASpI: consulenza sulla tua domanda',
    channel: 'Appuntamento in sede',
    names: ['MARIO', 'ROSSI'],
    phone: '3471234567',
    shot,
  });

  await expect.poll(() => lastReceipt().text).toContain(`${code.slice(0, 4)} ${code.slice(4)}`);
  expect(lastReceipt().text).toContain('Prenotazione confermata');
  expect(lastReceipt().qrCodes).toEqual([expect.stringMatching(new RegExp(`^SPORTELLO:${code}$`, 'i'))]);
  const booking = await storedBooking(code, 'RSSMRA80A01H501U');
  expect(booking).toMatchObject({ mode: 'inPerson', authMethod: 'ts-barcode', citizen: { language: 'it' } });
  // The CIE below is this citizen's too, and one person's appointments never overlap: free the time again.
  const body = { code, codiceFiscale: 'RSSMRA80A01H501U' };
  expect((await system.server.call('POST', `/api/v1/bookings/${code}/cancel`, { body })).status).toBe(200);

  await page.getByRole('button', { name: 'Fine', exact: true }).click();
  await expect(heading(page)).toHaveText('Grazie, a presto!');
  await shot('end');
});

test('CIE and its PIN unlock the web meeting; the 6-digit admission code is shown once (portrait)', async ({
  page,
}) => {
  const shot = screenSeries(page, 'booking-cie', 'portrait');
  await page.setViewportSize(PORTRAIT);
  await page.clock.install({ time: new Date(MONDAY_MORNING) });
  await page.goto(system.url);
  await page.getByRole('button', { name: 'Tocca per iniziare' }).first().click();
  await expect(heading(page)).toHaveText('Come vuoi farti riconoscere?');

  await system.simulate('card', { action: 'insert', card: 'cie' });
  try {
    await expect(heading(page)).toHaveText('Accedi con la carta d’identità elettronica');
    await tapKeys(page, '1234');
    await expect(page.getByText('Cifre digitate: 4')).toBeVisible();
    await shot('pin');
    await tapKeys(page, '5678');
    await page.getByRole('button', { name: 'Conferma', exact: true }).click();

    const code = await bookAppointment(page, {
      language: 'it',
      topic: 'Pensione',
      service: 'Pensione: consulenza e simulazione',
      channel: 'Appuntamento in videochiamata',
      names: ['MARIO', 'ROSSI'],
      phone: '3331122334',
      shot,
    });
    await expect(page.getByText('Codice per entrare nella videochiamata')).toBeVisible();
    const admission = (await page.locator('kiosk-confirmation-screen .code').nth(1).textContent())!.trim();
    expect(admission).toMatch(/^\d{3} \d{3}$/);

    const booking = await storedBooking(code, 'RSSMRA80A01H501U');
    expect(booking).toMatchObject({
      mode: 'webMeeting',
      service: 'pensione-consulenza',
      authMethod: 'cie-pin',
    });
    await expect.poll(() => lastReceipt().text).toContain(`${code.slice(0, 4)} ${code.slice(4)}`);
    // The admission code is for the citizen's eyes now and their SMS: never on paper left at the kiosk.
    expect(lastReceipt().text).not.toContain(admission.replace(' ', ''));
    expect(lastReceipt().text).not.toContain(admission);
  } finally {
    await system.simulate('card', { action: 'remove' });
  }
  // Taking the card out ends the session.
  await expect(heading(page)).toHaveText('Benvenuto allo sportello INPS');
});

/** From the identified citizen's services screen to the channel screen of NASpI's consultation. */
async function toNaspiChannels(page: Page) {
  await expect(heading(page)).toHaveText('Di cosa hai bisogno?');
  await button(page, 'Disoccupazione e NASpI').click();
  await button(page, 'NASpI: consulenza sulla tua domanda').click();
  await expect(heading(page)).toHaveText('Scegli come vuoi parlare con noi');
}

/** Channel chosen: the first free time, then the names a barcode does not give. */
async function toPhoneStep(page: Page, channel: string) {
  await button(page, channel).click();
  await expect(heading(page)).toHaveText('Scegli il giorno e l’ora');
  await page.locator('kiosk-slot-picker .first button').first().click();
  for (const [title, name] of [
    ['Come ti chiami? Scrivi il nome', 'ANNA'],
    ['Scrivi il cognome', 'VERDI'],
  ]) {
    await expect(heading(page)).toHaveText(title!);
    await tapKeys(page, name!);
    await page.getByRole('button', { name: 'Avanti', exact: true }).click();
  }
}

async function start(page: Page) {
  await page.setViewportSize(PORTRAIT);
  await page.clock.install({ time: new Date(MONDAY_MORNING) });
  await page.goto(system.url);
  await page.getByRole('button', { name: 'Tocca per iniziare' }).first().click();
  await expect(heading(page)).toHaveText('Come vuoi farti riconoscere?');
}

test('a birth date that does not exist is caught while typing; a landline is refused where an SMS is promised, and a callback to it promises none', async ({
  page,
}) => {
  const shot = screenSeries(page, 'booking-landline', 'portrait');
  const codiceFiscale = codiceFiscaleFor(231);
  await start(page);
  await button(page, 'Scrivi il codice fiscale').click();
  // 30 February, with its right check letter: only the date is wrong.
  await tapKeys(page, 'RSSMRA80B30H501X');
  await expect(page.locator('#code-status')).toContainText(
    'La data di nascita dentro questo codice non è possibile. Controlla i numeri.',
  );
  await expect(page.locator('#code')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('button', { name: 'Continua', exact: true })).toBeDisabled();
  await shot('impossible-date');
  await page.getByRole('button', { name: 'Indietro', exact: true }).click();
  await system.simulate('scan', { text: codiceFiscale });

  await toNaspiChannels(page);
  await toPhoneStep(page, 'Appuntamento in sede');
  await expect(heading(page)).toHaveText('Il tuo numero di cellulare');
  await tapKeys(page, '0425123456');
  const field = page.locator('kiosk-keypad-field');
  await expect(field.locator('#message')).toHaveText(
    'Serve un numero di cellulare: questo è un numero fisso e non riceve SMS.',
  );
  await expect(field.locator('#field')).toHaveAttribute('aria-invalid', 'true');
  await shot('landline-refused');
  await page.getByRole('button', { name: 'Avanti', exact: true }).click();
  await expect(heading(page)).toHaveText('Il tuo numero di cellulare');

  for (const title of ['Scrivi il cognome', 'Come ti chiami? Scrivi il nome', 'Scegli il giorno e l’ora']) {
    await page.getByRole('button', { name: 'Indietro', exact: true }).click();
    await expect(heading(page)).toHaveText(title);
  }
  await page.getByRole('button', { name: 'Indietro', exact: true }).click();
  await expect(heading(page)).toHaveText('Scegli come vuoi parlare con noi');

  await toPhoneStep(page, 'Appuntamento al telefono');
  await expect(heading(page)).toHaveText('A quale numero ti chiamiamo?');
  await tapKeys(page, '0425123456');
  await expect(field.locator('#message')).toHaveText('Numero corretto: +39 0425 123456');
  const noSms =
    'È un numero fisso: non ti arriveranno SMS. Il funzionario ti chiamerà a questo numero all’ora scelta.';
  await expect(page.getByRole('status').filter({ hasText: noSms })).toBeVisible();
  await shot('landline-callback');
  await page.getByRole('button', { name: 'Avanti', exact: true }).click();
  await expect(heading(page)).toHaveText('Leggi come usiamo i tuoi dati');
  const notice = page.getByRole('region', { name: 'Informativa sulla privacy' });
  await notice.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
  await page.getByRole('button', { name: 'Ho letto e accetto' }).click();
  await expect(heading(page)).toHaveText('Controlla e conferma');
  await expect(page.getByText(noSms)).toBeVisible();
  await shot('landline-summary');
  await page.getByRole('button', { name: 'Conferma', exact: true }).click();
  await expect(heading(page)).toHaveText('Prenotazione confermata');
  const code = (await page.locator('kiosk-confirmation-screen .code').first().textContent())!.replace(
    /\s/g,
    '',
  );

  expect(await storedBooking(code, codiceFiscale)).toMatchObject({
    mode: 'callback',
    citizen: { phone: '+390425123456' },
  });
  const admin = await system.server.login('admin');
  const pending = await system.server.call('GET', '/api/v1/messages?status=pending', { token: admin });
  expect(pending.body.messages.filter((m: { bookingCode: string }) => m.bookingCode === code)).toEqual([]);
});

test('a second appointment for the same service on the same day leads to “Ho già una prenotazione”', async ({
  page,
}) => {
  const shot = screenSeries(page, 'booking-twice', 'portrait');
  const person = { ...citizen(232), codiceFiscale: codiceFiscaleFor(232) };
  // The first appointment, booked at the counter: the last free time of the day the kiosk will offer first.
  const days = await system.server.call(
    'GET',
    '/api/v1/availability?sede=rovigo&service=naspi-consulenza&mode=inPerson&from=2026-11-30&to=2026-12-13',
  );
  const firstDay = (days.body.days as { slots: { start: string }[] }[]).find((d) => d.slots.length > 0)!;
  expect(firstDay.slots.length).toBeGreaterThan(1);
  const counter = await system.server.login('sportello.rovigo');
  const first = await system.server.call('POST', '/api/v1/bookings', {
    token: counter,
    body: {
      sede: 'rovigo',
      service: 'naspi-consulenza',
      mode: 'inPerson',
      start: firstDay.slots.at(-1)!.start,
      citizen: person,
      authMethod: 'typed',
      privacyNoticeVersion: '2026-01',
    },
  });
  expect(first.status).toBe(201);

  await start(page);
  await system.simulate('scan', { text: person.codiceFiscale });
  await toNaspiChannels(page);
  await toPhoneStep(page, 'Appuntamento in sede');
  await tapKeys(page, '3471234567');
  await page.getByRole('button', { name: 'Avanti', exact: true }).click();
  const notice = page.getByRole('region', { name: 'Informativa sulla privacy' });
  await notice.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
  await page.getByRole('button', { name: 'Ho letto e accetto' }).click();
  await page.getByRole('button', { name: 'Conferma', exact: true }).click();

  await expect(page.getByRole('alert')).toHaveText(
    'Hai già un appuntamento per questo servizio in quel giorno. Il codice è nell’SMS di conferma che hai ricevuto: tocca «Ho già una prenotazione» e scrivilo.',
  );
  await expect(page.getByRole('alert')).not.toContainText(first.body.booking.code);
  await shot('already-booked');
  await page.getByRole('button', { name: 'Ho già una prenotazione', exact: true }).click();
  await expect(page.locator('kiosk-checkin-screen')).toBeVisible();
  await shot('checkin');
});

test('a notice version this kiosk has no text for is not stood in for by another: the citizen is told and cannot accept', async ({
  page,
}) => {
  const shot = screenSeries(page, 'booking-unknown-notice', 'portrait');
  // A server newer than the station: it requires a version the kiosk's bundle predates.
  await page.route('**/api/v1/catalog', async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, json: { ...(await response.json()), privacyNoticeVersion: '2099-01' } });
  });
  await start(page);
  await system.simulate('scan', { text: codiceFiscaleFor(233) });
  await toNaspiChannels(page);
  await toPhoneStep(page, 'Appuntamento in sede');
  await tapKeys(page, '3471234567');
  await page.getByRole('button', { name: 'Avanti', exact: true }).click();

  await expect(heading(page)).toHaveText('Leggi come usiamo i tuoi dati');
  const notice = page.getByRole('region', { name: 'Informativa sulla privacy' });
  await expect(notice.getByRole('alert')).toHaveText(
    'Questa postazione non ha il testo dell’informativa sulla privacy in vigore (versione 2099-01), quindi non puoi accettarla qui. Chiedi aiuto al personale.',
  );
  for (const section of privacyNotice('2026-01')!.it.booking)
    await expect(notice).not.toContainText(section.text);
  await expect(page.getByRole('button', { name: 'Ho letto e accetto' })).toHaveCount(0);
  await shot('privacy-missing');
});

test('a number the station agent cannot check is said to be unchecked, never taken, and checked once the agent answers again', async ({
  page,
}) => {
  const shot = screenSeries(page, 'booking-phone-unchecked', 'portrait');
  await start(page);
  await system.simulate('scan', { text: codiceFiscaleFor(234) });
  await toNaspiChannels(page);
  await toPhoneStep(page, 'Appuntamento in sede');
  await expect(heading(page)).toHaveText('Il tuo numero di cellulare');
  // The agent stops answering the phone check alone: everything else on the page goes on working.
  await page.route('**/agent/phone/check', (route) => route.abort());
  await tapKeys(page, '3471234567');
  const field = page.locator('kiosk-keypad-field');
  await expect(field.locator('#message')).toHaveText(
    'Non riesco a controllare il numero: la postazione non risponde. Aspetta un momento o chiedi aiuto al personale.',
  );
  await shot('agent-silent');
  await page.getByRole('button', { name: 'Avanti', exact: true }).click();
  await expect(heading(page)).toHaveText('Il tuo numero di cellulare');

  await page.unroute('**/agent/phone/check');
  await expect(field.locator('#message')).toHaveText('Numero corretto: +39 347 123 4567');
  await expect(field.locator('#field')).toHaveAttribute('aria-invalid', 'false');
  await page.getByRole('button', { name: 'Avanti', exact: true }).click();
  await expect(heading(page)).toHaveText('Leggi come usiamo i tuoi dati');
});

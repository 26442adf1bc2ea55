// Paths that used to end in a dead end or an untrue message: each ends where the citizen expects, saying
// only what is true for this session.
import { expect, test, type Page } from '@playwright/test';
import { checkCharacter } from '@sportello/protocol';
import { button, chooseLanguage, kioskText, tapKeys } from './support/citizen.ts';
import { recordSpeech } from './support/kiosk-speech.ts';
import { startKioskSystem, type KioskSystem } from './support/kiosk-system.ts';
import { expectAccessible, heading, PORTRAIT } from './support/screens.ts';

const MONDAY_MORNING = '2026-11-30T09:00:00+01:00';
let system: KioskSystem;

test.beforeAll(async () => {
  system = await startKioskSystem({ now: MONDAY_MORNING });
});
test.afterAll(() => system.stop());

const shot = (page: Page, name: string) => page.screenshot({ path: `/tmp/shots/dead-ends-${name}.png` });

/** The welcome screen at the kiosk's portrait size, then identified with the demo CNS card. */
async function startWithCard(page: Page): Promise<void> {
  await page.setViewportSize(PORTRAIT);
  await page.clock.install({ time: new Date(MONDAY_MORNING) });
  await page.goto(system.url);
  await page.getByRole('button', { name: 'Tocca per iniziare' }).first().click();
  await expect(heading(page)).toHaveText('Come vuoi farti riconoscere?');
  await system.simulate('card', { action: 'insert', card: 'cns' });
  await expect(heading(page)).toHaveText('Di cosa hai bisogno?');
}

/** Identified by typing a codice fiscale on the keypad: no card in the reader. */
async function startTyping(page: Page, codiceFiscale: string): Promise<void> {
  await page.setViewportSize(PORTRAIT);
  await page.clock.install({ time: new Date(MONDAY_MORNING) });
  await page.goto(system.url);
  await page.getByRole('button', { name: 'Tocca per iniziare' }).first().click();
  await button(page, 'Scrivi il codice fiscale').click();
  await tapKeys(page, codiceFiscale);
  await page.getByRole('button', { name: 'Continua', exact: true }).click();
  await expect(heading(page)).toHaveText('Di cosa hai bisogno?');
}

async function takeTicketAndFinish(page: Page): Promise<void> {
  await page.getByRole('button', { name: /Prendi il numero/ }).click();
  await page.getByRole('button', { name: 'No, non ho diritto alla precedenza' }).click();
  await expect(heading(page)).toHaveText('Ecco il tuo numero');
  await page.getByRole('button', { name: 'Ho finito' }).click();
  await expect(heading(page)).toHaveText('Grazie, a presto!');
}

async function toChannels(page: Page): Promise<void> {
  await page.getByRole('button', { name: /Disoccupazione e NASpI/ }).click();
  await page.getByRole('button', { name: /NASpI e disoccupazione: informazioni/ }).click();
  await expect(heading(page)).toHaveText('Scegli come vuoi parlare con noi');
}

test('“Indietro” on the channel screen goes back to the service list the citizen chose from', async ({
  page,
}) => {
  await startWithCard(page);
  await toChannels(page);
  await page.getByRole('button', { name: 'Indietro' }).click();
  await expect(heading(page)).toHaveText('Disoccupazione e NASpI');
  await expect(page.getByRole('button', { name: /NASpI e disoccupazione: informazioni/ })).toBeVisible();
  await shot(page, '1-back-to-list');
  // From the list, the way to every topic is still there.
  await page.getByRole('button', { name: 'Tutti gli argomenti' }).click();
  await expect(heading(page)).toHaveText('Di cosa hai bisogno?');
  await system.simulate('card', { action: 'remove' });
  await expect(heading(page)).toHaveText('Benvenuto allo sportello INPS');
});

test('“Fine” in the middle of a booking asks first; with nothing to lose it ends at once', async ({
  page,
}) => {
  const lines = recordSpeech(page);
  const spoken = () => lines.map((l) => l.text);
  await startWithCard(page);
  await page.getByRole('button', { name: /Disoccupazione e NASpI/ }).click();
  await page.getByRole('button', { name: /NASpI: consulenza sulla tua domanda/ }).click();
  await page.getByRole('button', { name: /Appuntamento in sede/ }).click();
  await expect(heading(page)).toHaveText('Scegli il giorno e l’ora');
  await page.getByRole('button', { name: 'Leggi' }).click();

  const fine = page.getByRole('button', { name: 'Fine', exact: true });
  await fine.click();
  const dialog = page.getByRole('alertdialog', { name: 'Vuoi davvero finire?' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText(
    'La prenotazione non è ancora fatta: se finisci ora, non viene salvata.',
  );
  await expect.poll(spoken).toContain('Vuoi davvero finire?');
  await shot(page, '2-finish-dialog');
  await expectAccessible(page, 'finish dialog');
  // The focus starts on staying and goes round the two choices only.
  const stay = dialog.getByRole('button', { name: 'No, continua' });
  const confirm = dialog.getByRole('button', { name: 'Sì, finisci' });
  await expect(stay).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(confirm).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(stay).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(confirm).toBeFocused();
  // Large enough for a finger (at least 2 cm at the kiosk's size).
  for (const target of [stay, confirm])
    expect((await target.boundingBox())!.height).toBeGreaterThanOrEqual(72);

  await stay.click();
  await expect(dialog).toHaveCount(0);
  await expect(heading(page)).toHaveText('Scegli il giorno e l’ora');
  await expect(fine).toBeFocused();

  await fine.click();
  await confirm.click();
  await expect(heading(page)).toHaveText('Grazie, a presto!');
  // On the end screen there is nothing left to lose.
  await fine.click();
  await expect(dialog).toHaveCount(0);
  await system.simulate('card', { action: 'remove' });
  await expect(heading(page)).toHaveText('Benvenuto allo sportello INPS');

  // Choosing a service loses nothing either: "Fine" ends at once.
  await startWithCard(page);
  await fine.click();
  await expect(dialog).toHaveCount(0);
  await expect(heading(page)).toHaveText('Grazie, a presto!');
  await system.simulate('card', { action: 'remove' });
});

test('the end screen reminds only of what this session left: the card in the reader, the paper printed', async ({
  page,
}) => {
  const reminders = page.locator('kiosk-end-screen .reminders li');
  // Typed codice fiscale, ticket printed: the ticket, and no card.
  await startTyping(page, 'BNCLRA85M41H501' + checkCharacter('BNCLRA85M41H501'));
  await toChannels(page);
  const printedBefore = system.printed().length;
  await takeTicketAndFinish(page);
  expect(system.printed().length).toBe(printedBefore + 1);
  await expect(reminders).toHaveText(['Prendi il biglietto dalla stampante.']);
  await shot(page, '3-end-ticket-no-card');
  await page.getByRole('button', { name: 'Ho finito' }).click();
  await expect(heading(page)).toHaveText('Benvenuto allo sportello INPS');

  // The card in the reader and the printer out of paper: the card, and nothing about paper.
  await system.simulate('printer', { paper: 'out' });
  try {
    await startWithCard(page);
    await toChannels(page);
    await takeTicketAndFinish(page);
    await expect(reminders).toHaveText(['Prendi la tua tessera dal lettore.']);
    await expect(page.locator('kiosk-end-screen')).not.toContainText('stampante');
    await shot(page, '3-end-card-printer-out');
    await system.simulate('card', { action: 'remove' });
    await expect(heading(page)).toHaveText('Benvenuto allo sportello INPS');
  } finally {
    await system.simulate('printer', { paper: 'ok' });
  }

  // Nothing used, nothing printed: no reminder at all.
  await startTyping(page, 'BNCLRA85M41H501' + checkCharacter('BNCLRA85M41H501'));
  await page.getByRole('button', { name: 'Fine', exact: true }).click();
  await expect(heading(page)).toHaveText('Grazie, a presto!');
  await expect(reminders).toHaveCount(0);
});

test('a service that needs the card, chosen with a typed codice fiscale, says why and offers a way on', async ({
  page,
}) => {
  await startTyping(page, 'RSSMRA80A01H501U');
  const toConsulenza = async () => {
    await page.getByRole('button', { name: /Pensione: consulenza e simulazione/ }).click();
    await expect(heading(page)).toHaveText('Scegli come vuoi parlare con noi');
  };
  await page.getByRole('button', { name: /^Pensione$/ }).click();
  await toConsulenza();
  const wayOn = page.getByRole('region', { name: 'Come andare avanti' });
  await expect(wayOn).toContainText('Il codice fiscale scritto non basta.');
  await expect(wayOn).toContainText('Inserisci la carta nel lettore, poi accedi con il suo PIN.');
  await expect(wayOn).toContainText('Senza carta puoi prendere il numero per le informazioni');
  await shot(page, '4-way-on');
  await expectAccessible(page, 'channel with a way on');

  // Without a card: the information service of the same topic, where a ticket needs none.
  await wayOn.getByRole('button', { name: 'Pensione: informazioni' }).click();
  await expect(page.locator('kiosk-channel-screen .service')).toHaveText('Pensione: informazioni');
  await expect(page.getByRole('button', { name: /Prendi il numero/ })).toHaveAttribute(
    'aria-disabled',
    'false',
  );
  await expect(wayOn).toHaveCount(0);

  // With the card: put in, the PIN, and the consultation can be booked.
  await page.getByRole('button', { name: 'Indietro' }).click();
  await toConsulenza();
  await system.simulate('card', { action: 'insert', card: 'cns' });
  await expect(wayOn).toContainText('La tua carta è nel lettore: accedi con il suo PIN.');
  await page.getByRole('button', { name: 'Accedi con il PIN della carta' }).click();
  await tapKeys(page, '12345678');
  await page.getByRole('button', { name: 'Conferma', exact: true }).click();
  await expect(heading(page)).toHaveText('Scegli come vuoi parlare con noi');
  await expect(wayOn).toHaveCount(0);
  await expect(page.getByRole('button', { name: /Appuntamento in sede/ })).toHaveAttribute(
    'aria-disabled',
    'false',
  );
  await system.simulate('card', { action: 'remove' });
});

test('a card left in the reader after the session is called out, on screen and aloud, until it is taken', async ({
  page,
}) => {
  const lines = recordSpeech(page);
  const reminder = kioskText('uk', 'Hai dimenticato la tua tessera nel lettore: prendila, per favore.');
  const times = () => lines.filter((u) => u.text === reminder && u.lang === 'uk').length;

  await startWithCard(page);
  await chooseLanguage(page, 'uk');
  await page.getByRole('button', { name: kioskText('uk', 'Fine'), exact: true }).click();
  await page.getByRole('button', { name: kioskText('uk', 'Ho finito') }).click();
  await expect(heading(page)).toHaveText('Benvenuto allo sportello INPS');

  const alert = page.getByRole('alert').filter({ hasText: reminder });
  await expect(alert).toBeInViewport({ ratio: 1 });
  await expect(alert).toHaveAttribute('lang', 'uk');
  await expect.poll(times).toBe(1);
  await shot(page, '5-card-left');
  // Said again while the card stays there, with reading never turned on.
  await page.clock.runFor(10_000);
  await expect.poll(times).toBe(2);

  await system.simulate('card', { action: 'remove' });
  await expect(alert).toHaveCount(0);
  await page.clock.runFor(30_000);
  expect(await times()).toBe(2);
});

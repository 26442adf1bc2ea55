// A citizen at a sede's reception: recognised by the card, chooses a service, leaves with a printed ticket.
import { expect, test } from '@playwright/test';
import { checkCharacter } from '@sportello/protocol';
import { startKioskSystem, type KioskSystem } from './support/kiosk-system.ts';
import { expectAccessible, heading, keepScreen, LANDSCAPE, PORTRAIT } from './support/screens.ts';

const MONDAY_MORNING = '2026-11-30T09:00:00+01:00';
let system: KioskSystem;

test.beforeAll(async () => {
  system = await startKioskSystem({ now: MONDAY_MORNING });
});
test.afterAll(() => system.stop());

for (const [orientation, viewport] of [
  ['portrait', PORTRAIT],
  ['landscape', LANDSCAPE],
] as const) {
  test(`card in, service chosen, ticket printed (${orientation})`, async ({ page }) => {
    await page.setViewportSize(viewport);
    await page.clock.install({ time: new Date(MONDAY_MORNING) });
    await page.goto(system.url);
    await expect(heading(page)).toHaveText('Benvenuto allo sportello INPS');
    await keepScreen(page, `ticket-${orientation}-01-welcome`);
    await expectAccessible(page, 'welcome');

    await page.getByRole('button', { name: 'Tocca per iniziare' }).first().click();
    await expect(heading(page)).toHaveText('Come vuoi farti riconoscere?');
    await keepScreen(page, `ticket-${orientation}-02-identify`);
    await expectAccessible(page, 'identify');

    await system.simulate('card', { action: 'insert', card: 'cns' });
    await expect(heading(page)).toHaveText('Di cosa hai bisogno?');
    await expect(page.getByText('Buongiorno, Mario R.')).toBeVisible();
    await expect(page.getByText('RSSMRA80A01H501U')).toHaveCount(0);
    await keepScreen(page, `ticket-${orientation}-03-services`);
    await expectAccessible(page, 'services');

    await page.getByRole('button', { name: /Disoccupazione e NASpI/ }).click();
    await keepScreen(page, `ticket-${orientation}-04-topic`);
    await page.getByRole('button', { name: /NASpI e disoccupazione: informazioni/ }).click();
    await expect(heading(page)).toHaveText('Scegli come vuoi parlare con noi');
    await keepScreen(page, `ticket-${orientation}-05-channel`);
    await expectAccessible(page, 'channel');

    await page.getByRole('button', { name: /Prendi il numero/ }).click();
    await expect(heading(page)).toHaveText('Hai diritto alla precedenza?');
    await keepScreen(page, `ticket-${orientation}-06-priority`);
    await page.getByRole('button', { name: 'No, non ho diritto alla precedenza' }).click();
    await expect(heading(page)).toHaveText('Ecco il tuo numero');
    const number = orientation === 'portrait' ? 'N001' : 'N002';
    await expect(page.getByText(number).first()).toBeVisible();
    await keepScreen(page, `ticket-${orientation}-07-ticket`);
    await expectAccessible(page, 'ticket');
    await expect.poll(() => system.printed().at(-1)?.lines.join('\n') ?? '').toContain(number);
    // The phone page that follows it: sede, day and a random key, never the ticket's id.
    expect(system.printed().at(-1)?.qrCodes[0]).toMatch(/\/t\/rovigo\.2026-11-30\.[A-Za-z0-9_-]{22}$/);

    await page.getByRole('button', { name: 'Ho finito' }).click();
    await keepScreen(page, `ticket-${orientation}-08-end`);
    await system.simulate('card', { action: 'remove' });
    await expect(heading(page)).toHaveText('Benvenuto allo sportello INPS');
  });
}

test('“Persona anziana” is offered only to a citizen whose codice fiscale shows the age', async ({
  page,
}) => {
  const bornIn1940 = 'VRDGPP40A01H501' + checkCharacter('VRDGPP40A01H501');
  const toPriorities = async () => {
    await expect(heading(page)).toHaveText('Di cosa hai bisogno?');
    await page.getByRole('button', { name: /Disoccupazione e NASpI/ }).click();
    await page.getByRole('button', { name: /NASpI e disoccupazione: informazioni/ }).click();
    await page.getByRole('button', { name: /Prendi il numero/ }).click();
    await expect(heading(page)).toHaveText('Hai diritto alla precedenza?');
  };
  const priorities = page.getByRole('group', { name: 'Hai diritto alla precedenza?' }).getByRole('button');
  await page.setViewportSize(PORTRAIT);
  await page.clock.install({ time: new Date(MONDAY_MORNING) });
  await page.goto(system.url);
  await page.getByRole('button', { name: 'Tocca per iniziare' }).first().click();

  // The demo card's citizen was born in 1980.
  await system.simulate('card', { action: 'insert', card: 'cns' });
  await toPriorities();
  await expect(priorities).toHaveText([
    'No, non ho diritto alla precedenza',
    'Sì: persona con disabilità',
    'Sì: sono in gravidanza',
  ]);
  await keepScreen(page, 'ticket-priority-born-1980');
  await system.simulate('card', { action: 'remove' });
  await expect(heading(page)).toHaveText('Benvenuto allo sportello INPS');

  await page.getByRole('button', { name: 'Tocca per iniziare' }).first().click();
  await system.simulate('scan', { text: bornIn1940 });
  await toPriorities();
  await expect(priorities).toHaveCount(4);
  await page.getByRole('button', { name: 'Sì: persona anziana' }).click();
  await expect(heading(page)).toHaveText('Ecco il tuo numero');
  const counter = await system.server.login('sportello.rovigo');
  const list = await system.server.call('GET', '/api/v1/tickets?sede=rovigo', { token: counter });
  expect(list.body.tickets.at(-1)).toMatchObject({ priority: 'elderly', service: 'naspi-informazioni' });
});

test('the answer shows the ticket at once, waiting for its number; a failure brings the question back', async ({
  page,
}) => {
  await page.setViewportSize(PORTRAIT);
  await page.clock.install({ time: new Date(MONDAY_MORNING) });
  await page.goto(system.url);
  await page.getByRole('button', { name: 'Tocca per iniziare' }).first().click();
  await system.simulate('card', { action: 'insert', card: 'cns' });
  await page.getByRole('button', { name: /Disoccupazione e NASpI/ }).click();
  await page.getByRole('button', { name: /NASpI e disoccupazione: informazioni/ }).click();
  await page.getByRole('button', { name: /Prendi il numero/ }).click();

  // The server's answer is held back: the citizen already sees the ticket being prepared.
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let fail = true;
  await page.route('**/api/v1/tickets', async (route) => {
    await released;
    if (fail) await route.fulfill({ status: 500, json: { code: 'internal', message: 'boom' } });
    else await route.continue();
  });
  await page.getByRole('button', { name: 'No, non ho diritto alla precedenza' }).click();
  await expect(heading(page)).toHaveText('Sto preparando il tuo numero…');
  await expect(page.getByText('Il tuo numero', { exact: true })).toBeVisible();
  await expect(page.getByText('NASpI e disoccupazione: informazioni')).toBeVisible();
  await expect(page.getByRole('button', { name: 'No, non ho diritto alla precedenza' })).toHaveCount(0);
  await keepScreen(page, 'ticket-pending');
  await expectAccessible(page, 'ticket pending');

  release();
  await expect(heading(page)).toHaveText('Hai diritto alla precedenza?');
  await expect(page.getByRole('alert')).toHaveText('Non sono riuscito a darti il numero. Riprova tra poco.');

  fail = false;
  await page.getByRole('button', { name: 'Riprova' }).click();
  await expect(heading(page)).toHaveText('Ecco il tuo numero');
  await expect(page.getByText(/^N\d{3}$/).first()).toBeVisible();
  await page.getByRole('button', { name: 'Ho finito' }).click();
  await system.simulate('card', { action: 'remove' });
});

// Devices the kiosk page itself deals with: a keyboard-wedge scanner typing into the page, and the camera
// whose health the page reports to the agent for the fleet view.
import { expect, test } from '@playwright/test';
import { startKioskSystem, type KioskSystem } from './support/kiosk-system.ts';
import { heading, keepScreen, PORTRAIT } from './support/screens.ts';

const MONDAY_MORNING = '2026-11-30T09:00:00+01:00';
let system: KioskSystem;

test.beforeAll(async () => {
  system = await startKioskSystem({ now: MONDAY_MORNING });
});
test.afterAll(() => system.stop());

test('a keyboard-wedge scan of the Tessera Sanitaria identifies the citizen; a person typing does not', async ({
  page,
}) => {
  await page.setViewportSize(PORTRAIT);
  await page.goto(system.url);
  await page.getByRole('button', { name: 'Tocca per iniziare' }).first().click();
  await expect(heading(page)).toHaveText('Come vuoi farti riconoscere?');

  // A person at a keyboard: far slower than a scanner, so nothing happens.
  await page.keyboard.type('RSSMRA80A01H501U', { delay: 120 });
  await page.keyboard.press('Enter');
  await expect(heading(page)).toHaveText('Come vuoi farti riconoscere?');

  await page.keyboard.type('RSSMRA80A01H501U', { delay: 2 });
  await page.keyboard.press('Enter');
  await expect(heading(page)).toHaveText('Di cosa hai bisogno?');
  await keepScreen(page, 'wedge-portrait-services');
});

test('without paper the number stays on screen and can be sent by SMS instead', async ({ page }) => {
  await page.setViewportSize(PORTRAIT);
  await page.clock.install({ time: new Date(MONDAY_MORNING) });
  await system.simulate('printer', { paper: 'out' });
  await page.goto(system.url);
  await page.getByRole('button', { name: 'Tocca per iniziare' }).first().click();
  await system.simulate('scan', { text: 'RSSMRA80A01H501U' });
  await page.getByRole('button', { name: /Famiglia/ }).click();
  await page.getByRole('button', { name: /Maternità e paternità/ }).click();
  await page.getByRole('button', { name: /Prendi il numero/ }).click();
  await page.getByRole('button', { name: 'No, non ho diritto alla precedenza' }).click();
  await expect(heading(page)).toHaveText('Ecco il tuo numero');
  await expect(page.getByText('M001').first()).toBeVisible();
  const printedBefore = system.printed().length;

  await page.getByRole('button', { name: 'Ricevi il numero per SMS' }).click();
  for (const digit of '3471112223')
    await page.getByRole('button', { name: digit, exact: true }).first().click();
  await keepScreen(page, 'ticket-sms-portrait');
  await page.getByRole('button', { name: 'Invia l’SMS' }).click();
  await expect(page.getByText('Ti abbiamo mandato il numero per SMS.')).toBeVisible();
  expect(system.printed()).toHaveLength(printedBefore);

  const admin = await system.server.login('admin');
  const pending = await system.server.call('GET', '/api/v1/messages?status=pending', { token: admin });
  expect(pending.body.messages.filter((m: { kind: string }) => m.kind === 'ticket')).toMatchObject([
    { kind: 'ticket', to: '+*********223' },
  ]);
  await system.simulate('printer', { paper: 'ok' });
});

test('the page checks its camera and the agent reports it to the server', async ({ page }) => {
  await page.goto(system.url);
  await expect(heading(page)).toHaveText('Benvenuto allo sportello INPS');
  await expect
    .poll(async () => (await (await fetch(`${system.agent.url}/agent/status`)).json()).devices.camera.page)
    .toBe('ok');
});

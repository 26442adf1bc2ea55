// Paths that used to end in a dead end or an untrue message: each ends where the citizen expects, saying
// only what is true for this session.
import { expect, test, type Page } from '@playwright/test';
import { startKioskSystem, type KioskSystem } from './support/kiosk-system.ts';
import { heading, PORTRAIT } from './support/screens.ts';

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

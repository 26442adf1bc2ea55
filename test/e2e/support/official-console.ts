// The official's side of a video test: the real console the server serves at /console/, signed in and
// made available as an official does it, with the accessible names the console shows.
import { expect, type Browser, type Page } from '@playwright/test';
import { recordPeerConnections } from './webrtc-probe.ts';
import { LANDSCAPE } from './screens.ts';

/** Opens the console in its own browser context, signs in and sets the official available. */
export async function openOfficialConsole(
  browser: Browser,
  serverUrl: string,
  username = 'funzionario.rovigo',
): Promise<Page> {
  const page = await (await browser.newContext({ viewport: LANDSCAPE })).newPage();
  await recordPeerConnections(page);
  await page.goto(`${serverUrl}/console/`);
  await page.getByLabel('Nome utente').fill(username);
  await page.getByLabel('Password').fill(`demo-${username}`);
  await page.getByRole('button', { name: 'Accedi' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Coda delle videochiamate');
  await page.getByRole('button', { name: 'Disponibile', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Disponibile', exact: true })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  return page;
}

// The console as a Microsoft Teams tab, in Chromium, inside a stand-in of Teams on the web that answers
// teams-js as Teams does: the official is signed in by single sign-on (the token from a local Entra ID
// stand-in, checked by the server) with no password prompt, follows Teams' theme, and takes a kiosk call
// with camera and microphone through the iframe's allow attribute.
import { expect, test } from '@playwright/test';
import { startEntraStandIn, type EntraStandIn } from '../../server/src/testing/entra-stand-in.ts';
import { citizen, startTestServer, type TestServer } from '../../server/src/testing/test-server.ts';
import { kioskCitizen, peerState } from './support/console-citizen.ts';
import { openConsoleInTeams, teamsLaunchOptions } from './support/teams-host.ts';

test.use({ launchOptions: teamsLaunchOptions });

const MONDAY_MORNING = '2026-11-30T09:00:00+01:00';
let server: TestServer;
let entra: EntraStandIn;

test.beforeAll(async () => {
  entra = await startEntraStandIn();
  server = await startTestServer(MONDAY_MORNING, { configDir: await entra.configDir() });
});
test.afterAll(async () => {
  await server.stop();
  await entra.stop();
});

test('inside Teams the official signs in by SSO, follows the theme and takes a kiosk call', async ({
  browser,
}) => {
  const teams = await openConsoleInTeams(browser, server.url, entra, { theme: 'dark' });
  const kiosk = await kioskCitizen(server, browser, 'adria-municipio');
  try {
    const { tab } = teams;
    await expect(tab.getByRole('heading', { level: 1 })).toHaveText('Coda delle videochiamate');
    await expect(tab.getByText('Laura Bianchi')).toBeVisible();
    // No password was asked for: the sign-in form never showed.
    await expect(tab.getByLabel('Password')).toHaveCount(0);
    expect(await teams.calls()).toEqual(
      expect.arrayContaining(['initialize', 'getContext', 'authentication.getAuthToken']),
    );
    const app = tab.locator('console-app');
    await expect(app).toHaveAttribute('data-teams-theme', 'dark');
    await teams.host.screenshot({ path: '/tmp/shots/w2e-teams-dark.png' });
    await teams.setTheme('contrast');
    await expect(app).toHaveAttribute('data-teams-theme', 'contrast');
    await teams.host.screenshot({ path: '/tmp/shots/w2e-teams-contrast.png' });
    await teams.setTheme('default');
    await expect(app).toHaveAttribute('data-teams-theme', 'default');

    await tab.getByRole('button', { name: 'Disponibile', exact: true }).click();
    await expect(tab.getByRole('button', { name: 'Disponibile', exact: true })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    kiosk.station.send({
      type: 'queue.join',
      service: 'pensione-informazioni',
      authMethod: 'typed',
      citizen: { codiceFiscale: citizen(8).codiceFiscale, firstName: 'Anna', lastName: 'Neri' },
    });
    await kiosk.station.next('queue.joined');
    await tab.getByRole('button', { name: 'Accetta il prossimo' }).click();
    await kiosk.station.next('call.started', () => true, 5000);
    await expect(tab.getByRole('heading', { level: 1 })).toHaveText('Videochiamata');
    // Media both ways through the tab: the camera and microphone the iframe was allowed.
    await expect.poll(() => peerState(kiosk.page), { timeout: 20_000 }).toBe('connected');
    const frame = teams.host.frames().find((f) => f.url().includes('/console/'))!;
    await expect
      .poll(() =>
        frame.evaluate(() => {
          const peer = (window as unknown as { __peers?: RTCPeerConnection[] }).__peers?.at(-1);
          return peer
            ?.getSenders()
            .map((s) => s.track?.kind)
            .sort()
            .join(',');
        }),
      )
      .toBe('audio,video');
    await teams.host.screenshot({ path: '/tmp/shots/w2e-teams-call.png' });
    await tab.getByRole('button', { name: 'Termina la chiamata' }).click();
    await expect(tab.getByRole('heading', { level: 1 })).toHaveText('Chiusura della chiamata');
  } finally {
    await kiosk.close();
    await teams.close();
  }
});

test('a Microsoft user with no staff account is told so inside Teams, with no password form', async ({
  browser,
}) => {
  const teams = await openConsoleInTeams(browser, server.url, entra, { upn: 'stranger@inps.example.it' });
  try {
    await expect(teams.tab.getByRole('heading', { level: 1 })).toHaveText('Accesso con Microsoft Teams');
    await expect(teams.tab.getByRole('alert')).toContainText('non è collegato a un account della console');
    await expect(teams.tab.getByLabel('Password')).toHaveCount(0);
  } finally {
    await teams.close();
  }
});

test('outside Teams the console stays the browser console with its password form', async ({ page }) => {
  await page.goto(`${server.url}/console/`);
  await expect(page.getByLabel('Password')).toBeVisible();
  await expect(page.locator('console-app')).not.toHaveAttribute('data-teams-theme', /.*/);
});

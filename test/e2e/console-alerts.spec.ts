// Alerts on real Chromium with a real server, a real agent with simulated devices and a real SMTP server:
// the printer runs out of paper in the simulator → the technician (`tecnico`) sees the alert in "Avvisi"
// with the count beside it in the navigation, and an e-mail reaches the SMTP server with the station's
// console link; paper back → the alert is among the cleared ones and the recovery e-mail arrives. The
// station's name on screen and the e-mail's link open the station's page in the Stazioni section. In
// English too; axe clean; screenshots in /tmp/shots/alerts-*.png.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import pino from 'pino';
import { configWithAlertMail, SmtpTestServer } from '../../server/src/alerts/smtp-test-server.ts';
import { defaultConfigDir } from '../../server/src/config/load-config.ts';
import { startTestServer, type TestServer } from '../../server/src/testing/test-server.ts';
import { startAgent, type RunningAgent } from '../../station-agent/src/agent.ts';
import { AgentConfig } from '../../station-agent/src/config/agent-config.ts';
import { enrollStation } from '../../station-agent/src/server-link/enrolment.ts';
import { expectAccessible } from './support/screens.ts';

const MONDAY_MORNING = '2026-11-30T09:00:00+01:00';
const STATION = 'rovigo-accoglienza';
const STATION_NAME = 'Accoglienza - Sede di Rovigo';
const kioskDir = fileURLToPath(new URL('../../kiosk/dist/', import.meta.url));

let smtp: SmtpTestServer;
let server: TestServer;
let agent: RunningAgent;

/** A picture for people to look at: /tmp/shots/alerts-<name>.png. */
const shot = (page: Page, name: string) => page.screenshot({ path: `/tmp/shots/alerts-${name}.png` });

async function printer(paper: 'ok' | 'out') {
  const response = await fetch(`${agent.url}/simulator/printer`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ paper }),
  });
  expect(response.status).toBe(204);
}

test.beforeEach(async () => {
  smtp = await new SmtpTestServer().start();
  const configDir = await configWithAlertMail(defaultConfigDir(), smtp.url, { checkSeconds: 2 });
  // This station expects a printer only: the simulated agent has no camera, which would be an alert too.
  const stationsFile = path.join(configDir, 'stations.json');
  const stations = JSON.parse(await readFile(stationsFile, 'utf8')) as { id: string; devices?: string[] }[];
  for (const station of stations) if (station.id === STATION) station.devices = ['printer'];
  await writeFile(stationsFile, JSON.stringify(stations));
  server = await startTestServer(MONDAY_MORNING, { jobs: true, configDir });
  // The station's agent, enrolled with a one-time code as a technician would. It beats every 30 s, and at
  // once when a device changes: the alert does not wait for the next beat.
  const dir = await mkdtemp(path.join(tmpdir(), 'sportello-alerts-e2e-'));
  const config = {
    ...AgentConfig.parse({
      serverUrl: server.url,
      heartbeatSeconds: 30,
      devices: {
        reader: { kind: 'simulated' },
        printer: { kind: 'simulated' },
        scanner: { kind: 'simulated' },
        videoDir: dir,
      },
    }),
    credentialFile: path.join(dir, 'credential.json'),
    kioskDir,
    file: path.join(dir, 'agent.json'),
  };
  const technician = await server.login('tecnico');
  const code = await server.call('POST', `/api/v1/stations/${STATION}/enrolment-codes`, {
    token: technician,
  });
  await enrollStation({
    serverUrl: server.url,
    code: code.body.code,
    credentialFile: config.credentialFile,
    agentVersion: 'e2e',
  });
  agent = await startAgent(config, pino({ level: 'silent' }), { port: 0 });
});

test.afterEach(async () => {
  await agent.stop();
  await server.stop();
  await smtp.stop();
});

test('paper out at the station: the alert in the console and by e-mail; paper back: cleared, and the recovery e-mail', async ({
  page,
}) => {
  test.setTimeout(60_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(`${server.url}/console/`);
  await page.getByLabel('Nome utente').fill('tecnico');
  await page.getByLabel('Password').fill('demo-tecnico');
  await page.getByRole('button', { name: 'Accedi' }).click();
  const nav = page.getByRole('navigation');
  await nav.getByRole('button', { name: /^Avvisi/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Avvisi delle stazioni');
  await expect(page.getByText('Nessun problema aperto: tutte le stazioni funzionano.')).toBeVisible();

  await printer('out');
  const open = page.getByRole('table', { name: /Problemi aperti/ });
  const row = open.getByRole('row').filter({ hasText: STATION_NAME });
  await expect(row).toContainText('Stampante senza carta', { timeout: 15_000 });
  await expect(row).toContainText('Rovigo');
  await expect(row).toContainText('lunedì 30 novembre, 09:00');
  await expect(nav.getByRole('button', { name: 'Avvisi 1 aperti' })).toBeVisible();

  const [raised] = await smtp.waitFor(1, 15_000);
  expect(raised!.to).toEqual(['tecnici@example.it']);
  expect(raised!.subject).toBe(`[Sportello] Avviso: ${STATION_NAME} – stampante senza carta`);
  expect(raised!.text).toContain('Sede: INPS - Sede provinciale di Rovigo');
  expect(raised!.text).toContain('Comune: Rovigo');
  expect(raised!.text).toContain('Problema: la stampante è senza carta');
  const link = /Apri la stazione nella console: (\S+)/.exec(raised!.text)?.[1];
  expect(link).toBe(`http://127.0.0.1:8080/console/#stations/${STATION}`);
  await expect(row).toContainText('inviata alle 09:00');
  await expectAccessible(page, 'alerts with one open');
  await shot(page, '01-paper-out');

  await printer('ok');
  const cleared = page.getByRole('table', { name: /Risolti nelle ultime 24 ore/ });
  await expect(cleared.getByRole('row').filter({ hasText: STATION_NAME })).toContainText(
    'Stampante senza carta',
    { timeout: 15_000 },
  );
  await expect(page.getByText('Nessun problema aperto: tutte le stazioni funzionano.')).toBeVisible();
  await expect(nav.getByRole('button', { name: 'Avvisi', exact: true })).toBeVisible();
  const [, recovered] = await smtp.waitFor(2, 15_000);
  expect(recovered!.subject).toBe(`[Sportello] Ripristinato: ${STATION_NAME} – stampante senza carta`);
  await expectAccessible(page, 'alerts with one cleared');
  await shot(page, '02-cleared');

  // In English too.
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Station alerts');
  await expect(cleared).toHaveCount(0);
  await expect(page.getByRole('table', { name: /Solved in the last 24 hours/ })).toContainText(
    'Printer out of paper',
  );
  await shot(page, '03-english');
  await page.getByRole('button', { name: 'Italiano' }).click();

  // The station's name opens its page in the Stazioni section; so does the e-mail's link, on this server.
  await page.getByRole('link', { name: STATION_NAME }).click();
  await expect(nav.getByRole('button', { name: 'Stazioni' })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(STATION_NAME);
  await nav.getByRole('button', { name: 'Avvisi' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Avvisi delle stazioni');
  await page.goto(link!.replace('http://127.0.0.1:8080', server.url));
  await expect(nav.getByRole('button', { name: 'Stazioni' })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(STATION_NAME);
  await shot(page, '04-link-opens-station');
  expect(smtp.received).toHaveLength(2);
});

// The technician's fleet on real Chromium against a real server and a real station-agent process: the
// technician creates a station from the console, reads its one-time code off the screen, the agent (its own
// `station-agent enroll` and `start`, as on site) enrols with it and heartbeats, the console shows the station
// online with its devices; revoking its registration from the console makes the server refuse the agent.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import { startTestServer, type TestServer } from '../../server/src/testing/test-server.ts';
import { DESK } from './support/counter-console.ts';
import { expectAccessible } from './support/screens.ts';

const MONDAY_MORNING = '2026-11-30T09:00:00+01:00';
const root = fileURLToPath(new URL('../../', import.meta.url));
const cli = path.join(root, 'station-agent/src/cli.ts');
let server: TestServer;
const agents: ChildProcess[] = [];

/** A picture for people to look at: /tmp/shots/fleet-<name>.png. */
const shot = (page: Page, name: string, fullPage = false) =>
  page.screenshot({ path: `/tmp/shots/fleet-${name}.png`, fullPage });

test.beforeAll(async () => {
  server = await startTestServer(MONDAY_MORNING);
});
test.afterAll(async () => {
  for (const agent of agents) agent.kill('SIGTERM');
  await server.stop();
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
    probe.once('error', reject);
  });
}

/** Runs `station-agent <args>` as its own process, as a technician would on the station. */
function agentCommand(args: string[]): {
  child: ChildProcess;
  output: () => string;
  exit: Promise<number | null>;
} {
  const child = spawn(process.execPath, ['--import', 'tsx', cli, ...args], {
    cwd: root,
    env: { ...process.env, LOG_LEVEL: 'info' },
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += String(d)));
  child.stderr!.on('data', (d) => (output += String(d)));
  const exit = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { child, output: () => output, exit };
}

test('a technician enrols a new station from the console; a real agent comes online; revoking refuses it', async ({
  page,
}) => {
  test.setTimeout(60_000);
  await page.setViewportSize(DESK);
  await page.clock.setFixedTime(new Date(MONDAY_MORNING));
  await page.goto(`${server.url}/console/`);
  await page.getByLabel('Nome utente').fill('tecnico');
  await page.getByLabel('Password').fill('demo-tecnico');
  await page.getByRole('button', { name: 'Accedi' }).click();
  await page.getByRole('button', { name: 'Stazioni', exact: true }).click();

  // The fleet by sede and comune: the demo stations, none heard from yet.
  await expect(page.getByRole('heading', { level: 1, name: 'Stazioni' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'INPS - Sede provinciale di Rovigo' })).toBeVisible();
  await expect(page.getByRole('rowgroup').filter({ hasText: 'Adria' }).first()).toBeVisible();
  await expect(page.getByRole('link', { name: 'Postazione INPS al Comune di Adria' })).toBeVisible();
  await shot(page, 'list');
  await expectAccessible(page, 'fleet list');
  await page.getByRole('button', { name: /^Offline/ }).click();
  await expect(page.getByRole('button', { name: /^Offline/ })).toHaveAttribute('aria-pressed', 'true');
  await page.getByLabel('Cerca per nome, comune, ente o indirizzo').fill('ischia');
  await expect(page.getByRole('link', { name: /Comune di Adria/ })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Postazione INPS al Comune di Ischia' })).toBeVisible();
  await shot(page, 'filtered');

  // A new station: the form says what is missing in plain words, then creates it and shows its code.
  await page.getByRole('button', { name: 'Nuova stazione' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Nuova stazione' })).toBeFocused();
  await page.getByRole('button', { name: 'Crea la stazione e il codice' }).click();
  await expect(page.getByText('Scrivi il comune dove si trova la stazione.')).toBeVisible();
  await expect(page.getByLabel('Comune')).toBeFocused();
  await shot(page, 'new-missing', true);
  await page.getByLabel('Comune').fill('Porto Viro');
  await page.getByLabel('Nome della stazione').fill('Postazione INPS al Comune di Porto Viro');
  await page.getByLabel('Ente che la ospita').fill('Comune di Porto Viro');
  await page
    .getByLabel('Indirizzo e punto preciso')
    .fill('Piazza della Repubblica 23, 45014 Porto Viro (RO) - URP');
  await expectAccessible(page, 'new station form');
  await page.getByRole('button', { name: 'Crea la stazione e il codice' }).click();
  const codeHeading = page.getByRole('heading', {
    name: 'Codice di registrazione per «porto-viro-municipio»',
  });
  await expect(codeHeading).toBeFocused();
  await expect(page.getByRole('img', { name: 'Codice QR del codice di registrazione' })).toBeVisible();
  const code = (await page.locator('enrolment-code .code').textContent())!.trim();
  expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
  await shot(page, 'code');
  await expectAccessible(page, 'enrolment code');

  // On site: the agent, its own process, enrols with the code read off the screen and starts.
  const dir = await mkdtemp(path.join(tmpdir(), 'sportello-fleet-'));
  const config = path.join(dir, 'agent.json');
  const port = await freePort();
  await writeFile(
    config,
    JSON.stringify({
      serverUrl: server.url,
      port,
      credentialFile: 'credential.json',
      kioskDir: path.join(root, 'kiosk/dist'),
      heartbeatSeconds: 5,
      devices: {
        reader: { kind: 'simulated' },
        printer: { kind: 'simulated' },
        scanner: { kind: 'simulated' },
        videoDir: dir,
      },
    }),
  );
  const enrol = agentCommand(['enroll', '--config', config, '--server', server.url, '--code', code]);
  expect(await enrol.exit, enrol.output()).toBe(0);
  expect(enrol.output()).toContain('enrolled as station "porto-viro-municipio"');
  const agent = agentCommand(['start', '--config', config]);
  agents.push(agent.child);
  const agentUrl = `http://127.0.0.1:${port}`;

  // The kiosk page opens at the station (served by the agent): it tells the agent it loaded.
  await expect
    .poll(() =>
      fetch(`${agentUrl}/agent/status`).then(
        (r) => r.ok,
        () => false,
      ),
    )
    .toBe(true);
  const kiosk = await page.context().newPage();
  await kiosk.goto(`${agentUrl}/`);

  // The console shows it online once its first heartbeat is in.
  const technician = await server.login('tecnico');
  await expect
    .poll(
      async () =>
        (await server.call('GET', '/api/v1/stations/porto-viro-municipio', { token: technician })).body.health
          .online,
      { timeout: 20_000 },
    )
    .toBe(true);
  await expect
    .poll(
      async () =>
        (await server.call('GET', '/api/v1/stations/porto-viro-municipio', { token: technician })).body.health
          .page?.loaded,
      { timeout: 15_000 },
    )
    .toBe(true);
  await page.getByRole('link', { name: 'Apri la pagina della stazione' }).click();
  await expect(page.getByText('caricata, nessun errore')).toBeVisible();
  // Its work done, the kiosk page closes: the browser has only the console to draw from now on.
  await kiosk.close();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Postazione INPS al Comune di Porto Viro' }),
  ).toBeVisible();
  await expect(page.getByText('Online', { exact: true })).toBeVisible();
  const devices = page.getByRole('table', { name: 'Dispositivi' });
  await expect(devices.getByRole('row', { name: /Stampante/ })).toContainText('funziona');
  await expect(devices.getByRole('row', { name: /Lettore di codici/ })).toContainText('no');
  await shot(page, 'station-online', true);
  await expectAccessible(page, 'station page');

  // Renamed and moved to another sede from its page.
  await page.getByRole('button', { name: 'Modifica, rinomina o sposta' }).click();
  await page.getByLabel('Nome della stazione').fill('Postazione INPS di Porto Viro (URP)');
  await page
    .getByLabel('Sede che la serve')
    .selectOption({ label: 'INPS - Direzione provinciale di Napoli' });
  await shot(page, 'edit');
  await page.getByRole('button', { name: 'Salva le modifiche' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Postazione INPS di Porto Viro (URP)' }),
  ).toBeFocused();
  await expect(
    page.getByRole('definition').filter({ hasText: 'INPS - Direzione provinciale di Napoli' }),
  ).toBeVisible();

  // Revoking takes one confirming step; then the server refuses the agent's credential at once.
  const through = () => fetch(`${agentUrl}/api/v1/stations/me`).then((r) => r.status);
  expect(await through()).toBe(200);
  await page.getByRole('button', { name: 'Revoca la registrazione' }).click();
  await expect(
    page.getByText('Revocare la registrazione di «Postazione INPS di Porto Viro (URP)»?'),
  ).toBeVisible();
  await shot(page, 'revoke-confirm');
  await page.getByRole('button', { name: 'Sì, revoca' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Registrazione revocata' })).toHaveText(
    'Registrazione revocata: l’agente della stazione viene rifiutato da subito.',
  );
  await expect(page.getByText('Non registrata')).toBeVisible();
  expect(await through()).toBe(401);
  await shot(page, 'revoked');

  // Back in the list, its camera (expected, absent on this machine) is a device problem.
  await page.getByRole('link', { name: '← Tutte le stazioni' }).click();
  // The list kept its search and filter while the station's page was open.
  await expect(page.getByLabel('Cerca per nome, comune, ente o indirizzo')).toHaveValue('ischia');
  await page.getByLabel('Cerca per nome, comune, ente o indirizzo').fill('');
  await page.getByRole('button', { name: /^Problema dispositivi/ }).click();
  const row = page.getByRole('row').filter({ hasText: 'Postazione INPS di Porto Viro (URP)' });
  await expect(row).toContainText('Videocamera: non collegato');
  await expect(page.getByRole('link', { name: /Comune di Adria/ })).toHaveCount(0);
  await shot(page, 'device-problems');
});

// A web meeting held in Microsoft Teams, on real Chromium against a real server whose Teams meetings are
// made by the local Graph stand-in: the citizen admitted with the SMS code gets «Apri in Teams» (the app's
// msteams: link) and «Apri nel browser» (the join link); one Graph could not make in time says the call is
// held on this page and goes on to the camera check; the official's appointments show «Apri in Teams», and
// the meeting's identification checklist and outcome are recorded there.
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import pino from 'pino';
import { defaultConfigDir } from '../../server/src/config/load-config.ts';
import { startTestServer, type TestServer } from '../../server/src/testing/test-server.ts';
import { graphClient } from '../../server/src/video/teams/graph-client.ts';
import {
  STAND_IN_AUTHORITY_HOST,
  standInFetch,
  startGraphStandIn,
  type GraphStandIn,
} from '../../server/src/video/teams/graph-stand-in.ts';
import { TeamsWorker } from '../../server/src/video/teams/teams-worker.ts';
import { expectAccessible, keepScreen } from './support/screens.ts';
import { bookWebMeeting, type BookedMeeting } from './support/web-meeting.ts';

const MONDAY_EARLY = '2026-11-30T07:00:00+01:00';
const MONDAY = '2026-11-30';
const SERVICE = 'pensione-consulenza';
const STATION = 'adria-municipio';
const PHONE = { width: 390, height: 844 };

let standIn: GraphStandIn;
let server: TestServer;
let teams: TeamsWorker;
const booked: Record<'teams' | 'fallback', BookedMeeting> = {} as never;

test.use({ locale: 'it-IT' });

test.beforeAll(async () => {
  standIn = await startGraphStandIn();
  const dir = await mkdtemp(path.join(tmpdir(), 'sportello-teams-e2e-'));
  await cp(defaultConfigDir(), dir, { recursive: true });
  const config = JSON.parse(await readFile(path.join(dir, 'teams.json'), 'utf8'));
  config.graph = {
    tenantId: standIn.tenantId,
    clientId: standIn.clientId,
    organizers: { rovigo: 'sportello.rovigo@inps.example.it' },
    authorityHost: STAND_IN_AUTHORITY_HOST,
    graphUrl: `${standIn.url}/v1.0`,
  };
  await writeFile(path.join(dir, 'teams.json'), JSON.stringify(config));
  server = await startTestServer(MONDAY_EARLY, { configDir: dir });
  const graph = graphClient({
    settings: server.ctx.config.teams.graph!,
    clientSecret: standIn.clientSecret,
    fetch: standInFetch(standIn),
  });
  teams = new TeamsWorker({
    store: server.ctx.store,
    graph,
    clock: server.ctx.clock,
    log: pino({ level: 'silent' }),
  });
  const station = await server.stationToken(STATION);
  let index = 0;
  for (const [name, time] of [
    ['teams', '10:00'],
    ['fallback', '11:00'],
  ] as const) {
    booked[name] = await bookWebMeeting(server, {
      station: STATION,
      token: station,
      service: SERVICE,
      start: `${MONDAY}T${time}:00+01:00`,
      citizenIndex: ++index,
    });
    // The first gets its meeting; Graph is down for the second.
    if (name === 'fallback') standIn.failNext(...Array.from({ length: 5 }, () => ({ status: 503 })));
    await teams.runOnce();
  }
});
test.afterAll(async () => {
  await server?.stop();
  await standIn?.close();
});

async function admit(page: import('@playwright/test').Page, which: keyof typeof booked) {
  await page.goto(`${server.url}/meeting/${booked[which].code}`);
  await page.getByLabel('Codice di ammissione').fill(booked[which].admissionCode);
  await page.getByRole('button', { name: 'Entra', exact: true }).click();
}

test('admitted with the SMS code, the citizen opens the meeting in Teams (app or browser)', async ({
  page,
}) => {
  await page.setViewportSize(PHONE);
  server.setNow(`${MONDAY}T09:50:00+01:00`);
  await admit(page, 'teams');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    'Il videoappuntamento si svolge su Microsoft Teams',
  );
  const [meeting] = [...standIn.meetings.values()];
  expect(meeting!.externalId).toBe(booked.teams.code);
  await expect(page.getByRole('link', { name: 'Apri in Teams' })).toHaveAttribute(
    'href',
    meeting!.joinWebUrl.replace('https://teams.microsoft.com/', 'msteams:/'),
  );
  await expect(page.getByRole('link', { name: 'Apri nel browser' })).toHaveAttribute(
    'href',
    meeting!.joinWebUrl,
  );
  await expectAccessible(page, 'open in Teams');
  await keepScreen(page, 'meeting-teams-01-open-in-teams');
  await page.screenshot({ path: '/tmp/shots/w2f-meeting-teams.png' });
});

test('a meeting Teams could not make in time is held on this page, as the citizen is told', async ({
  page,
}) => {
  await page.setViewportSize(PHONE);
  server.setNow(`${MONDAY}T10:50:00+01:00`);
  await admit(page, 'fallback');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    'La videochiamata si terrà in questa pagina',
  );
  await expectAccessible(page, 'held on this page');
  await page.screenshot({ path: '/tmp/shots/w2f-meeting-fallback.png' });
  await page.getByRole('button', { name: 'Continua' }).click();
  await expect(page.getByRole('heading', { level: 1 })).not.toHaveText(
    'La videochiamata si terrà in questa pagina',
  );
  await expect(page.locator('meeting-device-check-screen')).toBeVisible();
});

test('the official’s appointments show «Apri in Teams» for the Teams meeting only', async ({ browser }) => {
  server.setNow(`${MONDAY}T09:00:00+01:00`);
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  await page.goto(`${server.url}/console/`);
  await page.getByLabel('Nome utente').fill('funzionario.rovigo');
  await page.getByLabel('Password').fill('demo-funzionario.rovigo');
  await page.getByRole('button', { name: 'Accedi' }).click();
  await page.getByRole('navigation').getByRole('button', { name: 'Appuntamenti' }).click();
  const link = page.getByRole('link', { name: /Apri in Teams il videoappuntamento/ });
  await expect(link).toHaveCount(1);
  await expect(link).toHaveAttribute('href', [...standIn.meetings.values()][0]!.joinWebUrl);
  await page.screenshot({ path: '/tmp/shots/w2f-console-appointments.png' });

  // The identification and outcome of the meeting held in Teams are recorded in the console, without media.
  await page
    .getByRole('button', { name: /Registra identificazione ed esito della riunione in Teams/ })
    .click();
  const identification = page.getByRole('form', { name: 'Identificazione' });
  const document = identification.getByRole('group', { name: 'Documento del cittadino' });
  await document.getByLabel('Tipo di documento').selectOption({ label: 'Passaporto' });
  await document.getByLabel('Ultimi 4 caratteri del numero').fill('7K3Q');
  await document.getByLabel('Scadenza controllata: il documento è valido oggi').check();
  await identification.getByLabel('Il volto in video corrisponde alla foto del documento').check();
  await identification.getByLabel('Ho controllato il codice di ammissione').check();
  await identification.getByRole('button', { name: "Registra l'identificazione" }).click();
  await expect(identification.getByRole('status')).toContainText('Identificazione registrata');
  const outcome = page.getByRole('form', { name: 'Esito e note' });
  await outcome.getByLabel('Risposta data al cittadino').check();
  await outcome.getByRole('button', { name: "Salva l'esito" }).click();
  await expect(outcome.getByRole('status')).toContainText('Esito salvato');
  await expectAccessible(page, 'Teams meeting record');
  await page.screenshot({ path: '/tmp/shots/h11-teams-record.png', fullPage: true });
  await page.getByRole('button', { name: 'Chiudi la scheda' }).click();
  await expect(page.getByText('Identificazione ed esito registrati')).toBeVisible();
  await page.screenshot({ path: '/tmp/shots/h11-teams-recorded.png' });
  const call = await server.ctx.store.read((r) => r.callRecord(`teams-${booked.teams.code}`));
  expect(call).toMatchObject({
    provider: 'teams',
    bookingCode: booked.teams.code,
    identification: { document: { type: 'passaporto', numberLast4: '7K3Q' }, faceMatches: true },
    outcome: { outcome: 'answered' },
  });
});

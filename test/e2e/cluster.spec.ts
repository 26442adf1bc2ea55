// Two server instances on one PostgreSQL behind HAProxy (issue 13, "Running several instances"), everything
// through the balancer as in `npm run start:cluster`: a ticket taken at the kiosk joins the queue both
// instances serve; PostgreSQL restarted under load (/readyz 503 while it is down, recovery without a restart,
// no acknowledged booking lost); an instance killed with `kill -9` while citizens wait: the board and the
// kiosk carry on through the survivor, the queue intact; a town hall kiosk's citizen on instance a and the
// official on b: the call connects, and a kill -9 of the official's instance during it ends it for the citizen.
import { expect, test, type Page } from '@playwright/test';
import pg from 'pg';
import { codiceFiscaleFor } from '../../server/src/testing/test-server.ts';
import { startCluster, type E2eCluster } from './support/cluster.ts';
import { button, tapKeys } from './support/citizen.ts';
import { openOfficialConsole } from './support/official-console.ts';
import { heading, PORTRAIT } from './support/screens.ts';
import { inboundBytes, peerState, recordPeerConnections } from './support/webrtc-probe.ts';

const MONDAY_MORNING = '2026-11-30T09:00:00+01:00';
const WEDNESDAY = '2026-12-02';
const NEXT_FRIDAY = '2026-12-11';
let cluster: E2eCluster;

test.describe.configure({ mode: 'serial' });
test.beforeAll(async () => {
  // Room for apt-get when HAProxy is not installed yet (a fresh machine); a start takes some 15 s.
  test.setTimeout(240_000);
  cluster = await startCluster({ now: MONDAY_MORNING });
});
test.afterAll(async () => {
  test.setTimeout(60_000);
  await cluster?.stop();
});
// eslint-disable-next-line no-empty-pattern -- Playwright needs the fixtures object first
test.afterEach(async ({}, info) => {
  if (info.status !== info.expectedStatus)
    await info.attach('cluster-logs', { body: cluster.logs(), contentType: 'text/plain' });
});

/** A walk-in ticket at the reception desk, issued through the balancer by a counter clerk. */
async function issueTicket(service = 'naspi-informazioni') {
  const clerk = await cluster.login('sportello.rovigo');
  const issued = await cluster.call('POST', '/api/v1/tickets', {
    token: clerk,
    body: { sede: 'rovigo', service, language: 'it' },
  });
  expect(issued.status).toBe(201);
  return { id: issued.body.ticket.id as string, number: issued.body.ticket.number as string };
}

/** Sportello 1's queue (it serves NASpI) as `to` (an instance) or the balancer answers it: waiting ticket ids. */
async function waitingAt(clerk: string, to?: string) {
  const view = await cluster.call('GET', '/api/v1/counters/rovigo/sportello-1', {
    token: clerk,
    ...(to ? { to } : {}),
  });
  expect(view.status).toBe(200);
  return (view.body.queue as { ticket: { id: string } }[]).map((q) => q.ticket.id);
}

/** The citizen at the kiosk: card in, NASpI information, a ticket; answers the number shown. */
async function takeTicketAtKiosk(page: Page): Promise<string> {
  await page.getByRole('button', { name: 'Tocca per iniziare' }).first().click();
  await expect(heading(page)).toHaveText('Come vuoi farti riconoscere?');
  await cluster.simulate('card', { action: 'insert', card: 'cns' });
  await expect(heading(page)).toHaveText('Di cosa hai bisogno?');
  await page.getByRole('button', { name: /Disoccupazione e NASpI/ }).click();
  await page.getByRole('button', { name: /NASpI e disoccupazione: informazioni/ }).click();
  await page.getByRole('button', { name: /Prendi il numero/ }).click();
  await page.getByRole('button', { name: 'No, non ho diritto alla precedenza' }).click();
  await expect(heading(page)).toHaveText('Ecco il tuo numero');
  const number = (await page.locator('text=/^N\\d{3}$/').first().textContent())!.trim();
  await page.getByRole('button', { name: 'Ho finito' }).click();
  await cluster.simulate('card', { action: 'remove' });
  await expect(heading(page)).toHaveText('Benvenuto allo sportello INPS');
  return number;
}

test('a ticket taken at the kiosk through the balancer is in the queue both instances serve', async ({
  page,
}) => {
  await page.setViewportSize(PORTRAIT);
  await page.clock.install({ time: new Date(MONDAY_MORNING) });
  await page.goto(cluster.kioskUrl);
  await expect(heading(page)).toHaveText('Benvenuto allo sportello INPS');
  const atKiosk = await takeTicketAtKiosk(page);
  expect(atKiosk).toBe('N001');
  const walkIns = [await issueTicket(), await issueTicket()];
  expect(walkIns.map((t) => t.number)).toEqual(['N002', 'N003']);

  // Round robin, no stickiness: successive answers come from both instances.
  const answeredBy = new Set<string | null>();
  for (let i = 0; i < 4; i++) answeredBy.add((await cluster.call('GET', '/readyz')).instance);
  expect([...answeredBy].sort()).toEqual(['a', 'b']);

  // Each instance, asked directly, has the same queue: the kiosk's citizen first.
  const clerk = await cluster.login('sportello.rovigo');
  const [onA, onB] = [
    await waitingAt(clerk, cluster.instances[0]!.url),
    await waitingAt(clerk, cluster.instances[1]!.url),
  ];
  expect(onA).toHaveLength(3);
  expect(onB).toEqual(onA);
  expect(onA.slice(1)).toEqual(walkIns.map((t) => t.id));
});

test('PostgreSQL restarted under load: /readyz 503 while it is down, recovery without a restart, no acknowledged booking lost', async () => {
  test.setTimeout(90_000);
  const operator = await cluster.login('contactcenter');
  const availability = await cluster.call(
    'GET',
    `/api/v1/availability?sede=rovigo&service=naspi-consulenza&mode=webMeeting&from=${WEDNESDAY}&to=${NEXT_FRIDAY}`,
  );
  const slots = (availability.body.days as { slots: { start: string }[] }[]).flatMap((d) =>
    d.slots.map((s) => s.start),
  );
  expect(slots.length).toBeGreaterThan(100);

  const acknowledged: string[] = [];
  const refusedWhileDown: number[] = [];
  let down = false;
  let stopLoad = false;
  let next = 100;
  // Two citizens' bookings at a time, bounded in count, until the test says stop.
  const worker = async () => {
    while (!stopLoad && next < 400) {
      const n = next++;
      const sentWhileDown = down;
      const answer = await cluster
        .call('POST', '/api/v1/bookings', {
          token: operator,
          body: {
            sede: 'rovigo',
            service: 'naspi-consulenza',
            mode: 'webMeeting',
            start: slots[n % slots.length],
            citizen: {
              codiceFiscale: codiceFiscaleFor(n),
              firstName: 'Mario',
              lastName: 'Rossi',
              phone: '+39 347 123 4567',
            },
            authMethod: 'inps-pin',
            privacyNoticeVersion: '2026-01',
          },
        })
        .catch(() => ({ status: 0, body: undefined }));
      if (answer.status === 201) acknowledged.push(answer.body.booking.code as string);
      else if (down || sentWhileDown) refusedWhileDown.push(answer.status);
      else if (answer.status !== 409)
        throw new Error(`booking ${n}: ${answer.status} ${JSON.stringify(answer.body)}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  const load = Promise.all([worker(), worker()]);
  await expect.poll(() => acknowledged.length, { timeout: 20_000 }).toBeGreaterThanOrEqual(10);

  const pids = cluster.instances.map((i) => i.process.pid);
  down = true;
  cluster.postgres.stopNow();
  const readiness = () =>
    Promise.all(
      cluster.instances.map((i) =>
        cluster.call('GET', '/readyz', { to: i.url }).then(
          (r) => r.status,
          () => 'not answering',
        ),
      ),
    );
  await expect.poll(readiness, { timeout: 15_000 }).toEqual([503, 503]);
  await expect.poll(() => refusedWhileDown.length, { timeout: 15_000 }).toBeGreaterThanOrEqual(3);
  const beforeRestart = acknowledged.length;

  cluster.postgres.start();
  await expect.poll(readiness, { timeout: 30_000 }).toEqual([200, 200]);
  // The balancer takes them back after two good health checks.
  await expect.poll(async () => (await cluster.call('GET', '/readyz')).status, { timeout: 10_000 }).toBe(200);
  down = false;
  await expect
    .poll(() => acknowledged.length, { timeout: 30_000 })
    .toBeGreaterThanOrEqual(beforeRestart + 10);
  stopLoad = true;
  await load;
  // The same processes: nobody restarted them.
  expect(cluster.instances.map((i) => i.process.pid)).toEqual(pids);
  expect(cluster.instances.map((i) => i.process.exitCode)).toEqual([null, null]);

  const db = new pg.Client({ connectionString: cluster.postgres.url });
  await db.connect();
  try {
    const found = await db.query('SELECT code FROM bookings WHERE code = ANY($1)', [acknowledged]);
    expect(found.rows.map((r) => r.code).sort()).toEqual([...acknowledged].sort());
  } finally {
    await db.end();
  }
});

test('kill -9 of an instance while citizens wait: the board and the kiosk carry on through the survivor, the queue intact', async ({
  page,
  browser,
}) => {
  test.setTimeout(90_000);
  const technician = await cluster.login('tecnico');
  const registered = await cluster.call('POST', '/api/v1/boards', {
    token: technician,
    body: { sede: 'rovigo', name: 'Sala d’attesa' },
  });
  expect(registered.status).toBe(201);
  const boardUrl = new URL(registered.body.url as string);

  // The waiting room's board, its event stream on one instance: the one to kill.
  const board = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  const streamedBy: (string | undefined)[] = [];
  board.on('response', (response) => {
    if (response.url().includes('/api/v1/board/events'))
      streamedBy.push(response.headers()['x-sportello-instance']);
  });
  await board.goto(cluster.url + boardUrl.pathname + boardUrl.search);
  await expect.poll(() => streamedBy.length).toBeGreaterThan(0);
  const victim = streamedBy[0]!;
  const survivor = cluster.instances.find((i) => i.name !== victim)!;

  const clerk = await cluster.login('sportello.rovigo');
  const before = await waitingAt(clerk);
  const waiting = [await issueTicket(), await issueTicket()];
  expect(await waitingAt(clerk)).toEqual([...before, ...waiting.map((t) => t.id)]);

  await cluster.kill9(victim);

  // Every waiting citizen is still in the queue, as the survivor and the balancer tell it.
  expect(await waitingAt(clerk, survivor.url)).toEqual([...before, ...waiting.map((t) => t.id)]);
  expect(await waitingAt(clerk)).toEqual([...before, ...waiting.map((t) => t.id)]);

  // The board's stream came back on the survivor: a call made now shows on it.
  await cluster.call('POST', '/api/v1/counters/rovigo/sportello-1/status', {
    token: clerk,
    body: { status: 'open' },
  });
  const called = await cluster.call('POST', '/api/v1/counters/rovigo/sportello-1/call-next', {
    token: clerk,
  });
  expect(called.status).toBe(200);
  expect(called.instance).toBe(survivor.name);
  const number = called.body.current.ticket.number as string;
  await expect(board.locator('board-app')).toContainText(number, { timeout: 20_000 });
  expect(streamedBy.at(-1)).toBe(survivor.name);
  await board.screenshot({ path: '/tmp/shots/w2c-cluster-board-after-kill.png' });

  // The kiosk's agent reconnects through the balancer: the next citizen still gets a number.
  await page.setViewportSize(PORTRAIT);
  await page.clock.install({ time: new Date(MONDAY_MORNING) });
  await page.goto(cluster.kioskUrl);
  const next = await takeTicketAtKiosk(page);
  const after = await waitingAt(clerk);
  expect(after).toHaveLength(before.length + waiting.length);
  expect(after.slice(0, -1)).toEqual(
    [...before, ...waiting.map((t) => t.id)].filter((id) => id !== called.body.current.ticket.id),
  );
  expect(next).toMatch(/^N\d{3}$/);
});

/** Sends new connections to `name` only, once the balancer counts it up. */
async function routeTo(name: string) {
  await cluster.route(name);
  await expect
    .poll(async () => (await cluster.call('GET', '/readyz')).instance, { timeout: 10_000 })
    .toBe(name);
}

test('a kiosk citizen on instance a, the official on b: the call connects; kill -9 of the official’s instance ends it for the citizen', async ({
  page,
  browser,
}) => {
  test.setTimeout(150_000);
  // The instance the previous test killed comes back, as a supervisor would start it again.
  for (const instance of cluster.instances)
    if (instance.process.exitCode !== null || instance.process.signalCode !== null)
      await cluster.restart(instance.name);
  const townHall = await cluster.kiosk('adria-municipio');

  // The official's console, its /ws on b.
  await routeTo('b');
  const official = await openOfficialConsole(browser, cluster.url);

  // The citizen at the town hall, the kiosk's /ws (through its agent) on a.
  await routeTo('a');
  await recordPeerConnections(page);
  await page.setViewportSize(PORTRAIT);
  await page.clock.install({ time: new Date(MONDAY_MORNING) });
  await page.goto(townHall.url);
  await page.getByRole('button', { name: 'Tocca per iniziare' }).first().click();
  await button(page, 'Scrivi il codice fiscale').click();
  await tapKeys(page, codiceFiscaleFor(701));
  await page.getByRole('button', { name: 'Continua', exact: true }).click();
  await expect(heading(page)).toHaveText('Di cosa hai bisogno?');
  await button(page, 'Pensione').click();
  await button(page, 'Pensione: informazioni').click();
  const choice = button(page, 'Parla ora in video con un funzionario');
  await expect(choice).toHaveAttribute('aria-disabled', 'false');
  await choice.click();
  await page.getByRole('button', { name: 'Ho letto e accetto' }).click();
  await expect(page.getByText('Il microfono ti sente.')).toBeVisible({ timeout: 10_000 });
  await page.getByRole('button', { name: 'Sì, avanti' }).click();
  await button(page, 'No, nessuno mi aiuta').click();
  await expect(heading(page)).toHaveText('Aspetta qui: un funzionario ti risponde in video');
  await cluster.route();

  // b matches the official's accept with the citizen held by a: the call connects, media both ways.
  await official.getByRole('button', { name: 'Accetta il prossimo' }).click();
  await expect(heading(page)).toHaveText('Stai parlando con Laura Bianchi', { timeout: 15_000 });
  await expect.poll(() => peerState(page), { timeout: 20_000 }).toBe('connected');
  await expect.poll(() => peerState(official), { timeout: 20_000 }).toBe('connected');
  for (const side of [page, official]) {
    const before = await inboundBytes(side);
    await expect
      .poll(async () => {
        const now = await inboundBytes(side);
        return now.video > before.video && now.audio > before.audio;
      })
      .toBe(true);
  }
  await page.screenshot({ path: '/tmp/shots/w2c-cluster-call.png' });

  // The official's instance dies during the call: a finds it dead and tells the citizen the call ended.
  await cluster.kill9('b');
  // The citizen is not lost: the kiosk says the call failed and offers the next callback.
  await expect(heading(page)).toHaveText('La videochiamata non è riuscita', { timeout: 30_000 });
  await expect(page.getByRole('button', { name: 'Prenota questa richiamata' })).toBeVisible();
  await page.screenshot({ path: '/tmp/shots/w2c-cluster-call-after-kill.png' });
  expect(cluster.instances.find((i) => i.name === 'a')!.process.exitCode).toBeNull();
});

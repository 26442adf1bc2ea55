// The office floor over real HTTP: counters calling tickets by the office's rule, a ticket's whole life,
// the citizen's identity only to the counter that called it (audited), the phone's view, boards and streams.
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultConfigDir } from '../config/load-config.ts';
import { citizen, startTestServer, type TestServer } from '../testing/test-server.ts';

const MONDAY_OPEN = '2026-11-30T09:00:00+01:00';
let server: TestServer;
afterEach(() => server?.stop());

async function start(configDir?: string) {
  server = await startTestServer(MONDAY_OPEN, configDir ? { configDir } : {});
  const station = await server.stationToken('rovigo-accoglienza');
  const clerk = await server.login('sportello.rovigo');
  const issue = async (body: Record<string, unknown>) => {
    const result = await server.call('POST', '/api/v1/tickets', {
      token: station,
      body: { sede: 'rovigo', service: 'naspi-informazioni', ...body },
    });
    expect(result.status, JSON.stringify(result.body)).toBe(201);
    return result.body as { ticket: { id: string; number: string }; followUrl: string; ahead: number };
  };
  const counter = (id: string, action: string, body: unknown = {}, token = clerk) =>
    server.call('POST', `/api/v1/counters/rovigo/${id}/${action}`, { token, body });
  return { station, clerk, issue, counter };
}

/** The shipped config with Rovigo given `n` counters that all serve every sector. */
async function configWithCounters(n: number): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'sportello-floor-config-'));
  await cp(defaultConfigDir(), dir, { recursive: true });
  const file = path.join(dir, 'sedi.json');
  const sedi = JSON.parse(await readFile(file, 'utf8')) as { id: string; counters: unknown[] }[];
  sedi.find((s) => s.id === 'rovigo')!.counters = Array.from({ length: n }, (_, i) => ({
    id: `sportello-${i + 1}`,
    name: `Sportello ${i + 1}`,
    sectors: ['prestazioni', 'assicurato-pensionato', 'invalidita-civile'],
  }));
  await writeFile(file, JSON.stringify(sedi));
  return dir;
}

describe('counters', () => {
  it('calls tickets by the office’s rule: priorities with a bounded head start, then arrival', async () => {
    const { issue, counter } = await start();
    const early = await issue({});
    server.setNow('2026-11-30T09:40:00+01:00');
    const late = await issue({});
    const pregnant = await issue({ priority: 'pregnancy' });
    expect((await counter('sportello-1', 'call-next')).status).toBe(409);
    expect((await counter('sportello-1', 'status', { status: 'open' })).status).toBe(200);
    const order: string[] = [];
    for (let i = 0; i < 3; i++) {
      const called = await counter('sportello-1', 'call-next');
      expect(called.status).toBe(200);
      order.push(called.body.current.ticket.id);
      await counter('sportello-1', `tickets/${called.body.current.ticket.id}/done`, { outcome: 'resolved' });
    }
    // 30 minutes of head start: ahead of the ticket of 09:40, not of the one of 09:00.
    expect(order).toEqual([early.ticket.id, pregnant.ticket.id, late.ticket.id]);
    const empty = await counter('sportello-1', 'call-next');
    expect([empty.status, empty.body.error.code]).toEqual([409, 'nobody_waiting']);
  });

  it('takes a ticket through called, recalled, no-show; serving and done; transfer; park and back', async () => {
    const { issue, counter, clerk } = await start();
    const a = await issue({});
    const b = await issue({});
    const c = await issue({});
    await counter('sportello-1', 'status', { status: 'open' });
    let view = (await counter('sportello-1', 'call-next')).body;
    expect(view.current.ticket).toMatchObject({ id: a.ticket.id, status: 'called', counter: 'sportello-1' });
    const early = await counter('sportello-1', `tickets/${a.ticket.id}/no-show`);
    expect([early.status, early.body.error.code]).toEqual([409, 'recalls_needed']);
    await counter('sportello-1', `tickets/${a.ticket.id}/recall`);
    view = (await counter('sportello-1', `tickets/${a.ticket.id}/recall`)).body;
    expect(view.current.ticket.recalls).toBe(2);
    view = (await counter('sportello-1', `tickets/${a.ticket.id}/no-show`)).body;
    expect(view.current).toBeUndefined();
    expect(view.today.noShows).toBe(1);

    view = (await counter('sportello-1', 'call-next')).body;
    expect(view.current.ticket.id).toBe(b.ticket.id);
    const closing = await counter('sportello-1', 'status', { status: 'closed' });
    expect([closing.status, closing.body.error.code]).toEqual([409, 'ticket_open']);
    await counter('sportello-1', `tickets/${b.ticket.id}/start`);
    server.setNow('2026-11-30T09:12:00+01:00');
    view = (await counter('sportello-1', `tickets/${b.ticket.id}/done`, { outcome: 'resolved' })).body;
    expect(view.today).toMatchObject({ served: 1, averageServiceMinutes: 12 });

    // Transferred to the pensions counter: it keeps its arrival and only Sportello 3 may call it.
    await counter('sportello-1', 'call-next');
    const bad = await counter('sportello-1', `tickets/${c.ticket.id}/transfer`, { service: 'nope' });
    expect([bad.status, bad.body.error.fields[0].path]).toEqual([400, 'service']);
    view = (
      await counter('sportello-1', `tickets/${c.ticket.id}/transfer`, {
        service: 'estratto-conto-informazioni',
        counter: 'sportello-3',
        note: 'Chiede del riscatto della laurea',
      })
    ).body;
    expect(view.current).toBeUndefined();
    const third = await server.call('GET', '/api/v1/counters/rovigo/sportello-3', { token: clerk });
    expect(third.body.queue.map((q: { ticket: { id: string } }) => q.ticket.id)).toEqual([c.ticket.id]);
    expect(third.body.queue[0].ticket).toMatchObject({
      service: 'estratto-conto-informazioni',
      targetCounter: 'sportello-3',
      transfers: [{ fromService: 'naspi-informazioni', toCounter: 'sportello-3' }],
    });

    const d = await issue({});
    view = (await counter('sportello-1', 'call-next')).body;
    expect(view.current.ticket.id).toBe(d.ticket.id);
    view = (await counter('sportello-1', `tickets/${d.ticket.id}/park`)).body;
    expect(view.parked.map((t: { id: string }) => t.id)).toEqual([d.ticket.id]);
    view = (await counter('sportello-1', `tickets/${d.ticket.id}/unpark`)).body;
    expect(view.queue[0].ticket).toMatchObject({ id: d.ticket.id, status: 'waiting' });
  });

  it('keeps a counter to the clerk who opened it', async () => {
    const { counter } = await start();
    const other = await server.login('tecnico');
    await counter('sportello-2', 'status', { status: 'open' });
    const refused = await server.call('POST', '/api/v1/counters/rovigo/sportello-2/call-next', {
      token: other,
    });
    expect(refused.status).toBe(403);
    const second = await counter('sportello-3', 'status', { status: 'open' });
    expect([second.status, second.body.error.code]).toEqual([409, 'already_at_counter']);
  });

  it('gives twenty counters pressing "call next" at once twenty different tickets, skipping none', async () => {
    const configDir = await configWithCounters(20);
    server = await startTestServer(MONDAY_OPEN, { configDir });
    const station = await server.stationToken('rovigo-accoglienza');
    const issued: string[] = [];
    for (let i = 0; i < 25; i++) {
      const t = await server.call('POST', '/api/v1/tickets', {
        token: station,
        body: { sede: 'rovigo', service: 'naspi-informazioni' },
      });
      issued.push(t.body.ticket.id);
    }
    // A clerk holds one counter: twenty clerks' sessions, made straight in the store.
    const tokens = await Promise.all(
      Array.from({ length: 20 }, (_, i) => server.sessionToken(`clerk-${i}`, ['counter'], 'rovigo')),
    );
    for (let i = 0; i < 20; i++) {
      await server.call('POST', `/api/v1/counters/rovigo/sportello-${i + 1}/status`, {
        token: tokens[i]!,
        body: { status: 'open' },
      });
    }
    const calls = await Promise.all(
      tokens.map((token, i) =>
        server.call('POST', `/api/v1/counters/rovigo/sportello-${i + 1}/call-next`, { token, body: {} }),
      ),
    );
    const called = calls.map((r) => r.body.current.ticket.id as string);
    expect(new Set(called).size).toBe(20);
    expect(called.sort()).toEqual(issued.slice(0, 20).sort());
  });
});

describe('the citizen at the counter', () => {
  it('names the citizen only to the counter that called them, and audits it', async () => {
    const { issue, counter, clerk } = await start();
    const who = citizen(41).codiceFiscale;
    const ticket = await issue({ codiceFiscale: who });
    await counter('sportello-1', 'status', { status: 'open' });
    const waiting = await server.call('GET', '/api/v1/counters/rovigo/sportello-1', { token: clerk });
    expect(JSON.stringify(waiting.body)).not.toContain(who);
    const called = await counter('sportello-1', 'call-next');
    expect(called.body.current.citizen.codiceFiscale).toBe(who);
    const admin = await server.login('admin');
    const audit = await server.call('GET', '/api/v1/audit?date=2026-11-30', { token: admin });
    expect(audit.body.events).toContainEqual(
      expect.objectContaining({
        actor: 'sportello.rovigo',
        action: 'floor.ticket.citizen-data',
        subject: ticket.ticket.id,
      }),
    );
  });
});

describe('the phone and the board', () => {
  it('follows a ticket by the key in its link, never by its id, and lets the citizen leave', async () => {
    const { issue, counter } = await start();
    const first = await issue({});
    const second = await issue({ language: 'ar' });
    const key = new URL(second.followUrl).pathname.split('/').at(-1)!;
    expect(second.followUrl).toMatch(/\/t\/rovigo\.2026-11-30\.[\w-]{22}$/);
    expect(key).not.toContain(second.ticket.id);
    const view = await server.call('GET', `/api/v1/follow/${key}`);
    expect(view.body).toMatchObject({
      number: second.ticket.number,
      status: 'waiting',
      ahead: 1,
      language: 'ar',
    });
    const wrong = key.slice(0, -1) + (key.endsWith('A') ? 'B' : 'A');
    expect((await server.call('GET', `/api/v1/follow/${wrong}`)).status).toBe(404);

    await counter('sportello-1', 'status', { status: 'open' });
    await counter('sportello-1', 'call-next');
    expect((await server.call('GET', `/api/v1/follow/${key}`)).body.ahead).toBe(0);
    const left = await server.call('POST', `/api/v1/follow/${key}/cancel`, { body: {} });
    expect(left.body.status).toBe('cancelled');
    const firstKey = new URL(first.followUrl).pathname.split('/').at(-1)!;
    const tooLate = await server.call('POST', `/api/v1/follow/${firstKey}/cancel`, { body: {} });
    expect([tooLate.status, tooLate.body.error.code]).toEqual([409, 'not_waiting']);
    expect((await server.call('GET', `/api/v1/follow/${firstKey}`)).body.counter).toEqual({
      id: 'sportello-1',
      name: 'Sportello 1',
    });
  });

  it('streams the board its calls and refuses a removed board at once', async () => {
    const { issue, counter } = await start();
    const technician = await server.login('tecnico');
    const created = await server.call('POST', '/api/v1/boards', {
      token: technician,
      body: { sede: 'rovigo', name: 'Sala d’attesa' },
    });
    const url = new URL(created.body.url);
    const key = url.searchParams.get('key')!;
    expect(url.pathname).toBe('/board/rovigo');
    const ticket = await issue({ language: 'uk' });

    const abort = new AbortController();
    const response = await fetch(`${server.url}/api/v1/board/events?key=${key}`, { signal: abort.signal });
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const events = readEvents(response.body!);
    expect((await events.next('board')).view.waiting).toContainEqual(
      expect.objectContaining({ service: 'naspi-informazioni', count: 1 }),
    );
    await counter('sportello-1', 'status', { status: 'open' });
    await counter('sportello-1', 'call-next');
    const call = (await events.next('call')).call;
    expect(call).toMatchObject({ number: ticket.ticket.number, counterName: 'Sportello 1', language: 'uk' });
    expect(JSON.stringify(call)).not.toMatch(/codiceFiscale/);
    let board = (await events.next('board')).view;
    while (board.calls.length === 0) board = (await events.next('board')).view;
    expect(board.calls[0]).toMatchObject({ ticketId: ticket.ticket.id, counter: 'sportello-1' });

    const list = await server.call('GET', '/api/v1/boards?sede=rovigo', { token: technician });
    expect(list.body.boards).toHaveLength(1);
    expect(JSON.stringify(list.body)).not.toContain(key);
    await server.call('DELETE', `/api/v1/boards/${created.body.board.id}`, { token: technician });
    // Its open stream ends at once; the page then finds its key refused.
    await expect(events.next('never')).rejects.toThrow('stream ended');
    abort.abort();
    const gone = await server.call('GET', `/api/v1/board?key=${key}`);
    expect([gone.status, gone.body.error.code]).toEqual([401, 'unauthenticated']);
  });
});

/** Reads server-sent events from a fetch body: `next(type)` resolves with the next event of that type. */
function readEvents(body: ReadableStream<Uint8Array>) {
  const reader = body
    .pipeThrough(new TextDecoderStream() as ReadableWritablePair<string, Uint8Array>)
    .getReader();
  let buffer = '';
  const pending: { event: string; data: unknown }[] = [];
  return {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read events freely
    async next(type: string): Promise<any> {
      for (;;) {
        const index = pending.findIndex((e) => e.event === type);
        if (index >= 0) return pending.splice(index, 1)[0]!.data;
        const { value, done } = await reader.read();
        if (done) throw new Error(`stream ended before a ${type} event`);
        buffer += value;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (event && data) pending.push({ event, data: JSON.parse(data) });
        }
      }
    },
  };
}

describe('many phones behind one address', () => {
  it('lets more phones follow their tickets than the guess limit allows failed tries', async () => {
    const { issue } = await start();
    const ticket = await issue({});
    const key = new URL(ticket.followUrl).pathname.split('/').at(-1)!;
    const streams = await Promise.all(
      Array.from({ length: 40 }, async () => {
        const abort = new AbortController();
        const response = await fetch(`${server.url}/api/v1/follow/${key}/events`, { signal: abort.signal });
        return { status: response.status, abort };
      }),
    );
    expect(streams.map((s) => s.status)).toEqual(Array(40).fill(200));
    for (const s of streams) s.abort.abort();
  });
});

describe('refusals', () => {
  it('speaks only a call of today at the board’s sede, and acts only on the ticket at the counter', async () => {
    const { issue, counter } = await start();
    const technician = await server.login('tecnico');
    const created = await server.call('POST', '/api/v1/boards', {
      token: technician,
      body: { sede: 'rovigo', name: 'Sala' },
    });
    const key = new URL(created.body.url).searchParams.get('key')!;
    const first = await issue({});
    const second = await issue({});
    const notCalled = await server.call('GET', `/api/v1/board/calls/${first.ticket.id}/speech?key=${key}`);
    expect(notCalled.status).toBe(404);
    await counter('sportello-1', 'status', { status: 'open' });
    await counter('sportello-1', 'call-next');
    const spoken = await fetch(
      `${server.url}/api/v1/board/calls/${first.ticket.id}/speech?key=${key}&language=ar`,
    );
    expect([spoken.status, spoken.headers.get('content-type')]).toEqual([200, 'audio/wav']);
    expect((await spoken.arrayBuffer()).byteLength).toBeGreaterThan(10_000);
    const elsewhere = await counter('sportello-1', `tickets/${second.ticket.id}/start`);
    expect([elsewhere.status, elsewhere.body.error.code]).toEqual([409, 'not_yours']);
    const napoli = await server.call('POST', '/api/v1/counters/napoli/sportello-1/call-next', {
      token: await server.login('sportello.rovigo'),
      body: {},
    });
    expect([napoli.status, napoli.body.error.code]).toEqual([403, 'wrong_sede']);
  });
});

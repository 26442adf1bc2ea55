import { randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { defaultConfigDir, loadConfig, type AppConfig } from '../config/load-config.ts';
import type { AppContext } from '../context.ts';
import { reasonNotToSend } from '../notification/reminders.ts';
import { LowdbStore } from '../store/lowdb/lowdb-store.ts';
import { ticket as storedTicket } from '../store/store.contract.ts';
import type { Store, StoredTicket } from '../store/store.ts';
import { enqueueAlmostTurn } from './almost-turn.ts';

const NOW = new Date('2026-12-01T09:00:00+01:00');
const DAY = '2026-12-01';

let config: AppConfig;
let store: Store;
let ctx: AppContext;

beforeAll(async () => {
  config = await loadConfig(defaultConfigDir());
});
beforeEach(async () => {
  store = await LowdbStore.open({
    dataDir: await mkdtemp(path.join(tmpdir(), 'sportello-almost-')),
    now: () => NOW,
  });
  ctx = { config, store, clock: () => NOW } as AppContext;
});
afterEach(() => store.close());

const rovigo = () => config.sedi.find((s) => s.id === 'rovigo')!;

/** The n-th ticket of the queue (N001 first), issued a minute after the one before. */
function queued(n: number, overrides: Partial<StoredTicket> = {}): StoredTicket {
  return storedTicket(`t${n}`, {
    number: `N${String(n).padStart(3, '0')}`,
    service: 'naspi-informazioni',
    day: DAY,
    issuedAt: new Date(Date.parse('2026-12-01T08:30:00+01:00') + n * 60_000).toISOString(),
    followToken: randomBytes(16).toString('base64url'),
    ...overrides,
  });
}

/** Inserts the tickets, then runs the check in one transaction with "ahead" = place in the list. */
async function run(tickets: StoredTicket[]): Promise<StoredTicket[]> {
  await store.transaction(async (tx) => {
    for (const t of tickets) await tx.insertTicket(t);
  });
  return check();
}

async function check(): Promise<StoredTicket[]> {
  return store.transaction(async (tx) => {
    const ordered = (await tx.ticketsOfDay('rovigo', DAY)).filter((t) => t.status === 'waiting');
    return enqueueAlmostTurn(tx, ctx, rovigo(), ordered, (t) => ordered.indexOf(t), NOW);
  });
}

const pending = () =>
  store
    .read((r) => r.outboxMessages({ status: 'pending', limit: 100 }))
    .then((m) => m.filter((x) => x.kind === 'ticket-almost'));

describe('"tocca a te tra poco"', () => {
  it('goes to each waiting ticket with a mobile number once at most three are ahead, with its number, sede and phone page', async () => {
    const phone = '+393471234567';
    const tickets = [1, 2, 3, 4, 5, 6].map((n) => queued(n, { notifyPhone: phone }));
    const marked = await run(tickets);

    // Places 0..3 have 0..3 people ahead; the fifth and sixth have 4 and 5.
    expect(marked.map((t) => t.number)).toEqual(['N001', 'N002', 'N003', 'N004']);
    const messages = await pending();
    expect(messages.map((m) => m.bookingCode).sort()).toEqual([
      'ticket-t1',
      'ticket-t2',
      'ticket-t3',
      'ticket-t4',
    ]);
    const fourth = messages.find((m) => m.bookingCode === 'ticket-t4')!;
    expect(fourth).toMatchObject({
      kind: 'ticket-almost',
      to: phone,
      language: 'it',
      dueAt: NOW.toISOString(),
    });
    expect(fourth.text).toBe(
      'Numero N004, INPS - Sede provinciale di Rovigo: tocca a te tra poco. Persone prima di te: 3. ' +
        `Segui la coda: http://127.0.0.1:8080/t/rovigo.${DAY}.${tickets[3]!.followToken}`,
    );
    // The outbox worker sends it: no booking stands behind a ticket's message.
    expect(await reasonNotToSend(ctx, fourth)).toBeUndefined();

    const stored = await store.read((r) => r.ticketsOfDay('rovigo', DAY));
    expect(stored.filter((t) => t.almostTurnSentAt === NOW.toISOString()).map((t) => t.id)).toEqual([
      't1',
      't2',
      't3',
      't4',
    ]);
  });

  it('is sent once per ticket, also when the queue moves again', async () => {
    await run([1, 2, 3, 4, 5].map((n) => queued(n, { notifyPhone: '+393471234567' })));
    expect(await pending()).toHaveLength(4);

    // The first is called: the fifth now has three ahead and gets its SMS; nobody gets a second one.
    await store.transaction(async (tx) => {
      const first = (await tx.ticketsOfDay('rovigo', DAY)).find((t) => t.id === 't1')!;
      await tx.updateTicket({ ...first, status: 'called', counter: 'sportello-1' });
    });
    expect((await check()).map((t) => t.number)).toEqual(['N005']);
    expect(await check()).toEqual([]);
    const messages = await pending();
    expect(messages).toHaveLength(5);
    expect(messages.find((m) => m.bookingCode === 'ticket-t5')!.text).toContain('Persone prima di te: 3.');
  });

  it('leaves out tickets without a mobile number and tickets no longer waiting', async () => {
    const marked = await run([
      queued(1),
      queued(2, { status: 'parked', notifyPhone: '+393471234567' }),
      queued(3, { notifyPhone: '+393471234568' }),
    ]);
    expect(marked.map((t) => t.id)).toEqual(['t3']);
    expect((await pending()).map((m) => m.to)).toEqual(['+393471234568']);
  });

  it("writes in the ticket's language, in its own script unless config says otherwise", async () => {
    await run([queued(1, { notifyPhone: '+393471234567', language: 'ar' })]);
    const [message] = await pending();
    expect(message).toMatchObject({ language: 'ar' });
    expect(message!.text).toMatch(/^رقمك N001، INPS - Sede provinciale di Rovigo: اقترب دورك\./);

    ctx = {
      ...ctx,
      config: { ...config, notifications: { ...config.notifications, smsLanguage: { uk: 'it', ar: 'en' } } },
    };
    await run([queued(2, { notifyPhone: '+393471234568', language: 'uk' })]);
    const uk = (await pending()).find((m) => m.bookingCode === 'ticket-t2')!;
    expect(uk.language).toBe('uk');
    expect(uk.text).toMatch(/^Numero N002, .*: tocca a te tra poco\. Persone prima di te: 1\./);
  });

  it('waits while more than the configured number are ahead', async () => {
    ctx = {
      ...ctx,
      config: {
        ...config,
        server: { ...config.server, floor: { ...config.server.floor, almostTurnAhead: 1 } },
      },
    };
    const marked = await run([1, 2, 3].map((n) => queued(n, { notifyPhone: '+393471234567' })));
    expect(marked.map((t) => t.number)).toEqual(['N001', 'N002']);
  });
});

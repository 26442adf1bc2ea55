// The behaviour every Store implementation must show; each implementation's test file runs it.
import { describe, expect, it, beforeEach, afterEach } from 'vitest';
import type { CallRecord, QueueEntry } from '@sportello/protocol';
import {
  DuplicateKeyError,
  REMOVED,
  type NewOutboxMessage,
  type Store,
  type StoredBooking,
  type StoredTicket,
  type VideoQueueExit,
} from './store.ts';
import { fleetContract } from './fleet.contract.ts';
import { instancesContract } from './instances.contract.ts';
import { limitsContract } from './limits.contract.ts';
import { teamsMeetingsContract } from './teams-meetings.contract.ts';
import { stationChannelContract } from './station-channel.contract.ts';
import { operationsContract } from './operations.contract.ts';

export interface StoreFactory {
  /** A fresh, empty store. */
  create(): Promise<Store>;
  /** The same data opened again, as after a restart. */
  reopen(previous: Store): Promise<Store>;
}

export function ticket(id: string, overrides: Partial<StoredTicket> = {}): StoredTicket {
  return {
    id,
    number: 'A001',
    sede: 'rovigo',
    service: 'naspi-info',
    sector: 'prestazioni',
    day: '2026-12-01',
    priority: 'none',
    status: 'waiting',
    issuedAt: '2026-12-01T08:31:00+01:00',
    language: 'it',
    recalls: 0,
    transfers: [],
    followToken: `follow-${id}`,
    ...overrides,
  };
}

export function booking(code: string, start: string, overrides: Partial<StoredBooking> = {}): StoredBooking {
  const end = new Date(Date.parse(start) + 20 * 60_000).toISOString();
  return {
    code,
    sede: 'rovigo',
    service: 'pensione-consulenza',
    sector: 'assicurato-pensionato',
    mode: 'inPerson',
    start,
    end,
    status: 'booked',
    citizen: {
      codiceFiscale: 'RSSMRA80A01H501U',
      firstName: 'Mario',
      lastName: 'Rossi',
      phone: '+393471234567',
      language: 'it',
    },
    authMethod: 'typed',
    privacyNoticeVersion: '2026-01',
    bookedBy: { channel: 'station', id: 'adria' },
    createdAt: '2026-11-20T09:00:00.000Z',
    updatedAt: '2026-11-20T09:00:00.000Z',
    admissionCodeHash: 'x',
    ...overrides,
  };
}

export function storeContract(name: string, factory: StoreFactory): void {
  operationsContract(name, factory);
  fleetContract(name, factory);
  stationChannelContract(name, factory);
  instancesContract(name, factory);
  limitsContract(name, factory);
  teamsMeetingsContract(name, factory);
  describe(`${name} store contract`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await factory.create();
    });
    afterEach(async () => {
      await store.close();
    });

    it('finds a booking by code and by day, and survives a restart', async () => {
      await store.transaction((tx) => tx.insertBooking(booking('AAAAAAAA', '2026-12-01T08:30:00+01:00')));
      store = await factory.reopen(store);
      expect((await store.read((r) => r.bookingByCode('AAAAAAAA')))?.start).toBe('2026-12-01T08:30:00+01:00');
      expect(await store.read((r) => r.bookingsOfDay('rovigo', '2026-12-01'))).toHaveLength(1);
      expect(await store.read((r) => r.bookingsOfDay('rovigo', '2026-12-02'))).toHaveLength(0);
      expect(await store.read((r) => r.bookingByCode('ZZZZZZZZ'))).toBeUndefined();
    });

    it('files a booking under its day in Rome, not in UTC', async () => {
      await store.transaction((tx) => tx.insertBooking(booking('BBBBBBBB', '2026-12-01T23:30:00Z')));
      expect(await store.read((r) => r.bookingsOfDay('rovigo', '2026-12-02'))).toHaveLength(1);
    });

    it('refuses a duplicate booking code, and keeps nothing else of that transaction', async () => {
      await store.transaction((tx) => tx.insertBooking(booking('CCCCCCCC', '2026-12-01T08:30:00+01:00')));
      await expect(
        store.transaction(async (tx) => {
          await tx.insertBooking(booking('EEEEEEEE', '2026-12-03T09:00:00+01:00'));
          await tx.insertBooking(booking('CCCCCCCC', '2026-12-03T08:30:00+01:00'));
        }),
      ).rejects.toBeInstanceOf(DuplicateKeyError);
      expect(await store.read((r) => r.bookingByCode('EEEEEEEE'))).toBeUndefined();
    });

    it('shows a transaction the bookings it inserted', async () => {
      const seen = await store.transaction(async (tx) => {
        await tx.insertBooking(booking('FFFFFFFF', '2026-12-01T08:30:00+01:00'));
        return {
          byCode: (await tx.bookingByCode('FFFFFFFF'))?.code,
          booked: (await tx.bookedTimesOfDay('rovigo', '2026-12-01')).map((b) => b.code),
        };
      });
      expect(seen).toEqual({ byCode: 'FFFFFFFF', booked: ['FFFFFFFF'] });
    });

    it('keeps none of the writes of a transaction that throws', async () => {
      await expect(
        store.transaction(async (tx) => {
          await tx.insertBooking(booking('DDDDDDDD', '2026-12-01T08:30:00+01:00'));
          await tx.nextTicketNumber('rovigo', '2026-12-01', 'A');
          throw new Error('changed my mind');
        }),
      ).rejects.toThrow('changed my mind');
      expect(await store.read((r) => r.bookingByCode('DDDDDDDD'))).toBeUndefined();
      expect(await store.transaction((tx) => tx.nextTicketNumber('rovigo', '2026-12-01', 'A'))).toBe(1);
    });

    it('moves a rescheduled booking to its new day', async () => {
      const original = booking('EEEEEEEE', '2026-12-01T08:30:00+01:00');
      await store.transaction((tx) => tx.insertBooking(original));
      await store.transaction((tx) => tx.updateBooking({ ...original, start: '2026-12-04T09:00:00+01:00' }));
      store = await factory.reopen(store);
      expect(await store.read((r) => r.bookingsOfDay('rovigo', '2026-12-01'))).toHaveLength(0);
      expect((await store.read((r) => r.bookingByCode('EEEEEEEE')))?.start).toBe('2026-12-04T09:00:00+01:00');
    });

    it('keeps the booked times of a day current through a booking, a cancel, a move and an undone write', async () => {
      const times = (day: string) => store.read((r) => r.bookedTimesOfDay('rovigo', day));
      const first = booking('HHHHHHHH', '2026-12-01T08:30:00+01:00');
      expect(await times('2026-12-01')).toEqual([]);
      await store.transaction((tx) => tx.insertBooking(first));
      expect(await times('2026-12-01')).toEqual([
        {
          code: 'HHHHHHHH',
          sector: 'assicurato-pensionato',
          start: Date.parse(first.start),
          end: Date.parse(first.end),
        },
      ]);
      // Seen inside the transaction that writes, and gone again when that transaction throws.
      await expect(
        store.transaction(async (tx) => {
          await tx.insertBooking(booking('JJJJJJJJ', '2026-12-01T09:00:00+01:00'));
          expect((await tx.bookedTimesOfDay('rovigo', '2026-12-01')).map((t) => t.code)).toEqual([
            'HHHHHHHH',
            'JJJJJJJJ',
          ]);
          throw new Error('changed my mind');
        }),
      ).rejects.toThrow('changed my mind');
      expect((await times('2026-12-01')).map((t) => t.code)).toEqual(['HHHHHHHH']);
      const moved = { ...first, start: '2026-12-04T09:00:00+01:00', end: '2026-12-04T09:20:00+01:00' };
      await store.transaction((tx) => tx.updateBooking(moved));
      expect(await times('2026-12-01')).toEqual([]);
      expect((await times('2026-12-04')).map((t) => t.start)).toEqual([Date.parse(moved.start)]);
      await store.transaction((tx) => tx.updateBooking({ ...moved, status: 'cancelled' }));
      expect(await times('2026-12-04')).toEqual([]);
      store = await factory.reopen(store);
      await store.transaction((tx) => tx.insertBooking(booking('KKKKKKKK', '2026-12-04T10:00:00+01:00')));
      expect((await times('2026-12-04')).map((t) => t.code)).toEqual(['KKKKKKKK']);
    });

    it('never answers a list of booked times it answered before once the day has changed', async () => {
      // Availability keeps an answer while each day's list is the very list it was computed from.
      const times = () => store.read((r) => r.bookedTimesOfDay('rovigo', '2026-12-01'));
      const empty = await times();
      await store.transaction((tx) => tx.insertBooking(booking('LLLLLLLL', '2026-12-01T08:30:00+01:00')));
      const booked = await times();
      expect(booked).not.toBe(empty);
      let inside: readonly unknown[] = [];
      await expect(
        store.transaction(async (tx) => {
          await tx.insertBooking(booking('MMMMMMMM', '2026-12-01T09:00:00+01:00'));
          inside = await tx.bookedTimesOfDay('rovigo', '2026-12-01');
          throw new Error('changed my mind');
        }),
      ).rejects.toThrow('changed my mind');
      const after = await times();
      expect(after).not.toBe(inside);
      expect(after).toEqual(booked);
      const cancelled = await store.read((r) => r.bookingByCode('LLLLLLLL'));
      await store.transaction((tx) => tx.updateBooking({ ...cancelled!, status: 'cancelled' }));
      const again = await times();
      expect(again).toEqual([]);
      expect(again).not.toBe(booked);
      expect(again).not.toBe(after);
    });

    it('hands out copies: changing a result changes nothing stored', async () => {
      await store.transaction((tx) => tx.insertBooking(booking('FFFFFFFF', '2026-12-01T08:30:00+01:00')));
      const read = await store.read((r) => r.bookingByCode('FFFFFFFF'));
      read!.status = 'cancelled';
      expect((await store.read((r) => r.bookingByCode('FFFFFFFF')))?.status).toBe('booked');
    });

    it('numbers tickets per sede, day and prefix, without gaps or repeats under concurrency', async () => {
      const numbers = await Promise.all(
        Array.from({ length: 50 }, () =>
          store.transaction((tx) => tx.nextTicketNumber('rovigo', '2026-12-01', 'A')),
        ),
      );
      expect([...numbers].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
      expect(await store.transaction((tx) => tx.nextTicketNumber('rovigo', '2026-12-01', 'B'))).toBe(1);
      expect(await store.transaction((tx) => tx.nextTicketNumber('napoli', '2026-12-01', 'A'))).toBe(1);
      expect(await store.transaction((tx) => tx.nextTicketNumber('rovigo', '2026-12-02', 'A'))).toBe(1);
      store = await factory.reopen(store);
      expect(await store.transaction((tx) => tx.nextTicketNumber('rovigo', '2026-12-01', 'A'))).toBe(51);
    });

    it('serialises read-then-write transactions so no update is lost', async () => {
      await Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          store.transaction(async (tx) => {
            const today = await tx.bookingsOfDay('rovigo', '2026-12-07');
            if (today.length < 10)
              await tx.insertBooking(booking(`G${String(i).padStart(7, '0')}`, '2026-12-07T09:00:00+01:00'));
          }),
        ),
      );
      expect(await store.read((r) => r.bookingsOfDay('rovigo', '2026-12-07'))).toHaveLength(10);
    });

    it('stores tickets, sessions and station credentials', async () => {
      await store.transaction(async (tx) => {
        await tx.insertTicket(ticket('t1', { codiceFiscale: 'RSSMRA80A01H501U' }));
        await tx.insertSession({
          tokenHash: 'h1',
          username: 'admin',
          roles: ['admin'],
          createdAt: '2026-12-01T08:00:00Z',
          expiresAt: '2999-01-01T00:00:00Z',
        });
        await tx.putStationCredential({
          station: 'adria',
          tokenHash: 's1',
          issuedAt: '2026-12-01T08:00:00Z',
        });
        await tx.putStationCredential({
          station: 'adria',
          tokenHash: 's2',
          issuedAt: '2026-12-01T09:00:00Z',
        });
      });
      store = await factory.reopen(store);
      expect(await store.read((r) => r.ticketsOfDay('rovigo', '2026-12-01'))).toHaveLength(1);
      expect((await store.read((r) => r.sessionByTokenHash('h1')))?.username).toBe('admin');
      expect(await store.read((r) => r.stationByTokenHash('s1'))).toBeUndefined();
      expect((await store.read((r) => r.stationByTokenHash('s2')))?.station).toBe('adria');
      await store.transaction((tx) => tx.deleteSession('h1'));
      expect(await store.read((r) => r.sessionByTokenHash('h1'))).toBeUndefined();
    });

    it('updates a ticket in place and keeps the day’s counter states', async () => {
      await store.transaction(async (tx) => {
        await tx.insertTicket(ticket('t1'));
        await tx.insertTicket(ticket('t2', { number: 'A002' }));
        await tx.putCounterState({
          day: '2026-12-01',
          sede: 'rovigo',
          counter: 'sportello-1',
          name: 'Sportello 1',
          services: ['naspi-info'],
          status: 'open',
          clerk: 'sportello.rovigo',
          since: '2026-12-01T08:30:00+01:00',
        });
      });
      await store.transaction(async (tx) => {
        const [first] = await tx.ticketsOfDay('rovigo', '2026-12-01');
        await tx.updateTicket({ ...first!, status: 'called', counter: 'sportello-1', recalls: 1 });
        const [state] = await tx.counterStatesOfDay('rovigo', '2026-12-01');
        await tx.putCounterState({ ...state!, day: '2026-12-01', ticketId: 't1' });
      });
      await expect(
        store.transaction(async (tx) => {
          await tx.updateTicket(ticket('t2', { status: 'cancelled' }));
          throw new Error('rolled back');
        }),
      ).rejects.toThrow('rolled back');
      store = await factory.reopen(store);
      const tickets = await store.read((r) => r.ticketsOfDay('rovigo', '2026-12-01'));
      expect(tickets.map((t) => [t.id, t.status, t.recalls])).toEqual([
        ['t1', 'called', 1],
        ['t2', 'waiting', 0],
      ]);
      const states = await store.read((r) => r.counterStatesOfDay('rovigo', '2026-12-01'));
      expect(states).toHaveLength(1);
      expect(states[0]).toMatchObject({ counter: 'sportello-1', ticketId: 't1', status: 'open' });
      expect(await store.read((r) => r.counterStatesOfDay('rovigo', '2026-12-02'))).toEqual([]);
    });

    it('never gives one waiting ticket to two concurrent "call next" transactions', async () => {
      await store.transaction(async (tx) => {
        for (let i = 1; i <= 5; i++) await tx.insertTicket(ticket(`t${i}`, { number: `A00${i}` }));
      });
      const taken = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          store.transaction(async (tx) => {
            const next = (await tx.ticketsOfDay('rovigo', '2026-12-01')).find((t) => t.status === 'waiting');
            if (!next) return undefined;
            await tx.updateTicket({ ...next, status: 'called', counter: `sportello-${i}` });
            return next.id;
          }),
        ),
      );
      const ids = taken.filter(Boolean);
      expect(ids).toHaveLength(5);
      expect(new Set(ids).size).toBe(5);
    });

    it('stores boards by the hash of their key and forgets a removed one at once', async () => {
      const board = {
        id: 'b1',
        sede: 'rovigo',
        name: 'Sala d’attesa',
        createdAt: '2026-12-01T08:00:00Z',
        createdBy: 'tecnico',
        tokenHash: 'bh1',
      };
      await store.transaction((tx) => tx.putBoard(board));
      store = await factory.reopen(store);
      expect(await store.read((r) => r.boardByTokenHash('bh1'))).toEqual(board);
      expect(await store.read((r) => r.boards())).toEqual([board]);
      expect(await store.transaction((tx) => tx.deleteBoard('b1'))).toBe(true);
      expect(await store.transaction((tx) => tx.deleteBoard('b1'))).toBe(false);
      expect(await store.read((r) => r.boardByTokenHash('bh1'))).toBeUndefined();
    });

    it('delivers a notification after its transaction commits, and never for one that rolled back', async () => {
      const heard: string[] = [];
      // Delivery may come after transaction() resolves (PostgreSQL's arrives over another connection), but
      // in commit order: a later marker that has arrived proves the earlier ones were handed on already.
      const markers: string[] = [];
      store.listen('marker', (payload) => markers.push(payload));
      const settled = async (marker: string) => {
        await store.transaction(async (tx) => tx.notify('marker', marker));
        await expect.poll(() => markers).toContain(marker);
      };
      const stop = store.listen('floor:rovigo', (payload) => heard.push(payload));
      store.listen('floor:napoli', (payload) => heard.push(`napoli ${payload}`));
      await store.transaction(async (tx) => {
        await tx.insertTicket(ticket('t1'));
        tx.notify('floor:rovigo', 'issued t1');
        expect(heard).toEqual([]);
      });
      await settled('first');
      expect(heard).toEqual(['issued t1']);
      await expect(
        store.transaction(async (tx) => {
          tx.notify('floor:rovigo', 'never');
          throw new Error('rolled back');
        }),
      ).rejects.toThrow('rolled back');
      stop();
      await store.transaction(async (tx) => tx.notify('floor:rovigo', 'after stop'));
      await settled('second');
      expect(heard).toEqual(['issued t1']);
    });

    it('delivers a payload longer than NOTIFY carries, in order with the short ones around it', async () => {
      const heard: string[] = [];
      store.listen('call:c1', (payload) => heard.push(payload));
      const offer = 'v=0\r\n' + 'a=candidate:1 1 udp 2122260223 192.0.2.1 54321 typ host\r\n'.repeat(300);
      await store.transaction(async (tx) => tx.notify('call:c1', 'before'));
      await store.transaction(async (tx) => tx.notify('call:c1', offer));
      await store.transaction(async (tx) => tx.notify('call:c1', 'after'));
      await expect.poll(() => heard.length).toBe(3);
      expect(heard).toEqual(['before', offer, 'after']);
    });

    it("delivers a transaction's several notifications in their order, on their channels, whatever their text", async () => {
      const heard: string[] = [];
      store.listen('call:c1', (payload) => heard.push(`c1 ${payload}`));
      store.listen('call:c2', (payload) => heard.push(`c2 ${payload}`));
      const offer = 'v=0\r\n' + 'a=candidate:1 1 udp 2122260223 192.0.2.1 54321 typ host\r\n'.repeat(300);
      await store.transaction(async (tx) => {
        tx.notify('call:c1', 'one\ntwo "quoted" \u001f');
        tx.notify('call:c2', 'second');
        tx.notify('call:c1', 'third');
      });
      await store.transaction(async (tx) => {
        tx.notify('call:c2', 'short');
        tx.notify('call:c1', offer);
      });
      await expect.poll(() => heard.length).toBe(5);
      expect(heard).toEqual([
        'c1 one\ntwo "quoted" \u001f',
        'c2 second',
        'c1 third',
        'c2 short',
        `c1 ${offer}`,
      ]);
    });

    it('removes personal data of old days and keeps what statistics need', async () => {
      await store.transaction(async (tx) => {
        await tx.insertBooking(booking('HHHHHHHH', '2026-08-01T08:30:00+02:00'));
        await tx.insertBooking(booking('JJJJJJJJ', '2026-12-01T08:30:00+01:00'));
        await tx.insertTicket(
          ticket('t2', {
            day: '2026-08-01',
            status: 'done',
            issuedAt: '2026-08-01T08:31:00+02:00',
            codiceFiscale: 'RSSMRA80A01H501U',
            notifyPhone: '+393471234567',
          }),
        );
      });
      const removed = await store.removePersonalData('2026-09-01', new Date('2026-11-30T02:00:00Z'));
      expect(removed).toEqual({ bookings: 1, tickets: 1, messages: 0, calls: 0 });
      store = await factory.reopen(store);
      const old = (await store.read((r) => r.bookingsOfDay('rovigo', '2026-08-01')))[0]!;
      expect(old.citizen.codiceFiscale).toBe(REMOVED);
      expect(old.citizen.phone).toBe(REMOVED);
      expect(old.service).toBe('pensione-consulenza');
      expect(old.status).toBe('booked');
      const oldTicket = (await store.read((r) => r.ticketsOfDay('rovigo', '2026-08-01')))[0]!;
      expect(oldTicket.codiceFiscale).toBeUndefined();
      expect(oldTicket.notifyPhone).toBeUndefined();
      expect(oldTicket.status).toBe('done');
      expect(oldTicket.number).toBe('A001');
      const recent = (await store.read((r) => r.bookingsOfDay('rovigo', '2026-12-01')))[0]!;
      expect(recent.citizen.codiceFiscale).toBe('RSSMRA80A01H501U');
      expect(await store.removePersonalData('2026-09-01', new Date())).toEqual({
        bookings: 0,
        tickets: 0,
        messages: 0,
        calls: 0,
      });
    });

    it('keeps enrolment codes until expiry and the last status of each station', async () => {
      const code = {
        codeHash: 'c1',
        station: 'adria',
        createdBy: 'tecnico',
        createdAt: '2026-11-28T09:00:00Z',
        expiresAt: '2999-01-01T00:00:00Z',
      };
      await store.transaction((tx) => tx.putEnrolmentCode(code));
      await store.transaction((tx) => tx.putEnrolmentCode({ ...code, usedAt: '2026-11-28T09:05:00Z' }));
      const devices = {
        reader: 'ok',
        printer: 'ok',
        scanner: 'absent',
        camera: { page: 'unknown', device: false },
      } as const;
      await store.transaction(async (tx) => {
        await tx.putStationStatus({
          station: 'adria',
          lastHeartbeatAt: '2026-11-28T09:00:00Z',
          agentVersion: '1',
          uptimeSeconds: 1,
          devices,
        });
        await tx.putStationStatus({
          station: 'adria',
          lastHeartbeatAt: '2026-11-28T09:00:30Z',
          agentVersion: '1',
          uptimeSeconds: 31,
          devices,
        });
      });
      store = await factory.reopen(store);
      expect((await store.read((r) => r.enrolmentCode('c1')))?.usedAt).toBe('2026-11-28T09:05:00Z');
      expect(await store.read((r) => r.enrolmentCode('nope'))).toBeUndefined();
      const statuses = await store.read((r) => r.stationStatuses());
      expect(statuses).toHaveLength(1);
      expect(statuses[0]?.uptimeSeconds).toBe(31);
    });

    it('answers ping while open', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
    });
  });
  citizenBookingsContract(name, factory);
  outboxContract(name, factory);
  videoQueueContract(name, factory);
  callRecordContract(name, factory);
  auditContract(name, factory);
}

// ---- one person's bookings ----

function citizenBookingsContract(name: string, factory: StoreFactory): void {
  describe(`${name} store contract: one person's bookings`, () => {
    const MARIO = 'RSSMRA80A01H501U';
    const ANNA = 'VRDNNA85M41F205X';
    let store: Store;
    const ofMario = (fromDay: string) =>
      store.read(async (r) => (await r.bookingsOfCitizen(MARIO, fromDay)).map((b) => b.code));
    beforeEach(async () => {
      store = await factory.create();
    });
    afterEach(async () => {
      await store.close();
    });

    it('finds every booking of a person from a day on, in any sede and status, by start, after a restart', async () => {
      const anna = { ...booking('XXXXXXXX', '2026-12-01T09:00:00+01:00').citizen, codiceFiscale: ANNA };
      await store.transaction(async (tx) => {
        await tx.insertBooking(booking('AAAA0003', '2026-12-03T08:30:00+01:00', { status: 'cancelled' }));
        await tx.insertBooking(booking('AAAA0001', '2026-12-01T10:00:00+01:00', { sede: 'napoli' }));
        await tx.insertBooking(booking('AAAA0002', '2026-12-01T23:30:00Z'));
        await tx.insertBooking(booking('BBBB0001', '2026-12-01T09:00:00+01:00', { citizen: anna }));
      });
      store = await factory.reopen(store);
      expect(await ofMario('2026-11-28')).toEqual(['AAAA0001', 'AAAA0002', 'AAAA0003']);
      // 23:30 UTC on the 1st is the 2nd in Rome.
      expect(await ofMario('2026-12-02')).toEqual(['AAAA0002', 'AAAA0003']);
      expect(await ofMario('2026-12-04')).toEqual([]);
      const annas = await store.read((r) => r.bookingsOfCitizen(ANNA, '2026-11-28'));
      expect(annas.map((b) => [b.code, b.citizen.codiceFiscale])).toEqual([['BBBB0001', ANNA]]);
      expect(await store.read((r) => r.bookingsOfCitizen('NSSNSS80A01H501U', '2026-11-28'))).toEqual([]);
    });

    it('follows a moved booking, sees its own transaction, and forgets what a failed one wrote', async () => {
      const original = booking('CCCC0001', '2026-12-01T08:30:00+01:00');
      await store.transaction((tx) => tx.insertBooking(original));
      await store.transaction((tx) => tx.updateBooking({ ...original, start: '2026-12-05T09:00:00+01:00' }));
      expect(await ofMario('2026-12-02')).toEqual(['CCCC0001']);
      await expect(
        store.transaction(async (tx) => {
          await tx.insertBooking(booking('CCCC0002', '2026-12-06T08:30:00+01:00'));
          expect((await tx.bookingsOfCitizen(MARIO, '2026-12-01')).map((b) => b.code)).toEqual([
            'CCCC0001',
            'CCCC0002',
          ]);
          await tx.updateBooking({ ...original, start: '2026-12-07T09:00:00+01:00' });
          throw new Error('changed my mind');
        }),
      ).rejects.toThrow('changed my mind');
      expect(await ofMario('2026-12-01')).toEqual(['CCCC0001']);
      const found = await store.read((r) => r.bookingsOfCitizen(MARIO, '2026-12-01'));
      expect(found[0]?.start).toBe('2026-12-05T09:00:00+01:00');
    });

    it('finds nobody by a codice fiscale the retention job has removed', async () => {
      await store.transaction((tx) => tx.insertBooking(booking('DDDD0001', '2026-12-01T08:30:00+01:00')));
      await store.removePersonalData('2026-12-02', new Date('2026-12-02T02:00:00Z'));
      expect(await ofMario('2026-11-28')).toEqual([]);
      expect(await store.read((r) => r.bookingsOfCitizen(REMOVED, '2026-11-28'))).toEqual([]);
      store = await factory.reopen(store);
      expect(await ofMario('2026-11-28')).toEqual([]);
    });
  });
}

// ---- call records ----

export function callRecord(callId: string, overrides: Partial<CallRecord> = {}): CallRecord {
  return {
    callId,
    entryId: `entry-${callId}`,
    origin: 'station',
    group: 'rovigo',
    sector: 'assicurato-pensionato',
    service: 'pensione-informazioni',
    station: 'adria-municipio',
    official: 'ro-laura-bianchi',
    assistedBy: 'Anna Verdi',
    citizen: { codiceFiscale: 'RSSMRA80A01H501U', firstName: 'Mario', authMethod: 'cie-pin' },
    waitedSince: '2026-12-01T07:55:00.000Z',
    startedAt: '2026-12-01T08:00:00.000Z',
    ...overrides,
  };
}

function callRecordContract(name: string, factory: StoreFactory): void {
  describe(`${name} store contract: call records`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await factory.create();
    });
    afterEach(async () => {
      await store.close();
    });

    it('keeps a call by id and by group and day, replaces it, and survives a restart', async () => {
      await store.transaction(async (tx) => {
        await tx.putCallRecord(callRecord('c1'));
        await tx.putCallRecord(callRecord('c2', { startedAt: '2026-12-01T09:00:00.000Z' }));
        await tx.putCallRecord(callRecord('c3', { group: 'napoli' }));
      });
      await store.transaction(async (tx) => {
        const c1 = (await tx.callRecord('c1'))!;
        await tx.putCallRecord({ ...c1, endedAt: '2026-12-01T08:12:00.000Z', endReason: 'hangup' });
      });
      store = await factory.reopen(store);
      expect(await store.read((r) => r.callRecord('c1'))).toEqual(
        callRecord('c1', { endedAt: '2026-12-01T08:12:00.000Z', endReason: 'hangup' }),
      );
      expect(
        (await store.read((r) => r.callRecordsOfDay('rovigo', '2026-12-01'))).map((c) => c.callId),
      ).toEqual(['c1', 'c2']);
      expect(
        (await store.read((r) => r.callRecordsOfDay('napoli', '2026-12-01'))).map((c) => c.callId),
      ).toEqual(['c3']);
      expect(await store.read((r) => r.callRecordsOfDay('rovigo', '2026-12-02'))).toEqual([]);
      expect(await store.read((r) => r.callRecord('nope'))).toBeUndefined();
    });

    it('files a call under the day it started in Rome, and keeps it there when it ends the next day', async () => {
      await store.transaction((tx) =>
        tx.putCallRecord(callRecord('late', { startedAt: '2026-12-01T23:30:00.000Z' })),
      );
      await store.transaction(async (tx) =>
        tx.putCallRecord({ ...(await tx.callRecord('late'))!, endedAt: '2026-12-02T00:10:00.000Z' }),
      );
      expect(await store.read((r) => r.callRecordsOfDay('rovigo', '2026-12-02'))).toHaveLength(1);
      expect(await store.read((r) => r.callRecordsOfDay('rovigo', '2026-12-01'))).toHaveLength(0);
    });

    it('files the waiting room’s unanswered exits by group and the day they left, once per entry', async () => {
      const exit = (entryId: string, leftAt: string, group = 'rovigo'): VideoQueueExit => ({
        entryId,
        group,
        sede: group,
        origin: 'station',
        sector: 'prestazioni',
        service: 'naspi-informazioni',
        since: '2026-12-01T08:00:00.000Z',
        leftAt,
        reason: 'left',
      });
      await store.transaction(async (tx) => {
        await tx.appendVideoQueueExit(exit('e1', '2026-12-01T08:10:00.000Z'));
        // 00:30 in Rome: the next day.
        await tx.appendVideoQueueExit(exit('e2', '2026-12-01T23:30:00.000Z'));
        await tx.appendVideoQueueExit(exit('e3', '2026-12-01T09:00:00.000Z', 'napoli'));
      });
      // Filed once: a second exit of the same entry changes nothing.
      await store.transaction((tx) => tx.appendVideoQueueExit(exit('e1', '2026-12-01T08:20:00.000Z')));
      await expect(
        store.transaction(async (tx) => {
          await tx.appendVideoQueueExit(exit('e4', '2026-12-01T08:30:00.000Z'));
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      store = await factory.reopen(store);
      expect(await store.read((r) => r.videoQueueExitsOfDay('rovigo', '2026-12-01'))).toEqual([
        exit('e1', '2026-12-01T08:10:00.000Z'),
      ]);
      expect(
        (await store.read((r) => r.videoQueueExitsOfDay('rovigo', '2026-12-02'))).map((e) => e.entryId),
      ).toEqual(['e2']);
      expect(
        (await store.read((r) => r.videoQueueExitsOfDay('napoli', '2026-12-01'))).map((e) => e.entryId),
      ).toEqual(['e3']);
    });

    it('keeps no call record of a transaction that throws', async () => {
      await store.transaction((tx) => tx.putCallRecord(callRecord('c1')));
      await expect(
        store.transaction(async (tx) => {
          await tx.putCallRecord(callRecord('c1', { endReason: 'hangup' }));
          await tx.putCallRecord(callRecord('c2'));
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await store.read((r) => r.callRecord('c1'))).toEqual(callRecord('c1'));
      expect(await store.read((r) => r.callRecord('c2'))).toBeUndefined();
    });

    it('removes the citizen, the assistant and the notes of old calls, and keeps the rest', async () => {
      const identification = {
        document: { type: 'cie' as const, numberLast4: '1234', expiryChecked: true },
        faceMatches: true,
        assistant: {
          name: 'Anna Verdi',
          document: { type: 'patente' as const, numberLast4: '9876', expiryChecked: true },
          consentConfirmed: true,
        },
        recordedAt: '2026-08-03T08:05:00.000Z',
      };
      const outcome = {
        outcome: 'answered' as const,
        notes: 'pensione di Mario',
        recordedAt: '2026-08-03T08:20:00.000Z',
      };
      await store.transaction(async (tx) => {
        await tx.putCallRecord(
          callRecord('old', { startedAt: '2026-08-03T08:00:00.000Z', identification, outcome }),
        );
        await tx.putCallRecord(callRecord('recent'));
      });
      const removed = await store.removePersonalData('2026-09-01', new Date('2026-11-30T02:00:00Z'));
      expect(removed.calls).toBe(1);
      store = await factory.reopen(store);
      // Old calls are history: looked up by day, not necessarily by id.
      const [old] = await store.read((r) => r.callRecordsOfDay('rovigo', '2026-08-03'));
      if (!old) throw new Error('the old call is gone');
      expect(old.citizen).toBeUndefined();
      expect(old.assistedBy).toBeUndefined();
      expect(old.identification?.assistant?.name).toBe(REMOVED);
      expect(old.identification?.faceMatches).toBe(true);
      expect(old.outcome).toEqual({ outcome: 'answered', recordedAt: '2026-08-03T08:20:00.000Z' });
      expect(old.service).toBe('pensione-informazioni');
      expect(JSON.stringify(old)).not.toContain('RSSMRA80A01H501U');
      expect((await store.read((r) => r.callRecord('recent')))?.citizen?.codiceFiscale).toBe(
        'RSSMRA80A01H501U',
      );
      expect((await store.removePersonalData('2026-09-01', new Date())).calls).toBe(0);
    });
  });
}

// ---- audit log ----

function auditContract(name: string, factory: StoreFactory): void {
  describe(`${name} store contract: audit log`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await factory.create();
    });
    afterEach(async () => {
      await store.close();
    });

    it('appends events by day in Rome, oldest first, only with their transaction, and keeps them', async () => {
      const event = (at: string, subject: string) => ({
        at,
        actor: 'funzionario.rovigo',
        action: 'video.call.citizen-data',
        subject,
        details: { via: 'call.started' },
      });
      await store.transaction(async (tx) => {
        await tx.appendAudit(event('2026-12-01T08:00:00.000Z', 'c1'));
        await tx.appendAudit(event('2026-12-01T23:30:00.000Z', 'c2'));
      });
      await store.transaction((tx) => tx.appendAudit(event('2026-12-01T09:00:00.000Z', 'c3')));
      await expect(
        store.transaction(async (tx) => {
          await tx.appendAudit(event('2026-12-01T10:00:00.000Z', 'rolled-back'));
          throw new Error('no');
        }),
      ).rejects.toThrow('no');
      store = await factory.reopen(store);
      expect((await store.read((r) => r.auditOfDay('2026-12-01'))).map((e) => e.subject)).toEqual([
        'c1',
        'c3',
      ]);
      expect(await store.read((r) => r.auditOfDay('2026-12-02'))).toEqual([
        event('2026-12-01T23:30:00.000Z', 'c2'),
      ]);
      expect(await store.read((r) => r.auditOfDay('2026-12-03'))).toEqual([]);
    });
  });
}

// ---- video waiting room ----

export function queueEntry(id: string, overrides: Partial<QueueEntry> = {}): QueueEntry {
  return {
    id,
    group: 'rovigo',
    origin: 'station',
    station: 'adria-municipio',
    sector: 'assicurato-pensionato',
    service: 'pensione-informazioni',
    since: '2026-11-30T08:00:00.000Z',
    authLevel: 'typed',
    status: 'waiting',
    ...overrides,
  };
}

function videoQueueContract(name: string, factory: StoreFactory): void {
  describe(`${name} store contract: video queue`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await factory.create();
    });
    afterEach(async () => {
      await store.close();
    });

    it('keeps, replaces and removes entries, and survives a restart', async () => {
      await store.transaction(async (tx) => {
        await tx.putVideoQueueEntry(queueEntry('a'));
        await tx.putVideoQueueEntry(queueEntry('b', { assistedBy: 'Anna' }));
        await tx.putVideoQueueEntry(queueEntry('a', { status: 'in-call', official: 'x', callId: 'c1' }));
      });
      store = await factory.reopen(store);
      const entries = await store.read((r) => r.videoQueue());
      expect(entries.map((e) => [e.id, e.status])).toEqual([
        ['a', 'in-call'],
        ['b', 'waiting'],
      ]);
      expect(await store.transaction((tx) => tx.deleteVideoQueueEntry('b'))).toBe(true);
      expect(await store.transaction((tx) => tx.deleteVideoQueueEntry('b'))).toBe(false);
      expect(await store.read((r) => r.videoQueue())).toHaveLength(1);
    });

    it('undoes queue writes of a transaction that throws', async () => {
      await store.transaction((tx) => tx.putVideoQueueEntry(queueEntry('a')));
      await expect(
        store.transaction(async (tx) => {
          await tx.putVideoQueueEntry(queueEntry('a', { status: 'in-call' }));
          await tx.deleteVideoQueueEntry('a');
          await tx.putVideoQueueEntry(queueEntry('z'));
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await store.read((r) => r.videoQueue())).toEqual([queueEntry('a')]);
    });

    it('never gives one waiting entry to two of 20 concurrent read-then-claim transactions', async () => {
      await store.transaction(async (tx) => {
        for (let i = 0; i < 5; i++) await tx.putVideoQueueEntry(queueEntry(`e${i}`));
      });
      const claims = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          store.transaction(async (tx) => {
            const first = (await tx.videoQueue()).find((e) => e.status === 'waiting');
            if (!first) return undefined;
            await tx.putVideoQueueEntry({ ...first, status: 'in-call', official: `o${i}` });
            return first.id;
          }),
        ),
      );
      const taken = claims.filter((c) => c !== undefined);
      expect(taken.sort()).toEqual(['e0', 'e1', 'e2', 'e3', 'e4']);
      const stored = await store.read((r) => r.videoQueue());
      expect(new Set(stored.map((e) => e.official)).size).toBe(5);
    });
  });
}

// ---- outbox ----

const T0 = Date.parse('2026-11-30T08:00:00Z');
const at = (seconds: number) => new Date(T0 + seconds * 1000);

export function outboxMessage(id: string, overrides: Partial<NewOutboxMessage> = {}): NewOutboxMessage {
  return {
    id,
    kind: 'confirmation',
    bookingCode: 'AAAAAAAA',
    to: '+393471234567',
    language: 'it',
    text: `Prenotazione AAAAAAAA confermata (${id})`,
    slotStart: '2026-12-01T08:30:00+01:00',
    dueAt: at(0).toISOString(),
    createdAt: at(0).toISOString(),
    ...overrides,
  };
}

function outboxContract(name: string, factory: StoreFactory): void {
  describe(`${name} store contract: outbox`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await factory.create();
    });
    afterEach(async () => {
      await store.close();
    });
    const claim = (seconds: number, worker = 'w1', limit = 10, leaseMs = 60_000) =>
      store.claimDueMessages({ now: at(seconds), limit, leaseMs, worker });
    const list = (status: 'pending' | 'sent' | 'dead' | 'cancelled', bookingCode?: string) =>
      store.read((r) => r.outboxMessages({ status, limit: 100, ...(bookingCode ? { bookingCode } : {}) }));

    it('enqueues a message only with the transaction that causes it, and keeps it across a restart', async () => {
      await expect(
        store.transaction(async (tx) => {
          await tx.enqueueMessage(outboxMessage('m-rolled-back'));
          throw new Error('slot taken');
        }),
      ).rejects.toThrow('slot taken');
      await store.transaction(async (tx) => {
        await tx.insertBooking(booking('AAAAAAAA', '2026-12-01T08:30:00+01:00'));
        await tx.enqueueMessage(outboxMessage('m1'));
      });
      await expect(store.transaction((tx) => tx.enqueueMessage(outboxMessage('m1')))).rejects.toBeInstanceOf(
        DuplicateKeyError,
      );
      store = await factory.reopen(store);
      const pending = await list('pending');
      expect(pending.map((m) => m.id)).toEqual(['m1']);
      expect(pending[0]).toMatchObject({
        status: 'pending',
        attempts: 0,
        text: expect.stringContaining('m1'),
      });
    });

    it('shows a transaction the messages it queued (a move cancels the reminder it just queued), and a taken id fails the whole transaction', async () => {
      const cancelled = await store.transaction(async (tx) => {
        await tx.enqueueMessage(outboxMessage('m-confirm'));
        await tx.enqueueMessage(
          outboxMessage('m-remind', { kind: 'reminder', dueAt: at(3600).toISOString() }),
        );
        const pending = await tx.outboxMessages({ status: 'pending', limit: 10, bookingCode: 'AAAAAAAA' });
        expect(pending.map((m) => m.id).sort()).toEqual(['m-confirm', 'm-remind']);
        return tx.cancelPendingMessages('AAAAAAAA', ['reminder'], at(5));
      });
      expect(cancelled).toBe(1);
      expect((await list('pending')).map((m) => m.id)).toEqual(['m-confirm']);
      await expect(
        store.transaction(async (tx) => {
          await tx.insertBooking(booking('BBBBBBBB', '2026-12-01T09:00:00+01:00'));
          await tx.enqueueMessage(outboxMessage('m-new', { bookingCode: 'BBBBBBBB' }));
          await tx.enqueueMessage(outboxMessage('m-confirm'));
        }),
      ).rejects.toBeInstanceOf(DuplicateKeyError);
      expect(await store.read((r) => r.bookingByCode('BBBBBBBB'))).toBeUndefined();
      expect((await list('pending')).map((m) => m.id)).toEqual(['m-confirm']);
    });

    it('claims due messages soonest first, and never one message twice under concurrency', async () => {
      await store.transaction(async (tx) => {
        for (let i = 29; i >= 0; i--)
          await tx.enqueueMessage(outboxMessage(`m${i}`, { dueAt: at(i).toISOString() }));
        await tx.enqueueMessage(outboxMessage('tomorrow', { dueAt: at(86_400).toISOString() }));
      });
      expect((await claim(2.5, 'w0', 10)).map((m) => m.id)).toEqual(['m0', 'm1', 'm2']);
      const batches = await Promise.all(Array.from({ length: 12 }, (_, i) => claim(60, `w${i + 1}`, 4)));
      const ids = batches.flat().map((m) => m.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids.sort()).toEqual(Array.from({ length: 27 }, (_, i) => `m${i + 3}`).sort());
      expect(batches.flat().every((m) => m.attempts === 1 && m.lease !== undefined)).toBe(true);
      // Leases still held (the first three until 62.5 s, the rest until 120 s): nothing to take.
      expect(await claim(62, 'w99')).toEqual([]);
    });

    it('lets another worker take a message over once its lease has expired, and only the holder fail it', async () => {
      await store.transaction((tx) => tx.enqueueMessage(outboxMessage('m1')));
      expect(await claim(0, 'a')).toHaveLength(1);
      expect(await claim(30, 'b')).toEqual([]);
      expect(await store.failMessage('m1', 'b', { now: at(30), error: 'x', retryAt: at(31) })).toBe(false);
      const [taken] = await claim(61, 'b');
      expect(taken).toMatchObject({ id: 'm1', attempts: 2, lease: { worker: 'b' } });
      expect(await store.failMessage('m1', 'a', { now: at(62), error: 'late', final: 'dead' })).toBe(false);
      expect(await store.completeMessage('m1', { now: at(63), providerMessageId: 'p1' })).toBe(true);
      expect(await store.completeMessage('m1', { now: at(64) })).toBe(false);
      expect(await claim(500, 'c')).toEqual([]);
      expect(await list('sent')).toMatchObject([{ id: 'm1', status: 'sent', providerMessageId: 'p1' }]);
    });

    it('retries a failed message at the time given, and finishes it as dead', async () => {
      await store.transaction((tx) => tx.enqueueMessage(outboxMessage('m1')));
      await claim(0);
      expect(await store.failMessage('m1', 'w1', { now: at(1), error: 'HTTP 500', retryAt: at(300) })).toBe(
        true,
      );
      expect(await list('pending')).toMatchObject([
        { id: 'm1', lastError: 'HTTP 500', dueAt: at(300).toISOString() },
      ]);
      expect(await claim(299)).toEqual([]);
      expect(await claim(300)).toHaveLength(1);
      // A retry may fall on another day: it must still be found then.
      await store.failMessage('m1', 'w1', { now: at(301), error: 'timeout', retryAt: at(86_400 * 2) });
      expect(await claim(86_400)).toEqual([]);
      const [again] = await claim(86_400 * 2);
      expect(again?.attempts).toBe(3);
      await store.failMessage('m1', 'w1', { now: at(86_400 * 2), error: 'HTTP 500', final: 'dead' });
      expect(await list('pending')).toEqual([]);
      expect(await list('dead')).toMatchObject([{ id: 'm1', attempts: 3, lastError: 'HTTP 500' }]);
    });

    it("cancels a booking's pending messages of the kinds asked, and no others", async () => {
      await store.transaction(async (tx) => {
        await tx.enqueueMessage(outboxMessage('x-confirm'));
        await tx.enqueueMessage(
          outboxMessage('x-remind', { kind: 'reminder', dueAt: at(3600).toISOString() }),
        );
        await tx.enqueueMessage(
          outboxMessage('y-remind', {
            kind: 'reminder',
            bookingCode: 'BBBBBBBB',
            dueAt: at(3600).toISOString(),
          }),
        );
        // The same booking's reminder of a time it had before a move: filed under another day.
        await tx.enqueueMessage(
          outboxMessage('x-remind-old', {
            kind: 'reminder',
            slotStart: '2026-12-03T10:00:00+01:00',
            dueAt: at(7000).toISOString(),
          }),
        );
      });
      // Found again after a restart, and a cancel that rolls back leaves them pending.
      store = await factory.reopen(store);
      await expect(
        store.transaction(async (tx) => {
          await tx.cancelPendingMessages('AAAAAAAA', ['reminder'], at(5));
          throw new Error('rolled back');
        }),
      ).rejects.toThrow('rolled back');
      expect(await store.transaction((tx) => tx.cancelPendingMessages('AAAAAAAA', ['reminder'], at(5)))).toBe(
        2,
      );
      expect((await list('pending')).map((m) => m.id).sort()).toEqual(['x-confirm', 'y-remind']);
      expect((await list('cancelled', 'AAAAAAAA')).map((m) => m.id).sort()).toEqual([
        'x-remind',
        'x-remind-old',
      ]);
      expect((await claim(7200)).map((m) => m.id).sort()).toEqual(['x-confirm', 'y-remind']);
      expect(await store.transaction((tx) => tx.cancelPendingMessages('AAAAAAAA', ['reminder'], at(6)))).toBe(
        0,
      );
    });

    it('keeps leases, retries and finished messages across a restart', async () => {
      await store.transaction(async (tx) => {
        for (const id of ['m1', 'm2', 'm3']) await tx.enqueueMessage(outboxMessage(id));
      });
      await claim(0, 'before-restart', 3);
      await store.completeMessage('m1', { now: at(1) });
      await store.failMessage('m2', 'before-restart', { now: at(1), error: 'HTTP 503', retryAt: at(600) });
      store = await factory.reopen(store);
      expect((await list('sent')).map((m) => m.id)).toEqual(['m1']);
      // m3 is still leased by the worker that died with the old process: untouched until the lease ends.
      expect(await claim(10, 'after-restart')).toEqual([]);
      expect((await claim(61, 'after-restart')).map((m) => m.id)).toEqual(['m3']);
      await store.completeMessage('m3', { now: at(62) });
      expect((await claim(600, 'after-restart')).map((m) => m.id)).toEqual(['m2']);
    });

    it('blanks the number and text of messages finished before the retention limit', async () => {
      const old = Date.parse('2026-08-01T08:00:00Z');
      await store.transaction(async (tx) => {
        await tx.enqueueMessage(
          outboxMessage('old', {
            bookingCode: 'OLD00000',
            dueAt: new Date(old).toISOString(),
            slotStart: '2026-08-01T10:00:00+02:00',
          }),
        );
        await tx.enqueueMessage(outboxMessage('recent'));
      });
      await store.claimDueMessages({ now: new Date(old), limit: 5, leaseMs: 1000, worker: 'w' });
      await store.completeMessage('old', { now: new Date(old + 1000) });
      await claim(0);
      await store.completeMessage('recent', { now: at(1) });
      const removed = await store.removePersonalData('2026-09-01', at(2));
      expect(removed.messages).toBe(1);
      store = await factory.reopen(store);
      expect(await list('sent', 'OLD00000')).toMatchObject([{ id: 'old', to: REMOVED, text: REMOVED }]);
      expect((await list('sent', 'AAAAAAAA'))[0]?.to).toBe('+393471234567');
    });

    it("summarises the pending queue: due now (with the oldest's due time) and scheduled later", async () => {
      expect(await store.read((r) => r.pendingSummary(at(0)))).toEqual({ due: 0, scheduled: 0 });
      await store.transaction(async (tx) => {
        await tx.enqueueMessage(outboxMessage('first', { dueAt: at(10).toISOString() }));
        await tx.enqueueMessage(outboxMessage('second', { dueAt: at(20).toISOString() }));
        await tx.enqueueMessage(outboxMessage('later', { kind: 'reminder', dueAt: at(3600).toISOString() }));
      });
      expect(await store.read((r) => r.pendingSummary(at(30)))).toEqual({
        due: 2,
        scheduled: 1,
        oldestDueAt: at(10).toISOString(),
      });
      // A message being sent (leased) is still pending; a sent one is not.
      await claim(30, 'w1', 1);
      await store.completeMessage('first', { now: at(31) });
      expect(await store.read((r) => r.pendingSummary(at(31)))).toEqual({
        due: 1,
        scheduled: 1,
        oldestDueAt: at(20).toISOString(),
      });
    });
  });
}

// The behaviour every Store implementation must show; each implementation's test file runs it.
import { describe, expect, it, beforeEach, afterEach } from 'vitest';
import { DuplicateKeyError, REMOVED, type Store, type StoredBooking } from './store.ts';

export interface StoreFactory {
  /** A fresh, empty store. */
  create(): Promise<Store>;
  /** The same data opened again, as after a restart. */
  reopen(previous: Store): Promise<Store>;
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

    it('refuses a duplicate booking code', async () => {
      await store.transaction((tx) => tx.insertBooking(booking('CCCCCCCC', '2026-12-01T08:30:00+01:00')));
      await expect(
        store.transaction((tx) => tx.insertBooking(booking('CCCCCCCC', '2026-12-03T08:30:00+01:00'))),
      ).rejects.toBeInstanceOf(DuplicateKeyError);
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
        await tx.insertTicket({
          id: 't1',
          number: 'A001',
          sede: 'rovigo',
          service: 'naspi-info',
          sector: 'prestazioni',
          day: '2026-12-01',
          priority: 'none',
          status: 'waiting',
          issuedAt: '2026-12-01T08:31:00+01:00',
          codiceFiscale: 'RSSMRA80A01H501U',
        });
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

    it('removes personal data of old days and keeps what statistics need', async () => {
      await store.transaction(async (tx) => {
        await tx.insertBooking(booking('HHHHHHHH', '2026-08-01T08:30:00+02:00'));
        await tx.insertBooking(booking('JJJJJJJJ', '2026-12-01T08:30:00+01:00'));
        await tx.insertTicket({
          id: 't2',
          number: 'A001',
          sede: 'rovigo',
          service: 'naspi-info',
          sector: 'prestazioni',
          day: '2026-08-01',
          priority: 'none',
          status: 'served',
          issuedAt: '2026-08-01T08:31:00+02:00',
          codiceFiscale: 'RSSMRA80A01H501U',
        });
      });
      const removed = await store.removePersonalData('2026-09-01', new Date('2026-11-30T02:00:00Z'));
      expect(removed).toEqual({ bookings: 1, tickets: 1 });
      store = await factory.reopen(store);
      const old = (await store.read((r) => r.bookingsOfDay('rovigo', '2026-08-01')))[0]!;
      expect(old.citizen.codiceFiscale).toBe(REMOVED);
      expect(old.citizen.phone).toBe(REMOVED);
      expect(old.service).toBe('pensione-consulenza');
      expect(old.status).toBe('booked');
      const ticket = (await store.read((r) => r.ticketsOfDay('rovigo', '2026-08-01')))[0]!;
      expect(ticket.codiceFiscale).toBeUndefined();
      expect(ticket.number).toBe('A001');
      const recent = (await store.read((r) => r.bookingsOfDay('rovigo', '2026-12-01')))[0]!;
      expect(recent.citizen.codiceFiscale).toBe('RSSMRA80A01H501U');
      expect(await store.removePersonalData('2026-09-01', new Date())).toEqual({ bookings: 0, tickets: 0 });
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
}

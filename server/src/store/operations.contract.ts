// The store contract of what runs the service: staff accounts, the station registry, self-tests, alerts,
// kiosk statistics, KPI rollups, calendar changes and dead letters. Run by storeContract for every store.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { outboxMessage, type StoreFactory } from './store.contract.ts';
import type {
  CalendarChange,
  KioskSessionStat,
  SelfTestRun,
  StaffSession,
  StationAlert,
  Store,
  StoredStaffAccount,
  StoredStation,
} from './store.ts';
import { DuplicateKeyError } from './store.ts';

const account = (username: string, overrides: Partial<StoredStaffAccount> = {}): StoredStaffAccount => ({
  username,
  name: `Name of ${username}`,
  roles: ['official'],
  passwordHash: 'scrypt$32768$8$1$c2FsdA==$aGFzaA==',
  createdAt: '2026-11-01T08:00:00.000Z',
  updatedAt: '2026-11-01T08:00:00.000Z',
  ...overrides,
});

const session = (tokenHash: string, username: string): StaffSession => ({
  tokenHash,
  username,
  roles: ['official'],
  createdAt: '2026-11-28T08:00:00.000Z',
  expiresAt: '2099-01-01T00:00:00.000Z',
});

const station = (id: string, overrides: Partial<StoredStation> = {}): StoredStation => ({
  id,
  name: `Postazione ${id}`,
  kind: 'municipal',
  host: 'Comune di Adria',
  address: 'Corso Vittorio Emanuele II 49',
  sede: 'rovigo',
  comune: 'Adria',
  devices: ['reader', 'printer'],
  createdAt: '2026-11-01T08:00:00.000Z',
  updatedAt: '2026-11-01T08:00:00.000Z',
  ...overrides,
});

const selfTest = (id: string, requestedAt: string, overrides: Partial<SelfTestRun> = {}): SelfTestRun => ({
  id,
  station: 'adria',
  requestedBy: 'tecnico',
  requestedAt,
  print: false,
  status: 'queued',
  ...overrides,
});

const alert = (id: string, overrides: Partial<StationAlert> = {}): StationAlert => ({
  id,
  station: 'adria',
  kind: 'offline',
  raisedAt: '2026-11-28T09:00:00.000Z',
  ...overrides,
});

const kioskSession = (id: string, endedAt: string, overrides: Partial<KioskSessionStat> = {}) =>
  ({
    id,
    station: 'adria',
    sede: 'rovigo',
    startedAt: endedAt,
    endedAt,
    language: 'it',
    identification: 'cns',
    outcome: 'ticket',
    ...overrides,
  }) satisfies KioskSessionStat;

const change = (id: string, overrides: Partial<CalendarChange> = {}): CalendarChange => ({
  id,
  sede: 'rovigo',
  kind: 'closure',
  from: '2026-12-03',
  to: '2026-12-03',
  reason: 'Sciopero',
  rebooking: 'offer',
  createdBy: 'direttore.rovigo',
  createdAt: '2026-11-28T09:00:00.000Z',
  pending: ['AAAAAAAA', 'BBBBBBBB'],
  handled: [],
  ...overrides,
});

export function operationsContract(name: string, factory: StoreFactory): void {
  describe(`${name} store contract: operations`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await factory.create();
    });
    afterEach(async () => {
      await store.close();
    });

    it('keeps staff accounts by username, and a disabled person loses every session at once', async () => {
      await store.transaction(async (tx) => {
        await tx.putStaffAccount(account('rossi'));
        await tx.putStaffAccount(account('bianchi', { roles: ['counter'] }));
        await tx.insertSession(session('s1', 'rossi'));
        await tx.insertSession(session('s2', 'rossi'));
        await tx.insertSession(session('s3', 'bianchi'));
      });
      const ended = await store.transaction(async (tx) => {
        await tx.putStaffAccount(account('rossi', { disabledAt: '2026-11-28T10:00:00.000Z' }));
        return tx.deleteSessionsOf('rossi');
      });
      expect(ended).toBe(2);
      store = await factory.reopen(store);
      expect((await store.read((r) => r.staffAccounts())).map((a) => a.username)).toEqual([
        'bianchi',
        'rossi',
      ]);
      expect(await store.read((r) => r.staffAccount('rossi'))).toMatchObject({
        disabledAt: '2026-11-28T10:00:00.000Z',
      });
      expect(await store.read((r) => r.sessionByTokenHash('s1'))).toBeUndefined();
      expect(await store.read((r) => r.sessionByTokenHash('s3'))).toMatchObject({ username: 'bianchi' });
      expect(await store.read((r) => r.staffAccount('nobody'))).toBeUndefined();
    });

    it('keeps the station registry, and a revoked credential stops working', async () => {
      await store.transaction(async (tx) => {
        await tx.putStation(station('adria'));
        await tx.putStation(station('ischia', { sede: 'napoli', comune: 'Ischia' }));
        await tx.putStationCredential({ station: 'adria', tokenHash: 't-adria', issuedAt: '2026-11-28' });
      });
      await store.transaction((tx) => tx.putStation(station('adria', { name: 'Adria, piano terra' })));
      expect(await store.transaction((tx) => tx.deleteStationCredential('adria'))).toBe(true);
      expect(await store.transaction((tx) => tx.deleteStationCredential('adria'))).toBe(false);
      store = await factory.reopen(store);
      expect((await store.read((r) => r.stations())).map((s) => [s.id, s.name])).toEqual([
        ['adria', 'Adria, piano terra'],
        ['ischia', 'Postazione ischia'],
      ]);
      expect(await store.read((r) => r.stationByTokenHash('t-adria'))).toBeUndefined();
      const devices = {
        reader: 'ok',
        printer: 'paper-out',
        scanner: 'ok',
        camera: { page: 'ok', device: true },
      } as const;
      await store.transaction(async (tx) => {
        await tx.putStationStatus({
          station: 'adria',
          lastHeartbeatAt: '2026-11-28T09:00:00.000Z',
          agentVersion: '1',
          uptimeSeconds: 5,
          devices,
        });
        await tx.putStationStatus({
          station: 'ischia',
          lastHeartbeatAt: '2026-11-28T09:00:01.000Z',
          agentVersion: '1',
          uptimeSeconds: 6,
          devices,
        });
      });
      expect(await store.read((r) => r.stationStatus('ischia'))).toMatchObject({ uptimeSeconds: 6 });
      expect(await store.read((r) => r.stationStatus('nowhere'))).toBeUndefined();
    });

    it('keeps the newest ten self-tests of a station, newest first', async () => {
      await store.transaction(async (tx) => {
        for (let i = 0; i < 12; i++)
          await tx.putSelfTestRun(selfTest(`r${i}`, `2026-11-28T09:${String(i).padStart(2, '0')}:00.000Z`));
        await tx.putSelfTestRun(selfTest('other', '2026-11-28T08:00:00.000Z', { station: 'ischia' }));
      });
      await store.transaction((tx) =>
        tx.putSelfTestRun(
          selfTest('r11', '2026-11-28T09:11:00.000Z', { status: 'done', result: { ok: true } }),
        ),
      );
      store = await factory.reopen(store);
      const runs = await store.read((r) => r.selfTestRuns('adria'));
      expect(runs.map((r) => r.id)).toEqual(['r11', 'r10', 'r9', 'r8', 'r7', 'r6', 'r5', 'r4', 'r3', 'r2']);
      expect(await store.read((r) => r.selfTestRun('r11'))).toMatchObject({
        status: 'done',
        result: { ok: true },
      });
      expect((await store.read((r) => r.selfTestRuns('ischia'))).map((r) => r.id)).toEqual(['other']);
    });

    it('lists open alerts and those cleared since a time, newest first', async () => {
      await store.transaction(async (tx) => {
        await tx.putAlert(
          alert('old', { raisedAt: '2026-11-20T09:00:00.000Z', clearedAt: '2026-11-20T10:00:00.000Z' }),
        );
        await tx.putAlert(
          alert('recent', { raisedAt: '2026-11-28T08:00:00.000Z', clearedAt: '2026-11-28T08:30:00.000Z' }),
        );
        await tx.putAlert(alert('open', { kind: 'paper-out', raisedAt: '2026-11-28T09:00:00.000Z' }));
      });
      await store.transaction((tx) =>
        tx.putAlert(
          alert('open', {
            kind: 'paper-out',
            raisedAt: '2026-11-28T09:00:00.000Z',
            raisedMailedAt: '2026-11-28T09:00:05.000Z',
          }),
        ),
      );
      store = await factory.reopen(store);
      const alerts = await store.read((r) => r.alerts('2026-11-27T00:00:00.000Z'));
      expect(alerts.map((a) => a.id)).toEqual(['open', 'recent']);
      expect(alerts[0]).toMatchObject({ raisedMailedAt: '2026-11-28T09:00:05.000Z' });
      await store.transaction((tx) => tx.putAlert(alert('ischia-open', { station: 'ischia' })));
      expect(
        (await store.read((r) => r.alerts('2026-11-27T00:00:00.000Z', 'ischia'))).map((a) => a.id),
      ).toEqual(['ischia-open']);
    });

    it("keeps an alert's mail bookkeeping, and a field put back without it is gone (a lease ended)", async () => {
      const leased = alert('a', {
        since: '2026-11-28T08:50:00.000Z',
        raisedMailId: 'm1',
        mailLeaseUntil: '2026-11-28T09:01:00.000Z',
        mailAttempts: 2,
        mailRetryAt: '2026-11-28T09:00:30.000Z',
        mailError: 'connect ECONNREFUSED',
      });
      await store.transaction((tx) => tx.putAlert(leased));
      store = await factory.reopen(store);
      expect((await store.read((r) => r.alerts('2026-11-28T00:00:00.000Z')))[0]).toEqual(leased);
      const sent = { ...leased, raisedMailedAt: '2026-11-28T09:01:00.000Z' };
      delete sent.mailLeaseUntil;
      delete sent.mailAttempts;
      delete sent.mailRetryAt;
      delete sent.mailError;
      await store.transaction((tx) => tx.putAlert(sent));
      store = await factory.reopen(store);
      expect((await store.read((r) => r.alerts('2026-11-28T00:00:00.000Z')))[0]).toEqual(sent);
    });

    it('files kiosk sessions by sede and the day they ended, once each', async () => {
      await store.transaction(async (tx) => {
        await tx.appendKioskSession(kioskSession('k1', '2026-11-27T23:30:00.000Z', { rating: 5 }));
        await tx.appendKioskSession(kioskSession('k2', '2026-11-28T09:00:00.000Z', { language: 'ar' }));
        await tx.appendKioskSession(kioskSession('k3', '2026-11-28T09:05:00.000Z', { sede: 'napoli' }));
      });
      await expect(
        store.transaction((tx) => tx.appendKioskSession(kioskSession('k2', '2026-11-28T09:00:00.000Z'))),
      ).rejects.toBeInstanceOf(DuplicateKeyError);
      store = await factory.reopen(store);
      // 23:30 UTC on the 27th is already the 28th in Rome.
      expect(
        (await store.read((r) => r.kioskSessionsOfDay('rovigo', '2026-11-28'))).map((s) => s.id),
      ).toEqual(['k1', 'k2']);
      expect(await store.read((r) => r.kioskSessionsOfDay('rovigo', '2026-11-27'))).toEqual([]);
    });

    it('keeps one KPI rollup per sede and day, read by range across years', async () => {
      const rollup = (sede: string, day: string, version = 1) => ({
        sede,
        day,
        version,
        computedAt: '2026-11-28T01:00:00.000Z',
        stats: { arrivals: day.length },
      });
      await store.transaction(async (tx) => {
        for (const day of ['2025-12-30', '2025-12-31', '2026-01-01', '2026-01-02'])
          await tx.putDayStats(rollup('rovigo', day));
        await tx.putDayStats(rollup('napoli', '2026-01-01'));
      });
      await store.transaction((tx) => tx.putDayStats(rollup('rovigo', '2026-01-01', 2)));
      store = await factory.reopen(store);
      const days = await store.read((r) => r.dayStats('rovigo', '2025-12-31', '2026-01-01'));
      expect(days.map((d) => [d.day, d.version])).toEqual([
        ['2025-12-31', 1],
        ['2026-01-01', 2],
      ]);
      expect(days[0]!.stats).toEqual({ arrivals: 10 });
    });

    it('keeps calendar changes with their progress, newest first, by sede', async () => {
      await store.transaction(async (tx) => {
        await tx.putCalendarChange(change('c1'));
        await tx.putCalendarChange(change('c2', { sede: 'napoli', createdAt: '2026-11-28T10:00:00.000Z' }));
      });
      await store.transaction((tx) =>
        tx.putCalendarChange(
          change('c1', {
            pending: ['BBBBBBBB'],
            handled: [{ code: 'AAAAAAAA', result: 'offered', at: '2026-11-28T09:00:01.000Z' }],
          }),
        ),
      );
      store = await factory.reopen(store);
      expect(await store.read((r) => r.calendarChange('c1'))).toMatchObject({
        pending: ['BBBBBBBB'],
        handled: [{ code: 'AAAAAAAA', result: 'offered' }],
      });
      expect((await store.read((r) => r.calendarChanges('rovigo'))).map((c) => c.id)).toEqual(['c1']);
      expect((await store.read((r) => r.calendarChanges())).map((c) => c.id)).toEqual(['c2', 'c1']);
    });

    it('retries or cancels a dead letter, and nothing else', async () => {
      const T = Date.parse('2026-11-30T08:00:00.000Z');
      await store.transaction(async (tx) => {
        await tx.enqueueMessage(outboxMessage('dead-1'));
        await tx.enqueueMessage(outboxMessage('dead-2'));
        await tx.enqueueMessage(
          outboxMessage('pending-1', { dueAt: new Date(T + 86_400_000).toISOString() }),
        );
      });
      await store.claimDueMessages({ now: new Date(T), limit: 10, leaseMs: 60_000, worker: 'w' });
      for (const id of ['dead-1', 'dead-2'])
        await store.failMessage(id, 'w', { now: new Date(T), error: 'refused', final: 'dead' });
      const now = new Date(T + 3_600_000);
      expect(await store.transaction((tx) => tx.resolveDeadMessage('pending-1', 'retry', now))).toBe(false);
      expect(await store.transaction((tx) => tx.resolveDeadMessage('nothing', 'cancel', now))).toBe(false);
      expect(await store.transaction((tx) => tx.resolveDeadMessage('dead-1', 'retry', now))).toBe(true);
      expect(await store.transaction((tx) => tx.resolveDeadMessage('dead-2', 'cancel', now))).toBe(true);
      expect(await store.transaction((tx) => tx.resolveDeadMessage('dead-2', 'retry', now))).toBe(false);
      store = await factory.reopen(store);
      const list = (status: 'pending' | 'dead' | 'cancelled') =>
        store.read((r) => r.outboxMessages({ status, limit: 10, bookingCode: 'AAAAAAAA' }));
      expect(await list('dead')).toEqual([]);
      expect((await list('cancelled')).map((m) => m.id)).toEqual(['dead-2']);
      const retried = (await list('pending')).find((m) => m.id === 'dead-1');
      expect(retried).toMatchObject({ status: 'pending', attempts: 0, dueAt: now.toISOString() });
      expect(retried?.lease).toBeUndefined();
      // Due now: the next claim takes it, counting its first new try.
      const taken = await store.claimDueMessages({ now, limit: 10, leaseMs: 60_000, worker: 'w2' });
      expect(taken.map((m) => [m.id, m.attempts])).toEqual([['dead-1', 1]]);
    });
  });
}

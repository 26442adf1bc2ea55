import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { defaultConfigDir, loadConfig } from '../config/load-config.ts';
import type { AppContext } from '../context.ts';
import { LowdbStore } from '../store/lowdb/lowdb-store.ts';
import { booking, callRecord } from '../store/store.contract.ts';
import { REMOVED } from '../store/store.ts';
import { runRetention } from './retention-job.ts';

describe('retention job', () => {
  it('removes personal data from bookings and calls older than the configured retention, and only from those', async () => {
    const config = await loadConfig(defaultConfigDir());
    const now = new Date('2026-11-28T01:00:00Z');
    const store = await LowdbStore.open({
      dataDir: await mkdtemp(path.join(tmpdir(), 'sportello-retention-')),
      now: () => now,
    });
    const ctx: AppContext = {
      config,
      store,
      clock: () => now,
      secret: Buffer.alloc(32),
      log: pino({ level: 'silent' }),
    };
    const days = config.server.retentionDays;
    const old = new Date(now.getTime() - (days + 1) * 86_400_000).toISOString();
    const kept = new Date(now.getTime() - (days - 1) * 86_400_000).toISOString();
    await store.transaction(async (tx) => {
      await tx.insertBooking({
        ...booking('OLD00000', old),
        mode: 'callback',
        callback: {
          attempts: [
            { at: old, official: 'ro-laura-bianchi', result: 'no-answer', notes: 'la figlia dice…' },
          ],
          done: { at: old, official: 'ro-laura-bianchi', notes: 'spiegata la pratica' },
        },
      });
      await tx.insertBooking(booking('KEPT0000', kept));
      await tx.putCallRecord(
        callRecord('old-call', {
          startedAt: old,
          outcome: { outcome: 'answered', notes: 'x', recordedAt: old },
        }),
      );
      await tx.putCallRecord(callRecord('kept-call', { startedAt: kept }));
    });

    await runRetention(ctx);

    const all = await store.read(async (r) => [
      ...(await r.bookingsOfDay('rovigo', old.slice(0, 10))),
      ...(await r.bookingsOfDay('rovigo', kept.slice(0, 10))),
    ]);
    const oldBooking = all.find((b) => b.code === 'OLD00000');
    expect(oldBooking?.citizen.codiceFiscale).toBe(REMOVED);
    expect(oldBooking?.callback?.attempts[0]).toMatchObject({ result: 'no-answer' });
    expect(oldBooking?.callback?.attempts[0]?.notes).toBeUndefined();
    expect(oldBooking?.callback?.done?.notes).toBeUndefined();
    expect(all.find((b) => b.code === 'KEPT0000')?.citizen.codiceFiscale).toBe('RSSMRA80A01H501U');
    const [oldCall] = await store.read((r) => r.callRecordsOfDay('rovigo', old.slice(0, 10)));
    expect(oldCall).toMatchObject({ callId: 'old-call', outcome: { outcome: 'answered' } });
    expect(oldCall?.citizen).toBeUndefined();
    expect(oldCall?.assistedBy).toBeUndefined();
    expect(oldCall?.outcome?.notes).toBeUndefined();
    expect((await store.read((r) => r.callRecord('kept-call')))?.citizen?.codiceFiscale).toBe(
      'RSSMRA80A01H501U',
    );
    await store.close();
  });
});

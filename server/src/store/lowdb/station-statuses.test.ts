// Heartbeats in the lowdb store: written behind, in a file of their own (rewriting every station's status on
// each heartbeat cannot keep up with 10,000 stations), never lost by a clean stop, moved out of fleet.json.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { StationStatus } from '../store.ts';
import { LowdbStore } from './lowdb-store.ts';

const status = (station: string, at: string): StationStatus => ({
  station,
  lastHeartbeatAt: at,
  agentVersion: '0.1.0',
  uptimeSeconds: 60,
  devices: { reader: 'ok', printer: 'ok', scanner: 'ok', camera: { page: 'ok', device: true } },
});

const onDisk = async (dataDir: string) =>
  JSON.parse(
    await readFile(path.join(dataDir, 'station-statuses.json'), 'utf8').catch(() => '{"statuses":[]}'),
  ).statuses as StationStatus[];

afterEach(() => void vi.useRealTimers());

describe('heartbeats in the lowdb store', () => {
  it('answers at once with the latest, writes the file within seconds, and a stop writes what is left', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const dataDir = await mkdtemp(path.join(tmpdir(), 'sportello-statuses-'));
    const store = await LowdbStore.open({ dataDir });
    await store.transaction((tx) => tx.putStationStatus(status('adria', '2026-11-30T08:00:00.000Z')));
    await store.transaction((tx) => tx.putStationStatus(status('adria', '2026-11-30T08:00:30.000Z')));
    expect((await store.read((r) => r.stationStatuses())).map((s) => s.lastHeartbeatAt)).toEqual([
      '2026-11-30T08:00:30.000Z',
    ]);
    expect(await onDisk(dataDir)).toEqual([]);

    vi.advanceTimersByTime(5_000);
    // The write behind goes to the journal, and the next checkpoint, seconds later, into the file. Both sync to
    // the disk, which takes real time: waited for on a timer the test does not fake.
    for (let i = 0; i < 400 && (await onDisk(dataDir)).length === 0; i++) {
      vi.advanceTimersByTime(2_000);
      await sleep(25);
    }
    expect((await onDisk(dataDir)).map((s) => s.lastHeartbeatAt)).toEqual(['2026-11-30T08:00:30.000Z']);

    await store.transaction((tx) => tx.putStationStatus(status('ischia', '2026-11-30T08:01:00.000Z')));
    await store.close();
    expect((await onDisk(dataDir)).map((s) => s.station).sort()).toEqual(['adria', 'ischia']);
  });

  it('rolls a heartbeat back with its transaction', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'sportello-statuses-'));
    const store = await LowdbStore.open({ dataDir });
    await store.transaction((tx) => tx.putStationStatus(status('adria', '2026-11-30T08:00:00.000Z')));
    await expect(
      store.transaction(async (tx) => {
        await tx.putStationStatus(status('adria', '2026-11-30T09:00:00.000Z'));
        throw new Error('no');
      }),
    ).rejects.toThrow('no');
    expect((await store.read((r) => r.stationStatuses()))[0]?.lastHeartbeatAt).toBe(
      '2026-11-30T08:00:00.000Z',
    );
    await store.close();
  });

  it('moves the heartbeats of an older data folder out of fleet.json', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'sportello-statuses-'));
    const code = {
      codeHash: 'h',
      station: 'adria',
      createdBy: 'tecnico',
      createdAt: 'x',
      expiresAt: '2099-01-01',
    };
    await writeFile(
      path.join(dataDir, 'fleet.json'),
      JSON.stringify({ enrolmentCodes: [code], statuses: [status('adria', '2026-11-30T08:00:00.000Z')] }),
    );
    const store = await LowdbStore.open({ dataDir });
    expect(await store.read((r) => r.stationStatuses())).toHaveLength(1);
    expect(await store.read((r) => r.enrolmentCode('h'))).toMatchObject({ station: 'adria' });
    await store.close();
    const fleet = JSON.parse(await readFile(path.join(dataDir, 'fleet.json'), 'utf8'));
    expect(fleet.statuses).toBeUndefined();
    expect(await onDisk(dataDir)).toHaveLength(1);
  });
});

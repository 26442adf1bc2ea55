// The remote self-test on the agent: it waits for the idle kiosk and says so, checks each device, prints
// only when asked, and a run delivered twice is not run twice.
import type { DeviceHealth, PrintTicketBody, StationToServer } from '@sportello/protocol';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { AgentConfig } from '../config/agent-config.ts';
import { PrinterUnavailableError, type StationDevices } from '../devices/station-devices.ts';
import type { CameraCheck } from '../local-api/kiosk-link.ts';
import { createRemoteSelfTest, type KioskPresence } from './remote-self-test.ts';

const configured = AgentConfig.parse({
  serverUrl: 'http://127.0.0.1:1',
  devices: { reader: { kind: 'simulated' }, printer: { kind: 'simulated' } },
}).devices;

function fakeDevices(health: Partial<DeviceHealth> = {}) {
  const printed: PrintTicketBody[] = [];
  const state: DeviceHealth = {
    reader: 'ok',
    printer: 'ok',
    scanner: 'absent',
    camera: { page: 'unknown', device: true },
    ...health,
  };
  const devices = {
    health: async () => state,
    printTicket: async (body: PrintTicketBody) => {
      if (state.printer === 'paper-out') throw new PrinterUnavailableError('paper-out');
      printed.push(body);
      return { milliseconds: 12 };
    },
  } as unknown as StationDevices;
  return { devices, printed };
}

/** A kiosk whose citizen leaves when the test says so. */
function fakeKiosk(busy: boolean, camera: CameraCheck = 'ok') {
  let leave = () => {};
  const left = new Promise<void>((resolve) => (leave = resolve));
  const kiosk: KioskPresence & { citizenLeaves(): void } = {
    get idle() {
      return !busy;
    },
    whenIdle: () => (busy ? left : Promise.resolve()),
    checkCamera: async () => camera,
    citizenLeaves() {
      busy = false;
      leave();
    },
  };
  return kiosk;
}

function setUp(busy: boolean, health?: Partial<DeviceHealth>, camera?: CameraCheck) {
  const sent: StationToServer[] = [];
  const kiosk = fakeKiosk(busy, camera);
  const { devices, printed } = fakeDevices(health);
  const run = createRemoteSelfTest({
    devices,
    configured,
    kiosk,
    send: (message) => sent.push(message),
    agentVersion: 'test',
    log: pino({ level: 'silent' }),
  });
  return { sent, kiosk, printed, run };
}

describe('the remote self-test', () => {
  it('waits while a citizen uses the kiosk, saying so, and runs once they are gone', async () => {
    const { sent, kiosk, printed, run } = setUp(true);
    run({ id: 'r1', print: true });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(sent).toEqual([{ v: 1, type: 'self-test-status', id: 'r1', status: 'waiting-idle' }]);
    expect(printed).toHaveLength(0);

    kiosk.citizenLeaves();
    await expect.poll(() => sent.at(-1)?.type).toBe('self-test-result');
    expect(sent[1]).toEqual({ v: 1, type: 'self-test-status', id: 'r1', status: 'running' });
    const result = sent[2] as Extract<StationToServer, { type: 'self-test-result' }>;
    expect(result.result.checks.map((c) => [c.device, c.outcome, c.state])).toEqual([
      ['reader', 'ok', 'ok'],
      ['printer', 'ok', 'ok'],
      ['test-print', 'ok', 'printed'],
      ['scanner', 'not-configured', 'none'],
      ['camera', 'ok', 'ok'],
    ]);
    expect(printed).toHaveLength(1);
    expect(printed[0]!.heading).toContain('prova stampante');

    // Delivered again after a reconnection: the result is sent again, nothing is printed twice.
    run({ id: 'r1', print: true });
    expect(sent).toHaveLength(4);
    expect(sent[3]).toEqual(sent[2]);
    expect(printed).toHaveLength(1);
  });

  it('runs at once on an idle kiosk, prints nothing unless asked, and names each problem', async () => {
    const { sent, printed, run } = setUp(false, { printer: 'paper-out', reader: 'no-driver' }, 'denied');
    run({ id: 'r2', print: false });
    await expect.poll(() => sent.at(-1)?.type).toBe('self-test-result');
    expect(sent[0]).toMatchObject({ type: 'self-test-status', status: 'running' });
    const result = sent.at(-1) as Extract<StationToServer, { type: 'self-test-result' }>;
    expect(
      result.result.checks.filter((c) => c.outcome === 'problem').map((c) => [c.device, c.state]),
    ).toEqual([
      ['reader', 'no-driver'],
      ['printer', 'paper-out'],
      ['camera', 'denied'],
    ]);
    expect(result.result.checks.some((c) => c.device === 'test-print')).toBe(false);
    expect(printed).toHaveLength(0);
  });

  it('reports a test print the printer refused', async () => {
    const { sent, run } = setUp(false, { printer: 'paper-out' });
    run({ id: 'r3', print: true });
    await expect.poll(() => sent.at(-1)?.type).toBe('self-test-result');
    const result = sent.at(-1) as Extract<StationToServer, { type: 'self-test-result' }>;
    expect(result.result.checks.find((c) => c.device === 'test-print')).toEqual({
      device: 'test-print',
      outcome: 'problem',
      state: 'paper-out',
    });
  });
});

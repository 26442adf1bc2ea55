// Every device, every state the agent names and every way a run ends reads as plain Italian, never as the
// agent's code word.
import {
  printerStates,
  readerStates,
  selfTestDevices,
  selfTestFailures,
  type SelfTestRunView,
} from '@sportello/protocol';
import { describe, expect, it } from 'vitest';
import { selfTestDeviceText, selfTestProgressText, selfTestStateText } from './self-test-labels.ts';

const run = (overrides: Partial<SelfTestRunView>): SelfTestRunView => ({
  id: 'r1',
  station: 'adria-municipio',
  requestedBy: 'tecnico',
  requestedAt: '2026-11-30T08:00:00.000Z',
  print: false,
  status: 'queued',
  ...overrides,
});

describe('self-test labels', () => {
  it('name each device in Italian', () => {
    const names = selfTestDevices.map(selfTestDeviceText);
    expect(new Set(names).size).toBe(selfTestDevices.length);
    for (const name of names) expect(name).not.toMatch(/^[a-z-]+$/);
  });

  it('say every device state in words, not the agent’s code', () => {
    const states = [...printerStates, ...readerStates, 'denied', 'no-kiosk-page', 'no-answer', 'printed'];
    for (const state of states) {
      const text = selfTestStateText({ device: 'printer', outcome: 'problem', state });
      expect(text, state).not.toBe(state);
    }
    expect(selfTestStateText({ device: 'scanner', outcome: 'not-configured', state: 'none' })).toBe(
      'Non previsto su questa postazione',
    );
  });

  it('say what a run is doing, and why it ended without a result', () => {
    expect(selfTestProgressText(run({ status: 'queued' }), false)).toMatch(/non è collegata/);
    expect(selfTestProgressText(run({ status: 'waiting-idle' }), true)).toMatch(/chiosco sia libero/);
    const failures = selfTestFailures.map((failure) =>
      selfTestProgressText(run({ status: 'failed', failure, message: 'devices closed' }), true),
    );
    expect(new Set(failures).size).toBe(selfTestFailures.length);
    expect(failures.at(-1)).toMatch(/devices closed$/);
  });
});

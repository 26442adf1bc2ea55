// Which devices need a technician, and which agents are outdated.
import { describe, expect, it } from 'vitest';
import type { DeviceHealth } from '@sportello/protocol';
import { agentIsOutdated, deviceProblems, newestAgentVersion } from './fleet-health.ts';

const well: DeviceHealth = {
  reader: 'ok',
  printer: 'ok',
  scanner: 'ok',
  camera: { page: 'ok', device: true },
};

describe('device problems', () => {
  it('names an expected device that is missing, and ignores one the station was not meant to have', () => {
    const bare: DeviceHealth = {
      reader: 'absent',
      printer: 'absent',
      scanner: 'absent',
      camera: { page: 'unknown', device: false },
    };
    expect(deviceProblems(['reader', 'camera'], bare)).toEqual([
      { device: 'reader', state: 'absent' },
      { device: 'camera', state: 'absent' },
    ]);
    expect(deviceProblems([], bare)).toEqual([]);
    expect(deviceProblems(undefined, bare)).toEqual([]);
  });

  it('always names a printer that is not ok, and a device in error', () => {
    for (const printer of ['paper-near-end', 'paper-out', 'cover-open', 'offline'] as const)
      expect(deviceProblems([], { ...well, printer })).toEqual([{ device: 'printer', state: printer }]);
    expect(deviceProblems([], { ...well, reader: 'error', scanner: 'error' })).toEqual([
      { device: 'reader', state: 'error' },
      { device: 'scanner', state: 'error' },
    ]);
    expect(deviceProblems(['reader', 'printer', 'scanner', 'camera'], well)).toEqual([]);
  });

  it('names a camera the page was refused, but not one it has not tried yet', () => {
    expect(deviceProblems(['camera'], { ...well, camera: { page: 'denied', device: true } })).toEqual([
      { device: 'camera', state: 'denied' },
    ]);
    expect(deviceProblems(['camera'], { ...well, camera: { page: 'unknown', device: true } })).toEqual([]);
  });
});

describe('agent versions', () => {
  it('measures against the newest well-formed version, and takes an unreadable one as outdated', () => {
    const newest = newestAgentVersion(['0.1.0', '0.10.0', '0.9.3', 'e2e']);
    expect(newest).toBe('0.10.0');
    expect(agentIsOutdated('0.9.3', newest)).toBe(true);
    expect(agentIsOutdated('0.10.0', newest)).toBe(false);
    expect(agentIsOutdated('e2e', newest)).toBe(true);
  });
});

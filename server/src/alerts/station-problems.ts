// What is wrong at one station now, from its registry entry and its last heartbeat: the problems the
// alert engine raises an alert for, each named by kind and detail (one open alert per kind and detail).
import type { AlertKind, DeviceHealth, Station } from '@sportello/protocol';
import type { StationStatus } from '../store/store.ts';

export interface StationProblem {
  kind: AlertKind;
  /** e.g. "printer: cover-open"; absent for "offline" and "paper-out". */
  detail?: string;
  /** Since when it is known, when earlier than now (offline: the last heartbeat). */
  since?: string;
}

/** The key that makes an alert "the same problem": an open alert is never raised twice for it. */
export const problemKey = (p: { kind: AlertKind; detail?: string }): string => `${p.kind}|${p.detail ?? ''}`;

/**
 * A station that never sent a heartbeat is not yet installed and has no problem; one silent for longer
 * than `offlineMinutes` is offline, and its devices are then unknown: they are not judged (their alerts
 * stay as they were until it speaks again). Otherwise: the printer out of paper; a device in a fault state
 * (cover open, printer offline, reader or scanner in error, camera refused); an expected device missing.
 * Silence counts only from `listeningSince` (when this server started): while the server was down, the
 * stations' heartbeats had nowhere to go.
 */
export function stationProblems(
  station: Station,
  status: StationStatus | undefined,
  now: Date,
  offlineMinutes: number,
  listeningSince?: Date,
): StationProblem[] | 'offline' {
  if (!status) return [];
  const silentFrom = Math.max(Date.parse(status.lastHeartbeatAt), listeningSince?.getTime() ?? 0);
  if (now.getTime() - silentFrom > offlineMinutes * 60_000) return 'offline';
  return deviceProblems(status.devices, new Set(station.devices ?? []));
}

function deviceProblems(devices: DeviceHealth, expected: Set<string>): StationProblem[] {
  const problems: StationProblem[] = [];
  const device = (name: string, state: string) =>
    problems.push({ kind: 'device', detail: `${name}: ${state}` });
  const { printer, reader, scanner, camera } = devices;

  if (printer === 'paper-out') problems.push({ kind: 'paper-out' });
  else if (printer === 'cover-open' || printer === 'offline') device('printer', printer);
  else if (printer === 'absent' && expected.has('printer')) device('printer', 'absent');

  if (reader === 'error' || reader === 'no-driver') device('reader', reader);
  else if (reader === 'absent' && expected.has('reader')) device('reader', 'absent');

  if (scanner === 'error') device('scanner', 'error');
  else if (scanner === 'absent' && expected.has('scanner')) device('scanner', 'absent');

  // The page's answer counts only where a camera is expected: a reception kiosk has none by design.
  if (expected.has('camera')) {
    if (!camera.device) device('camera', 'absent');
    else if (camera.page === 'denied' || camera.page === 'error') device('camera', camera.page);
  }
  return problems;
}

// One station's health as the technician sees it, from its last heartbeat: online or since when offline,
// which devices need a technician, whether its agent is outdated. Pure functions, tested beside.
import semver from 'semver';
import type {
  DeviceHealth,
  DeviceProblem,
  SelfTestSummary,
  Station,
  StationDeviceName,
  StationHealth,
} from '@sportello/protocol';
import type { SelfTestRun, StationStatus } from '../store/store.ts';

/** The newest well-formed version among these (the current release's is always among them). */
export function newestAgentVersion(versions: readonly string[]): string {
  let newest: string | undefined;
  for (const version of new Set(versions)) {
    if (!semver.valid(version)) continue;
    if (newest === undefined || semver.gt(version, newest)) newest = version;
  }
  return newest ?? versions[0] ?? '0.0.0';
}

/** Older than the newest: to be updated. A version that is not semver cannot be trusted to be current. */
export function agentIsOutdated(version: string, newest: string): boolean {
  return !semver.valid(version) || semver.lt(version, newest);
}

/**
 * The devices that need a technician: an expected device missing or failing, any device in error, and a
 * printer that is not ok (paper low or out, cover open, offline). A camera the kiosk page has not tried
 * yet ("unknown") is not a problem.
 */
export function deviceProblems(
  expected: readonly StationDeviceName[] | undefined,
  devices: DeviceHealth,
): DeviceProblem[] {
  const wanted = new Set(expected ?? []);
  const problems: DeviceProblem[] = [];
  const add = (device: StationDeviceName, state: string) => problems.push({ device, state });
  if (devices.reader === 'error' || (wanted.has('reader') && devices.reader !== 'ok'))
    add('reader', devices.reader);
  if (devices.printer !== 'ok' && (devices.printer !== 'absent' || wanted.has('printer')))
    add('printer', devices.printer);
  if (devices.scanner === 'error' || (wanted.has('scanner') && devices.scanner !== 'ok'))
    add('scanner', devices.scanner);
  const camera = devices.camera;
  if (wanted.has('camera') && !camera.device) add('camera', 'absent');
  else if (
    camera.page === 'error' ||
    (wanted.has('camera') && camera.page !== 'ok' && camera.page !== 'unknown')
  )
    add('camera', camera.page);
  return problems;
}

function selfTestSummary(run: SelfTestRun): SelfTestSummary {
  return {
    id: run.id,
    status: run.status,
    requestedAt: run.requestedAt,
    ...(run.finishedAt ? { finishedAt: run.finishedAt } : {}),
    ...(run.error ? { error: run.error } : {}),
  };
}

export function stationHealth(input: {
  station: Station;
  status: StationStatus | undefined;
  enrolled: boolean;
  lastSelfTest: SelfTestRun | undefined;
  now: Date;
  /** A station is offline this long after its last heartbeat. */
  offlineMs: number;
  outdated: (version: string) => boolean;
}): StationHealth {
  const { station, status } = input;
  const offlineAt = status ? Date.parse(status.lastHeartbeatAt) + input.offlineMs : undefined;
  const online = offlineAt !== undefined && offlineAt > input.now.getTime();
  return {
    station,
    enrolled: input.enrolled,
    online,
    offlineSince: !online && offlineAt !== undefined ? new Date(offlineAt).toISOString() : null,
    lastHeartbeatAt: status?.lastHeartbeatAt ?? null,
    agentVersion: status?.agentVersion ?? null,
    agentOutdated: status ? input.outdated(status.agentVersion) : false,
    uptimeSeconds: status?.uptimeSeconds ?? null,
    devices: status?.devices ?? null,
    page: status?.page ?? null,
    problems: status ? deviceProblems(station.devices, status.devices) : [],
    lastSelfTest: input.lastSelfTest ? selfTestSummary(input.lastSelfTest) : null,
  };
}

// The self-test a technician runs from the console: it waits until no citizen is using the kiosk (saying
// so meanwhile), then checks each device of the running agent — a test print only when asked, the camera
// through the kiosk page — and reports one line per device. One run at a time; a run delivered again (the
// channel reconnected) is not run twice: its last report is sent again instead.
import {
  STATION_CHANNEL_VERSION,
  type SelfTestCheck,
  type SelfTestResult,
  type StationToServer,
} from '@sportello/protocol';
import type { Logger } from 'pino';
import type { LoadedAgentConfig } from '../config/agent-config.ts';
import { PrinterUnavailableError, type StationDevices } from '../devices/station-devices.ts';
import type { CameraCheck } from '../local-api/kiosk-link.ts';

/** What the self-test needs of the kiosk page. */
export interface KioskPresence {
  readonly idle: boolean;
  whenIdle(): Promise<void>;
  checkCamera(): Promise<CameraCheck>;
}

export interface RemoteSelfTestOptions {
  devices: StationDevices;
  /** Which devices the station has at all ("none" is not a fault). */
  configured: LoadedAgentConfig['devices'];
  kiosk: KioskPresence;
  send(message: StationToServer): void;
  agentVersion: string;
  log: Logger;
  /** The test print's date line (tests fix it). */
  now?: () => Date;
}

export function createRemoteSelfTest(options: RemoteSelfTestOptions) {
  const { log } = options;
  /** Runs seen: the last report of each, resent when the server delivers the run again. */
  const reports = new Map<string, StationToServer | null>();
  let queue: Promise<void> = Promise.resolve();

  const send = (id: string, message: StationToServer) => {
    reports.set(id, message);
    options.send(message);
  };

  const run = async (id: string, print: boolean) => {
    try {
      if (!options.kiosk.idle) {
        send(id, { v: STATION_CHANNEL_VERSION, type: 'self-test-status', id, status: 'waiting-idle' });
        log.info({ run: id }, 'self-test waits for the kiosk to be idle');
        await options.kiosk.whenIdle();
      }
      send(id, { v: STATION_CHANNEL_VERSION, type: 'self-test-status', id, status: 'running' });
      const result = await checkDevices(options, print);
      send(id, { v: STATION_CHANNEL_VERSION, type: 'self-test-result', id, result });
      log.info(
        { run: id, problems: result.checks.filter((c) => c.outcome === 'problem').length },
        'self-test done',
      );
    } catch (error) {
      log.error({ err: error, run: id }, 'self-test failed');
      const message = (error instanceof Error ? error.message : String(error)).slice(0, 200);
      send(id, { v: STATION_CHANNEL_VERSION, type: 'self-test-error', id, message });
    }
  };

  return (command: { id: string; print: boolean }): void => {
    if (reports.has(command.id)) {
      const last = reports.get(command.id);
      if (last) options.send(last);
      return;
    }
    reports.set(command.id, null);
    queue = queue.then(() => run(command.id, command.print));
  };
}

async function checkDevices(options: RemoteSelfTestOptions, print: boolean): Promise<SelfTestResult> {
  const { devices, configured } = options;
  const health = await devices.health();
  const checks: SelfTestCheck[] = [];

  if (configured.reader.kind === 'none')
    checks.push({ device: 'reader', outcome: 'not-configured', state: 'none' });
  else
    checks.push({
      device: 'reader',
      outcome: health.reader === 'ok' ? 'ok' : 'problem',
      state: health.reader,
    });

  if (configured.printer.kind === 'none')
    checks.push({ device: 'printer', outcome: 'not-configured', state: 'none' });
  else
    checks.push({
      device: 'printer',
      outcome: health.printer === 'ok' || health.printer === 'paper-near-end' ? 'ok' : 'problem',
      state: health.printer,
    });

  if (print && configured.printer.kind !== 'none') checks.push(await testPrint(options, health.printer));

  if (configured.scanner.kind === 'none')
    checks.push({ device: 'scanner', outcome: 'not-configured', state: 'none' });
  else
    checks.push({
      device: 'scanner',
      outcome: health.scanner === 'ok' ? 'ok' : 'problem',
      state: health.scanner,
    });

  const camera = await options.kiosk.checkCamera();
  checks.push({
    device: 'camera',
    outcome: camera === 'ok' ? 'ok' : 'problem',
    state: camera,
    detail: `video device ${health.camera.device ? 'present' : 'not found'}`,
  });
  return { checks, agentVersion: options.agentVersion };
}

async function testPrint(options: RemoteSelfTestOptions, state: string): Promise<SelfTestCheck> {
  const now = (options.now ?? (() => new Date()))();
  try {
    const result = await options.devices.printTicket({
      heading: 'Sportello — prova stampante',
      number: 'T000',
      service: 'Stampa di prova richiesta dal tecnico',
      details: [now.toLocaleString('it-IT', { timeZone: 'Europe/Rome' }), `Stato: ${state}`],
      footer: 'Se leggi questo biglietto, la stampante funziona.',
    });
    return {
      device: 'test-print',
      outcome: 'ok',
      state: 'printed',
      detail: `printed in ${result.milliseconds.toFixed(0)} ms`,
    };
  } catch (error) {
    if (error instanceof PrinterUnavailableError)
      return { device: 'test-print', outcome: 'problem', state: error.state };
    return { device: 'test-print', outcome: 'problem', state: 'error', detail: String(error).slice(0, 200) };
  }
}

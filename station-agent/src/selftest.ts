// `station-agent selftest`: what a technician runs after installing a station. Prints a test ticket,
// reads the card if one is in, and says for each device whether it works.
import type { Logger } from 'pino';
import type { LoadedAgentConfig } from './config/agent-config.ts';
import { createStationDevices } from './devices/create-station-devices.ts';
import { PrinterUnavailableError } from './devices/station-devices.ts';
import { DeviceEventHub } from './local-api/device-events.ts';
import { readCredential } from './server-link/credential-file.ts';
import { WebSocketServer } from 'ws';

const CARD_WAIT_MS = 3_000;

export async function runSelftest(
  config: LoadedAgentConfig,
  log: Logger,
  say: (line: string) => void,
): Promise<boolean> {
  let ok = true;
  const line = (passed: boolean | null, device: string, detail: string) => {
    if (passed === false) ok = false;
    say(`${passed === null ? '  -  ' : passed ? ' ok  ' : 'FAIL '} ${device.padEnd(12)} ${detail}`);
  };

  const { devices, attach } = await createStationDevices(config, log);
  const hub = new DeviceEventHub(new WebSocketServer({ noServer: true }));
  const card = new Promise<string>((resolve) => {
    const timer = setTimeout(
      () => resolve('no card in the reader (put one in to test reading)'),
      CARD_WAIT_MS,
    );
    hub.subscribe((event) => {
      if (event.type === 'card-read') {
        clearTimeout(timer);
        resolve(event.card.kind === 'cns' ? 'read a CNS / Tessera Sanitaria' : 'read a CIE (NIS)');
      } else if (event.type === 'card-error') {
        clearTimeout(timer);
        resolve(`error: ${event.code}`);
      }
    });
  });
  attach(hub);

  const health = await devices.health();
  const printerConfigured = config.devices.printer.kind !== 'none';
  if (printerConfigured) {
    try {
      const result = await devices.printTicket({
        heading: 'Sportello — prova stampante',
        number: 'T000',
        service: 'Stampa di prova',
        details: [
          new Date().toLocaleString('it-IT', { timeZone: 'Europe/Rome' }),
          `Stato: ${health.printer}`,
        ],
        footer: 'Se leggi questo biglietto, la stampante funziona.',
      });
      line(
        true,
        'printer',
        `test ticket printed in ${result.milliseconds.toFixed(1)} ms (${health.printer})`,
      );
    } catch (error) {
      line(
        false,
        'printer',
        error instanceof PrinterUnavailableError ? `cannot print: ${error.state}` : String(error),
      );
    }
  } else {
    line(null, 'printer', 'none configured');
  }

  if (config.devices.reader.kind === 'none') line(null, 'card reader', 'none configured');
  else if (health.reader !== 'ok') line(false, 'card reader', health.reader);
  else {
    const result = await card;
    line(!result.startsWith('error'), 'card reader', result);
  }

  if (config.devices.scanner.kind === 'none') line(null, 'scanner', 'none configured (or keyboard wedge)');
  else line(health.scanner === 'ok', 'scanner', health.scanner);

  line(
    null,
    'camera',
    `video device ${health.camera.device ? 'present' : 'not found'}; the kiosk page reports its own view`,
  );

  const credential = await readCredential(config.credentialFile).catch(() => null);
  if (!credential) line(false, 'server', 'not enrolled');
  else {
    const ready = await fetch(new URL('/readyz', credential.serverUrl), {
      signal: AbortSignal.timeout(5_000),
    }).then(
      (r) => r.ok,
      () => false,
    );
    line(
      ready,
      'server',
      `${credential.serverUrl} ${ready ? 'reachable' : 'unreachable'} as station "${credential.station}"`,
    );
  }

  await devices.close();
  return ok;
}

// Builds the station's devices from the agent config and turns their events into the DeviceEvents the
// kiosk page receives: a card put in is read at once, a scan is classified, state changes are pushed.
import type {
  CardData,
  DeviceEvent,
  DeviceHealth,
  PrintReceiptBody,
  PrintTicketBody,
} from '@sportello/protocol';
import { CardErrorCode } from '@sportello/protocol';
import { setTimeout as delay } from 'node:timers/promises';
import type { Logger } from 'pino';
import type { LoadedAgentConfig } from '../config/agent-config.ts';
import type { DeviceEventHub } from '../local-api/device-events.ts';
import { CameraHealth } from './camera/camera-health.ts';
import { hasVideoDevice } from './camera/video-device-check.ts';
import { CardBusyError, CardError, NoReaderError } from './card/card-errors.ts';
import type { CardReader } from './card/card-reader.ts';
import { PcscCardReader } from './card/pcsc-card-reader.ts';
import { SimulatedCardReader } from './card/simulated-card-reader.ts';
import { printedImages, printedLines, printedQrCodes } from './printer/escpos-decoder.ts';
import { PrinterNotReadyError } from './printer/printer-errors.ts';
import { createPrinter } from './printer/printer-factory.ts';
import type { Printer, PrintResult as PrinterPrintResult } from './printer/printer.ts';
import { SimulatedPrinter } from './printer/simulated-printer.ts';
import { createScanner } from './scanner/scanner-factory.ts';
import { SimulatedScanner } from './scanner/simulated-scanner.ts';
import { PrinterUnavailableError, type PrintResult, type StationDevices } from './station-devices.ts';

export type SimulatedCard = 'cns' | 'cie' | 'wrong' | 'mute';

const BUSY_RETRIES = 20;
const BUSY_RETRY_MS = 50;

/** Handles on the simulators, for the demo's control page and the tests; absent for real devices. */
export interface SimulatorControls {
  card?: { insert(card: SimulatedCard): Promise<void>; remove(): void; setPresent(present: boolean): void };
  printer?: {
    setPaper(level: 'ok' | 'near-end' | 'out'): Promise<unknown>;
    setCover(open: boolean): Promise<unknown>;
    setOnline(online: boolean): Promise<unknown>;
    /** Each printed document as its text lines, QR contents and how many pictures (Arabic, Ukrainian …). */
    printed(): { lines: string[]; qrCodes: string[]; images: number }[];
    /** A printed document (negative: from the end) as a PNG of the paper; undefined when there is none. */
    paper(index: number): Promise<Buffer | undefined>;
  };
  scanner?: { scan(text: string): void };
}

export interface CreatedDevices {
  devices: StationDevices;
  simulators: SimulatorControls;
  /** Starts pushing device events to the kiosk pages. */
  attach(hub: DeviceEventHub): void;
}

const protocolCardCode = (error: unknown): DeviceEvent & { type: 'card-error' } => {
  const code = error instanceof CardError ? error.code : 'unreadable';
  const parsed = CardErrorCode.safeParse(code);
  return {
    type: 'card-error',
    code: parsed.success ? parsed.data : 'unreadable',
    message: error instanceof Error ? error.message : 'card error',
  };
};

export async function createStationDevices(config: LoadedAgentConfig, log: Logger): Promise<CreatedDevices> {
  const readerConfig = config.devices.reader;
  const reader: CardReader | null =
    readerConfig.kind === 'simulated'
      ? new SimulatedCardReader()
      : readerConfig.kind === 'pcsc'
        ? new PcscCardReader({ readerName: readerConfig.readerName, pkcs11Module: readerConfig.pkcs11Module })
        : null;
  const printer: Printer = createPrinter(config.devices.printer, log);
  const scanner = createScanner(config.devices.scanner, log);
  const camera = new CameraHealth(() => hasVideoDevice({ dir: config.devices.videoDir }));

  await reader?.open();
  await printer.start();
  await scanner.start();

  const simulators: SimulatorControls = {};
  if (reader instanceof SimulatedCardReader) {
    const simulated = reader;
    simulators.card = {
      async insert(card) {
        // Loaded at the first card: its X.509 library would weigh on the agent's memory from start-up on.
        const { createMuteCard, createVirtualCie, createVirtualCns, createWrongCard } =
          await import('./card/virtual-cards.ts');
        const virtual =
          card === 'cns'
            ? await createVirtualCns()
            : card === 'cie'
              ? await createVirtualCie()
              : card === 'wrong'
                ? createWrongCard()
                : createMuteCard();
        simulated.insert(virtual);
      },
      remove: () => simulated.remove(),
      setPresent: (present) => simulated.setPresent(present),
    };
  }
  if (printer instanceof SimulatedPrinter) {
    const simulated = printer;
    simulators.printer = {
      setPaper: (level) => simulated.setPaper(level),
      setCover: (open) => simulated.setCover(open),
      setOnline: (online) => simulated.setOnline(online),
      printed: () =>
        simulated.printed.map((document) => ({
          lines: printedLines(document),
          qrCodes: printedQrCodes(document),
          images: printedImages(document).length,
        })),
      async paper(index) {
        const document = simulated.printed.at(index);
        if (!document) return undefined;
        // The drawing library is loaded only when someone looks at the paper.
        const { printedPaperPng } = await import('./printer/printed-paper.ts');
        return printedPaperPng(document, config.devices.printer.columns);
      },
    };
  }
  if (scanner instanceof SimulatedScanner) {
    const simulated = scanner;
    simulators.scanner = { scan: (text) => simulated.scan(text) };
  }

  // One card operation at a time, in order: the read that starts when a card goes in, then a signature.
  // A cancelled operation may hold the reader a moment longer, so "busy" is waited out, briefly.
  let cardQueue: Promise<unknown> = Promise.resolve();
  const cardOperation = <T>(run: () => Promise<T>): Promise<T> => {
    const attempt = async (left: number): Promise<T> => {
      try {
        return await run();
      } catch (error) {
        if (!(error instanceof CardBusyError) || left === 0) throw error;
        await delay(BUSY_RETRY_MS);
        return attempt(left - 1);
      }
    };
    const result = cardQueue.then(() => attempt(BUSY_RETRIES));
    cardQueue = result.catch(() => undefined);
    return result;
  };

  const print = async (job: () => Promise<PrinterPrintResult>): Promise<PrintResult> => {
    try {
      return { milliseconds: (await job()).elapsedMs };
    } catch (error) {
      if (error instanceof PrinterNotReadyError) throw new PrinterUnavailableError(error.state);
      throw error;
    }
  };

  const devices: CreatedDevices['devices'] = {
    async health(): Promise<DeviceHealth> {
      return {
        reader: reader?.state ?? 'absent',
        printer: printer.state,
        scanner: scanner.state,
        camera: await camera.health(),
      };
    },
    printTicket: (body: PrintTicketBody) => print(() => printer.printTicket(body)),
    printReceipt: (body: PrintReceiptBody) => print(() => printer.printReceipt(body)),
    reportCamera: (state) => camera.report(state),
    signChallenge: async (pin, challenge) => {
      if (!reader) throw new NoReaderError();
      // After the read that started when the card went in: one card operation at a time.
      return cardOperation(() => reader.signChallenge(pin, challenge));
    },
    async close() {
      await Promise.allSettled([reader?.close(), printer.stop(), scanner.stop()]);
    },
  };

  const attach = (hub: DeviceEventHub) => {
    hub.publish({ type: 'printer', state: printer.state });
    hub.publish({ type: 'reader', state: reader?.state ?? 'absent' });
    printer.on('state', (state) => hub.publish({ type: 'printer', state }));
    scanner.on('scan', (barcode) =>
      hub.publish({ type: 'barcode', kind: barcode.kind, value: barcode.value }),
    );
    reader?.subscribe((event) => {
      if (event.type === 'reader') return hub.publish({ type: 'reader', state: event.state });
      if (event.type === 'card-removed') return hub.publish({ type: 'card-removed' });
      hub.publish({ type: 'card-inserted' });
      // Read at once: the citizen put the card in to be recognised.
      cardOperation(() => reader.readCard()).then(
        (card: CardData) => hub.publish({ type: 'card-read', card }),
        (error: unknown) => {
          if (error instanceof CardError && error.code === 'cancelled') return;
          log.info({ code: error instanceof CardError ? error.code : 'unknown' }, 'card could not be read');
          hub.publish(protocolCardCode(error));
        },
      );
    });
  };

  return { devices, simulators, attach };
}

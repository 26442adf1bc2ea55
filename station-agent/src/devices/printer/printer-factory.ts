// Builds the station's printer from its config: the link (simulated, serial, USB device file, TCP 9100 or
// none) and the paper width. Also reads the short form used by env vars and the CLI, e.g. "serial:/dev/ttyUSB0".
import type { Logger } from 'pino';
import { z } from 'zod';
import { AbsentPrinter } from './absent-printer.ts';
import { DeviceFileTransport } from './device-file-transport.ts';
import { EscPosPrinter } from './escpos-printer.ts';
import type { Printer } from './printer.ts';
import { SerialTransport } from './serial-transport.ts';
import { SimulatedPrinter } from './simulated-printer.ts';
import { TcpTransport } from './tcp-transport.ts';

export const PrinterConnection = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('simulated') }),
  z.object({
    kind: z.literal('serial'),
    path: z.string().min(1),
    baudRate: z.number().int().positive().default(19200),
    rtscts: z.boolean().optional(),
  }),
  z.object({ kind: z.literal('device-file'), path: z.string().min(1) }),
  z.object({
    kind: z.literal('tcp'),
    host: z.string().min(1),
    port: z.number().int().min(1).max(65535).default(9100),
  }),
  z.object({ kind: z.literal('none') }),
]);
export type PrinterConnection = z.infer<typeof PrinterConnection>;

export const PrinterConfig = z.intersection(
  PrinterConnection,
  z.object({
    /** Characters per line in font A: 42 or 48 on 80 mm paper, 32 on 58 mm. */
    columns: z.union([z.literal(32), z.literal(35), z.literal(42), z.literal(44), z.literal(48)]).default(42),
    /**
     * Dots a line prints, for Arabic, Ukrainian and other scripts CP858 lacks, drawn as pictures: 576 on most
     * 80 mm printers, 512 on some, 384 on 58 mm. Default: 12 dots a column, always within the paper.
     */
    dotWidth: z.number().int().min(128).max(832).multipleOf(8).optional(),
    pollIntervalMs: z.number().int().positive().optional(),
  }),
);
export type PrinterConfig = z.infer<typeof PrinterConfig>;

export function createPrinter(config: PrinterConfig, log?: Pick<Logger, 'info' | 'warn'>): Printer {
  const { columns, dotWidth, pollIntervalMs } = config;
  switch (config.kind) {
    case 'simulated':
      return new SimulatedPrinter({ columns, dotWidth, pollIntervalMs, log });
    case 'none':
      return new AbsentPrinter();
    case 'serial': {
      const { path, baudRate, rtscts } = config;
      return new EscPosPrinter({
        transport: new SerialTransport({ path, baudRate, rtscts }),
        columns,
        dotWidth,
        pollIntervalMs,
        log,
      });
    }
    case 'device-file':
      return new EscPosPrinter({
        transport: new DeviceFileTransport({ path: config.path }),
        columns,
        dotWidth,
        pollIntervalMs,
        log,
      });
    case 'tcp': {
      const { host, port } = config;
      return new EscPosPrinter({
        transport: new TcpTransport({ host, port }),
        columns,
        dotWidth,
        pollIntervalMs,
        log,
      });
    }
  }
}

/**
 * Reads "simulated", "none", "serial:/dev/ttyUSB0[@19200]", "device-file:/dev/usb/lp0" or "tcp:host[:9100]".
 * Throws a ZodError naming what is wrong.
 */
export function parsePrinterConnection(spec: string): PrinterConnection {
  const [kind = '', rest = ''] = spec.split(/:(.*)/s);
  switch (kind) {
    case 'serial': {
      const [path, baudRate] = rest.split('@');
      return PrinterConnection.parse({ kind, path, baudRate: baudRate ? Number(baudRate) : undefined });
    }
    case 'tcp': {
      const [, host, port] = /^(.*?)(?::(\d+))?$/.exec(rest) ?? [];
      return PrinterConnection.parse({ kind, host, port: port ? Number(port) : undefined });
    }
    case 'device-file':
      return PrinterConnection.parse({ kind, path: rest });
    default:
      return PrinterConnection.parse({ kind });
  }
}

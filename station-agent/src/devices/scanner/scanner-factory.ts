// Builds the station's scanner from its config: simulated, HID (node-hid), USB-CDC serial, or none (no
// scanner, or a keyboard-wedge one typing into the page). Also reads "hid:0c2e:0b61", "serial:/dev/ttyACM0".
import type { Logger } from 'pino';
import { z } from 'zod';
import { AbsentScanner } from './absent-scanner.ts';
import { HidScanner } from './hid-scanner.ts';
import type { Scanner } from './scanner.ts';
import { SerialScanner } from './serial-scanner.ts';
import { SimulatedScanner } from './simulated-scanner.ts';

const usbId = z.number().int().min(0).max(0xffff);

export const ScannerConfig = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('simulated') }),
  z.object({
    kind: z.literal('hid'),
    vendorId: usbId,
    productId: usbId,
    reportFormat: z.enum(['hid-pos', 'keyboard']).optional(),
  }),
  z.object({
    kind: z.literal('serial'),
    path: z.string().min(1),
    baudRate: z.number().int().positive().default(9600),
  }),
  z.object({ kind: z.literal('none') }),
]);
export type ScannerConfig = z.infer<typeof ScannerConfig>;

export function createScanner(config: ScannerConfig, log?: Pick<Logger, 'warn'>): Scanner {
  switch (config.kind) {
    case 'simulated':
      return new SimulatedScanner();
    case 'hid':
      return new HidScanner({ ...config, log });
    case 'serial':
      return new SerialScanner({ ...config, log });
    case 'none':
      return new AbsentScanner();
  }
}

/** Reads "simulated", "none", "hid:VID:PID" (hex, as lsusb shows them) or "serial:/dev/ttyACM0[@9600]". */
export function parseScannerConnection(spec: string): ScannerConfig {
  const [kind = '', rest = ''] = spec.split(/:(.*)/s);
  if (kind === 'hid') {
    const [vendorId, productId] = rest
      .split(':')
      .map((hex) => (/^[0-9a-f]{1,4}$/i.test(hex) ? parseInt(hex, 16) : NaN));
    return ScannerConfig.parse({ kind, vendorId, productId });
  }
  if (kind === 'serial') {
    const [path, baudRate] = rest.split('@');
    return ScannerConfig.parse({ kind, path, baudRate: baudRate ? Number(baudRate) : undefined });
  }
  return ScannerConfig.parse({ kind });
}

// The agent's configuration file (JSON), validated at start: a mistake names the file and the key.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { PrinterConfig } from '../devices/printer/printer-factory.ts';
import { ScannerConfig } from '../devices/scanner/scanner-factory.ts';

const ReaderConfig = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('simulated'), card: z.enum(['none', 'cns', 'cie']).default('none') }),
  z.object({
    kind: z.literal('pcsc'),
    readerName: z.string().optional(),
    /** The card middleware's PKCS#11 module, for sign-in with the PIN; see the README. */
    pkcs11Module: z.string().optional(),
  }),
  z.object({ kind: z.literal('none') }),
]);

export const AgentConfig = z.strictObject({
  /** The central server, e.g. https://sportello.example.it */
  serverUrl: z.url(),
  /** Loopback port the kiosk page is served on. */
  port: z.number().int().min(1).max(65535).default(7300),
  /** Where the station credential is kept (mode 0600). Relative paths are from the config file. */
  credentialFile: z.string().default('station-credential.json'),
  /** The built kiosk bundle to serve. Relative paths are from the config file. */
  kioskDir: z.string().default('../kiosk/dist'),
  heartbeatSeconds: z.number().int().min(5).max(600).default(30),
  /** The kiosk's privacy timers: a countdown after this much inactivity, then the session ends. */
  kiosk: z
    .strictObject({
      idleWarnSeconds: z.number().int().min(2).max(600).default(60),
      idleEndSeconds: z.number().int().min(2).max(120).default(20),
    })
    .default({ idleWarnSeconds: 60, idleEndSeconds: 20 }),
  devices: z.strictObject({
    reader: ReaderConfig.default({ kind: 'none' }),
    /** Link and paper width; see devices/printer/printer-factory.ts. */
    printer: PrinterConfig.default({ kind: 'none', columns: 42 }),
    /** A keyboard-wedge scanner types into the kiosk page: configure it as "none" here. */
    scanner: ScannerConfig.default({ kind: 'none' }),
    /** Where video devices appear (Linux). */
    videoDir: z.string().default('/dev'),
  }),
});
export type AgentConfig = z.infer<typeof AgentConfig>;

export interface LoadedAgentConfig extends AgentConfig {
  /** Absolute path of the file it came from. */
  file: string;
}

export class AgentConfigError extends Error {
  override name = 'AgentConfigError';
}

export async function loadAgentConfig(file: string): Promise<LoadedAgentConfig> {
  const absolute = path.resolve(file);
  let text: string;
  try {
    text = await readFile(absolute, 'utf8');
  } catch (error) {
    throw new AgentConfigError(
      `${absolute}: cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new AgentConfigError(`${absolute}: not valid JSON (${(error as Error).message})`);
  }
  const parsed = AgentConfig.safeParse(json);
  if (!parsed.success) {
    const lines = parsed.error.issues.map(
      (issue) => `${absolute}: ${issue.path.join('.') || '(top level)'}: ${issue.message}`,
    );
    throw new AgentConfigError(lines.join('\n'));
  }
  const dir = path.dirname(absolute);
  return {
    ...parsed.data,
    credentialFile: path.resolve(dir, parsed.data.credentialFile),
    kioskDir: path.resolve(dir, parsed.data.kioskDir),
    file: absolute,
  };
}

// A real coturn (Debian's `coturn` package) for tests: TURN REST authentication with the given secret, UDP
// only, on a free loopback port, its log in a temporary folder. Tests skip when it is not installed.
import { spawn } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { turnCredential } from './ice-servers.ts';
import { probeTurn } from './turn-probe.ts';

export const TURNSERVER = '/usr/bin/turnserver';
export const haveCoturn = existsSync(TURNSERVER);
export const coturnMissing = `${TURNSERVER} is missing (apt-get install coturn)`;

export interface Coturn {
  /** turn:127.0.0.1:<port>?transport=udp */
  url: string;
  stop(): void;
}

/** A UDP port nobody listens on now. */
export async function freeUdpPort(): Promise<number> {
  const socket = createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const { port } = socket.address();
  await new Promise<void>((resolve) => socket.close(resolve));
  return port;
}

export async function startCoturn(secret: string): Promise<Coturn> {
  const port = await freeUdpPort();
  const url = `turn:127.0.0.1:${port}?transport=udp`;
  const logDir = await mkdtemp(path.join(tmpdir(), 'sportello-coturn-'));
  const child = spawn(
    TURNSERVER,
    [
      '--use-auth-secret',
      `--static-auth-secret=${secret}`,
      '--realm=sportello.test',
      '--listening-ip=127.0.0.1',
      `--listening-port=${port}`,
      '--no-cli',
      '--no-tls',
      '--no-dtls',
      '--no-tcp',
      `--pidfile=${path.join(logDir, 'turnserver.pid')}`,
      `--log-file=${path.join(logDir, 'turnserver.log')}`,
    ],
    { stdio: 'ignore' },
  );
  const stop = () => void child.kill();
  // coturn takes a second or two to listen: wait until it answers at all.
  const credential = turnCredential(secret, 'start-check', new Date(), 600);
  for (let tries = 0; ; tries++) {
    const result = await probeTurn({ url, ...credential, timeoutMs: 500 });
    if (result.status !== 'unreachable') return { url, stop };
    if (tries === 30 || child.exitCode !== null) {
      stop();
      throw new Error(`coturn did not start: ${await logOf(logDir)}`);
    }
  }
}

async function logOf(dir: string): Promise<string> {
  const files = (await readdir(dir)).filter((f) => f.includes('log'));
  const logs = await Promise.all(files.map((f) => readFile(path.join(dir, f), 'utf8')));
  return logs.join('\n').slice(-2000) || '(coturn wrote no log)';
}

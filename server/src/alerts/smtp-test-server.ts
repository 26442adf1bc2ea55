// A real SMTP server on loopback for tests (smtp-server, by nodemailer's authors): keeps every mail it is
// given, parsed, and can be stopped and started again on the same port, as an SMTP server that goes down.
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  from: string;
  to: string[];
  subject: string;
  text: string;
  messageId: string;
}

export class SmtpTestServer {
  readonly received: ReceivedMail[] = [];
  private server: SMTPServer | undefined;
  port = 0;

  /** Starts listening (again, on the same port after a stop). */
  async start(): Promise<this> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData: (stream, session, callback) => {
        simpleParser(stream).then(
          (mail) => {
            this.received.push({
              from: mail.from?.text ?? '',
              to: session.envelope.rcptTo.map((r) => r.address),
              subject: mail.subject ?? '',
              text: mail.text ?? '',
              messageId: mail.messageId ?? '',
            });
            callback();
          },
          (error: Error) => callback(error),
        );
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.server.address() as AddressInfo).port;
    this.server = server;
    return this;
  }

  /** Stops listening: senders are refused until `start` again. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  /** Resolves once `count` mails have arrived (or rejects after `timeoutMs`). */
  async waitFor(count: number, timeoutMs = 10_000): Promise<ReceivedMail[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.received.length < count) {
      if (Date.now() > deadline)
        throw new Error(
          `expected ${count} mails, got ${this.received.length}: ${this.received.map((m) => m.subject).join(' | ')}`,
        );
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return this.received;
  }
}

/**
 * A copy of a configuration folder whose server.json sends alert e-mails to `smtpUrl` (with the other
 * alert settings given), for tests that start a whole server.
 */
export async function configWithAlertMail(
  sourceDir: string,
  smtpUrl: string,
  alerts: Record<string, unknown> = {},
): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'sportello-config-'));
  await cp(sourceDir, dir, { recursive: true });
  const file = path.join(dir, 'server.json');
  const server = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
  server.alerts = {
    checkSeconds: 1,
    ...alerts,
    mail: {
      url: smtpUrl,
      from: 'Sportello INPS <avvisi@sportello.example.it>',
      to: ['tecnici@example.it'],
      timeoutSeconds: 5,
      ...(alerts.mail as object | undefined),
    },
  };
  await writeFile(file, JSON.stringify(server, null, 2));
  return dir;
}

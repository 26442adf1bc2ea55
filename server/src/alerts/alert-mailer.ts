// Sends the alert e-mails over SMTP: every raise and every clearance once, at most `maxPerWindow` mails in
// `windowMinutes` (what does not fit waits, then goes as one digest), and nothing lost while the SMTP server
// is down: an alert's `raisedMailedAt` / `clearedMailedAt` is set only once the server took the mail.
//
// A mail is claimed in one store transaction (the rate limit counted and the alerts marked with the mail's
// id and a lease), sent outside it, and recorded in another; a mailer on another instance skips alerts
// under a lease, so two never send the same alert. Only a crash between the SMTP server's answer and the
// record can repeat a mail, once the lease has run out; the repeat carries the same alert ids.
import { randomUUID } from 'node:crypto';
import type { AlertMailSettings } from '@sportello/protocol';
import nodemailer from 'nodemailer';
import type { Logger } from 'pino';
import { expandEnv } from '../notification/http-sms-gateway.ts';
import type { StationAlert, Store } from '../store/store.ts';
import { renderMail, type MailContext, type MailEvent, type MailItem } from './alert-mail.ts';

/** What sends one e-mail: nodemailer's transport, or a stand-in. */
export interface MailTransport {
  sendMail(mail: {
    from: string;
    to: string[];
    subject: string;
    text: string;
    messageId: string;
  }): Promise<unknown>;
  close?(): void;
}

export function smtpTransport(
  settings: AlertMailSettings,
  env: NodeJS.ProcessEnv = process.env,
): MailTransport {
  const timeout = settings.timeoutSeconds * 1000;
  const common = { connectionTimeout: timeout, greetingTimeout: timeout, socketTimeout: timeout };
  const auth = settings.auth && { user: settings.auth.user, pass: expandEnv(settings.auth.pass, env) };
  const transport = settings.url
    ? nodemailer.createTransport(expandEnv(settings.url, env), { ...common, ...(auth && { auth }) })
    : nodemailer.createTransport({
        host: settings.host,
        ...(settings.port !== undefined && { port: settings.port }),
        secure: settings.secure,
        ...(auth && { auth }),
        ...common,
      });
  return transport;
}

/** A claimed mail: its id and the alerts it tells of. */
interface ClaimedMail {
  id: string;
  items: MailItem[];
}

/** Unsent raises and clearances are looked for this far back (cleared alerts are kept 92 days). */
const HORIZON_MS = 30 * 86_400_000;

export interface AlertMailerOptions {
  store: Store;
  transport: MailTransport;
  settings: AlertMailSettings;
  clock: () => Date;
  log: Logger;
  context: () => Promise<MailContext>;
}

export class AlertMailer {
  private running: Promise<number> | undefined;
  private again = false;

  constructor(private readonly options: AlertMailerOptions) {}

  /** Sends what is due now; a call while one runs makes that run go round once more. Answers mails sent. */
  run(): Promise<number> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    const loop = async () => {
      let sent = 0;
      do {
        this.again = false;
        sent += await this.runOnce();
      } while (this.again);
      return sent;
    };
    this.running = loop().finally(() => (this.running = undefined));
    return this.running;
  }

  /** Waits for a run under way. */
  async idle(): Promise<void> {
    await this.running?.catch(() => undefined);
  }

  /** One claim and its sends; answers how many mails went out. */
  async runOnce(): Promise<number> {
    const mails = await this.claim();
    let sent = 0;
    for (const mail of mails) if (await this.send(mail)) sent++;
    return sent;
  }

  private leaseMs(): number {
    return this.options.settings.timeoutSeconds * 3 * 1000;
  }

  private async claim(): Promise<ClaimedMail[]> {
    const { store, clock, settings } = this.options;
    const now = clock();
    const at = now.toISOString();
    const windowStart = new Date(now.getTime() - settings.windowMinutes * 60_000).toISOString();
    return store.transaction(async (tx) => {
      const alerts = await tx.alerts(new Date(now.getTime() - HORIZON_MS).toISOString());
      const leased = (a: StationAlert) => a.mailLeaseUntil !== undefined && a.mailLeaseUntil > at;
      // Mails in the window: sent ones, and those another mailer is sending now.
      const inWindow = new Set<string>();
      for (const a of alerts) {
        if (a.raisedMailedAt && a.raisedMailedAt >= windowStart) inWindow.add(a.raisedMailId ?? `r:${a.id}`);
        if (a.clearedMailedAt && a.clearedMailedAt >= windowStart)
          inWindow.add(a.clearedMailId ?? `c:${a.id}`);
        if (leased(a)) {
          if (!a.raisedMailedAt && a.raisedMailId) inWindow.add(a.raisedMailId);
          if (!a.clearedMailedAt && a.clearedMailId) inWindow.add(a.clearedMailId);
        }
      }
      const due: MailItem[] = [];
      for (const alert of alerts) {
        if (leased(alert) || (alert.mailRetryAt && alert.mailRetryAt > at)) continue;
        const events: MailEvent[] = [];
        if (!alert.raisedMailedAt) events.push('raised');
        if (alert.clearedAt && !alert.clearedMailedAt) events.push('cleared');
        if (events.length > 0) due.push({ alert, events });
      }
      const room = settings.maxPerWindow - inWindow.size;
      if (due.length === 0 || room <= 0) return [];
      // Oldest first, so that a digest and single mails tell things in the order they happened.
      due.sort((a, b) => a.alert.raisedAt.localeCompare(b.alert.raisedAt));
      const groups = due.length <= room ? due.map((item) => [item]) : [due];
      const leaseUntil = new Date(now.getTime() + this.leaseMs()).toISOString();
      const mails: ClaimedMail[] = [];
      for (const items of groups) {
        const id = randomUUID();
        const claimed = [];
        for (const { alert, events } of items) {
          const marked: StationAlert = {
            ...alert,
            mailLeaseUntil: leaseUntil,
            ...(events.includes('raised') && { raisedMailId: id }),
            ...(events.includes('cleared') && { clearedMailId: id }),
          };
          await tx.putAlert(marked);
          claimed.push({ alert: marked, events });
        }
        mails.push({ id, items: claimed });
      }
      return mails;
    });
  }

  private async send(mail: ClaimedMail): Promise<boolean> {
    const { store, transport, settings, clock, log } = this.options;
    const about = { mail: mail.id, alerts: mail.items.map((i) => i.alert.id) };
    let failure: string | undefined;
    try {
      const rendered = renderMail(mail.items, await this.options.context());
      await transport.sendMail({
        from: settings.from,
        to: settings.to,
        subject: rendered.subject,
        text: rendered.text,
        messageId: `<${mail.id}@sportello.alerts>`,
      });
    } catch (error) {
      failure = error instanceof Error ? error.message : String(error);
    }
    const now = clock();
    const at = now.toISOString();
    const ids = new Set(about.alerts);
    try {
      await store.transaction(async (tx) => {
        const alerts = (await tx.alerts(new Date(now.getTime() - HORIZON_MS).toISOString())).filter((a) =>
          ids.has(a.id),
        );
        for (const alert of alerts) {
          const next: StationAlert = { ...alert };
          delete next.mailLeaseUntil;
          if (failure === undefined) {
            if (next.raisedMailId === mail.id && !next.raisedMailedAt) next.raisedMailedAt = at;
            if (next.clearedMailId === mail.id && !next.clearedMailedAt) next.clearedMailedAt = at;
            delete next.mailAttempts;
            delete next.mailRetryAt;
            delete next.mailError;
          } else {
            if (next.raisedMailId === mail.id && !next.raisedMailedAt) delete next.raisedMailId;
            if (next.clearedMailId === mail.id && !next.clearedMailedAt) delete next.clearedMailId;
            const attempts = (next.mailAttempts ?? 0) + 1;
            const delay = Math.min(settings.retrySeconds * 2 ** (attempts - 1), settings.maxRetrySeconds);
            next.mailAttempts = attempts;
            next.mailRetryAt = new Date(now.getTime() + delay * 1000).toISOString();
            next.mailError = failure.slice(0, 300);
          }
          await tx.putAlert(next);
        }
      });
    } catch (error) {
      // The lease runs out and the alerts are mailed again: better twice than never.
      log.error({ ...about, err: error }, 'alerts: could not record an e-mail');
      return false;
    }
    if (failure === undefined) log.info({ ...about, to: settings.to.length }, 'alert e-mail sent');
    else log.warn({ ...about, problem: failure }, 'alert e-mail not sent; will retry');
    return failure === undefined;
  }
}

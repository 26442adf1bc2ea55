// Alerts to the technicians: what is wrong at a station (offline, printer out of paper, a device
// missing or in error), the settings of the engine that raises and clears them, and of the e-mail that
// tells the technicians.
import { z } from 'zod';

export const alertKinds = ['offline', 'paper-out', 'device'] as const;
export const AlertKind = z.enum(alertKinds);
export type AlertKind = z.infer<typeof AlertKind>;

/** SMTP for the alert e-mails: a URL, or host and port; `${env:NAME}` keeps a password out of the file. */
export const AlertMailSettings = z
  .object({
    /** smtp://host:port or smtps://host:port (TLS from the start), e.g. "smtp://mail.example.it:587". */
    url: z
      .string()
      .regex(/^smtps?:\/\/\S+$/, 'expected smtp://host:port or smtps://host:port')
      .optional(),
    host: z.string().min(1).optional(),
    port: z.number().int().min(1).max(65535).optional(),
    /** TLS from the start (port 465); otherwise STARTTLS is used when the server offers it. */
    secure: z.boolean().default(false),
    /** `pass` may be `${env:NAME}`: the variable's value is used. */
    auth: z.object({ user: z.string().min(1), pass: z.string().min(1) }).optional(),
    /** The sender, e.g. "Sportello INPS <avvisi-sportello@example.it>". */
    from: z.string().min(3),
    /** The technicians' addresses. */
    to: z.array(z.email()).min(1),
    /** At most this many e-mails in `windowMinutes`; beyond that the alerts wait and go as one digest. */
    maxPerWindow: z.number().int().min(1).max(1000).default(10),
    windowMinutes: z.number().int().min(1).max(1440).default(60),
    /** A mail the SMTP server did not take is tried again after this, doubled after each failure. */
    retrySeconds: z.number().int().min(1).max(3600).default(30),
    maxRetrySeconds: z.number().int().min(1).max(86_400).default(1800),
    /** Time allowed to connect and hand over one mail. */
    timeoutSeconds: z.number().int().min(1).max(120).default(20),
  })
  .superRefine((mail, ctx) => {
    if ((mail.url === undefined) === (mail.host === undefined))
      ctx.addIssue({ code: 'custom', path: ['url'], message: 'give either "url" or "host", not both' });
    if (mail.url !== undefined && mail.port !== undefined)
      ctx.addIssue({ code: 'custom', path: ['port'], message: 'the port goes in "url"' });
    if (mail.maxRetrySeconds < mail.retrySeconds)
      ctx.addIssue({
        code: 'custom',
        path: ['maxRetrySeconds'],
        message: `must not be below retrySeconds (${mail.retrySeconds})`,
      });
  });
export type AlertMailSettings = z.infer<typeof AlertMailSettings>;

export const AlertSettings = z.object({
  /** A station that sent no heartbeat for this long raises an "offline" alert. */
  offlineMinutes: z.number().int().min(1).max(1440).default(10),
  /** The whole fleet is looked at this often (besides each heartbeat), and unsent mail tried again. */
  checkSeconds: z.number().int().min(1).max(600).default(30),
  /** Without it, alerts show in the console only. */
  mail: AlertMailSettings.optional(),
});
export type AlertSettings = z.infer<typeof AlertSettings>;

/** An alert as the console shows it, with the station's names. */
export const AlertView = z.object({
  id: z.string(),
  station: z.string(),
  /** The station's name, sede and comune as the registry has them (the id when it was removed). */
  stationName: z.string(),
  sede: z.string().nullable(),
  comune: z.string().nullable(),
  kind: AlertKind,
  /** What is wrong in the technicians' words, e.g. "printer: cover-open". */
  detail: z.string().nullable(),
  /** Since when it is known: an offline station's last heartbeat; otherwise when it was raised. */
  since: z.iso.datetime({ offset: true }),
  raisedAt: z.iso.datetime({ offset: true }),
  clearedAt: z.iso.datetime({ offset: true }).nullable(),
  raisedMailedAt: z.iso.datetime({ offset: true }).nullable(),
  clearedMailedAt: z.iso.datetime({ offset: true }).nullable(),
});
export type AlertView = z.infer<typeof AlertView>;

export const AlertListResponse = z.object({
  /** Open alerts first (newest first), then those cleared in the last `clearedHours`. */
  alerts: z.array(AlertView),
  open: z.number().int(),
  clearedHours: z.number().int(),
  /** Whether the alerts are also sent by e-mail (server.alerts.mail is configured). */
  mail: z.boolean(),
});
export type AlertListResponse = z.infer<typeof AlertListResponse>;

// SMS notifications: config/notifications.json (provider, gateway, reminders, retries) and the
// admin views of the outbox, the durable queue every SMS goes through.
import { z } from 'zod';
import { Language } from './config.ts';

export const messageKinds = [
  'confirmation',
  'reminder',
  'reschedule',
  'cancellation',
  'missed-call',
  /** A queue ticket's number, sent when the printer could not print it. */
  'ticket',
  /** "Tocca a te tra poco": a waiting ticket is near the front, to the mobile number given at the kiosk. */
  'ticket-almost',
  /** The office closed or the official is absent at the booked time: a link to choose a new one. */
  'rebook-offer',
] as const;
export const MessageKind = z.enum(messageKinds);
export type MessageKind = z.infer<typeof MessageKind>;

/** pending (waiting or being sent) → sent, dead (gave up after retries) or cancelled (no longer wanted). */
export const messageStatuses = ['pending', 'sent', 'dead', 'cancelled'] as const;
export const MessageStatus = z.enum(messageStatuses);
export type MessageStatus = z.infer<typeof MessageStatus>;

/** What a gateway's URL and body template may use, each written {{name}}. */
export const gatewayPlaceholders = ['to', 'toDigits', 'text', 'sender', 'id'] as const;
const placeholderPattern = /\{\{\s*([^}]*?)\s*\}\}/g;

/** Every {{name}} in a template value, with its place inside it. */
export function placeholdersIn(
  value: unknown,
  at: PropertyKey[] = [],
): { at: PropertyKey[]; name: string }[] {
  if (typeof value === 'string')
    return [...value.matchAll(placeholderPattern)].map((m) => ({ at, name: m[1]! }));
  if (Array.isArray(value)) return value.flatMap((item, i) => placeholdersIn(item, [...at, i]));
  if (typeof value === 'object' && value !== null)
    return Object.entries(value).flatMap(([key, item]) => placeholdersIn(item, [...at, key]));
  return [];
}

/** One or more HTTP statuses or classes, comma-separated: "2xx", "200,201". */
const statusList = z
  .string()
  .regex(/^\s*([1-5](xx|\d\d))(\s*,\s*[1-5](xx|\d\d))*\s*$/, 'expected statuses like "2xx" or "200,202"');

/** A generic HTTPS SMS gateway: enough to describe Skebby, Aruba, Esendex, Twilio or Vonage. */
export const SmsGatewaySettings = z
  .object({
    /** May carry placeholders, URL-encoded when filled (gateways that take GET parameters). */
    url: z.url(),
    method: z.enum(['GET', 'POST', 'PUT']).default('POST'),
    /** Sent as given; `${env:NAME}` is replaced by that environment variable, so keys stay out of the file. */
    headers: z.record(z.string(), z.string()).default({}),
    /** Header carrying the message id, so a gateway that honours it drops a repeated send. */
    idempotencyHeader: z.string().min(1).optional(),
    bodyFormat: z.enum(['json', 'form']).default('json'),
    /** The request body; string values may carry placeholders. */
    bodyTemplate: z.record(z.string(), z.json()).optional(),
    timeoutMilliseconds: z.number().int().min(100).max(60_000).default(10_000),
    /** When the gateway has accepted a message: the status, and optionally a JSON field's value. */
    success: z
      .object({
        status: statusList.default('2xx'),
        jsonPath: z.string().min(1).optional(),
        equals: z.union([z.string(), z.number(), z.boolean()]).optional(),
      })
      .prefault({}),
    /** Where the gateway's own message id is in its JSON answer, e.g. "order_id" or "messages[0].id". */
    messageIdPath: z.string().min(1).optional(),
  })
  .superRefine((gateway, ctx) => {
    const found = [
      ...placeholdersIn(gateway.url, ['url']),
      ...placeholdersIn(gateway.bodyTemplate ?? {}, ['bodyTemplate']),
    ];
    for (const { at, name } of found) {
      if (!(gatewayPlaceholders as readonly string[]).includes(name))
        ctx.addIssue({
          code: 'custom',
          path: at,
          message: `unknown placeholder {{${name}}}; use ${gatewayPlaceholders.map((p) => `{{${p}}}`).join(', ')}`,
        });
    }
    for (const needed of ['text', 'to'] as const) {
      if (!found.some((p) => p.name === needed || (needed === 'to' && p.name === 'toDigits')))
        ctx.addIssue({
          code: 'custom',
          path: ['bodyTemplate'],
          message: `the url or the body template must carry {{${needed}}}`,
        });
    }
    if (gateway.method === 'GET' && gateway.bodyTemplate)
      ctx.addIssue({ code: 'custom', path: ['bodyTemplate'], message: 'a GET request has no body' });
    if (gateway.success.equals !== undefined && gateway.success.jsonPath === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['success', 'equals'],
        message: 'needs "jsonPath" to say what to compare',
      });
  });
export type SmsGatewaySettings = z.infer<typeof SmsGatewaySettings>;

const leadMinutes = z.number().int().min(5).max(1440).default(30);
const smsLanguageChoice = z.enum(['own', 'it', 'en']).default('own');

export const NotificationSettings = z
  .object({
    /** dev keeps messages in memory for the console and tests; http sends them through `gateway`. */
    provider: z.enum(['dev', 'http']),
    /** Alphanumeric sender, registered in AGCOM's alias register through the provider. */
    senderName: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9 .-]{0,10}$/, 'at most 11 letters, digits, spaces, . or -'),
    /** The reminder goes this many minutes before the appointment, per contact mode. */
    reminderLeadMinutes: z
      .object({ inPerson: leadMinutes, callback: leadMinutes, webMeeting: leadMinutes })
      .prefault({}),
    /**
     * Ukrainian and Arabic SMS need UCS-2, about three times the segments of a Latin text: per language,
     * its own script ("own", the default) or an Italian or English text instead.
     */
    smsLanguage: z.object({ uk: smsLanguageChoice, ar: smsLanguageChoice }).prefault({}),
    retry: z
      .object({
        /** Tries before a message becomes dead (visible to admins). */
        maxAttempts: z.number().int().min(1).max(20).default(6),
        /** Wait after the first failure; doubled after each further one, up to maxDelaySeconds. */
        firstDelaySeconds: z.number().int().min(1).max(3600).default(30),
        maxDelaySeconds: z.number().int().min(1).max(86_400).default(3600),
      })
      .prefault({}),
    worker: z
      .object({
        pollMilliseconds: z.number().int().min(10).max(60_000).default(1000),
        batchSize: z.number().int().min(1).max(500).default(20),
        /** A claimed message is another worker's to retry once this has passed without an answer. */
        leaseSeconds: z.number().int().min(5).max(3600).default(120),
      })
      .prefault({}),
    gateway: SmsGatewaySettings.optional(),
  })
  .superRefine((settings, ctx) => {
    if (settings.provider === 'http' && !settings.gateway)
      ctx.addIssue({ code: 'custom', path: ['gateway'], message: 'required when "provider" is "http"' });
    if (settings.retry.maxDelaySeconds < settings.retry.firstDelaySeconds)
      ctx.addIssue({
        code: 'custom',
        path: ['retry', 'maxDelaySeconds'],
        message: `must not be below firstDelaySeconds (${settings.retry.firstDelaySeconds})`,
      });
    const timeout = settings.gateway?.timeoutMilliseconds;
    if (timeout !== undefined && settings.worker.leaseSeconds * 1000 < 2 * timeout)
      ctx.addIssue({
        code: 'custom',
        path: ['worker', 'leaseSeconds'],
        message: `must be at least twice gateway.timeoutMilliseconds (${timeout} ms), or a slow send is taken over and sent twice`,
      });
  });
export type NotificationSettings = z.infer<typeof NotificationSettings>;

// ---- admin views ----

export const OutboxMessageView = z
  .object({
    id: z.string(),
    kind: MessageKind,
    bookingCode: z.string(),
    /** Masked: "+39347***4567". */
    to: z.string(),
    language: Language,
    status: MessageStatus,
    attempts: z.number().int(),
    dueAt: z.string(),
    createdAt: z.string(),
    finishedAt: z.string().optional(),
    lastError: z.string().optional(),
    providerMessageId: z.string().optional(),
  })
  .meta({ id: 'OutboxMessage' });
export type OutboxMessageView = z.infer<typeof OutboxMessageView>;

export const MessagesQuery = z.strictObject({
  status: MessageStatus,
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export const MessagesResponse = z.object({ messages: z.array(OutboxMessageView) });

/** What the development provider kept instead of sending. */
export const DevSms = z.object({
  id: z.string(),
  /** The outbox message id. */
  ref: z.string(),
  /** Masked like everywhere else. */
  to: z.string(),
  text: z.string(),
  receivedAt: z.string(),
});
export type DevSms = z.infer<typeof DevSms>;
export const DevSmsResponse = z.object({ messages: z.array(DevSms) });

export const MissedCallResponse = z.object({ messageId: z.string() });

// The station agent's loopback API as the kiosk page sees it: device events pushed over its WebSocket,
// and the commands it takes over HTTP. Also the device states the agent reports in its heartbeat.
import { z } from 'zod';
import { languages } from './languages.ts';

/** What a card told us without a PIN. CNS / Tessera Sanitaria carry personal data; a CIE only its NIS. */
export const CardData = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('cns'),
    codiceFiscale: z.string(),
    firstName: z.string(),
    lastName: z.string(),
    /** YYYY-MM-DD */
    birthDate: z.string(),
    /** YYYY-MM-DD */
    expiry: z.string(),
  }),
  z.object({
    kind: z.literal('cie'),
    /** Numero Identificativo per i Servizi: 12 digits, identifies the card, not the person. */
    nis: z.string().regex(/^\d{12}$/),
  }),
]);
export type CardData = z.infer<typeof CardData>;

export const cardErrorCodes = [
  'unreadable',
  'unsupported-card',
  'removed-during-read',
  'mute',
  'no-driver',
  'expired',
] as const;
export const CardErrorCode = z.enum(cardErrorCodes);

export const printerStates = [
  'ok',
  'paper-near-end',
  'paper-out',
  'cover-open',
  'offline',
  'absent',
] as const;
export const PrinterState = z.enum(printerStates);
export type PrinterState = z.infer<typeof PrinterState>;

export const readerStates = ['ok', 'absent', 'no-driver', 'error'] as const;
export const ReaderState = z.enum(readerStates);
export type ReaderState = z.infer<typeof ReaderState>;

export const DeviceEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('card-inserted') }),
  z.object({ type: z.literal('card-read'), card: CardData }),
  z.object({ type: z.literal('card-removed') }),
  z.object({ type: z.literal('card-error'), code: CardErrorCode, message: z.string() }),
  z.object({
    type: z.literal('barcode'),
    /** codice-fiscale: a Tessera Sanitaria's Code 39; booking: a booking QR; other: anything else. */
    kind: z.enum(['codice-fiscale', 'booking', 'other']),
    value: z.string(),
  }),
  z.object({ type: z.literal('printer'), state: PrinterState }),
  z.object({ type: z.literal('reader'), state: ReaderState }),
  z.object({ type: z.literal('server'), online: z.boolean() }),
]);
export type DeviceEvent = z.infer<typeof DeviceEvent>;

/** Everything the agent knows about its devices, as the heartbeat carries it. */
export const DeviceHealth = z.object({
  reader: ReaderState,
  printer: PrinterState,
  scanner: z.enum(['ok', 'absent', 'error']),
  /** As the kiosk page last reported it after getUserMedia, and whether a video device exists. */
  camera: z.object({ page: z.enum(['ok', 'denied', 'absent', 'error', 'unknown']), device: z.boolean() }),
});
export type DeviceHealth = z.infer<typeof DeviceHealth>;

const printLine = z.string().max(200);

/** A queue ticket as the kiosk asks for it, already in the citizen's words. */
export const PrintTicketBody = z.object({
  /** Sede name, printed at the top. */
  heading: printLine,
  /** Printed large, e.g. "N007". */
  number: z.string().min(1).max(8),
  service: printLine,
  /** Date and time, estimated wait, … one line each. */
  details: z.array(printLine).max(8),
  /** For following the queue on one's phone. */
  qr: z.object({ url: z.url().max(500), caption: printLine }).optional(),
  footer: printLine.optional(),
});
export type PrintTicketBody = z.infer<typeof PrintTicketBody>;

/** A booking receipt: the code large, then mode, date and time, where or how, admission, privacy. */
export const PrintReceiptBody = z.object({
  heading: printLine,
  title: printLine,
  /** The booking code, printed large. */
  code: z.string().min(1).max(12),
  details: z.array(printLine).max(12),
  qr: z.object({ url: z.url().max(500), caption: printLine }).optional(),
  footer: printLine.optional(),
});
export type PrintReceiptBody = z.infer<typeof PrintReceiptBody>;

/** The longest line the kiosk asks to hear: a screen is read line by line, and a line is a sentence or two. */
export const maxSpokenLine = 1000;

/** POST /agent/speech: a line of the screen spoken in the screen's language; the answer is a WAV. */
export const SpeakBody = z.object({
  text: z
    .string()
    .trim()
    .min(1, 'nothing to say')
    .max(maxSpokenLine, `at most ${maxSpokenLine} characters a line`),
  lang: z.enum(languages, { error: `one of ${languages.join(', ')}` }),
});
export type SpeakBody = z.infer<typeof SpeakBody>;

/** Longer than any number with its spaces and +: the kiosk's keypad field stops at 16. */
export const maxTypedPhone = 32;

/** POST /agent/phone/check: a number typed at the kiosk, checked by the agent so the rules stay out of the page. */
export const PhoneCheckBody = z.object({
  number: z.string().trim().min(1, 'nothing typed').max(maxTypedPhone, `at most ${maxTypedPhone} characters`),
});
export type PhoneCheckBody = z.infer<typeof PhoneCheckBody>;

/** The agent's answer: the number in E.164, whether it takes SMS and how to show it, or that it is no number. */
export type PhoneCheck =
  | { valid: true; e164: string; mobile: boolean; formatted: string }
  | { valid: false; reason: 'not_a_number' };

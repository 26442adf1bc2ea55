// The SMS each booking change causes, rendered and enqueued inside the caller's transaction: the
// message exists if and only if the change does, and the worker sends it later.
import { randomUUID } from 'node:crypto';
import { pooledRandomBytes } from '../auth/random-pool.ts';
import { parsePhone, type Booking, type Language, type MessageKind } from '@sportello/protocol';
import { sedeOf, serviceOf } from '../catalog/catalog.ts';
import type { AppContext } from '../context.ts';
import type { StoredBooking, StoreTx } from '../store/store.ts';
import { renderMessage, smsLanguage, type MessageFacts } from './message-templates.ts';
import { reminderDueAt, reminderWanted } from './reminders.ts';

/**
 * A new booking: the confirmation now (with the admission code, known in clear only here), a reminder later.
 * `holdUntil`: the confirmation waits until then unless released sooner (a Teams meeting being made).
 * Answers the confirmation's id, if one was enqueued.
 */
export async function queueConfirmation(
  ctx: AppContext,
  tx: StoreTx,
  booking: Booking,
  admissionCode: string,
  holdUntil?: Date,
): Promise<string | undefined> {
  if (!reachableBySms(booking)) return undefined;
  const id = await enqueue(ctx, tx, 'confirmation', booking, holdUntil ?? ctx.clock(), admissionCode);
  await queueReminder(ctx, tx, booking);
  return id;
}

/** A moved booking: the new time now, and the reminder moved with it. */
export async function queueReschedule(ctx: AppContext, tx: StoreTx, booking: Booking): Promise<void> {
  if (!reachableBySms(booking)) return;
  await tx.cancelPendingMessages(booking.code, ['reminder', 'reschedule', 'rebook-offer'], ctx.clock());
  await enqueue(ctx, tx, 'reschedule', booking, ctx.clock());
  await queueReminder(ctx, tx, booking);
}

export async function queueCancellation(ctx: AppContext, tx: StoreTx, booking: Booking): Promise<void> {
  if (!reachableBySms(booking)) return;
  await tx.cancelPendingMessages(booking.code, ['reminder', 'reschedule', 'rebook-offer'], ctx.clock());
  await enqueue(ctx, tx, 'cancellation', booking, ctx.clock());
}

/**
 * The office can no longer keep the booking's time: the reminder of that time is dropped and the citizen gets
 * a link to their booking page to choose another. The booking must carry its page's token. Answers whether
 * an SMS was enqueued (a landline takes none).
 */
export async function queueRebookOffer(
  ctx: AppContext,
  tx: StoreTx,
  booking: StoredBooking,
): Promise<boolean> {
  await tx.cancelPendingMessages(booking.code, ['reminder', 'rebook-offer'], ctx.clock());
  if (!reachableBySms(booking)) return false;
  await enqueue(ctx, tx, 'rebook-offer', booking, ctx.clock());
  return true;
}

/** The citizen's booking page: `/p/<code>.<token>`; the token alone proves the link came from our SMS. */
export function selfServiceUrl(
  ctx: AppContext,
  booking: Pick<StoredBooking, 'code' | 'selfServiceToken'>,
): string {
  const base = ctx.config.server.publicUrl.replace(/\/+$/, '');
  return `${base}/p/${booking.code}.${booking.selfServiceToken}`;
}

/** Missed-call SMS one booking may cause, however the official reports the unanswered calls. */
export const MISSED_CALL_SMS_PER_BOOKING = 3;

/**
 * An official phoned a callback and nobody answered: tell the citizen, inside the transaction that records
 * the attempt with the message id. Answers that id, or undefined when the number takes no SMS or the
 * booking has had its share of them.
 */
export async function queueMissedCall(
  ctx: AppContext,
  tx: StoreTx,
  booking: StoredBooking,
): Promise<string | undefined> {
  if (!reachableBySms(booking) || missedCallSmsSent(booking) >= MISSED_CALL_SMS_PER_BOOKING) return undefined;
  return enqueue(ctx, tx, 'missed-call', booking, ctx.clock());
}

/** Counted on the booking's recorded attempts: every missed-call SMS is sent with one. */
export function missedCallSmsSent(booking: StoredBooking): number {
  return booking.callback?.attempts.filter((a) => a.messageId !== undefined).length ?? 0;
}

/** A callback may be booked on a landline: an SMS to it would fail at the gateway and be retried for nothing. */
export function reachableBySms(booking: Pick<Booking, 'citizen'>): boolean {
  return parsePhone(booking.citizen.phone)?.mobile ?? false;
}

async function queueReminder(ctx: AppContext, tx: StoreTx, booking: Booking): Promise<void> {
  const settings = ctx.config.notifications;
  if (!reminderWanted(settings, booking, ctx.clock())) return;
  await enqueue(ctx, tx, 'reminder', booking, reminderDueAt(settings, booking));
}

/** The kinds that link the citizen's booking page: every SMS about a booking still to come. */
const LINKING_PAGE: ReadonlySet<MessageKind> = new Set([
  'confirmation',
  'reminder',
  'reschedule',
  'rebook-offer',
]);

async function enqueue(
  ctx: AppContext,
  tx: StoreTx,
  kind: MessageKind,
  given: Booking & Pick<StoredBooking, 'selfServiceToken'>,
  dueAt: Date,
  admissionCode?: string,
): Promise<string> {
  const booking = LINKING_PAGE.has(kind) ? await withPageToken(tx, given) : given;
  const language = booking.citizen.language as Language;
  const written = smsLanguage(ctx.config.notifications, language);
  const id = randomUUID();
  await tx.enqueueMessage({
    id,
    kind,
    bookingCode: booking.code,
    to: booking.citizen.phone,
    language,
    text: renderMessage(kind, written, messageFacts(ctx, booking, written, admissionCode)),
    slotStart: booking.start,
    dueAt: dueAt.toISOString(),
    createdAt: ctx.clock().toISOString(),
  });
  return id;
}

/**
 * The booking with the token of its page, made and stored in this transaction when it has none yet: the SMS
 * that links the page and the token that opens it are written together. The stored row is read, not the
 * caller's copy, so the confirmation and the reminder queued after it share one token.
 */
async function withPageToken(
  tx: StoreTx,
  booking: Booking & Pick<StoredBooking, 'selfServiceToken'>,
): Promise<Booking & Pick<StoredBooking, 'selfServiceToken'>> {
  if (booking.selfServiceToken) return booking;
  const stored = await tx.bookingByCode(booking.code);
  if (!stored) throw new Error(`no booking ${booking.code} to link its SMS to`);
  const selfServiceToken = stored.selfServiceToken ?? newSelfServiceToken();
  if (!stored.selfServiceToken) await tx.updateBooking({ ...stored, selfServiceToken });
  return { ...booking, selfServiceToken };
}

/** 128 random bits: the link alone opens the page, so the token must not be guessable. */
export function newSelfServiceToken(): string {
  return pooledRandomBytes(16).toString('base64url');
}

/** What the texts and the calendar file say about a booking, written in `language`. */
export function messageFacts(
  ctx: AppContext,
  booking: Booking & Pick<StoredBooking, 'selfServiceToken'>,
  language: Language,
  admissionCode?: string,
): MessageFacts {
  const service = serviceOf(ctx.config, booking.service);
  const base = ctx.config.server.publicUrl.replace(/\/+$/, '');
  return {
    code: booking.code,
    service: service.name[language] ?? service.name.en,
    mode: booking.mode,
    start: booking.start,
    address: sedeOf(ctx.config, booking.sede).address,
    phone: booking.citizen.phone,
    ...(admissionCode === undefined ? {} : { admissionCode }),
    meetingUrl: `${base}/meeting/${booking.code}`,
    ...(booking.selfServiceToken ? { manageUrl: selfServiceUrl(ctx, booking) } : {}),
    // The notice page speaks all six languages, whichever one the SMS itself is written in.
    privacyUrl: `${base}/privacy/${booking.privacyNoticeVersion}?lang=${booking.citizen.language}`,
  };
}

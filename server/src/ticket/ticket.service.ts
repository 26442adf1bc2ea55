// Queue tickets at a sede's reception: numbered atomically per sede, day and prefix, with priorities
// and check-in of a booked appointment.
import { randomBytes, randomUUID } from 'node:crypto';
import {
  ageOn,
  APPOINTMENT_TICKET_PREFIX,
  birthDateOf,
  weekdays,
  type BookingLookupBody,
  type IssueTicketBody,
  Language,
  type Priority,
  type Sede,
  type Ticket,
  type TicketResponse,
  type TicketSmsBody,
} from '@sportello/protocol';
import { renderMessage, smsLanguage } from '../notification/message-templates.ts';
import { DateTime } from 'luxon';
import type { z } from 'zod';
import { sedeOf, serviceOf } from '../catalog/catalog.ts';
import { adjustmentsOf } from '../calendar/adjustments.ts';
import type { CalendarAdjustment } from '../calendar/availability.ts';
import { closureOf } from '../calendar/closures.ts';
import type { AppContext } from '../context.ts';
import { ApiError } from '../http/api-error.ts';
import type { Principal } from '../http/principal.ts';
import type { StoreTx, StoredTicket } from '../store/store.ts';
import { enqueueAlmostTurn } from '../floor/almost-turn.ts';
import { announceFloorChange } from '../floor/floor-channel.ts';
import { FloorSnapshot, publicTicket } from '../floor/floor-snapshot.ts';
import { followUrl } from '../floor/follow.service.ts';
import { stationById } from '../station/station-registry.ts';

const ZONE = 'Europe/Rome';
/** A booked citizen may check in from an hour before to half an hour after the appointment. */
const CHECK_IN_EARLY_MINUTES = 60;
const CHECK_IN_LATE_MINUTES = 30;

type IssueInput = z.output<typeof IssueTicketBody>;
type LookupInput = z.output<typeof BookingLookupBody>;
type SmsInput = z.output<typeof TicketSmsBody>;
type NotifyInput = Pick<SmsInput, 'sede' | 'phone'>;

export async function issueTicket(
  ctx: AppContext,
  input: IssueInput,
  principal: Principal,
): Promise<TicketResponse> {
  const sede = sedeOf(ctx.config, input.sede);
  await requireStationAt(ctx, principal, sede);
  const service = serviceOf(ctx.config, input.service);
  if (!service.channels.ticket)
    throw ApiError.field('service', 'this service has no queue ticket; book an appointment instead');
  const now = DateTime.fromJSDate(ctx.clock(), { zone: ZONE });
  requireOpenForWalkIns(sede, now, await ctx.store.read((r) => adjustmentsOf(r, sede.id)));
  if (input.priority === 'elderly' && input.codiceFiscale) {
    requireElderly(ctx, input.codiceFiscale, now.toISODate()!);
  }
  return ctx.store.transaction((tx) =>
    issue(tx, ctx, sede, {
      service: service.id,
      sector: service.sector,
      prefix: service.channels.ticket!.prefix,
      priority: input.priority,
      language: input.language,
      ...(input.codiceFiscale ? { codiceFiscale: input.codiceFiscale } : {}),
    }),
  );
}

/** `within`: the caller's transaction, when the check-in is part of a larger change (the desk's "arrived"). */
export async function checkIn(
  ctx: AppContext,
  input: LookupInput,
  principal: Principal,
  within?: StoreTx,
): Promise<TicketResponse> {
  const run = (fn: (tx: StoreTx) => Promise<TicketResponse>) =>
    within ? fn(within) : ctx.store.transaction(fn);
  return run(async (tx) => {
    const booking = await tx.bookingByCode(input.code);
    if (!booking || booking.citizen.codiceFiscale !== input.codiceFiscale) throw ApiError.notFound('booking');
    const sede = sedeOf(ctx.config, booking.sede);
    await requireStationAt(ctx, principal, sede);
    if (booking.status !== 'booked')
      throw new ApiError(409, 'not_active', `this booking is ${booking.status}`);
    if (booking.mode !== 'inPerson') {
      throw new ApiError(
        409,
        'not_in_person',
        'this appointment is not at the counter: wait for the call or join the web meeting',
      );
    }
    const now = DateTime.fromJSDate(ctx.clock(), { zone: ZONE });
    const start = DateTime.fromISO(booking.start, { zone: ZONE });
    if (now < start.minus({ minutes: CHECK_IN_EARLY_MINUTES })) {
      throw new ApiError(
        409,
        'too_early',
        `check in from ${start.minus({ minutes: CHECK_IN_EARLY_MINUTES }).toFormat('dd/MM HH:mm')}`,
        undefined,
        {
          start: booking.start,
        },
      );
    }
    if (now > start.plus({ minutes: CHECK_IN_LATE_MINUTES })) {
      throw new ApiError(
        409,
        'too_late',
        'this appointment time has passed; please book a new one',
        undefined,
        { start: booking.start },
      );
    }
    const today = now.toISODate()!;
    const existing = (await tx.ticketsOfDay(sede.id, today)).find((t) => t.bookingCode === booking.code);
    if (existing) return respond(tx, ctx, sede, existing);
    return issue(tx, ctx, sede, {
      service: booking.service,
      sector: booking.sector,
      prefix: APPOINTMENT_TICKET_PREFIX,
      priority: 'appointment',
      language: Language.safeParse(booking.citizen.language).data ?? 'it',
      appointmentStart: booking.start,
      bookingCode: booking.code,
      codiceFiscale: booking.citizen.codiceFiscale,
    });
  });
}

/** When the printer could not print: the same number by SMS, once per ticket, while it still waits. */
export async function sendTicketBySms(
  ctx: AppContext,
  ticketId: string,
  input: SmsInput,
  principal: Principal,
): Promise<void> {
  const sede = sedeOf(ctx.config, input.sede);
  await requireStationAt(ctx, principal, sede);
  const now = DateTime.fromJSDate(ctx.clock(), { zone: ZONE });
  await ctx.store.transaction(async (tx) => {
    const tickets = await tx.ticketsOfDay(sede.id, now.toISODate()!);
    const ticket = tickets.find((t) => t.id === ticketId);
    if (!ticket) throw ApiError.notFound('ticket');
    if (ticket.status !== 'waiting')
      throw new ApiError(409, 'not_waiting', `this ticket is ${ticket.status}`);
    const subject = `ticket-${ticket.id}`;
    // The "almost your turn" SMS shares the subject; only a ticket SMS counts as the number sent.
    const ofTicket = (status: 'pending' | 'sent') =>
      tx
        .outboxMessages({ status, bookingCode: subject, limit: 10 })
        .then((messages) => messages.filter((m) => m.kind === 'ticket'));
    const sent = [...(await ofTicket('pending')), ...(await ofTicket('sent'))];
    if (sent.length > 0) throw new ApiError(409, 'already_sent', 'this number has already been sent by SMS');
    const service = serviceOf(ctx.config, ticket.service);
    const language = smsLanguage(ctx.config.notifications, input.language);
    const { ahead } = await respond(tx, ctx, sede, ticket);
    await tx.enqueueMessage({
      id: randomUUID(),
      kind: 'ticket',
      bookingCode: subject,
      to: input.phone,
      language: input.language,
      text: renderMessage('ticket', language, {
        code: ticket.number,
        service: service.name[language] ?? service.name.en,
        mode: 'inPerson',
        start: ticket.issuedAt,
        address: sede.name,
        phone: input.phone,
        meetingUrl: '',
        privacyUrl: '',
        ahead,
      }),
      slotStart: ticket.issuedAt,
      dueAt: now.toUTC().toISO()!,
      createdAt: now.toUTC().toISO()!,
    });
  });
}

/**
 * The mobile number for "tocca a te tra poco", given after the ticket was printed; kept only until the
 * ticket ends. Sent at once when the ticket is already that near the front.
 */
export async function notifyTicket(
  ctx: AppContext,
  ticketId: string,
  input: NotifyInput,
  principal: Principal,
): Promise<void> {
  const sede = sedeOf(ctx.config, input.sede);
  await requireStationAt(ctx, principal, sede);
  const now = ctx.clock();
  await ctx.store.transaction(async (tx) => {
    const tickets = await tx.ticketsOfDay(sede.id, DateTime.fromJSDate(now, { zone: ZONE }).toISODate()!);
    const ticket = tickets.find((t) => t.id === ticketId);
    if (!ticket) throw ApiError.notFound('ticket');
    if (ticket.status !== 'waiting')
      throw new ApiError(409, 'not_waiting', `this ticket is ${ticket.status}`);
    if (ticket.almostTurnSentAt)
      throw new ApiError(409, 'already_sent', 'the "almost your turn" SMS has already been sent');
    await tx.updateTicket({ ...ticket, notifyPhone: input.phone });
    const floor = await FloorSnapshot.read(tx, ctx.config, sede, now);
    await enqueueAlmostTurn(tx, ctx, sede, floor.ordered, (t) => floor.aheadOf(t), now);
  });
}

export async function listTickets(
  ctx: AppContext,
  sedeId: string,
  day: string | undefined,
): Promise<Ticket[]> {
  const sede = sedeOf(ctx.config, sedeId);
  const date = day ?? DateTime.fromJSDate(ctx.clock(), { zone: ZONE }).toISODate()!;
  const tickets = await ctx.store.read((r) => r.ticketsOfDay(sede.id, date));
  return tickets.map(publicTicket);
}

interface NewTicket {
  language: Language;
  appointmentStart?: string;
  service: string;
  sector: string;
  prefix: string;
  priority: Priority;
  bookingCode?: string;
  codiceFiscale?: string;
}

async function issue(tx: StoreTx, ctx: AppContext, sede: Sede, wanted: NewTicket): Promise<TicketResponse> {
  const now = DateTime.fromJSDate(ctx.clock(), { zone: ZONE });
  const day = now.toISODate()!;
  const n = await tx.nextTicketNumber(sede.id, day, wanted.prefix);
  const ticket: StoredTicket = {
    id: randomUUID(),
    number: `${wanted.prefix}${String(n).padStart(3, '0')}`,
    sede: sede.id,
    service: wanted.service,
    sector: wanted.sector,
    day,
    priority: wanted.priority,
    status: 'waiting',
    issuedAt: now.toISO({ suppressMilliseconds: true })!,
    language: wanted.language,
    recalls: 0,
    transfers: [],
    followToken: randomBytes(16).toString('base64url'),
    ...(wanted.bookingCode ? { bookingCode: wanted.bookingCode } : {}),
    ...(wanted.appointmentStart ? { appointmentStart: wanted.appointmentStart } : {}),
    ...(wanted.codiceFiscale ? { codiceFiscale: wanted.codiceFiscale } : {}),
  };
  await tx.insertTicket(ticket);
  announceFloorChange(tx, sede.id, {});
  return respond(tx, ctx, sede, ticket);
}

/** The ticket with its place in the office's order, its estimate and its phone page. */
async function respond(
  tx: StoreTx,
  ctx: AppContext,
  sede: Sede,
  ticket: StoredTicket,
): Promise<TicketResponse> {
  const floor = await FloorSnapshot.read(tx, ctx.config, sede, ctx.clock());
  return {
    ticket: publicTicket(ticket),
    ahead: floor.aheadOf(ticket),
    estimatedWaitMinutes: floor.estimatedWaitMinutes(ticket.id),
    followUrl: followUrl(ctx, ticket),
  };
}

/** Age is the one priority the ticket can prove: it is written in the codice fiscale. */
function requireElderly(ctx: AppContext, codiceFiscale: string, today: string): void {
  const age = ctx.config.server.elderlyPriorityAge;
  const born = birthDateOf(codiceFiscale, today);
  if (!born || ageOn(born.birthDate, today) < age) {
    throw ApiError.field('priority', `the elderly priority is for citizens aged ${age} or more`);
  }
}

function requireOpenForWalkIns(sede: Sede, now: DateTime, adjustments: CalendarAdjustment[]): void {
  const today = now.toISODate()!;
  const hhmm = now.toFormat('HH:mm');
  // A closure added from the console counts at once: the whole day, or only while its hours last.
  const closure =
    closureOf(sede, today) ??
    adjustments.find(
      (a) =>
        a.kind === 'closure' &&
        a.from <= today &&
        today <= a.to &&
        (!a.hours || (a.hours.from <= hhmm && hhmm < a.hours.to)),
    )?.reason;
  if (closure) throw new ApiError(409, 'sede_closed', `the sede is closed today (${closure})`);
  const weekday = weekdays[now.weekday - 1]!;
  const open = (sede.publicHours[weekday] ?? []).some((r) => r.from <= hhmm && hhmm < r.to);
  if (!open)
    throw new ApiError(
      409,
      'sede_closed',
      'tickets are issued only during opening hours; you can book an appointment',
    );
}

/** A station prints tickets only for the sede whose reception it stands in. */
async function requireStationAt(ctx: AppContext, principal: Principal, sede: Sede): Promise<void> {
  if (principal.kind !== 'station') return;
  const station = await stationById(ctx, principal.station);
  if (!station || station.kind !== 'sede' || station.sede !== sede.id) {
    throw new ApiError(403, 'wrong_station', 'tickets are issued only by a station at this sede');
  }
}

// The official's work on a recorded call: the identification checklist, the outcome, reading the record,
// and a follow-up appointment booked from the call's citizen data. Only the call's own official may touch
// or read it; every answer carrying the citizen is audited in the transaction that reads it.
import {
  PhoneNumber,
  type Booking,
  type CallOutcomeBody,
  type CallRecord,
  type FollowUpBody,
  type Identification,
  type StationFollowUp,
} from '@sportello/protocol';
import type { z } from 'zod';
import { audit, auditActions } from '../audit/audit.ts';
import { createBooking } from '../booking/booking.service.ts';
import type { AppContext } from '../context.ts';
import { ApiError, type FieldProblem } from '../http/api-error.ts';
import type { Principal } from '../http/principal.ts';
import type { StoreReader, StoreTx } from '../store/store.ts';
import { officialOfAccount } from './matching.ts';

type Staff = Extract<Principal, { kind: 'staff' }>;

function staff(principal: Principal): Staff {
  if (principal.kind !== 'staff') throw new ApiError(403, 'forbidden', 'only staff work on calls');
  return principal;
}

async function ownCall(
  ctx: AppContext,
  reader: StoreReader,
  principal: Staff,
  callId: string,
): Promise<CallRecord> {
  const record = await reader.callRecord(callId);
  if (!record) throw ApiError.notFound('call');
  if (officialOfAccount(ctx, principal.username)?.id !== record.official)
    throw new ApiError(403, 'not_your_call', 'this call was answered by another official');
  return record;
}

/** Changes the caller's own call in one transaction, audits that the record came back, answers it. */
async function changeCall(
  ctx: AppContext,
  principal: Principal,
  callId: string,
  route: string,
  change: (record: CallRecord, now: string) => CallRecord,
): Promise<CallRecord> {
  const who = staff(principal);
  return ctx.store.transaction(async (tx) => {
    const now = ctx.clock();
    const changed = change(await ownCall(ctx, tx, who, callId), now.toISOString());
    await tx.putCallRecord(changed);
    await readAudit(tx, now, who, callId, route);
    return changed;
  });
}

const readAudit = (tx: StoreTx, now: Date, who: Staff, callId: string, route: string) =>
  audit(tx, now, who.username, auditActions.callRead, callId, { route });

/** Recorded during or after the call; a new checklist replaces the previous one. */
export function recordIdentification(
  ctx: AppContext,
  principal: Principal,
  callId: string,
  identification: Identification,
): Promise<CallRecord> {
  return changeCall(ctx, principal, callId, 'identification', (record, now) => ({
    ...record,
    identification: { ...identification, recordedAt: now },
  }));
}

/** Recorded during or after the call; a new outcome replaces the previous one. */
export function recordOutcome(
  ctx: AppContext,
  principal: Principal,
  callId: string,
  outcome: z.output<typeof CallOutcomeBody>,
): Promise<CallRecord> {
  return changeCall(ctx, principal, callId, 'outcome', (record, now) => ({
    ...record,
    outcome: { ...outcome, recordedAt: now },
  }));
}

export function readCall(ctx: AppContext, principal: Principal, callId: string): Promise<CallRecord> {
  const who = staff(principal);
  return ctx.store.transaction(async (tx) => {
    const record = await ownCall(ctx, tx, who, callId);
    await readAudit(tx, ctx.clock(), who, callId, 'read');
    return record;
  });
}

/**
 * Books an appointment for the call's citizen as staff, without retyping: codice fiscale, names, phone,
 * language and sign-in method come from the call, the names and phone from the body only where the call
 * lacks them. The booking service applies every booking rule (a web meeting needs a strong sign-in) and
 * queues the confirmation SMS.
 */
export async function bookFollowUp(
  ctx: AppContext,
  principal: Principal,
  callId: string,
  body: z.output<typeof FollowUpBody>,
): Promise<{ booking: Booking; admissionCode: string }> {
  const who = staff(principal);
  const record = await ctx.store.read((r) => ownCall(ctx, r, who, callId));
  if (record.followUpBookingCode !== undefined) {
    throw new ApiError(
      409,
      'follow_up_exists',
      'a follow-up has already been booked for this call',
      undefined,
      {
        code: record.followUpBookingCode,
      },
    );
  }
  const citizen = record.citizen ?? {};
  if (citizen.codiceFiscale === undefined) {
    throw new ApiError(
      409,
      'citizen_unknown',
      'the citizen of this call gave no codice fiscale: book the appointment from the booking screen',
    );
  }
  const problems: FieldProblem[] = [];
  const firstName = citizen.firstName ?? body.firstName;
  const lastName = citizen.lastName ?? body.lastName;
  let phone = citizen.phone;
  if (phone === undefined) {
    const parsed = body.phone === undefined ? undefined : PhoneNumber.safeParse(body.phone);
    if (!parsed) problems.push({ path: 'phone', message: 'the call does not know the phone: give it' });
    else if (!parsed.success) problems.push({ path: 'phone', message: parsed.error.issues[0]!.message });
    else phone = parsed.data;
  }
  if (firstName === undefined)
    problems.push({ path: 'firstName', message: 'the call does not know the first name: give it' });
  if (lastName === undefined)
    problems.push({ path: 'lastName', message: 'the call does not know the last name: give it' });
  if (body.sede !== undefined && !ctx.config.sedi.some((s) => s.id === body.sede))
    problems.push({ path: 'sede', message: 'no such sede' });
  if (phone === undefined || firstName === undefined || lastName === undefined || problems.length > 0) {
    // Every missing field has its problem listed above.
    throw new ApiError(
      400,
      'validation_failed',
      problems.map((p) => `${p.path}: ${p.message}`).join('; '),
      problems,
    );
  }
  const booked = await createBooking(
    ctx,
    {
      sede: body.sede ?? sedeOfCall(ctx, record, who),
      service: body.service,
      mode: body.mode,
      start: body.start,
      citizen: {
        codiceFiscale: citizen.codiceFiscale,
        firstName,
        lastName,
        phone,
        language: citizen.language ?? 'it',
      },
      authMethod: citizen.authMethod ?? 'typed',
      privacyNoticeVersion: ctx.config.server.privacyNoticeVersion,
    },
    { channel: 'staff', id: who.username },
  );
  await ctx.store.transaction(async (tx) => {
    const now = ctx.clock();
    const current = (await tx.callRecord(callId)) ?? record;
    await tx.putCallRecord({ ...current, followUpBookingCode: booked.booking.code });
    await audit(tx, now, who.username, auditActions.callFollowUp, booked.booking.code, { callId });
  });
  return booked;
}

/** Where the citizen was served: the call's sede (the kiosk's or the web meeting's), else the official's. */
function sedeOfCall(ctx: AppContext, record: CallRecord, who: Staff): string {
  const sede = record.sede ?? ctx.config.officials.find((o) => o.id === record.official)?.sede ?? who.sede;
  if (sede === undefined) throw new ApiError(409, 'sede_unknown', 'no sede is known for this call');
  return sede;
}

/** After this, the citizen has left the kiosk: its follow-up is no longer shown there. */
export const FOLLOW_UP_ON_KIOSK_MS = 30 * 60_000;

/**
 * The follow-up of a call, for the kiosk the citizen called from: null until the official books one. Only
 * that station may read it, and only during the call or shortly after; another station's call looks absent.
 */
export async function stationFollowUp(
  ctx: AppContext,
  principal: Principal,
  callId: string,
): Promise<StationFollowUp | null> {
  if (principal.kind !== 'station')
    throw new ApiError(403, 'forbidden', 'only the call’s station reads this');
  return ctx.store.read(async (reader) => {
    const record = await reader.callRecord(callId);
    const over =
      record?.endedAt !== undefined &&
      ctx.clock().getTime() - Date.parse(record.endedAt) > FOLLOW_UP_ON_KIOSK_MS;
    if (!record || record.station !== principal.station || over) throw ApiError.notFound('call');
    if (record.followUpBookingCode === undefined) return null;
    const booking = await reader.bookingByCode(record.followUpBookingCode);
    if (!booking || booking.status !== 'booked') return null;
    // Said on screen only when the confirmation really waits in the outbox (or has gone).
    const messages = await Promise.all(
      (['pending', 'sent'] as const).map((status) =>
        reader.outboxMessages({ status, bookingCode: booking.code, limit: 20 }),
      ),
    );
    return {
      code: booking.code,
      service: booking.service,
      mode: booking.mode,
      start: booking.start,
      end: booking.end,
      sede: booking.sede,
      smsQueued: messages.flat().some((m) => m.kind === 'confirmation'),
    };
  });
}

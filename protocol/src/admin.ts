// The admin's console API: staff accounts (kept in the store, seeded from config/staff.json), the audit log
// read by person, action and days, and the SMS outbox's dead letters with the pending queue's state.
import { z } from 'zod';
import { StaffAccount, StaffRole, isoDate } from './config.ts';
import { OutboxMessageView } from './notification.ts';

// ---- staff accounts ----

/** What an admin sees of an account: never its password hash. */
export const StaffAccountView = z
  .object({
    username: z.string(),
    name: z.string(),
    roles: z.array(StaffRole),
    sede: z.string().optional(),
    /** The official's calendar entry the account answers calls as. */
    official: z.string().optional(),
    disabledAt: z.string().optional(),
    /** A reset password: the person chooses a new one at their next sign-in. */
    mustChangePassword: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'StaffAccountView' });
export type StaffAccountView = z.infer<typeof StaffAccountView>;

export const StaffAccountsResponse = z.object({
  accounts: z.array(StaffAccountView),
  /** The officials' calendar entries (officials.json) an official's account may name. */
  officials: z.array(z.object({ id: z.string(), name: z.string(), sede: z.string() })),
});
export type StaffAccountsResponse = z.infer<typeof StaffAccountsResponse>;

/** A chosen password: long enough to resist guessing, short enough to type. */
export const NewPassword = z
  .string()
  .min(12, 'at least 12 characters')
  .max(200, 'at most 200 characters')
  .refine((p) => p.trim() === p, 'no spaces at the start or the end');

const name = z.string().trim().min(1, 'required').max(80, 'at most 80 characters');
const roleList = z
  .array(StaffRole)
  .min(1, 'at least one role')
  .refine((r) => new Set(r).size === r.length, 'a role is listed twice');
const sedeOrNone = z.string().max(40).optional();

export const CreateStaffAccountBody = z
  .strictObject({
    username: StaffAccount.shape.username,
    name,
    roles: roleList,
    sede: sedeOrNone,
    official: z.string().max(40).optional(),
    /** Typed by the admin; without it a password is generated and answered once. */
    password: NewPassword.optional(),
  })
  .meta({ id: 'CreateStaffAccount' });
export type CreateStaffAccountBody = z.infer<typeof CreateStaffAccountBody>;

/** Roles, sede and official link; the person's open sessions end (they sign in again with the new roles). */
export const UpdateStaffAccountBody = z
  .strictObject({
    name: name.optional(),
    roles: roleList.optional(),
    /** null takes the sede away. */
    sede: z.string().max(40).nullable().optional(),
    official: z.string().max(40).nullable().optional(),
  })
  .meta({ id: 'UpdateStaffAccount' });
export type UpdateStaffAccountBody = z.infer<typeof UpdateStaffAccountBody>;

export const ResetPasswordBody = z.strictObject({ password: NewPassword.optional() });

/** An account after a change; `password` only when the server generated one: shown once, never again. */
export const StaffAccountReply = z.object({
  account: StaffAccountView,
  password: z.string().optional(),
  /** Sessions of the person that were ended by this change. */
  sessionsEnded: z.number().int(),
});
export type StaffAccountReply = z.infer<typeof StaffAccountReply>;

/** A person whose password was reset chooses a new one, with the one they were given. */
export const ChangePasswordBody = z
  .strictObject({
    username: z.string().min(1).max(40),
    currentPassword: z.string().min(1).max(200),
    newPassword: NewPassword,
  })
  .meta({ id: 'ChangePassword' });
export type ChangePasswordBody = z.infer<typeof ChangePasswordBody>;

// ---- the audit log ----

/** At most this many days in one query (a month). */
export const AUDIT_MAX_DAYS = 31;

export const AuditEventView = z
  .object({
    at: z.string(),
    actor: z.string().meta({ description: 'Staff username (or station id) who received the data or acted' }),
    action: z.string().meta({ example: 'video.call.citizen-data' }),
    subject: z
      .string()
      .meta({ description: 'A call id, booking code, keyed hash or username; never personal data' }),
    details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
  })
  .meta({ id: 'AuditEvent' });
export type AuditEventView = z.infer<typeof AuditEventView>;

export const AuditQuery = z.strictObject({
  /** One day (Rome), as before; or `from` and `to`. */
  date: isoDate.optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  actor: z.string().trim().min(1).max(60).optional(),
  action: z.string().trim().min(1).max(60).optional(),
  /** A booking code, call id or ticket id: who received that one's data. */
  subject: z.string().trim().min(1).max(80).optional(),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

export const AuditResponse = z.object({
  /** The first day, kept for callers of the one-day form. */
  date: z.string(),
  from: z.string(),
  to: z.string(),
  /** Events matching the filters over the days, oldest first; `events` is the page asked for. */
  total: z.number().int(),
  offset: z.number().int(),
  limit: z.number().int(),
  events: z.array(AuditEventView),
  /** Every person and action found over the days, for the filters' choices. */
  actors: z.array(z.string()),
  actions: z.array(z.string()),
});
export type AuditResponse = z.infer<typeof AuditResponse>;

// ---- the SMS outbox: dead letters and the queue ----

export const OutboxSummary = z
  .object({
    /** Pending messages due now or earlier: the queue the worker is behind on. */
    due: z.number().int(),
    /** Pending messages not yet due (reminders of coming appointments). */
    scheduled: z.number().int(),
    /** Seconds the oldest due message has waited past its due time; 0 when none is due. */
    oldestDueSeconds: z.number().int(),
    /** Messages given up on, still waiting for an admin's decision. */
    dead: z.number().int(),
  })
  .meta({ id: 'OutboxSummary' });
export type OutboxSummary = z.infer<typeof OutboxSummary>;

export const DeadLetterReply = z.object({ message: OutboxMessageView });

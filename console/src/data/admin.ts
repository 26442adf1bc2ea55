// The admin's resources: staff accounts, the audit log (a page, or the CSV file's address) and the SMS
// outbox's dead letters with the queue's state.
import type {
  AuditResponse,
  CreateStaffAccountBody,
  OutboxMessageView,
  OutboxSummary,
  StaffAccountReply,
  StaffAccountsResponse,
  UpdateStaffAccountBody,
} from '@sportello/protocol';
import { request } from './api-client.ts';

const account = (username: string) => `/api/v1/staff/accounts/${encodeURIComponent(username)}`;

export const fetchAccounts = () => request<StaffAccountsResponse>('GET', '/api/v1/staff/accounts');

export const createAccount = (body: CreateStaffAccountBody) =>
  request<StaffAccountReply>('POST', '/api/v1/staff/accounts', body);

export const updateAccount = (username: string, body: UpdateStaffAccountBody) =>
  request<StaffAccountReply>('POST', account(username), body);

export const disableAccount = (username: string) =>
  request<StaffAccountReply>('POST', `${account(username)}/disable`);

export const enableAccount = (username: string) =>
  request<StaffAccountReply>('POST', `${account(username)}/enable`);

export const resetPassword = (username: string) =>
  request<StaffAccountReply>('POST', `${account(username)}/reset-password`, {});

export interface AuditFilters {
  from: string;
  to: string;
  actor?: string;
  action?: string;
  /** A booking code, call id or ticket id. */
  subject?: string;
}

function auditQuery(filters: AuditFilters): URLSearchParams {
  const query = new URLSearchParams({ from: filters.from, to: filters.to });
  if (filters.actor) query.set('actor', filters.actor);
  if (filters.action) query.set('action', filters.action);
  if (filters.subject) query.set('subject', filters.subject);
  return query;
}

export function fetchAudit(filters: AuditFilters, offset: number, limit: number): Promise<AuditResponse> {
  const query = auditQuery(filters);
  query.set('offset', String(offset));
  query.set('limit', String(limit));
  return request<AuditResponse>('GET', `/api/v1/audit?${query}`);
}

/** The CSV file of the same filters: a plain link, the session cookie goes with it. */
export const auditCsvUrl = (filters: AuditFilters) => `/api/v1/audit/export?${auditQuery(filters)}`;

export const fetchDeadLetters = async (): Promise<OutboxMessageView[]> =>
  (await request<{ messages: OutboxMessageView[] }>('GET', '/api/v1/messages?status=dead&limit=200'))
    .messages;

export const fetchOutboxSummary = () => request<OutboxSummary>('GET', '/api/v1/messages/summary');

export const resolveDeadLetter = (id: string, action: 'retry' | 'cancel') =>
  request<{ id: string; status: 'pending' | 'cancelled' }>(
    'POST',
    `/api/v1/messages/${encodeURIComponent(id)}/${action}`,
  );

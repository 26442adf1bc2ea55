// The audit log's read API over real HTTP: a span of days (Rome) up to a month, by person and action, paged,
// and as CSV; bad spans answered 400 naming the field. Events come from real admin actions on several days.
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/test-server.ts';

let server: TestServer;
let admin: string;
const audit = (query: string, token = admin) => server.call('GET', `/api/v1/audit?${query}`, { token });

beforeAll(async () => {
  server = await startTestServer('2026-11-30T09:00:00+01:00');
  admin = await server.login('admin');
  // Staff sessions last a working day: a new one each day.
  const act = async (path: string, body: unknown = {}) =>
    server.call('POST', `/api/v1${path}`, { token: await server.login('admin'), body });
  // Monday: three accounts made; Tuesday just before midnight in Rome (22:59 UTC): one disabled; Wednesday:
  // a password reset. Sunday before, one more account, outside most spans.
  server.setNow('2026-11-29T12:00:00+01:00');
  await act('/staff/accounts', { username: 'prima.persona', name: 'Prima', roles: ['technician'] });
  server.setNow('2026-11-30T09:00:00+01:00');
  for (const username of ['uno.tecnico', 'due.tecnico', 'tre.tecnico'])
    await act('/staff/accounts', { username, name: username, roles: ['technician'] });
  server.setNow('2026-12-01T23:59:00+01:00');
  await act('/staff/accounts/due.tecnico/disable');
  server.setNow('2026-12-02T10:00:00+01:00');
  await act('/staff/accounts/tre.tecnico/reset-password');
  admin = await server.login('admin');
});
afterAll(async () => {
  await server.stop();
});

describe('audit log', () => {
  it('reads a span of days, oldest first, with the people and actions found for the filters', async () => {
    const result = await audit('from=2026-11-30&to=2026-12-02');
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ from: '2026-11-30', to: '2026-12-02', total: 5, offset: 0 });
    expect(
      result.body.events.map((e: { action: string; subject: string }) => `${e.action} ${e.subject}`),
    ).toEqual([
      'staff.account.created uno.tecnico',
      'staff.account.created due.tecnico',
      'staff.account.created tre.tecnico',
      'staff.account.disabled due.tecnico',
      'staff.account.password-reset tre.tecnico',
    ]);
    expect(result.body.actors).toEqual(['admin']);
    expect(result.body.actions).toEqual([
      'staff.account.created',
      'staff.account.disabled',
      'staff.account.password-reset',
    ]);
    // The day is Rome's: 23:59 on Tuesday is Tuesday's, not Wednesday's.
    expect((await audit('date=2026-12-01')).body.events).toHaveLength(1);
  });

  it('filters by person and action, and pages', async () => {
    const created = await audit('from=2026-11-29&to=2026-12-02&action=staff.account.created&limit=2');
    expect(created.body.total).toBe(4);
    expect(created.body.events.map((e: { subject: string }) => e.subject)).toEqual([
      'prima.persona',
      'uno.tecnico',
    ]);
    const next = await audit('from=2026-11-29&to=2026-12-02&action=staff.account.created&limit=2&offset=2');
    expect(next.body.events.map((e: { subject: string }) => e.subject)).toEqual([
      'due.tecnico',
      'tre.tecnico',
    ]);
    expect((await audit('from=2026-11-29&to=2026-12-02&actor=ADMIN')).body.total).toBe(6);
    expect((await audit('from=2026-11-29&to=2026-12-02&actor=tecnico')).body.total).toBe(0);
    const one = await audit('from=2026-11-29&to=2026-12-02&subject=DUE.%20TECNICO');
    expect(one.body.events.map((e: { action: string }) => e.action)).toEqual([
      'staff.account.created',
      'staff.account.disabled',
    ]);
  });

  it('answers 400 naming the field for a bad span, and only to admins', async () => {
    const bad = async (query: string, path: string) => {
      const result = await audit(query);
      expect([result.status, result.body.error.fields?.[0]?.path], query).toEqual([400, path]);
    };
    await bad('from=2026-12-02&to=2026-11-30', 'query.to');
    await bad('from=2026-11-01&to=2026-12-02', 'query.to');
    await bad('to=2026-12-02', 'query.from');
    await bad('from=yesterday', 'query.from');
    await bad('date=2026-11-30&from=2026-11-30', 'query.date');
    await bad('date=2026-11-30&limit=0', 'query.limit');
    await bad('date=2026-11-30&offset=-1', 'query.offset');
    // 31 days is a month: allowed.
    expect((await audit('from=2026-11-01&to=2026-12-01')).status).toBe(200);
    const tecnico = await server.login('tecnico');
    expect((await audit('date=2026-11-30', tecnico)).status).toBe(403);
    expect(
      (await server.call('GET', '/api/v1/audit/export?date=2026-11-30', { token: tecnico })).status,
    ).toBe(403);
  });

  it('exports the filtered span as CSV, formulas written as text', async () => {
    const result = await server.call(
      'GET',
      '/api/v1/audit/export?from=2026-11-30&to=2026-12-02&action=staff.account.created',
      {
        token: admin,
      },
    );
    expect(result.status).toBe(200);
    expect(result.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(result.headers.get('content-disposition')).toBe(
      'attachment; filename="registro-accessi-2026-11-30_2026-12-02.csv"',
    );
    const rows = parse(result.body as string, { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(3);
    expect(rows[0]).toEqual({
      'at (UTC)': '2026-11-30T08:00:00.000Z',
      'ora (Europe/Rome)': '2026-11-30 09:00:00',
      actor: 'admin',
      action: 'staff.account.created',
      subject: 'uno.tecnico',
      details: 'roles=technician',
    });
    await server.ctx.store.transaction((tx) =>
      tx.appendAudit({
        at: '2026-11-30T10:00:00.000Z',
        actor: '=HYPERLINK("x")',
        action: 'x',
        subject: '+1',
      }),
    );
    const hostile = await server.call('GET', '/api/v1/audit/export?date=2026-11-30&action=x', {
      token: admin,
    });
    const [row] = parse(hostile.body as string, { columns: true }) as Record<string, string>[];
    expect([row!.actor, row!.subject]).toEqual([`'=HYPERLINK("x")`, `'+1`]);
  });
});

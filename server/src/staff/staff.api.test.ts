// Staff accounts over real HTTP: seeded from config/staff.json into the store, created, changed, disabled at
// once (the open session and the official's /ws end), enabled, passwords reset and chosen again; the rules
// that keep an admin; every action in the audit log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/test-server.ts';
import { WsPeer } from '../video/ws-test-client.ts';

const MONDAY = '2026-11-30T09:00:00+01:00';
const DAY = '2026-11-30';
let server: TestServer;
let admin: string;

const post = (path: string, body: unknown = {}, token = admin) =>
  server.call('POST', `/api/v1${path}`, { token, body });
const signIn = (username: string, password: string) =>
  server.call('POST', '/api/v1/auth/login', { body: { username, password } });
const me = (token: string) => server.call('GET', '/api/v1/auth/me', { token });
async function auditOf(action: string): Promise<{ actor: string; subject: string; details?: object }[]> {
  const result = await server.call('GET', `/api/v1/audit?date=${DAY}&action=${action}`, { token: admin });
  expect(result.status).toBe(200);
  return result.body.events;
}

beforeAll(async () => {
  server = await startTestServer(MONDAY);
  admin = await server.login('admin');
});
afterAll(async () => {
  await server.stop();
});

describe('staff accounts', () => {
  it('are seeded from config/staff.json into the store and listed to admins only, without password hashes', async () => {
    const list = await server.call('GET', '/api/v1/staff/accounts', { token: admin });
    expect(list.status).toBe(200);
    const names = list.body.accounts.map((a: { username: string }) => a.username);
    expect(names).toEqual(
      expect.arrayContaining(['admin', 'funzionario.rovigo', 'direttore.rovigo', 'tecnico']),
    );
    expect(names).toEqual([...names].sort());
    expect(JSON.stringify(list.body)).not.toContain('scrypt');
    expect(
      list.body.accounts.find((a: { username: string }) => a.username === 'funzionario.rovigo'),
    ).toMatchObject({
      roles: ['official'],
      sede: 'rovigo',
      official: 'ro-laura-bianchi',
      mustChangePassword: false,
    });
    const seeded = await server.ctx.store.read((r) => r.staffAccount('admin'));
    expect(seeded?.passwordHash).toMatch(/^scrypt\$/);
    const clerk = await server.login('sportello.rovigo');
    expect((await server.call('GET', '/api/v1/staff/accounts', { token: clerk })).status).toBe(403);
    expect((await post('/staff/accounts/tecnico/disable', {}, clerk)).status).toBe(403);
  });

  it('creates an account with a password shown once, which its owner must replace at the first sign-in', async () => {
    const created = await post('/staff/accounts', {
      username: 'sportello3.rovigo',
      name: 'Giulia Neri',
      roles: ['counter', 'contact-centre'],
      sede: 'rovigo',
    });
    expect(created.status).toBe(201);
    const password: string = created.body.password;
    expect(password).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    expect(created.body.account).toMatchObject({ username: 'sportello3.rovigo', mustChangePassword: true });
    expect(created.headers.get('cache-control')).toBe('no-store');

    const first = await signIn('sportello3.rovigo', password);
    expect([first.status, first.body.error.code]).toEqual([403, 'password_change_required']);
    const wrong = await post('/auth/password', {
      username: 'sportello3.rovigo',
      currentPassword: 'not-the-one-given',
      newPassword: 'a long new password',
    });
    expect(wrong.status).toBe(401);
    const same = await post('/auth/password', {
      username: 'sportello3.rovigo',
      currentPassword: password,
      newPassword: password,
    });
    expect([same.status, same.body.error.fields[0].path]).toEqual([400, 'newPassword']);
    const short = await post('/auth/password', {
      username: 'sportello3.rovigo',
      currentPassword: password,
      newPassword: 'short',
    });
    expect([short.status, short.body.error.fields[0].path]).toEqual([400, 'newPassword']);
    const changed = await post('/auth/password', {
      username: 'sportello3.rovigo',
      currentPassword: password,
      newPassword: 'giulia scrive la sua',
    });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('set-cookie')).toContain('sportello_session=');
    expect((await me(changed.body.token)).body.user).toEqual({
      username: 'sportello3.rovigo',
      name: 'Giulia Neri',
      roles: ['counter', 'contact-centre'],
      sede: 'rovigo',
    });
    expect((await signIn('sportello3.rovigo', password)).status).toBe(401);
    expect((await signIn('sportello3.rovigo', 'giulia scrive la sua')).status).toBe(200);

    expect(await auditOf('staff.account.created')).toContainEqual(
      expect.objectContaining({
        actor: 'admin',
        subject: 'sportello3.rovigo',
        details: { roles: 'counter,contact-centre', sede: 'rovigo' },
      }),
    );
    expect(await auditOf('staff.password.changed')).toContainEqual(
      expect.objectContaining({ actor: 'sportello3.rovigo', subject: 'sportello3.rovigo' }),
    );
  });

  it('answers 400 naming the field for bad input, and 409 for a taken username', async () => {
    const bad = async (body: object, path: string) => {
      const result = await post('/staff/accounts', body);
      expect([result.status, result.body.error.fields?.[0]?.path], JSON.stringify(body)).toEqual([400, path]);
    };
    const valid = { username: 'nuovo.utente', name: 'Nuovo Utente', roles: ['technician'] };
    await bad({ ...valid, username: 'Has Spaces' }, 'username');
    await bad({ ...valid, name: '' }, 'name');
    await bad({ ...valid, roles: [] }, 'roles');
    await bad({ ...valid, roles: ['janitor'] }, 'roles.0');
    await bad({ ...valid, password: 'too short' }, 'password');
    await bad({ ...valid, extra: 1 }, '(body)');
    await bad({ ...valid, roles: ['counter'] }, 'sede');
    await bad({ ...valid, roles: ['counter'], sede: 'atlantide' }, 'sede');
    await bad({ ...valid, roles: ['official'], sede: 'rovigo' }, 'official');
    await bad({ ...valid, roles: ['official'], sede: 'rovigo', official: 'nessuno' }, 'official');
    await bad({ ...valid, roles: ['official'], sede: 'napoli', official: 'ro-laura-bianchi' }, 'sede');
    // Laura's calendar entry is already her account's.
    await bad({ ...valid, roles: ['official'], sede: 'rovigo', official: 'ro-laura-bianchi' }, 'official');
    const taken = await post('/staff/accounts', { ...valid, username: 'tecnico' });
    expect([taken.status, taken.body.error.code]).toEqual([409, 'username_taken']);
    const typed = await post('/staff/accounts', { ...valid, password: 'a password typed by the admin' });
    expect(typed.status).toBe(201);
    expect(typed.body.password).toBeUndefined();
    expect((await post('/staff/accounts/nobody/disable')).status).toBe(404);
    const badEdit = await post('/staff/accounts/nuovo.utente', { roles: ['counter'], sede: 'atlantide' });
    expect([badEdit.status, badEdit.body.error.fields[0].path]).toEqual([400, 'sede']);
  });

  it("disables an official at once: the open session and the console's /ws end, signing in is refused; enabled again, it works", async () => {
    const laura = await server.login('funzionario.rovigo');
    expect((await me(laura)).status).toBe(200);
    const socket = await WsPeer.open(server.url, laura);
    await socket.next('official.state');
    const closed = new Promise<string>((resolve) =>
      socket.ws.once('close', (_code, reason) => resolve(String(reason))),
    );

    const disabled = await post('/staff/accounts/funzionario.rovigo/disable');
    expect(disabled.status).toBe(200);
    expect(disabled.body).toMatchObject({ account: { disabledAt: expect.any(String) }, sessionsEnded: 1 });
    expect(await socket.closed).toBe(4001);
    expect(await closed).toBe('account-disabled');
    expect((await me(laura)).status).toBe(401);
    expect((await server.call('GET', '/api/v1/appointments?date=2026-11-30', { token: laura })).status).toBe(
      401,
    );
    const refused = await signIn('funzionario.rovigo', 'demo-funzionario.rovigo');
    expect([refused.status, refused.body.error.code]).toEqual([403, 'account_disabled']);
    // A wrong password tells nothing about the account.
    expect((await signIn('funzionario.rovigo', 'wrong')).status).toBe(401);
    // Disabling twice changes nothing and is audited once.
    expect((await post('/staff/accounts/funzionario.rovigo/disable')).body.sessionsEnded).toBe(0);
    expect(
      (await auditOf('staff.account.disabled')).filter((e) => e.subject === 'funzionario.rovigo'),
    ).toEqual([expect.objectContaining({ actor: 'admin', details: { sessionsEnded: 1 } })]);

    expect((await post('/staff/accounts/funzionario.rovigo/enable')).body.account.disabledAt).toBeUndefined();
    const again = await server.login('funzionario.rovigo');
    expect((await server.call('GET', '/api/v1/appointments?date=2026-11-30', { token: again })).status).toBe(
      200,
    );
    expect(await auditOf('staff.account.enabled')).toHaveLength(1);
  });

  it('resets a password: shown once, the sessions end, and the person chooses a new one', async () => {
    const tecnico = await server.login('tecnico');
    const reset = await post('/staff/accounts/tecnico/reset-password');
    expect(reset.status).toBe(200);
    expect(reset.body).toMatchObject({ account: { mustChangePassword: true }, sessionsEnded: 1 });
    expect((await me(tecnico)).status).toBe(401);
    expect((await signIn('tecnico', 'demo-tecnico')).status).toBe(401);
    expect((await signIn('tecnico', reset.body.password)).body.error.code).toBe('password_change_required');
    const withName = await post('/auth/password', {
      username: 'tecnico',
      currentPassword: reset.body.password,
      newPassword: 'demo-tecnico-nuova',
    });
    expect([withName.status, withName.body.error.fields[0].path]).toEqual([400, 'newPassword']);
    const chosen = await post('/auth/password', {
      username: 'tecnico',
      currentPassword: reset.body.password,
      newPassword: 'assistenza sul campo 7',
    });
    expect(chosen.status).toBe(200);
    const listed = await server.call('GET', '/api/v1/staff/accounts', { token: admin });
    expect(
      listed.body.accounts.find((a: { username: string }) => a.username === 'tecnico').mustChangePassword,
    ).toBe(false);
    expect(await auditOf('staff.account.password-reset')).toContainEqual(
      expect.objectContaining({ actor: 'admin', subject: 'tecnico', details: { sessionsEnded: 1 } }),
    );
  });

  it("ends a counter clerk's open event stream when the account is disabled", async () => {
    const clerk = await server.login('sportello.rovigo');
    const response = await fetch(`${server.url}/api/v1/counters/rovigo/sportello-1/events`, {
      headers: { authorization: `Bearer ${clerk}` },
    });
    expect(response.status).toBe(200);
    const reader = response.body!.getReader();
    const ended = (async () => {
      for (;;) if ((await reader.read()).done) return 'ended';
    })();
    const still = await Promise.race([
      ended,
      new Promise((resolve) => setTimeout(() => resolve('open'), 300)),
    ]);
    expect(still).toBe('open');
    await post('/staff/accounts/sportello.rovigo/disable');
    expect(await ended).toBe('ended');
    await post('/staff/accounts/sportello.rovigo/enable');
  });

  it('changes roles and sede: the sessions end, the new sign-in carries them; a name alone keeps them', async () => {
    const clerk = await server.login('sportello2.rovigo');
    const renamed = await post('/staff/accounts/sportello2.rovigo', { name: 'Marta Ferro Rossi' });
    expect(renamed.body.sessionsEnded).toBe(0);
    expect((await me(clerk)).body.user.name).toBe('Marta Ferro Rossi');
    const moved = await post('/staff/accounts/sportello2.rovigo', { roles: ['manager'], sede: 'napoli' });
    expect(moved.status).toBe(200);
    expect(moved.body.sessionsEnded).toBe(1);
    expect((await me(clerk)).status).toBe(401);
    const again = await server.login('sportello2.rovigo');
    expect((await me(again)).body.user).toMatchObject({ roles: ['manager'], sede: 'napoli' });
    expect(await auditOf('staff.account.updated')).toContainEqual(
      expect.objectContaining({
        subject: 'sportello2.rovigo',
        details: { roles: 'manager', sede: 'napoli', sessionsEnded: 1 },
      }),
    );
  });

  it('never leaves the service without an admin: not yourself, not the last one', async () => {
    const self = await post('/staff/accounts/admin/disable');
    expect([self.status, self.body.error.code]).toEqual([409, 'own_account']);
    const demote = await post('/staff/accounts/admin', { roles: ['technician'] });
    expect([demote.status, demote.body.error.code]).toEqual([409, 'own_account']);
    // A session of an admin the store no longer holds (e.g. removed by hand) cannot take away the last one.
    const ghost = await server.sessionToken('ghost.admin', ['admin']);
    const last = await post('/staff/accounts/admin/disable', {}, ghost);
    expect([last.status, last.body.error.code]).toEqual([409, 'last_admin']);
    const lastRole = await post('/staff/accounts/admin', { roles: ['technician'] }, ghost);
    expect([lastRole.status, lastRole.body.error.code]).toEqual([409, 'last_admin']);
    // With a second admin, the first may go.
    expect(
      (
        await post('/staff/accounts', {
          username: 'admin2',
          name: 'Seconda amministratrice',
          roles: ['admin'],
        })
      ).status,
    ).toBe(201);
    expect((await post('/staff/accounts/admin/disable', {}, ghost)).status).toBe(200);
    expect((await me(admin)).status).toBe(401);
    // The one left is now the last.
    const lastAgain = await post('/staff/accounts/admin2/disable', {}, ghost);
    expect(lastAgain.body.error.code).toBe('last_admin');
  });
});

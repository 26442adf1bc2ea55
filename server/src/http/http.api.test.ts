// The HTTP surface as a whole: health, docs, auth, the error shape, bad input on every route, private logs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allRoutes } from '../app.ts';
import { citizen, startTestServer, type TestServer } from '../testing/test-server.ts';

let server: TestServer;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  server = await startTestServer('2026-11-30T09:00:00+01:00');
  tokens.station = await server.stationToken('rovigo-accoglienza');
  tokens.admin = await server.login('admin');
  tokens.counter = await server.login('sportello.rovigo');
  tokens.official = await server.login('funzionario.rovigo');
  tokens.technician = await server.login('tecnico');
});
afterAll(() => server.stop());

describe('health and docs', () => {
  it('answers /healthz and /readyz', async () => {
    expect((await server.call('GET', '/healthz')).body).toEqual({ status: 'ok' });
    expect((await server.call('GET', '/readyz')).body).toEqual({ status: 'ready' });
  });

  it('serves an OpenAPI 3.1 document covering every route, and a docs page', async () => {
    const doc = await server.call('GET', '/api/v1/openapi.json');
    expect(doc.body.openapi).toBe('3.1.0');
    for (const route of allRoutes(server.ctx)) {
      const path = '/api/v1' + route.path.replace(/:(\w+)/g, '{$1}');
      expect(doc.body.paths[path]?.[route.method], `${route.method} ${path}`).toBeDefined();
    }
    expect(
      doc.body.paths['/api/v1/bookings'].post.requestBody.content['application/json'].schema,
    ).toBeDefined();
    const page = await fetch(server.url + '/api/v1/docs/');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('swagger-ui');
  });

  it('answers unknown routes with the JSON error shape', async () => {
    const missing = await server.call('GET', '/api/v1/nothing-here');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('not_found');
  });
});

describe('staff sessions', () => {
  it('refuses a wrong password without saying which part was wrong', async () => {
    const wrong = await server.call('POST', '/api/v1/auth/login', {
      body: { username: 'admin', password: 'nope' },
    });
    const nobody = await server.call('POST', '/api/v1/auth/login', {
      body: { username: 'nobody', password: 'nope' },
    });
    expect(wrong.status).toBe(401);
    expect(nobody.body).toEqual(wrong.body);
  });

  it('signs in with a cookie too, and signs out', async () => {
    const login = await fetch(server.url + '/api/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'sportello.rovigo', password: 'demo-sportello.rovigo' }),
    });
    const cookie = login.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const me = await fetch(server.url + '/api/v1/auth/me', { headers: { cookie: cookie.split(';')[0]! } });
    expect((await me.json()).user.username).toBe('sportello.rovigo');
    const token = (await server.login('sportello.rovigo')) as string;
    expect((await server.call('POST', '/api/v1/auth/logout', { token })).status).toBe(204);
    expect((await server.call('GET', '/api/v1/auth/me', { token })).status).toBe(401);
  });

  it('expires sessions after the configured hours', async () => {
    const token = await server.login('admin');
    server.setNow('2026-11-30T20:00:00+01:00');
    expect((await server.call('GET', '/api/v1/auth/me', { token })).status).toBe(401);
    server.setNow('2026-11-30T09:00:00+01:00');
  });

  it('logs a failed sign-in without the name typed (maybe a codice fiscale), yet ties repeats of one name', async () => {
    const typed = citizen(78).codiceFiscale;
    const failedSignIns = async (username: string) => {
      const before = server.logs().length;
      const result = await server.call('POST', '/api/v1/auth/login', { body: { username, password: 'x' } });
      expect(result.status).toBe(401);
      return server
        .logs()
        .slice(before)
        .split('\n')
        .filter((line) => line.includes('failed sign-in'))
        .map((line) => JSON.parse(line).usernameTag as string);
    };
    const [first] = await failedSignIns(typed);
    const [again] = await failedSignIns(typed.toLowerCase());
    const [other] = await failedSignIns(citizen(79).codiceFiscale);
    const logs = server.logs();
    expect(logs.toUpperCase()).not.toContain(typed);
    expect(first).toMatch(/^[\w-]{12}$/);
    expect(again).toBe(first);
    expect(other).not.toBe(first);
  });

  it('logs no codice fiscale a client put in a path', async () => {
    const cf = citizen(80).codiceFiscale;
    expect((await server.call('GET', `/api/v1/bookings/${cf.toLowerCase()}`)).status).toBe(404);
    expect((await server.call('POST', `/api/v1/bookings/${cf}/cancel`, { body: {} })).status).toBe(400);
    expect(server.logs().toUpperCase()).not.toContain(cf);
    expect(server.logs()).toContain('/api/v1/bookings/[redacted]/cancel');
  });
});

describe('bad input on every route', () => {
  const garbage = [{ unexpected: true }, [], 'text', 42, null];

  it('never answers 500: every route names what is wrong', async () => {
    const withInput = allRoutes(server.ctx).filter((route) => route.body || route.query || route.params);
    expect(withInput.length).toBeGreaterThan(8);
    for (const route of withInput) {
      const token = route.roles === 'public' ? undefined : tokens[route.roles[0]!];
      const path = '/api/v1' + route.path.replace(/:(\w+)/g, 'x'.repeat(50));
      for (const body of route.method === 'get' ? [undefined] : garbage) {
        const result = await server.call(
          route.method.toUpperCase(),
          path + (route.query ? '?from=yesterday' : ''),
          {
            ...(token ? { token } : {}),
            ...(body === undefined ? {} : { raw: JSON.stringify(body) }),
          },
        );
        const where = `${route.method} ${route.path} with ${JSON.stringify(body)}`;
        expect(result.status, where).toBeLessThan(500);
        expect(result.status, where).toBeGreaterThanOrEqual(400);
        expect(result.body.error.message, where).toBeTruthy();
        if (result.status === 400 && result.body.error.code !== 'invalid_json') {
          expect(result.body.error.fields?.length, where).toBeGreaterThan(0);
        }
      }
    }
  });

  it('answers 400 to broken JSON and 413 to an oversized body', async () => {
    const broken = await server.call('POST', '/api/v1/bookings', { token: tokens.station, raw: '{"sede": ' });
    expect(broken.status).toBe(400);
    expect(broken.body.error.code).toBe('invalid_json');
    const huge = await server.call('POST', '/api/v1/bookings', {
      token: tokens.station,
      raw: JSON.stringify({ pad: 'x'.repeat(100_000) }),
    });
    expect(huge.status).toBe(413);
    expect(huge.body.error.code).toBe('body_too_large');
  });
});

describe('logs', () => {
  it('never contain a codice fiscale, a name, a phone number or a token', async () => {
    const person = citizen(77);
    const slots = await server.call(
      'GET',
      '/api/v1/availability?sede=rovigo&service=naspi-consulenza&mode=inPerson&from=2026-12-01&to=2026-12-01',
    );
    const body = {
      sede: 'rovigo',
      service: 'naspi-consulenza',
      mode: 'inPerson',
      start: slots.body.days[0].slots[0].start,
      citizen: { ...person, firstName: 'Wilhelmina', lastName: 'Zanzibarova' },
      authMethod: 'typed',
      privacyNoticeVersion: '2026-01',
    };
    expect((await server.call('POST', '/api/v1/bookings', { token: tokens.station, body })).status).toBe(201);
    await server.call('POST', '/api/v1/bookings', {
      token: tokens.station,
      body: { ...body, citizen: { ...body.citizen, phone: 'x' } },
    });
    await server.call('POST', '/api/v1/bookings/lookup', {
      body: { code: 'ABCDEFGH', codiceFiscale: person.codiceFiscale },
    });
    const logs = server.logs();
    expect(logs).toContain('/api/v1/bookings');
    for (const secret of [
      person.codiceFiscale,
      'Wilhelmina',
      'Zanzibarova',
      '3471234567',
      tokens.station!,
      'demo-admin',
    ]) {
      expect(logs).not.toContain(secret);
    }
  });
});

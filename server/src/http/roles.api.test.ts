// Every route × every role, with real credentials: a role the declaration leaves out is refused before any
// input is looked at, and a declared role is never refused for its role (only for the dummy input).
import { roles, type Role } from '@sportello/protocol';
import { describe, expect, it } from 'vitest';
import { allRoutes } from '../app.ts';
import { startTestServer, type TestServer } from '../testing/test-server.ts';

const credentials: Record<Role, (server: TestServer) => Promise<string>> = {
  station: (server) => server.stationToken('rovigo-accoglienza'),
  official: (server) => server.login('funzionario.rovigo'),
  counter: (server) => server.login('sportello.rovigo'),
  'contact-centre': (server) => server.login('contactcenter'),
  technician: (server) => server.login('tecnico'),
  manager: (server) => server.login('direttore.rovigo'),
  admin: (server) => server.login('admin'),
  board: async (server) => {
    const created = await server.call('POST', '/api/v1/boards', {
      token: await server.login('tecnico'),
      body: { sede: 'rovigo', name: 'Sala d’attesa' },
    });
    return new URL(created.body.url as string).searchParams.get('key')!;
  },
};

describe('every route checks the roles it declares', () => {
  // One server per caller: the guess limiter counts failed tries per address across its routes.
  it.each([...roles, 'anonymous' as const])('as %s', async (caller) => {
    const server = await startTestServer('2026-11-30T09:00:00+01:00');
    try {
      const token = caller === 'anonymous' ? undefined : await credentials[caller](server);
      // Signing out ends the session the other calls use, so it is walked last.
      const routes = allRoutes(server.ctx).sort(
        (a, b) => Number(a.path === '/auth/logout') - Number(b.path === '/auth/logout'),
      );
      for (const route of routes) {
        const result = await server.call(
          route.method.toUpperCase(),
          '/api/v1' + route.path.replace(/:\w+/g, 'x'),
          {
            ...(token ? { token } : {}),
            ...(route.method === 'get' ? {} : { body: {} }),
          },
        );
        const where = `${caller} on ${route.method.toUpperCase()} ${route.path}: ${result.status}`;
        const declared = route.roles === 'public' || (caller !== 'anonymous' && route.roles.includes(caller));
        const code = result.body?.error?.code;
        if (declared) {
          expect(result.status === 401 && code === 'unauthenticated', where).toBe(false);
          expect(result.status === 403 && code === 'forbidden', where).toBe(false);
        } else if (caller === 'anonymous') {
          expect([result.status, code], where).toEqual([401, 'unauthenticated']);
        } else {
          expect([result.status, code], where).toEqual([403, 'forbidden']);
        }
      }
    } finally {
      await server.stop();
    }
  });
});

// README.md's API table is the route declarations' own: `npm run docs:api` writes it, this test keeps it so.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allRoutes } from '../app.ts';
import { startTestServer, type TestServer } from '../testing/test-server.ts';
import { defineRoute, type RouteSpec } from './route.ts';
import { routeTable, withRouteTable } from './route-table.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer('2026-11-30T09:00:00+01:00');
});
afterAll(() => server.stop());

describe('the README API table', () => {
  it('is what `npm run docs:api` writes from the route declarations', async () => {
    const readme = await readFile(new URL('../../../README.md', import.meta.url), 'utf8');
    expect(readme, 'README.md is out of date: run npm run docs:api').toBe(
      withRouteTable(readme, allRoutes(server.ctx)),
    );
  });

  it('names the roles, "anyone" for public routes, the narrower audience, and escapes pipes', () => {
    const route = (spec: Partial<RouteSpec>): RouteSpec =>
      defineRoute({
        method: 'get',
        path: '/x',
        summary: 'x',
        tag: 'x',
        roles: 'public',
        responses: {},
        handler: async () => ({}),
        ...spec,
      });
    const table = routeTable([
      route({ path: '/calls/:id', roles: ['official'], audience: "the call's own", summary: 'a | b' }),
      route({ method: 'post', path: '/open' }),
    ]);
    expect(table.split('\n')).toEqual([
      '| route                   | who                       | what   |',
      '| ----------------------- | ------------------------- | ------ |',
      "| `GET /api/v1/calls/:id` | official (the call's own) | a \\| b |",
      '| `POST /api/v1/open`     | anyone                    | x      |',
    ]);
  });
});

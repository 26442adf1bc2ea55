// /api/v1/catalog: sedi, sectors and services, for kiosks and consoles.
import { CatalogResponse } from '@sportello/protocol';
import type { AppContext } from '../context.ts';
import { defineRoute, type RouteSpec } from '../http/route.ts';
import { publicCatalog } from './catalog.ts';

export function catalogRoutes(ctx: AppContext): RouteSpec[] {
  const catalog = publicCatalog(ctx.config);
  return [
    defineRoute({
      method: 'get',
      path: '/catalog',
      summary: 'Sedi, sectors and the services catalog',
      tag: 'catalog',
      roles: 'public',
      responses: { 200: { description: 'The catalog', schema: CatalogResponse } },
      handler: async () => ({ body: catalog }),
    }),
  ];
}

// The OpenAPI 3.1 document, generated with zod-openapi from the same route declarations Express runs.
import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject } from 'zod-openapi';
import type { z } from 'zod';
import type { RouteSpec } from './route.ts';
import { whoMayCall } from './route-table.ts';

export function openApiDocument(routes: RouteSpec[], version: string): ReturnType<typeof createDocument> {
  const paths: ZodOpenApiPathsObject = {};
  for (const route of routes) {
    const path = '/api/v1' + route.path.replace(/:(\w+)/g, '{$1}');
    const operation: ZodOpenApiOperationObject = {
      summary: route.summary,
      tags: [route.tag],
      description: `Who may call it: ${whoMayCall(route)}.`,
      ...(route.roles === 'public' ? { security: [] } : {}),
      requestParams: {
        ...(route.query ? { query: route.query as z.ZodObject } : {}),
        ...(route.params ? { path: route.params as z.ZodObject } : {}),
      },
      ...(route.body ? { requestBody: { content: { 'application/json': { schema: route.body } } } } : {}),
      responses: Object.fromEntries(
        Object.entries(route.responses).map(([status, r]) => [
          status,
          {
            description: r.description,
            ...(r.schema ? { content: { [r.contentType ?? 'application/json']: { schema: r.schema } } } : {}),
          },
        ]),
      ),
    };
    paths[path] = { ...paths[path], [route.method]: operation };
  }
  return createDocument({
    openapi: '3.1.0',
    info: {
      title: 'Sportello API',
      version,
      description:
        'Kiosks, webcam stations and staff consoles of the institute. Errors always answer ' +
        '`{ "error": { "code", "message", "fields"?, "details"? } }`.',
    },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          description: 'Staff session token (sps_…) or station credential (sts_…)',
        },
      },
    },
    security: [{ bearer: [] }],
    paths,
  });
}

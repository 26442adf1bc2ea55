// The README's API table, written from the route declarations (`npm run docs:api`) so the roles it documents
// are the roles the router enforces; a test fails when README.md is not what the script would write.
import { z } from 'zod';
import type { RouteSpec } from './route.ts';

export const TABLE_START = '<!-- api-table:start -->';
export const TABLE_END = '<!-- api-table:end -->';

/** Who may call a route: its roles, or "anyone", with the narrower rule its handler applies. */
export function whoMayCall(route: RouteSpec): string {
  const roles = route.roles === 'public' ? 'anyone' : route.roles.join(', ');
  return route.audience ? `${roles} (${route.audience})` : roles;
}

/** One row per route, padded the way Prettier pads Markdown tables, so `prettier --check` agrees. */
export function routeTable(routes: RouteSpec[]): string {
  const rows = routes.map((route) => {
    const query = route.query instanceof z.ZodObject ? Object.keys(route.query.shape) : [];
    const target = `/api/v1${route.path}${query.length ? `?${query.join('&')}` : ''}`;
    return [`\`${route.method.toUpperCase()} ${target}\``, whoMayCall(route), route.summary].map(cell);
  });
  const header = ['route', 'who', 'what'];
  const widths = header.map((title, column) =>
    Math.max(title.length, 3, ...rows.map((row) => row[column]!.length)),
  );
  const line = (cells: string[]) =>
    `| ${cells.map((text, column) => text.padEnd(widths[column]!)).join(' | ')} |`;
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}

/** README.md with the text between the table's markers replaced by the table of these routes. */
export function withRouteTable(readme: string, routes: RouteSpec[]): string {
  const start = readme.indexOf(TABLE_START);
  const end = readme.indexOf(TABLE_END);
  if (start < 0 || end < start)
    throw new Error(`README.md needs the markers ${TABLE_START} and ${TABLE_END}`);
  return `${readme.slice(0, start + TABLE_START.length)}\n\n${routeTable(routes)}\n\n${readme.slice(end)}`;
}

const cell = (text: string) => text.replaceAll('|', '\\|');

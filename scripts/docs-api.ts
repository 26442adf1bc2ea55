// `npm run docs:api`: rewrites the API table in README.md from the server's route declarations.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { allRoutes } from '../server/src/app.ts';
import { defaultConfigDir, loadConfig } from '../server/src/config/load-config.ts';
import type { AppContext } from '../server/src/context.ts';
import { withRouteTable } from '../server/src/http/route-table.ts';

const README = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../README.md');

const config = await loadConfig(defaultConfigDir());
// The route factories read only the configuration when they declare; no handler runs here.
const routes = allRoutes({ config } as AppContext);
await writeFile(README, withRouteTable(await readFile(README, 'utf8'), routes));
console.log(`README.md: API table of ${routes.length} routes written`);

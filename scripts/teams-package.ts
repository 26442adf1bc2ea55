// `npm run teams:package [-- --public-url https://… --out file.zip]`: the Teams app package that carries the
// staff console as a personal tab, with single sign-on (webApplicationInfo), camera and microphone for the
// built-in calls, and the icons. Everything comes from config/teams.json and server.json's publicUrl.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { palette } from '@sportello/web-common/palette';
import { zipSync } from 'fflate';
import { defaultConfigDir, loadConfig } from '../server/src/config/load-config.ts';

/** The manifest schema this package follows; its JSON schema is vendored in test/fixtures/teams/. */
export const MANIFEST_VERSION = '1.24';
const iconsDir = fileURLToPath(new URL('./teams-app/', import.meta.url));

export async function teamsManifest(configDir: string, publicUrlOverride?: string) {
  const config = await loadConfig(configDir);
  const { app, sso } = config.teams;
  if (!app) throw new Error('teams.json has no "app" (the Teams app id and version): nothing to package');
  if (!sso) throw new Error('teams.json has no "sso": the console in Teams signs in only by single sign-on');
  const publicUrl = new URL(publicUrlOverride ?? config.server.publicUrl);
  // Teams loads tabs over HTTPS only.
  if (publicUrl.protocol !== 'https:')
    throw new Error(
      `the console's public URL must be https:// for Teams (got ${publicUrl.origin}); pass --public-url`,
    );
  const base = publicUrl.origin + publicUrl.pathname.replace(/\/$/, '');
  const developer = app.developer ?? {
    name: 'INPS',
    websiteUrl: `${base}/`,
    privacyUrl: `${base}/`,
    termsOfUseUrl: `${base}/`,
  };
  return {
    $schema: `https://developer.microsoft.com/json-schemas/teams/v${MANIFEST_VERSION}/MicrosoftTeams.schema.json`,
    manifestVersion: MANIFEST_VERSION,
    version: app.version,
    id: app.id,
    developer,
    name: { short: app.shortName, full: 'Sportello INPS · Console del personale' },
    description: {
      short: 'La console del personale dello Sportello INPS dentro Teams',
      full: 'Coda delle videochiamate, appuntamenti e chiamate dai totem, con accesso unico (single sign-on) del tuo account Microsoft.',
    },
    icons: { color: 'color.png', outline: 'outline.png' },
    accentColor: palette.primary.toUpperCase(),
    staticTabs: [
      {
        entityId: 'console',
        name: 'Console',
        // ?inTeams=1 tells the console to load teams-js at once instead of guessing from being framed.
        contentUrl: `${base}/console/?inTeams=1`,
        websiteUrl: `${base}/console/`,
        scopes: ['personal'],
      },
    ],
    permissions: ['identity'],
    devicePermissions: ['media'],
    validDomains: [publicUrl.host],
    webApplicationInfo: { id: sso.clientId, resource: sso.applicationIdUri },
  };
}

/** The zip Teams takes: manifest.json and the two icons at its root. */
export async function teamsPackage(configDir: string, publicUrl?: string): Promise<Uint8Array> {
  const manifest = await teamsManifest(configDir, publicUrl);
  return zipSync({
    'manifest.json': new TextEncoder().encode(JSON.stringify(manifest, null, 2)),
    'color.png': await readFile(path.join(iconsDir, 'color.png')),
    'outline.png': await readFile(path.join(iconsDir, 'outline.png')),
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: { 'public-url': { type: 'string' }, out: { type: 'string' }, config: { type: 'string' } },
  });
  const out = path.resolve(values.out ?? 'sportello-teams.zip');
  try {
    await writeFile(out, await teamsPackage(values.config ?? defaultConfigDir(), values['public-url']));
    console.log(`Teams app package written: ${out}`);
  } catch (error) {
    console.error(`teams:package: ${(error as Error).message}`);
    process.exitCode = 1;
  }
}

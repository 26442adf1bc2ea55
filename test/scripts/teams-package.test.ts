// `npm run teams:package`: the zip holds a manifest valid against Teams' JSON schema (v1.24, vendored from
// Microsoft's @microsoft/app-manifest so the test runs offline), with the console tab, SSO and media
// permission from config, and the two icons at the sizes Teams asks for.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import AjvDraft04 from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { MANIFEST_VERSION, teamsManifest, teamsPackage } from '../../scripts/teams-package.ts';
import { defaultConfigDir } from '../../server/src/config/load-config.ts';

const PUBLIC_URL = 'https://sportello.example.it';
const schema = JSON.parse(
  await readFile(
    new URL(`../fixtures/teams/MicrosoftTeams.v${MANIFEST_VERSION}.schema.json`, import.meta.url),
    'utf8',
  ),
);
// Both are CommonJS modules whose class and plugin are also their `default` export.
const ajv = new AjvDraft04.default({ allErrors: true, strict: false });
ajvFormats.default(ajv);
const validate = ajv.compile(schema);

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes: Uint8Array): { width: number; height: number } {
  expect([...bytes.subarray(0, 8)]).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
  const view = new DataView(bytes.buffer, bytes.byteOffset);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

describe('teams:package', () => {
  it('makes a zip whose manifest is valid against the Teams schema and whose icons have the right sizes', async () => {
    const files = unzipSync(await teamsPackage(defaultConfigDir(), PUBLIC_URL));
    expect(Object.keys(files).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const manifest = JSON.parse(new TextDecoder().decode(files['manifest.json']));
    const valid = validate(manifest);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    expect(manifest.manifestVersion).toBe(MANIFEST_VERSION);
    expect(manifest.staticTabs).toEqual([
      expect.objectContaining({
        contentUrl: `${PUBLIC_URL}/console/?inTeams=1`,
        scopes: ['personal'],
      }),
    ]);
    expect(manifest.webApplicationInfo).toEqual({
      id: '8f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9',
      resource: 'api://sportello.example.it/8f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9',
    });
    expect(manifest.devicePermissions).toEqual(['media']);
    expect(manifest.validDomains).toEqual(['sportello.example.it']);
    expect(pngSize(files['color.png']!)).toEqual({ width: 192, height: 192 });
    expect(pngSize(files['outline.png']!)).toEqual({ width: 32, height: 32 });
  });

  it('the schema check is real: a manifest with a bad app id or an http tab is refused', async () => {
    const manifest = await teamsManifest(defaultConfigDir(), PUBLIC_URL);
    expect(validate({ ...manifest, id: 'not-a-guid' })).toBe(false);
    const httpTab = { ...manifest.staticTabs[0], contentUrl: 'ftp://x/console/' };
    expect(validate({ ...manifest, staticTabs: [httpTab] })).toBe(false);
    expect(validate({ ...manifest, devicePermissions: ['camera'] })).toBe(false);
    expect(validate({ ...manifest, manifestVersion: '1.0' })).toBe(false);
  });

  it('refuses a public URL that is not https, as Teams would', async () => {
    await expect(teamsPackage(defaultConfigDir(), 'http://127.0.0.1:8080')).rejects.toThrow(/https/);
  });

  it('runs as the npm script and writes the zip', async () => {
    const out = path.join(await mkdtemp(path.join(tmpdir(), 'teams-pkg-')), 'app.zip');
    await promisify(execFile)('npm', [
      'run',
      '--silent',
      'teams:package',
      '--',
      '--public-url',
      PUBLIC_URL,
      '--out',
      out,
    ]);
    const files = unzipSync(new Uint8Array(await readFile(out)));
    expect(validate(JSON.parse(new TextDecoder().decode(files['manifest.json'])))).toBe(true);
  });
});

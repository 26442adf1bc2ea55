// Teams single sign-on over real HTTP against a local Entra ID stand-in (its JWKS served over HTTP): a
// tenant's token for the app signs the mapped official in with a normal staff session; tokens of another
// tenant, for another application, expired or badly signed are each refused with a 401 saying which.
import { mkdtemp, rm, cp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultConfigDir } from '../config/load-config.ts';
import { CLIENT_ID, OTHER_TENANT, startEntraStandIn, type EntraStandIn } from '../testing/entra-stand-in.ts';
import { startTestServer, type TestServer } from '../testing/test-server.ts';

const MONDAY = '2026-11-30T09:00:00+01:00';
let entra: EntraStandIn;
let server: TestServer;

const teamsSignIn = (token: string) => server.call('POST', '/api/v1/auth/teams', { body: { token } });

beforeAll(async () => {
  entra = await startEntraStandIn();
  const configDir = await entra.configDir({
    'laura.bianchi@inps.example.it': 'funzionario.rovigo',
    '99999999-8888-4777-8666-555555555555': 'funzionario.napoli',
    'someone.else@inps.example.it': 'nobody.here',
  });
  server = await startTestServer(MONDAY, { configDir });
});
afterAll(async () => {
  await server.stop();
  await entra.stop();
});

describe('POST /auth/teams', () => {
  it('signs the mapped official in by UPN with a session that works like a password one', async () => {
    const result = await teamsSignIn(await entra.token());
    expect(result.status).toBe(200);
    expect(result.body.user).toMatchObject({ username: 'funzionario.rovigo', roles: ['official'] });
    // Framed by Teams (another site): only a partitioned SameSite=None cookie is sent there.
    expect(result.headers.get('set-cookie')).toMatch(
      /^sportello_session=.*HttpOnly; SameSite=None; Secure; Partitioned; Max-Age=\d+$/,
    );
    const me = await server.call('GET', '/api/v1/auth/me', { token: result.body.token });
    expect(me.body.user.username).toBe('funzionario.rovigo');
  });

  it('maps by object id before the UPN, and takes a v2.0 token whose audience is the client id', async () => {
    const token = await entra.token({
      oid: '99999999-8888-4777-8666-555555555555',
      upn: 'unmapped@inps.example.it',
      iss: 'https://login.microsoftonline.com/6b1c2d3e-4f50-4a61-8b72-93a4b5c6d7e8/v2.0',
      aud: CLIENT_ID,
    });
    const result = await teamsSignIn(token);
    expect(result.status).toBe(200);
    expect(result.body.user.username).toBe('funzionario.napoli');
  });

  it.each([
    ['another tenant', { tid: OTHER_TENANT }, 'sso_wrong_tenant'],
    ['another audience', { aud: 'api://elsewhere.example/abc' }, 'sso_wrong_audience'],
    ['an expired token', { expiresIn: -600 }, 'sso_expired'],
    ['a bad signature', { foreignKey: true }, 'sso_bad_signature'],
  ])('refuses %s with a clear 401', async (_what, claims, code) => {
    const result = await teamsSignIn(await entra.token(claims));
    expect(result.status).toBe(401);
    expect(result.body.error.code).toBe(code);
    expect(result.headers.get('set-cookie')).toBeNull();
  });

  it('refuses a token whose issuer is not the tenant even when tid is', async () => {
    const result = await teamsSignIn(await entra.token({ iss: 'https://sts.windows.net/someone-else/' }));
    expect(result.status).toBe(401);
    expect(result.body.error.code).toBe('sso_bad_claims');
  });

  it('refuses what is not a JWT, and a user with no staff account with a 403', async () => {
    const garbage = await teamsSignIn('not-a-token');
    expect(garbage.status).toBe(401);
    expect(garbage.body.error.code).toBe('sso_malformed');
    const unmapped = await teamsSignIn(await entra.token({ upn: 'stranger@inps.example.it', oid: 'x' }));
    expect(unmapped.status).toBe(403);
    expect(unmapped.body.error.code).toBe('sso_no_account');
    const gone = await teamsSignIn(await entra.token({ upn: 'someone.else@inps.example.it', oid: 'y' }));
    expect(gone.status).toBe(403);
    expect(gone.body.error.code).toBe('sso_no_account');
  });

  it('lets Teams frame the console (CSP frame-ancestors, no X-Frame-Options)', async () => {
    const page = await fetch(`${server.url}/console/`);
    await page.body?.cancel();
    expect(page.headers.get('content-security-policy')).toContain(
      'frame-ancestors https://teams.microsoft.com https://*.teams.microsoft.com',
    );
    expect(page.headers.get('x-frame-options')).toBeNull();
  });

  it('names the missing token field with a 400', async () => {
    const result = await server.call('POST', '/api/v1/auth/teams', { body: {} });
    expect(result.status).toBe(400);
    expect(JSON.stringify(result.body)).toContain('token');
  });
});

describe('without teams.json', () => {
  it('has no Teams sign-in (404 teams_sso_off)', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'sportello-no-teams-'));
    await cp(defaultConfigDir(), dir, { recursive: true });
    await rm(path.join(dir, 'teams.json'));
    const plain = await startTestServer(MONDAY, { configDir: dir });
    try {
      const result = await plain.call('POST', '/api/v1/auth/teams', { body: { token: await entra.token() } });
      expect(result.status).toBe(404);
      expect(result.body.error.code).toBe('teams_sso_off');
      // Nobody may frame the console then.
      const page = await fetch(`${plain.url}/console/`);
      await page.body?.cancel();
      expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(page.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    } finally {
      await plain.stop();
    }
  });
});

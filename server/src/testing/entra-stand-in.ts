// A local stand-in for Entra ID in tests: an RSA key with its JWKS served over HTTP as the tenant publishes it,
// and tokens shaped like those Teams SSO gives a tab (v1.0 access tokens: iss sts.windows.net, aud the
// Application ID URI, tid, oid, upn, scp). GET /token mints one for the test Teams host page.
import { cp, mkdtemp, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TeamsSettings } from '@sportello/protocol';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { defaultConfigDir } from '../config/load-config.ts';

export const TENANT = '6b1c2d3e-4f50-4a61-8b72-93a4b5c6d7e8';
export const CLIENT_ID = '2f3e4d5c-6b7a-4890-9a1b-2c3d4e5f6a7b';
export const APP_ID_URI = `api://127.0.0.1/${CLIENT_ID}`;
export const OTHER_TENANT = '0a0b0c0d-0e0f-4a1b-8c2d-3e4f5a6b7c8d';

export interface TokenClaims {
  tid?: string;
  aud?: string;
  iss?: string;
  oid?: string;
  upn?: string;
  /** Seconds from now; negative for an expired token. */
  expiresIn?: number;
  /** Sign with a key the tenant never published (under the published key id). */
  foreignKey?: boolean;
}

export interface EntraStandIn {
  jwksUrl: string;
  /** The /token endpoint the test Teams host page calls, with ?upn= or ?oid=. */
  tokenUrl: string;
  token(claims?: TokenClaims): Promise<string>;
  /** A copy of config/ whose teams.json points SSO at this stand-in. */
  configDir(users?: Record<string, string>): Promise<string>;
  stop(): Promise<void>;
}

export async function startEntraStandIn(): Promise<EntraStandIn> {
  const tenantKey = await generateKeyPair('RS256');
  const foreign = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(tenantKey.publicKey)), kid: 'tenant-key-1', use: 'sig', alg: 'RS256' };

  const token = async (claims: TokenClaims = {}): Promise<string> => {
    const tid = claims.tid ?? TENANT;
    const key: CryptoKey = claims.foreignKey ? foreign.privateKey : tenantKey.privateKey;
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({
      tid,
      oid: claims.oid ?? '11111111-2222-4333-8444-555555555555',
      upn: claims.upn ?? 'laura.bianchi@inps.example.it',
      name: 'Laura Bianchi',
      scp: 'access_as_user',
      ver: '1.0',
    })
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: jwk.kid })
      .setIssuer(claims.iss ?? `https://sts.windows.net/${tid}/`)
      .setAudience(claims.aud ?? APP_ID_URI)
      .setIssuedAt(now - 60)
      .setNotBefore(now - 60)
      .setExpirationTime(now + (claims.expiresIn ?? 3600))
      .sign(key);
  };

  const http = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    res.setHeader('access-control-allow-origin', '*');
    if (url.pathname === `/${TENANT}/discovery/v2.0/keys`) {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [jwk] }));
      return;
    }
    if (url.pathname === '/token') {
      const claims: TokenClaims = {};
      const upn = url.searchParams.get('upn');
      const oid = url.searchParams.get('oid');
      if (upn) claims.upn = upn;
      if (oid) claims.oid = oid;
      void token(claims).then((t) => res.end(t));
      return;
    }
    res.statusCode = 404;
    res.end();
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  const jwksUrl = `${base}/${TENANT}/discovery/v2.0/keys`;

  return {
    jwksUrl,
    tokenUrl: `${base}/token`,
    token,
    async configDir(users = { 'laura.bianchi@inps.example.it': 'funzionario.rovigo' }) {
      const dir = await mkdtemp(path.join(tmpdir(), 'sportello-teams-config-'));
      await cp(defaultConfigDir(), dir, { recursive: true });
      const teams: TeamsSettings = {
        sso: { tenantId: TENANT, clientId: CLIENT_ID, applicationIdUri: APP_ID_URI, jwksUrl, users },
      };
      await writeFile(path.join(dir, 'teams.json'), JSON.stringify(teams, null, 2));
      return dir;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        http.closeAllConnections();
        http.close(() => resolve());
      }),
  };
}

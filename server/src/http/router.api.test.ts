// The API's own router as clients meet it: what Express used to give them (trailing slashes, HEAD, a kept answer
// revalidated, JSON errors for any failure) and what every answer carries (security headers, guess limits).
import { get } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/test-server.ts';

let server: TestServer;
const AVAILABILITY =
  '/api/v1/availability?sede=rovigo&service=pensione-consulenza&mode=inPerson&from=2026-12-01&to=2026-12-01';

beforeAll(async () => {
  server = await startTestServer('2026-11-30T09:00:00+01:00');
});
afterAll(() => server.stop());

/** A GET as a browser revalidates: fetch() would add "Cache-Control: no-cache" beside If-None-Match. */
function revalidate(path: string, etag: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) =>
    get(server.url + path, { headers: { 'if-none-match': etag } }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, body }));
    }).on('error', reject),
  );
}

describe('the API router', () => {
  it('answers a client holding a kept availability answer 304, and anyone else the answer', async () => {
    const first = await fetch(server.url + AVAILABILITY);
    const etag = first.headers.get('etag');
    expect(first.status).toBe(200);
    expect(etag).toMatch(/^W\/"/);
    expect(await revalidate(AVAILABILITY, etag!)).toEqual({ status: 304, body: '' });
    const other = await revalidate(AVAILABILITY, 'W/"other"');
    expect(other.status).toBe(200);
    expect(JSON.parse(other.body).sede).toBe('rovigo');
  });

  it('takes a trailing slash, answers HEAD as GET without a body, and 404s a method no route has', async () => {
    const catalog = await server.call('GET', '/api/v1/catalog');
    expect((await server.call('GET', '/api/v1/catalog/')).body).toEqual(catalog.body);
    const head = await fetch(server.url + '/api/v1/catalog', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await head.text()).toBe('');
    const wrongMethod = await server.call('DELETE', '/api/v1/catalog');
    expect(wrongMethod.status).toBe(404);
    expect(wrongMethod.body.error.code).toBe('not_found');
  });

  it('sends the security headers with every answer, errors included', async () => {
    for (const path of ['/api/v1/catalog', '/api/v1/bookings/lookup', '/api/v1/nothing-here']) {
      const response = await fetch(server.url + path);
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(response.headers.get('x-powered-by'), path).toBeNull();
    }
  });

  it('counts tries only on the routes that hold a secret to guess', async () => {
    const lookup = await fetch(server.url + '/api/v1/bookings/lookup', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: 'ZZZZZZZZ', codiceFiscale: 'RSSMRA80A01H501U' }),
    });
    expect(lookup.status).toBe(404);
    expect(lookup.headers.get('ratelimit')).toMatch(/r=29/);
    const catalog = await fetch(server.url + '/api/v1/catalog');
    expect(catalog.headers.get('ratelimit')).toBeNull();
  });

  it('answers a path it cannot decode, or a body it cannot read, with a JSON error and never a 500', async () => {
    const badPath = await server.call('POST', '/api/v1/bookings/%E0%A4%A/cancel', {
      body: { code: 'X', codiceFiscale: 'RSSMRA80A01H501U' },
    });
    expect(badPath.status).toBe(404);
    expect(badPath.body.error.code).toBe('not_found');
    const badJson = await server.call('POST', '/api/v1/bookings/lookup', { raw: '{"code":' });
    expect(badJson.status).toBe(400);
    expect(badJson.body.error.code).toBe('invalid_json');
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/test-server.ts';

describe('X-Sportello-Instance', () => {
  let server: TestServer | undefined;
  const before = process.env.SPORTELLO_INSTANCE;
  afterEach(async () => {
    await server?.stop();
    server = undefined;
    if (before === undefined) delete process.env.SPORTELLO_INSTANCE;
    else process.env.SPORTELLO_INSTANCE = before;
  });

  it('names the instance that answered when SPORTELLO_INSTANCE is set, on the API and on errors', async () => {
    process.env.SPORTELLO_INSTANCE = 'b';
    server = await startTestServer('2025-03-03T09:00:00+01:00');
    expect((await server.call('GET', '/readyz')).headers.get('x-sportello-instance')).toBe('b');
    expect((await server.call('GET', '/api/v1/no-such-thing')).headers.get('x-sportello-instance')).toBe('b');
  });

  it('is absent when no instance name is set', async () => {
    delete process.env.SPORTELLO_INSTANCE;
    server = await startTestServer('2025-03-03T09:00:00+01:00');
    expect((await server.call('GET', '/readyz')).headers.has('x-sportello-instance')).toBe(false);
  });
});

import { SmsGatewaySettings } from '@sportello/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeSmsGateway } from '../testing/fake-sms-gateway.ts';
import { HttpSmsGateway } from './http-sms-gateway.ts';
import { SmsSendError } from './sms-provider.ts';

let gateway: FakeSmsGateway;
beforeAll(async () => {
  gateway = await FakeSmsGateway.start();
});
afterAll(() => gateway.close());

const sms = { to: '+393471234567', text: 'Prenotazione K7M2QX9D confermata: caffè & "tè"', ref: 'msg-1' };

function skebbyLike(overrides: Record<string, unknown> = {}) {
  return SmsGatewaySettings.parse({
    url: `${gateway.url}/API/v1.0/REST/sms`,
    headers: { user_key: 'u1', Access_token: '${env:TEST_SMS_TOKEN}' },
    idempotencyHeader: 'Idempotency-Key',
    bodyTemplate: {
      message_type: 'N',
      sender: '{{sender}}',
      recipient: ['{{to}}'],
      message: '{{text}}',
      order_id: '{{id}}',
    },
    timeoutMilliseconds: 300,
    success: { status: '2xx', jsonPath: 'result', equals: 'OK' },
    messageIdPath: 'order_id',
    ...overrides,
  });
}

async function failure(promise: Promise<unknown>): Promise<SmsSendError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SmsSendError);
  return error as SmsSendError;
}

describe('HTTP SMS gateway', () => {
  it('fills the JSON body template, the headers and the idempotency key, and reads the gateway id', async () => {
    gateway.respond = () => ({ body: { result: 'OK', order_id: 'gw-42' } });
    const provider = new HttpSmsGateway(skebbyLike(), 'INPS', { TEST_SMS_TOKEN: 'secret-token' });
    expect(await provider.send(sms)).toEqual({ id: 'gw-42', status: 'accepted' });
    const request = gateway.requests.at(-1)!;
    expect(request.method).toBe('POST');
    expect(request.url).toBe('/API/v1.0/REST/sms');
    expect(request.headers['access_token']).toBe('secret-token');
    expect(request.headers['user_key']).toBe('u1');
    expect(request.key).toBe('msg-1');
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.json).toEqual({
      message_type: 'N',
      sender: 'INPS',
      recipient: ['+393471234567'],
      message: sms.text,
      order_id: 'msg-1',
    });
  });

  it('sends a form body, or GET parameters, URL-encoded', async () => {
    gateway.respond = () => ({ body: 'OK' });
    const form = new HttpSmsGateway(
      skebbyLike({
        bodyFormat: 'form',
        bodyTemplate: { to: '{{toDigits}}', text: '{{text}}' },
        success: {},
        messageIdPath: undefined,
      }),
      'INPS',
    );
    expect((await form.send(sms)).id).toBe('msg-1');
    expect(new URLSearchParams(gateway.requests.at(-1)!.body).get('text')).toBe(sms.text);
    expect(new URLSearchParams(gateway.requests.at(-1)!.body).get('to')).toBe('393471234567');
    const get = new HttpSmsGateway(
      skebbyLike({
        method: 'GET',
        url: `${gateway.url}/send?to={{to}}&text={{text}}&from={{sender}}`,
        bodyTemplate: undefined,
        success: {},
        messageIdPath: undefined,
      }),
      'INPS',
    );
    await get.send(sms);
    const query = new URL(gateway.requests.at(-1)!.url, gateway.url).searchParams;
    expect([query.get('to'), query.get('text'), query.get('from')]).toEqual([
      '+393471234567',
      sms.text,
      'INPS',
    ]);
  });

  it('tells retryable failures (5xx, 429, time-out, refused connection) from a refusal of the message', async () => {
    const provider = new HttpSmsGateway(skebbyLike(), 'INPS');
    for (const status of [500, 503, 429]) {
      gateway.respond = () => ({ status });
      const error = await failure(provider.send(sms));
      expect([error.retryable, error.message]).toEqual([true, `gateway answered HTTP ${status}`]);
    }
    gateway.respond = () => ({ status: 400, body: { error: 'bad recipient' } });
    expect((await failure(provider.send(sms))).retryable).toBe(false);

    gateway.respond = () => ({ delayMs: 1000 });
    const started = Date.now();
    const slow = await failure(provider.send(sms));
    expect(Date.now() - started).toBeLessThan(900);
    expect([slow.retryable, slow.message]).toEqual([true, 'gateway did not answer within 300 ms']);

    const closed = new HttpSmsGateway(skebbyLike({ url: 'http://127.0.0.1:9/sms' }), 'INPS');
    expect((await failure(closed.send(sms))).retryable).toBe(true);
  });

  it('checks the JSON answer, and never repeats a phone number from it', async () => {
    gateway.respond = () => ({ body: { result: 'KO', detail: 'invalid +393471234567' } });
    const wrong = await failure(new HttpSmsGateway(skebbyLike(), 'INPS').send(sms));
    expect(wrong.message).toBe('gateway refused the message: result is "KO"');
    gateway.respond = () => ({ body: { result: 'invalid recipient +39 347 1234567' } });
    const echoed = await failure(new HttpSmsGateway(skebbyLike(), 'INPS').send(sms));
    expect(echoed.message).not.toMatch(/347/);
  });
});

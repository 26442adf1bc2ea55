// The timed SMS provider: each send timed by its outcome, the provider's class and other methods kept.
import { describe, expect, it } from 'vitest';
import { DevOutboxProvider } from '../notification/dev-outbox-provider.ts';
import { SmsSendError, type OutgoingSms, type SmsProvider } from '../notification/sms-provider.ts';
import { instrumentSmsProvider } from './instrument-sms.ts';
import { createMetrics, type Metrics } from './metrics.ts';

const sms: OutgoingSms = { to: '+393471234567', text: 'Prenotazione confermata', ref: 'm1' };

async function sends(metrics: Metrics): Promise<Record<string, number>> {
  const metric = (await metrics.registry.getMetricsAsJSON()).find(
    (m) => m.name === 'sportello_sms_send_duration_seconds',
  );
  return Object.fromEntries(
    (metric?.values ?? [])
      .filter((v) => (v as { metricName?: string }).metricName?.endsWith('_count'))
      .map((v) => [String(v.labels.outcome), v.value]),
  );
}

describe('the timed SMS provider', () => {
  it('times each send as accepted, refused for good, or failed to be retried, and passes errors on', async () => {
    const answers = [
      () => Promise.resolve({ id: 'g1', status: 'accepted' as const }),
      () => Promise.reject(new SmsSendError('number not valid', false)),
      () => Promise.reject(new SmsSendError('gateway timed out', true)),
      () => Promise.reject(new Error('socket hang up')),
    ];
    const gateway: SmsProvider = { send: () => answers.shift()!() };
    const metrics = createMetrics();
    const timed = instrumentSmsProvider(gateway, metrics);
    expect(await timed.send(sms)).toEqual({ id: 'g1', status: 'accepted' });
    await expect(timed.send(sms)).rejects.toThrow('number not valid');
    await expect(timed.send(sms)).rejects.toThrow('gateway timed out');
    await expect(timed.send(sms)).rejects.toThrow('socket hang up');
    expect(await sends(metrics)).toEqual({ accepted: 1, refused: 1, failed: 2 });
  });

  it('keeps the development provider what it is: admins read its messages', async () => {
    const dev = instrumentSmsProvider(
      new DevOutboxProvider(() => new Date('2026-11-30T08:00:00Z')),
      createMetrics(),
    );
    expect(dev).toBeInstanceOf(DevOutboxProvider);
    await dev.send(sms);
    expect(dev.messages().map((m) => m.text)).toEqual(['Prenotazione confermata']);
  });
});

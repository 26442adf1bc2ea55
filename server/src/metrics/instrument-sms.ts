// Times every SMS handed to the provider, where the provider is created: the gateway is the outbox's one
// outside dependency, and its slowness or refusals are what an operator needs to see first.
import { SmsSendError, type SmsProvider } from '../notification/sms-provider.ts';
import type { Metrics } from './metrics.ts';

export function instrumentSmsProvider<P extends SmsProvider>(provider: P, metrics: Metrics): P {
  const send: SmsProvider['send'] = async (sms) => {
    const end = metrics.smsSendDuration.startTimer();
    try {
      const sent = await provider.send(sms);
      end({ outcome: 'accepted' });
      return sent;
    } catch (error) {
      end({ outcome: error instanceof SmsSendError && !error.retryable ? 'refused' : 'failed' });
      throw error;
    }
  };
  // A proxy, not a wrapper object: the provider keeps its class (the dev provider's messages are read by
  // admins) and its other methods.
  return new Proxy(provider, {
    get: (target, name, receiver) => {
      if (name === 'send') return send;
      const value: unknown = Reflect.get(target, name, receiver);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

// One interface for every way an SMS leaves the server; config/notifications.json picks the provider.
import type { NotificationSettings } from '@sportello/protocol';
import { DevOutboxProvider } from './dev-outbox-provider.ts';
import { HttpSmsGateway } from './http-sms-gateway.ts';

export interface OutgoingSms {
  /** E.164. */
  to: string;
  text: string;
  /** The outbox message id: the same on every retry, so a provider can drop repeats. */
  ref: string;
}

export interface SentSms {
  /** The provider's id for the message (its own, or `ref` when it gives none). */
  id: string;
  /** accepted: the provider took it; delivery reports, when there are any, come later. */
  status: 'accepted';
}

/**
 * Contract: resolves once the provider has accepted the message. Rejects with SmsSendError: retryable
 * for time-outs, network errors, 5xx, 408 and 429 (the message may or may not have gone out: the
 * retry carries the same ref); not retryable when the provider refused the message itself.
 */
export interface SmsProvider {
  send(sms: OutgoingSms): Promise<SentSms>;
}

export class SmsSendError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'SmsSendError';
  }
}

export function createSmsProvider(settings: NotificationSettings, clock: () => Date): SmsProvider {
  if (settings.provider === 'http' && settings.gateway)
    return new HttpSmsGateway(settings.gateway, settings.senderName);
  return new DevOutboxProvider(clock);
}

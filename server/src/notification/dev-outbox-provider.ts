// The development provider: keeps the last messages in memory instead of sending them, for the
// console's SMS viewer and the tests.
import { maskPhone, type DevSms } from '@sportello/protocol';
import type { OutgoingSms, SentSms, SmsProvider } from './sms-provider.ts';

const KEEP = 500;

export class DevOutboxProvider implements SmsProvider {
  private readonly kept: DevSms[] = [];
  private sequence = 0;

  constructor(private readonly clock: () => Date) {}

  async send({ to, text, ref }: OutgoingSms): Promise<SentSms> {
    const id = `dev-${++this.sequence}`;
    this.kept.push({ id, ref, to: maskPhone(to), text, receivedAt: this.clock().toISOString() });
    if (this.kept.length > KEEP) this.kept.splice(0, this.kept.length - KEEP);
    return { id, status: 'accepted' };
  }

  /** Newest first. */
  messages(): DevSms[] {
    return [...this.kept].reverse();
  }
}

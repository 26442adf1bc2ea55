// The phone rules (libphonenumber's metadata, most of the kiosk's weight) load when a screen that takes a
// number appears, not with the page: the welcome screen, and every tap before a phone field, stay light.
import type { ParsedPhone } from '@sportello/protocol/phone';
import type { ReactiveController, ReactiveControllerHost } from 'lit';

type PhoneRules = typeof import('@sportello/protocol/phone');
let rules: PhoneRules | undefined;
let loading: Promise<PhoneRules> | undefined;

const loadPhoneRules = () =>
  (loading ??= import('@sportello/protocol/phone').then((module) => (rules = module)));

/** parsePhone and formatPhone for a screen: no number is valid until the rules have loaded (a few ms). */
export class PhoneController implements ReactiveController {
  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {
    if (!rules) void loadPhoneRules().then(() => this.host.requestUpdate());
  }

  parse(input: string): ParsedPhone | null {
    return rules?.parsePhone(input) ?? null;
  }

  format(e164: string): string {
    return rules?.formatPhone(e164) ?? e164;
  }
}

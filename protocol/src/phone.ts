// Phone numbers: normalised to E.164 with libphonenumber-js; Italian numbers may be typed without +39.
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

export type PhoneProblem = 'invalid' | 'not-mobile';

export interface ParsedPhone {
  e164: string;
  mobile: boolean;
}

export function parsePhone(input: string): ParsedPhone | null {
  const parsed = parsePhoneNumberFromString(input.trim(), 'IT');
  if (!parsed || !parsed.isValid()) return null;
  const type = parsed.getType();
  return { e164: parsed.number, mobile: type === 'MOBILE' || type === 'FIXED_LINE_OR_MOBILE' };
}

/** "+39 347 123 4567": how a number is written to the citizen who owns it. */
export function formatPhone(e164: string): string {
  return parsePhoneNumberFromString(e164)?.formatInternational() ?? e164;
}

export { maskPhone } from './plain.ts';

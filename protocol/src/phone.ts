// Phone numbers: normalised to E.164 with libphonenumber-js; Italian numbers may be typed without +39.
// The rules are the library's full metadata cut to landlines and mobiles (phone-metadata-slice.ts): lighter
// wherever they load, and as exact as the full set about which numbers can take an SMS. The kiosk page never
// loads them: it asks the station agent (POST /agent/phone/check).
import { parsePhoneNumberFromString, type MetadataJson } from 'libphonenumber-js/core';
import sliced from './phone-metadata.json' with { type: 'json' };

const metadata = sliced as unknown as MetadataJson;

export type PhoneProblem = 'invalid' | 'not-mobile';

export interface ParsedPhone {
  e164: string;
  mobile: boolean;
}

export function parsePhone(input: string): ParsedPhone | null {
  const parsed = parsePhoneNumberFromString(input.trim(), 'IT', metadata);
  if (!parsed || !parsed.isValid()) return null;
  const type = parsed.getType();
  return { e164: parsed.number, mobile: type === 'MOBILE' || type === 'FIXED_LINE_OR_MOBILE' };
}

/** "+39 347 123 4567": how a number is written to the citizen who owns it. */
export function formatPhone(e164: string): string {
  return parsePhoneNumberFromString(e164, metadata)?.formatInternational() ?? e164;
}

export { maskPhone } from './plain.ts';

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

/** Recent answers: one request reads the same number several times (its schema, then the SMS rules). */
const recent = new Map<string, Readonly<ParsedPhone> | null>();
const RECENT_KEPT = 512;

export function parsePhone(input: string): Readonly<ParsedPhone> | null {
  let answer = recent.get(input);
  if (answer === undefined) {
    if (recent.size >= RECENT_KEPT) recent.clear();
    answer = parseUncached(input);
    recent.set(input, answer);
  }
  return answer;
}

function parseUncached(input: string): Readonly<ParsedPhone> | null {
  const parsed = parsePhoneNumberFromString(input.trim(), 'IT', metadata);
  if (!parsed) return null;
  const type = parsed.getType();
  // Where the rules know number types, isValid() is "has a type": asked only when there is none, the
  // library's patterns run once for a valid number instead of twice.
  if (type === undefined && !parsed.isValid()) return null;
  return Object.freeze({ e164: parsed.number, mobile: type === 'MOBILE' || type === 'FIXED_LINE_OR_MOBILE' });
}

/** "+39 347 123 4567": how a number is written to the citizen who owns it. */
export function formatPhone(e164: string): string {
  return parsePhoneNumberFromString(e164, metadata)?.formatInternational() ?? e164;
}

export { maskPhone } from './plain.ts';

// The booking code as the SMS link carries it (/meeting/<CODE>) and as a citizen reads or types it.
import { normalizeBookingCode } from '@sportello/protocol/plain';

/** The code in its one stored form (8 capitals and digits), or undefined when it is not a booking code. */
export function normaliseBookingCode(text: string): string | undefined {
  return normalizeBookingCode(text);
}

/** The code after /meeting/ in the page's path; undefined when missing or malformed (the citizen types it). */
export function bookingCodeFromPath(pathname: string): string | undefined {
  const match = /\/meeting\/([^/?#]+)\/?$/.exec(pathname);
  if (!match) return undefined;
  let segment: string;
  try {
    segment = decodeURIComponent(match[1]!);
  } catch {
    return undefined;
  }
  return normaliseBookingCode(segment);
}

/** Grouped 4+4, as the SMS and the kiosk's receipt show it, so it is read back easily. */
export function groupBookingCode(code: string): string {
  return code.length === 8 ? `${code.slice(0, 4)} ${code.slice(4)}` : code;
}

/** The digits of what was typed or pasted into the admission-code field (spaces and dashes dropped). */
export function admissionDigits(text: string): string {
  return text.replace(/\D/g, '').slice(0, 6);
}

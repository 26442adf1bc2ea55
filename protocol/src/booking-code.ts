// The booking code as an SMS, a receipt or a QR code carries it and as a citizen reads or types it: plain
// functions (no zod) for the browsers, and the base of the BookingCode schema.

/** Short, unambiguous, readable aloud: 8 Crockford base-32 characters, e.g. "K7M2QX9D". */
export const BOOKING_CODE_PATTERN = /^[0-9A-HJKMNP-TV-Z]{8}$/;
/** A booking code as typed or read aloud, spaces and dashes dropped and upper-cased. */
export const compactBookingCode = (text: string): string => text.replace(/[\s-]/g, '').toUpperCase();
/** The code in its one stored form, or undefined when it is not a booking code. */
export function normalizeBookingCode(text: string | undefined): string | undefined {
  if (typeof text !== 'string') return undefined;
  const code = compactBookingCode(text);
  return BOOKING_CODE_PATTERN.test(code) ? code : undefined;
}

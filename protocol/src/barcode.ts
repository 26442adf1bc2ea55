// Tells what a scanned code is: a Tessera Sanitaria's Code 39 (the codice fiscale), a booking QR (a URL
// or text carrying the 8-character booking code), or anything else. Pure: the agent classifies HID and serial scans, the kiosk keyboard-wedge ones.
import { normalizeBookingCode } from './booking-code.ts';
import { isValidCodiceFiscale, normalizeCodiceFiscale } from './codice-fiscale.ts';

export type BarcodeKind = 'codice-fiscale' | 'booking' | 'other';

export interface Barcode {
  kind: BarcodeKind;
  /** The codice fiscale upper-cased, the booking code alone, or the scanned text. */
  value: string;
}

// Booking QR codes carry https://…/b/K7M2QX9D, or SPORTELLO:K7M2QX9D where there is no URL to give.
const BOOKING_PATH = /\/b\/([^/]+)\/?$/;
const BOOKING_TEXT = /^SPORTELLO:(.+)$/i;

function bookingCode(text: string): string | undefined {
  let candidate = BOOKING_TEXT.exec(text)?.[1];
  if (candidate === undefined && /^https?:\/\//i.test(text) && URL.canParse(text)) {
    candidate = BOOKING_PATH.exec(new URL(text).pathname)?.[1];
  }
  return normalizeBookingCode(candidate);
}

export function classifyBarcode(scanned: string): Barcode {
  // Scanners may add a suffix (CR, LF, tab), and some send Code 39's start and stop asterisks.
  const text = scanned.replace(/\p{Cc}/gu, '').trim();
  const code39 = text.replace(/^\*(.*)\*$/, '$1');
  if (isValidCodiceFiscale(code39)) return { kind: 'codice-fiscale', value: normalizeCodiceFiscale(code39) };
  const code = bookingCode(text);
  return code ? { kind: 'booking', value: code } : { kind: 'other', value: text };
}

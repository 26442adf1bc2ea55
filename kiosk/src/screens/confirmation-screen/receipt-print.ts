// The booking receipt in the citizen's words, and printing it without ever throwing: the code stays on screen.
import { msg, str } from '@lit/localize';
import type { Booking, PrintReceiptBody, PrinterState, PublicSede, Service } from '@sportello/protocol';
import {
  groupCode,
  modeTitle,
  slotDateTime,
  whereOrHow,
} from '../../components/kiosk-booking-summary/booking-words.ts';
import { ApiProblem } from '../../data/api-client.ts';
import { printReceipt } from '../../data/agent.ts';
import { localized } from '../../i18n/locale.ts';
import { printerReady, type PrintStatus } from '../ticket-screen/ticket-print.ts';

/** What the scanner at the reception recognises as a booking to check in. */
export const checkInQrText = (code: string): string => `SPORTELLO:${code}`;

export function receiptPrintBody(
  booking: Booking,
  service: Service | undefined,
  sede: PublicSede | undefined,
  language: string,
): PrintReceiptBody {
  const where = whereOrHow(booking.mode, sede, booking.citizen.phone);
  return {
    heading: sede?.name ?? 'INPS',
    title: msg('Prenotazione confermata'),
    code: groupCode(booking.code),
    details: [
      ...(service ? [localized(service.name, language)] : []),
      `${msg('Come')}: ${modeTitle(booking.mode)}`,
      `${msg('Quando')}: ${slotDateTime(booking.start, language)}`,
      `${booking.mode === 'inPerson' ? msg('Dove') : msg('Contatto')}: ${where}`,
      nextStep(booking),
    ],
    ...(booking.mode === 'inPerson'
      ? { qr: { url: checkInQrText(booking.code), caption: msg('Codice per presentarti allo sportello') } }
      : {}),
    footer: msg(str`Informativa sulla privacy accettata: versione ${booking.privacyNoticeVersion}`),
  };
}

/** What the citizen does next, one line. */
export function nextStep(booking: Pick<Booking, 'mode'>): string {
  switch (booking.mode) {
    case 'inPerson':
      return msg(
        'Il giorno dell’appuntamento registra il tuo arrivo alla postazione in sede, da un’ora prima.',
      );
    case 'callback':
      return msg('Tieni il telefono acceso: ti chiamiamo noi all’ora fissata.');
    case 'webMeeting':
      return msg('All’ora fissata apri il collegamento che ricevi per SMS e scrivi il codice per entrare.');
  }
}

export async function printBookingReceipt(
  body: PrintReceiptBody,
  printer: PrinterState | undefined,
): Promise<PrintStatus> {
  if (!printerReady(printer)) return 'not-ready';
  try {
    await printReceipt(body);
    return 'printed';
  } catch (error) {
    return error instanceof ApiProblem && error.code === 'printer_unavailable' ? 'not-ready' : 'failed';
  }
}

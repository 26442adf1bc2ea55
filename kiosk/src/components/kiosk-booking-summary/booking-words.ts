// How a booking is told to the citizen, on screen, aloud and on paper: mode, time, code, where or how.
import { msg, str } from '@lit/localize';
import type { BookingMode, PublicSede } from '@sportello/protocol';
import { maskPhone } from '@sportello/protocol/plain';
import { formatDateTime } from '../../i18n/locale.ts';

export function modeTitle(mode: BookingMode): string {
  switch (mode) {
    case 'inPerson':
      return msg('Appuntamento in sede');
    case 'callback':
      return msg('Telefonata: ti chiamiamo noi');
    case 'webMeeting':
      return msg('Videochiamata');
  }
}

/** "lunedì 2 marzo, 09:30" in the citizen's language, in Rome time. */
export function slotDateTime(iso: string, language: string): string {
  return formatDateTime(iso, language, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    hour: '2-digit',
    minute: '2-digit',
  });
}

/** "09:30" */
export function slotTime(iso: string, language: string): string {
  return formatDateTime(iso, language, { hour: '2-digit', minute: '2-digit' });
}

/** Where to go or how we get in touch, with the phone masked: the screen may be seen by others. */
export function whereOrHow(mode: BookingMode, sede: PublicSede | undefined, phone: string): string {
  const masked = maskPhone(phone);
  switch (mode) {
    case 'inPerson':
      return sede ? `${sede.name}, ${sede.address}` : msg('Nella sede INPS scelta');
    case 'callback':
      return msg(str`Ti chiameremo al numero ${masked}`);
    case 'webMeeting':
      return msg(str`Riceverai il collegamento per SMS al numero ${masked}`);
  }
}

/** "K7M2 QX9D": two groups of four are easier to read and copy. */
export const groupCode = (code: string): string => `${code.slice(0, 4)} ${code.slice(4)}`;

/** "K 7 M 2, Q X 9 D": read one character at a time. */
export const spokenCode = (code: string): string =>
  `${[...code.slice(0, 4)].join(' ')}, ${[...code.slice(4)].join(' ')}`;

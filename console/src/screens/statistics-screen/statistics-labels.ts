// Words and numbers of the statistics screen: channels, periods, kiosk answers, minutes and percentages
// written as a manager reads them, in the console's language.
import { msg } from '@lit/localize';
import type {
  KioskIdentification,
  KioskOutcome,
  Language,
  StatisticsChannel,
  StatisticsDimension,
  StatisticsPeriod,
} from '@sportello/protocol';
import { getLocale } from '../../i18n/locale.ts';

export function channelText(channel: StatisticsChannel): string {
  switch (channel) {
    case 'ticket':
      return msg('Numero allo sportello');
    case 'videoNow':
      return msg('Videochiamata dal chiosco');
    case 'inPerson':
      return msg('Appuntamento in sede');
    case 'callback':
      return msg('Richiamata telefonica');
    case 'webMeeting':
      return msg('Videochiamata da casa');
  }
}

export function periodText(period: StatisticsPeriod): string {
  switch (period) {
    case 'day':
      return msg('Giorno');
    case 'week':
      return msg('Settimana');
    case 'month':
      return msg('Mese');
  }
}

export function dimensionText(by: StatisticsDimension): string {
  switch (by) {
    case 'channel':
      return msg('Canale');
    case 'sede':
      return msg('Sede');
    case 'sector':
      return msg('Settore');
    case 'service':
      return msg('Servizio');
  }
}

export function identificationText(identification: KioskIdentification): string {
  switch (identification) {
    case 'cie':
      return msg('Carta d’identità elettronica');
    case 'cns':
      return msg('Tessera sanitaria (CNS)');
    case 'barcode':
      return msg('Codice a barre della tessera');
    case 'typed':
      return msg('Codice fiscale scritto');
    case 'pin':
      return msg('PIN o SPID');
    case 'none':
      return msg('Nessuna');
  }
}

export function kioskOutcomeText(outcome: KioskOutcome): string {
  switch (outcome) {
    case 'ticket':
      return msg('Numero preso');
    case 'video':
      return msg('Videochiamata');
    case 'booking':
      return msg('Prenotazione');
    case 'check-in':
      return msg('Arrivo per appuntamento');
    case 'information':
      return msg('Solo informazioni');
    case 'abandoned':
      return msg('Interrotta');
  }
}

/** The kiosk's languages by their own names, as the kiosk offers them. */
export const languageName: Record<Language, string> = {
  it: 'Italiano',
  en: 'English',
  fr: 'Français',
  ar: 'العربية',
  ro: 'Română',
  uk: 'Українська',
};

/** "4,5 min"; a dash when nothing was measured. */
export function minutesText(seconds: number | null): string {
  if (seconds === null) return '–';
  const n = new Intl.NumberFormat(getLocale(), { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  return `${n.format(seconds / 60)} min`;
}

/** Minutes as a chart value (one decimal), null kept. */
export const chartMinutes = (seconds: number | null) =>
  seconds === null ? null : Math.round(seconds / 6) / 10;

export const countText = (n: number) => new Intl.NumberFormat(getLocale()).format(n);

/** One decimal, e.g. a mean rating "4,3". */
export const decimalText = (n: number) =>
  new Intl.NumberFormat(getLocale(), { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(n);

/** "37,5%" of `of`; a dash when there is nothing to divide. */
export function percentText(n: number, of: number): string {
  if (of === 0) return '–';
  return new Intl.NumberFormat(getLocale(), { style: 'percent', maximumFractionDigits: 1 }).format(n / of);
}

/** A period's label in tables and charts: the day, or its first and last day. */
export function periodLabel(period: StatisticsPeriod, from: string, to: string): string {
  const day = (d: string, year = false) =>
    new Intl.DateTimeFormat(getLocale(), {
      timeZone: 'UTC',
      day: 'numeric',
      month: 'short',
      ...(year && { year: 'numeric' }),
    }).format(new Date(`${d}T12:00:00Z`));
  if (period === 'month' && from.slice(8) === '01')
    return new Intl.DateTimeFormat(getLocale(), { timeZone: 'UTC', month: 'long', year: 'numeric' }).format(
      new Date(`${from}T12:00:00Z`),
    );
  return from === to ? day(from) : `${day(from)} – ${day(to)}`;
}

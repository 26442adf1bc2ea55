// The iCalendar (RFC 5545) file of an appointment: Rome time with Rome's VTIMEZONE, the sede's address
// or the web-meeting link (a callback has no place), and an alarm at the reminder's lead time.
import { ICalAlarmType, ICalCalendar } from 'ical-generator';
import type { Booking, Language } from '@sportello/protocol';
import { DateTime } from 'luxon';
import { sedeOf } from '../catalog/catalog.ts';
import type { AppContext } from '../context.ts';
import { messageFacts } from './booking-messages.ts';

const ZONE = 'Europe/Rome';

/** Italy's rules since 1996 (EU summer time): what a calendar needs to place TZID=Europe/Rome times. */
const ROME_VTIMEZONE = [
  'BEGIN:VTIMEZONE',
  'TZID:Europe/Rome',
  'X-LIC-LOCATION:Europe/Rome',
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'TZNAME:CEST',
  'DTSTART:19700329T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'TZNAME:CET',
  'DTSTART:19701025T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
].join('\r\n');

interface Labels {
  booking: string;
  join: string;
  privacy: string;
  /** How a callback happens, without the number. */
  callback: string;
  webMeeting: string;
  /** An appointment in person, at `address`. */
  inPerson(address: string): string;
}

// A calendar file is no SMS: each language keeps its own letters (Romanian diacritics, Cyrillic, Arabic).
const labels: Record<Language, Labels> = {
  it: {
    booking: 'Prenotazione',
    join: 'Videochiamata',
    privacy: 'Privacy',
    callback: 'ti chiameremo al numero che ci hai indicato',
    webMeeting: 'in videochiamata',
    inPerson: (address) => `in sede, ${address}`,
  },
  en: {
    booking: 'Booking',
    join: 'Video call',
    privacy: 'Privacy notice',
    callback: 'we will call you at the number you gave us',
    webMeeting: 'by video call',
    inPerson: (address) => `at ${address}`,
  },
  fr: {
    booking: 'Rendez-vous',
    join: 'Visioconférence',
    privacy: 'Confidentialité',
    callback: 'nous vous appellerons au numéro que vous nous avez indiqué',
    webMeeting: 'en visioconférence',
    inPerson: (address) => `à l’adresse ${address}`,
  },
  ro: {
    booking: 'Programarea',
    join: 'Apel video',
    privacy: 'Confidențialitate',
    callback: 'vă vom suna la numărul pe care ni l-ați dat',
    webMeeting: 'prin apel video',
    inPerson: (address) => `la adresa ${address}`,
  },
  uk: {
    booking: 'Запис',
    join: 'Відеодзвінок',
    privacy: 'Конфіденційність',
    callback: 'ми зателефонуємо вам на номер, який ви нам дали',
    webMeeting: 'у відеодзвінку',
    inPerson: (address) => `у відділенні, ${address}`,
  },
  ar: {
    booking: 'الحجز',
    join: 'مكالمة فيديو',
    privacy: 'الخصوصية',
    callback: 'سنتصل بك على الرقم الذي أعطيتنا إياه',
    webMeeting: 'عبر مكالمة فيديو',
    inPerson: (address) => `في المكتب، ${address}`,
  },
};

export interface CalendarFile {
  filename: string;
  text: string;
}

export function bookingCalendar(ctx: AppContext, booking: Booking): CalendarFile {
  const language = booking.citizen.language as Language;
  const label = labels[language] ?? labels.en;
  const facts = messageFacts(ctx, booking, language);
  const sede = sedeOf(ctx.config, booking.sede);
  const calendar = new ICalCalendar({ prodId: { company: 'INPS', product: 'Sportello', language: 'IT' } });
  // No calendar-wide zone, so DTSTAMP stays in UTC as RFC 5545 wants; the event's zone still gets its VTIMEZONE.
  calendar.timezone({ name: null, generator: (zone) => (zone === ZONE ? ROME_VTIMEZONE : null) });
  const web = booking.mode === 'webMeeting';
  const callback = booking.mode === 'callback';
  // A calendar file travels (shared calendars, synced phones): it never carries the citizen's number, nor the
  // booking page's link, which lets whoever holds it cancel or move the booking (that link stays in the SMS).
  const how = callback ? label.callback : web ? label.webMeeting : label.inPerson(facts.address);
  calendar.createEvent({
    id: `${booking.code}@${new URL(ctx.config.server.publicUrl).hostname}`,
    // Grows with every change, so a calendar importing the file again replaces the old time.
    sequence: Math.max(0, Math.round((Date.parse(booking.updatedAt) - Date.parse(booking.createdAt)) / 1000)),
    stamp: ctx.clock(),
    start: DateTime.fromISO(booking.start).setZone(ZONE),
    end: DateTime.fromISO(booking.end).setZone(ZONE),
    timezone: ZONE,
    summary: `INPS: ${facts.service}`,
    description: [
      `${label.booking} ${booking.code}: ${how}.`,
      ...(web ? [`${label.join}: ${facts.meetingUrl}`] : []),
      `${label.privacy}: ${facts.privacyUrl}`,
    ].join('\n'),
    // The citizen is phoned wherever they are: the office's address would send them there.
    location: web ? facts.meetingUrl : callback ? null : `${sede.name}, ${sede.address}`,
    url: web ? facts.meetingUrl : null,
    alarms: [
      {
        type: ICalAlarmType.display,
        trigger: ctx.config.notifications.reminderLeadMinutes[booking.mode] * 60,
      },
    ],
  });
  return { filename: `inps-${booking.code}.ics`, text: calendar.toString() };
}

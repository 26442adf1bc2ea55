// The iCalendar (RFC 5545) file of an appointment: Rome time with Rome's VTIMEZONE, the sede's address
// or the web-meeting link (a callback has no place), and an alarm at the reminder's lead time.
import { ICalAlarmType, ICalCalendar } from 'ical-generator';
import type { Booking, Language } from '@sportello/protocol';
import { DateTime } from 'luxon';
import { sedeOf } from '../catalog/catalog.ts';
import type { AppContext } from '../context.ts';
import { messageFacts } from './booking-messages.ts';
import { appointmentHow, templateLanguage, type TemplateLanguage } from './message-templates.ts';

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
}

const labels: Record<TemplateLanguage, Labels> = {
  it: {
    booking: 'Prenotazione',
    join: 'Videochiamata',
    privacy: 'Privacy',
    callback: 'ti chiameremo al numero che ci hai indicato',
  },
  en: {
    booking: 'Booking',
    join: 'Video call',
    privacy: 'Privacy notice',
    callback: 'we will call you at the number you gave us',
  },
  fr: {
    booking: 'Rendez-vous',
    join: 'Visioconférence',
    privacy: 'Confidentialité',
    callback: 'nous vous appellerons au numéro que vous nous avez indiqué',
  },
  ro: {
    booking: 'Programarea',
    join: 'Apel video',
    privacy: 'Confidentialitate',
    callback: 'va vom suna la numarul pe care ni l-ati dat',
  },
};

export interface CalendarFile {
  filename: string;
  text: string;
}

export function bookingCalendar(ctx: AppContext, booking: Booking): CalendarFile {
  const language = booking.citizen.language as Language;
  const facts = messageFacts(ctx, booking, templateLanguage(language));
  const label = labels[templateLanguage(language)];
  const sede = sedeOf(ctx.config, booking.sede);
  const calendar = new ICalCalendar({ prodId: { company: 'INPS', product: 'Sportello', language: 'IT' } });
  // No calendar-wide zone, so DTSTAMP stays in UTC as RFC 5545 wants; the event's zone still gets its VTIMEZONE.
  calendar.timezone({ name: null, generator: (zone) => (zone === ZONE ? ROME_VTIMEZONE : null) });
  const web = booking.mode === 'webMeeting';
  const callback = booking.mode === 'callback';
  // A calendar file travels (shared calendars, synced phones): it never carries the citizen's number.
  const how = callback ? label.callback : appointmentHow(language, facts);
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

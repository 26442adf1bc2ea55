// The calendar file read back by an independent parser (node-ical), in winter and in summer time.
import type { Booking } from '@sportello/protocol';
import ical, { type VEvent } from 'node-ical';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultConfigDir, loadConfig, type AppConfig } from '../config/load-config.ts';
import type { AppContext } from '../context.ts';
import { bookingCalendar } from './icalendar.ts';
import { booking as storedBooking } from '../store/store.contract.ts';

let ctx: AppContext;
beforeAll(async () => {
  const config: AppConfig = await loadConfig(defaultConfigDir());
  ctx = { config, clock: () => new Date('2026-11-30T06:00:00Z') } as AppContext;
});

/** The contract suite's booking, as a NASpI consultation booked with CIE and PIN. */
function booking(overrides: Partial<Booking> = {}): Booking {
  return storedBooking('K7M2QX9D', '2026-12-01T08:30:00+01:00', {
    service: 'naspi-consulenza',
    sector: 'prestazioni',
    end: '2026-12-01T09:00:00+01:00',
    authMethod: 'cie-pin',
    ...overrides,
  });
}

function onlyEvent(text: string): VEvent {
  const events = Object.values(ical.sync.parseICS(text)).filter((c) => c?.type === 'VEVENT');
  expect(events).toHaveLength(1);
  return events[0] as VEvent;
}

describe('calendar file', () => {
  it('places an appointment in person at its Rome time, at the sede', () => {
    const file = bookingCalendar(ctx, booking({}));
    expect(file.filename).toBe('inps-K7M2QX9D.ics');
    expect(file.text).toContain('DTSTART;TZID=Europe/Rome:20261201T083000');
    expect(file.text).toContain('DTEND;TZID=Europe/Rome:20261201T090000');
    expect(file.text).toContain('BEGIN:VTIMEZONE\r\nTZID:Europe/Rome');
    expect(file.text).toMatch(/DTSTAMP:20261130T060000Z/);
    const event = onlyEvent(file.text);
    expect(event.start.toISOString()).toBe('2026-12-01T07:30:00.000Z');
    expect(event.end?.toISOString()).toBe('2026-12-01T08:00:00.000Z');
    expect(event.start.tz).toBe('Europe/Rome');
    expect(event.summary).toBe('INPS: NASpI: consulenza sulla tua domanda');
    expect(event.location).toBe('INPS - Sede provinciale di Rovigo, Viale della Pace 5, 45100 Rovigo');
    expect(event.uid).toBe('K7M2QX9D@127.0.0.1');
    expect(String(event.description)).toContain('Prenotazione K7M2QX9D: in sede');
  });

  it('gives a summer web meeting its link, in Rome summer time', () => {
    const file = bookingCalendar(
      ctx,
      booking({
        mode: 'webMeeting',
        start: '2027-07-06T08:30:00+02:00',
        end: '2027-07-06T09:00:00+02:00',
        citizen: { ...booking({}).citizen, language: 'en' },
      }),
    );
    const event = onlyEvent(file.text);
    expect(event.start.toISOString()).toBe('2027-07-06T06:30:00.000Z');
    expect(file.text).toContain('DTSTART;TZID=Europe/Rome:20270706T083000');
    const meeting = 'http://127.0.0.1:8080/meeting/K7M2QX9D';
    expect(event.location).toBe(meeting);
    expect(JSON.stringify(event.url)).toContain(meeting);
    expect(String(event.description)).toContain(`Video call: ${meeting}`);
    expect(event.summary).toBe('INPS: Unemployment benefit: help with your claim');
  });
});

describe('the calendar file of a callback', () => {
  /** The file with its folded lines joined again, so a number split across lines is still found. */
  const unfolded = (text: string) => text.replace(/\r\n[ \t]/g, '');

  it('says the citizen will be called at the number given, without the number or any office address', () => {
    for (const [language, words] of [
      ['it', 'ti chiameremo al numero che ci hai indicato'],
      ['en', 'we will call you at the number you gave us'],
      ['uk', 'ми зателефонуємо вам на номер, який ви нам дали'],
      ['ar', 'سنتصل بك على الرقم الذي أعطيتنا إياه'],
    ] as const) {
      const callback = booking({ mode: 'callback', citizen: { ...booking({}).citizen, language } });
      const text = unfolded(bookingCalendar(ctx, callback).text);
      expect(text.replace(/\D/g, '')).not.toContain('3471234567');
      expect(text).not.toMatch(/347\D{0,3}123\D{0,3}4567/);
      expect(text).not.toContain('Viale della Pace');
      expect(text).not.toContain('Rovigo');
      const event = onlyEvent(text);
      expect(event.location).toBeUndefined();
      expect(String(event.description)).toContain(`K7M2QX9D: ${words}.`);
    }
  });
});

describe('the calendar file in the booking’s language', () => {
  const inLanguage = (language: string, mode: Booking['mode'] = 'inPerson') =>
    onlyEvent(bookingCalendar(ctx, booking({ mode, citizen: { ...booking({}).citizen, language } })).text);

  it('writes a Ukrainian and an Arabic appointment in their own script, not in English', () => {
    const uk = inLanguage('uk');
    expect(String(uk.description)).toContain('Запис K7M2QX9D: у відділенні, Viale della Pace 5');
    expect(String(uk.description)).toContain('Конфіденційність: ');
    expect(uk.summary).toBe('INPS: NASpI: консультація щодо вашої заяви');
    const ar = inLanguage('ar', 'webMeeting');
    expect(String(ar.description)).toContain('الحجز K7M2QX9D: عبر مكالمة فيديو.');
    expect(String(ar.description)).toContain('مكالمة فيديو: http://127.0.0.1:8080/meeting/K7M2QX9D');
    expect(ar.summary).toBe('INPS: NASpI: استشارة حول طلبك');
    for (const event of [uk, ar]) expect(String(event.description)).not.toMatch(/Booking|Privacy notice/);
  });

  it('keeps French and Romanian letters a calendar can show (no SMS spelling)', () => {
    expect(String(inLanguage('fr').description)).toContain('Rendez-vous K7M2QX9D: à l’adresse Viale');
    const ro = String(inLanguage('ro', 'callback').description);
    expect(ro).toContain('Programarea K7M2QX9D: vă vom suna la numărul pe care ni l-ați dat.');
    expect(ro).toContain('Confidențialitate: ');
  });
});

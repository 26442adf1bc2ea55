import {
  bookingModes,
  languages,
  messageKinds,
  type Booking,
  type Language,
  type MessageKind,
} from '@sportello/protocol';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultConfigDir, loadConfig, type AppConfig } from '../config/load-config.ts';
import type { AppContext } from '../context.ts';
import { messageFacts } from './booking-messages.ts';
import { renderMessage, smsLanguage, smsSegments, toGsm7 } from './message-templates.ts';
import { booking as storedBooking } from '../store/store.contract.ts';

let config: AppConfig;
beforeAll(async () => {
  config = await loadConfig(defaultConfigDir());
});

/** A context whose public URL is as long as a real institute's would plausibly be. */
function ctxWith(publicUrl = 'https://sportello.servizi.inps.example'): AppContext {
  return { config: { ...config, server: { ...config.server, publicUrl } } } as AppContext;
}

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

/** The text a citizen speaking `language` gets. */
function text(
  kind: MessageKind,
  language: Language,
  overrides: Partial<Booking> = {},
  admissionCode?: string,
  smsLanguageChoice: Partial<AppConfig['notifications']['smsLanguage']> = {},
): string {
  const b = booking(overrides);
  const ctx = ctxWith();
  const notifications = {
    ...config.notifications,
    smsLanguage: { ...config.notifications.smsLanguage, ...smsLanguageChoice },
  };
  const written = smsLanguage(notifications, language);
  return renderMessage(kind, written, {
    ...messageFacts(ctx, { ...b, citizen: { ...b.citizen, language } }, written, admissionCode),
    // A ticket's phone page, with a key as long as a real one (sede, day, 22 random characters).
    followUrl: `${ctx.config.server.publicUrl}/t/rovigo.2026-12-01.${'x'.repeat(22)}`,
    // The booking's own page, with a key as long as a real one (code, 22 random characters).
    manageUrl: `${ctx.config.server.publicUrl}/p/${b.code}.${'y'.repeat(22)}`,
  });
}

const CYRILLIC = /\p{Script=Cyrillic}/u;
const ARABIC = /\p{Script=Arabic}/u;

describe('SMS texts', () => {
  it('fit their pinned GSM-7 segments in Latin script, and are UCS-2 in Cyrillic and Arabic, for every kind, language, mode, service and sede', () => {
    const byMode = ['confirmation', 'reminder', 'reschedule'] as const;
    const longest: Record<string, Record<string, { units: number; text: string }>> = {};
    for (const service of config.services)
      for (const mode of bookingModes.filter((m) => service.channels[m]))
        for (const sede of config.sedi)
          for (const language of languages)
            for (const kind of messageKinds) {
              const sms = text(kind, language, { service: service.id, mode, sede: sede.id }, '123456');
              const count = smsSegments(sms);
              if (language === 'uk' || language === 'ar') {
                expect(count.encoding, sms).toBe('ucs2');
                expect(sms, sms).toMatch(language === 'uk' ? CYRILLIC : ARABIC);
                continue;
              }
              expect(count.encoding, sms).toBe('gsm7');
              const key = (byMode as readonly string[]).includes(kind) ? `${kind} ${mode}` : kind;
              const seen = (longest[key] ??= {});
              if (count.units > (seen[language]?.units ?? 0))
                seen[language] = { units: count.units, text: sms };
            }
    const segments = Object.fromEntries(
      Object.entries(longest).map(([key, byLanguage]) => [
        key,
        Object.fromEntries(
          Object.entries(byLanguage).map(([language, { units }]) => [
            language,
            smsSegments('a'.repeat(units)).segments,
          ]),
        ),
      ]),
    );
    // The longest text of each kind over the demo's services and sedi, with a long public URL. Every SMS
    // about a booking still to come links its page (72 characters here). A confirmation also links the
    // privacy notice: it and en hold both links in two segments, fr and ro (longer words, and service
    // names up to 68 characters) take a third. A web meeting's confirmation adds the meeting's link and
    // admission code, three links in all: three segments in every language. Romanian web-meeting
    // reminders and moves carry two links and long phrases: three.
    expect(segments).toEqual({
      'confirmation inPerson': { it: 2, en: 2, fr: 3, ro: 3 },
      'confirmation callback': { it: 2, en: 2, fr: 3, ro: 3 },
      'confirmation webMeeting': { it: 3, en: 3, fr: 3, ro: 3 },
      'reminder inPerson': { it: 2, en: 2, fr: 2, ro: 2 },
      'reminder callback': { it: 2, en: 2, fr: 2, ro: 2 },
      'reminder webMeeting': { it: 2, en: 2, fr: 2, ro: 3 },
      'reschedule inPerson': { it: 2, en: 2, fr: 2, ro: 2 },
      'reschedule callback': { it: 2, en: 2, fr: 2, ro: 2 },
      'reschedule webMeeting': { it: 2, en: 2, fr: 2, ro: 3 },
      cancellation: { it: 1, en: 1, fr: 1, ro: 1 },
      'missed-call': { it: 2, en: 2, fr: 2, ro: 2 },
      ticket: { it: 2, en: 2, fr: 2, ro: 2 },
      'ticket-almost': { it: 2, en: 2, fr: 2, ro: 2 },
      'rebook-offer': { it: 2, en: 2, fr: 2, ro: 2 },
    });
    // Room to spare in each (a segment holds 153 septets when there are several): six septets for a
    // longer address or public URL than the demo's.
    for (const byLanguage of Object.values(longest))
      for (const { units, text } of Object.values(byLanguage)) {
        const { segments } = smsSegments(text);
        expect(units, text).toBeLessThanOrEqual((segments === 1 ? 160 : segments * 153) - 6);
      }
  });

  it('confirms an appointment in person with code, service, Rome time, address, its page and privacy link', () => {
    const sms = text('confirmation', 'it', {}, '123456');
    expect(sms).toBe(
      'Prenotazione K7M2QX9D confermata: NASpI: consulenza sulla tua domanda, mar 1 dic 2026 ore 08:30, ' +
        'Viale della Pace 5, 45100 Rovigo.\n' +
        `Gestisci: https://sportello.servizi.inps.example/p/K7M2QX9D.${'y'.repeat(22)}\n` +
        'Privacy: https://sportello.servizi.inps.example/privacy/2026-01?lang=it',
    );
    expect(sms).not.toContain('123456');
  });

  it("links the privacy notice in the citizen's language, also when config writes the SMS in English", () => {
    expect(text('confirmation', 'ro')).toContain('/privacy/2026-01?lang=ro');
    expect(text('confirmation', 'uk')).toContain(
      'Конфіденційність: https://sportello.servizi.inps.example/privacy/2026-01?lang=uk',
    );
    expect(text('confirmation', 'uk', {}, undefined, { uk: 'en' })).toContain(
      'Privacy: https://sportello.servizi.inps.example/privacy/2026-01?lang=uk',
    );
    expect(text('confirmation', 'ar')).toContain('/privacy/2026-01?lang=ar');
  });

  it('gives a web meeting its admission code and link, and a callback the number that will be called', () => {
    const web = text('confirmation', 'en', { mode: 'webMeeting' }, '042917');
    expect(web).toContain(
      'Join at https://sportello.servizi.inps.example/meeting/K7M2QX9D with admission code 042917.',
    );
    expect(web).toContain(
      'Unemployment benefit: help with your claim, Tue 1 Dec 2026 at 08:30, by video call.',
    );
    expect(text('confirmation', 'it', { mode: 'callback' })).toContain('ti chiameremo al +39 347 123 4567.');
  });

  it('writes summer appointments in Rome summer time, and each language its own way', () => {
    const summer = { start: '2027-07-06T06:30:00.000Z' };
    expect(text('reminder', 'it', summer)).toContain('mar 6 lug 2027 ore 08:30');
    expect(text('reminder', 'fr', summer)).toContain('mar. 6 juil. 2027 à 08h30');
    expect(text('cancellation', 'ro', summer)).toBe(
      'Programarea K7M2QX9D (NASpI: consiliere pentru cererea dumneavoastra, marti 6 iul. 2027 ora 08:30) a fost anulata.',
    );
    expect(text('cancellation', 'uk', summer)).toBe(
      'Запис K7M2QX9D (NASpI: консультація щодо вашої заяви, вт 6 липня 2027 о 08:30) скасовано.',
    );
    expect(text('cancellation', 'ar', summer)).toBe(
      'تم إلغاء الحجز K7M2QX9D (NASpI: استشارة حول طلبك، الثلاثاء 6 يوليو 2027 الساعة 08:30).',
    );
  });

  it('writes to Ukrainian and Arabic citizens in their own script, in a pinned number of UCS-2 segments', () => {
    const byMode = ['confirmation', 'reminder', 'reschedule'] as const;
    const segments: Record<string, [uk: number, ar: number]> = {};
    for (const kind of messageKinds)
      for (const mode of (byMode as readonly string[]).includes(kind)
        ? bookingModes
        : (['callback'] as const)) {
        const [uk, ar] = (['uk', 'ar'] as const).map((language) => {
          const sms = text(kind, language, { mode }, '042917');
          expect(smsSegments(sms).encoding, sms).toBe('ucs2');
          return smsSegments(sms).segments;
        });
        segments[(byMode as readonly string[]).includes(kind) ? `${kind} ${mode}` : kind] = [uk!, ar!];
      }
    // [uk, ar], 67 UCS-2 units a segment, with the demo's NASpI service, Rovigo's address and a long
    // public URL (English: 1 to 3 segments of 153). The booking page's link (72 characters here) costs one
    // or two segments more in every SMS about a booking still to come; config may write these in Italian
    // or English instead (notifications.smsLanguage).
    expect(segments).toEqual({
      'confirmation inPerson': [5, 5],
      'confirmation callback': [5, 5],
      'confirmation webMeeting': [6, 6],
      'reminder inPerson': [4, 4],
      'reminder callback': [4, 4],
      'reminder webMeeting': [5, 5],
      'reschedule inPerson': [4, 4],
      'reschedule callback': [4, 4],
      'reschedule webMeeting': [5, 5],
      cancellation: [2, 2],
      'missed-call': [3, 2],
      ticket: [3, 2],
      'ticket-almost': [3, 3],
      'rebook-offer': [4, 3],
    });
  });

  it('links the booking page, on a line of its own, from every SMS about a booking still to come', () => {
    const page = `https://sportello.servizi.inps.example/p/K7M2QX9D.${'y'.repeat(22)}`;
    for (const language of languages)
      for (const mode of bookingModes) {
        for (const kind of ['confirmation', 'reminder', 'reschedule'] as const) {
          const sms = text(kind, language, { mode }, '042917');
          expect(sms, sms).toMatch(new RegExp(`\\n[^\\n]+: ${page.replaceAll('.', '\\.')}(\\n|$)`));
        }
        // Its whole message is the link's reason: the link ends it.
        expect(text('rebook-offer', language, { mode })).toMatch(
          new RegExp(`: ${page.replaceAll('.', '\\.')}$`),
        );
        for (const kind of ['cancellation', 'missed-call'] as const)
          expect(text(kind, language, { mode })).not.toContain('/p/');
      }
    expect(text('reminder', 'en')).toMatch(/^Reminder: .*\nManage: https:\/\/\S+\/p\/K7M2QX9D\.y{22}$/);
    // A booking without a token (none is stored before its first SMS) gets no half line.
    const b = booking();
    const facts = messageFacts(ctxWith(), b, 'it', '042917');
    expect(facts.manageUrl).toBeUndefined();
    expect(renderMessage('reschedule', 'it', facts)).not.toContain('Gestisci');
  });

  it('offers a displaced booking a new time with the link to its page, in two GSM-7 segments at most', () => {
    const url = `https://sportello.servizi.inps.example/p/K7M2QX9D.${'y'.repeat(22)}`;
    expect(text('rebook-offer', 'it')).toBe(
      'La prenotazione K7M2QX9D (NASpI: consulenza sulla tua domanda, mar 1 dic 2026 ore 08:30) non può ' +
        `svolgersi, ci scusiamo. Scegli un nuovo orario: ${url}`,
    );
    for (const language of ['it', 'en', 'fr', 'ro'] as const) {
      const sms = text('rebook-offer', language);
      expect(sms).toContain(url);
      expect(smsSegments(sms)).toMatchObject({ encoding: 'gsm7', segments: 2 });
    }
  });

  it('gives a web meeting in Ukrainian and Arabic its link and admission code, and a callback the number', () => {
    expect(text('confirmation', 'uk', { mode: 'webMeeting' }, '042917')).toBe(
      'Запис K7M2QX9D підтверджено: NASpI: консультація щодо вашої заяви, вт 1 грудня 2026 о 08:30, у відеодзвінку. ' +
        'Увійдіть за посиланням https://sportello.servizi.inps.example/meeting/K7M2QX9D з кодом доступу 042917.\n' +
        `Керувати записом: https://sportello.servizi.inps.example/p/K7M2QX9D.${'y'.repeat(22)}\n` +
        'Конфіденційність: https://sportello.servizi.inps.example/privacy/2026-01?lang=uk',
    );
    expect(text('confirmation', 'ar', { mode: 'webMeeting' }, '042917')).toBe(
      'تم تأكيد الحجز K7M2QX9D: NASpI: استشارة حول طلبك، الثلاثاء 1 ديسمبر 2026 الساعة 08:30، عبر مكالمة فيديو. ' +
        'ادخل عبر الرابط https://sportello.servizi.inps.example/meeting/K7M2QX9D برمز الدخول 042917.\n' +
        `إدارة الحجز: https://sportello.servizi.inps.example/p/K7M2QX9D.${'y'.repeat(22)}\n` +
        'الخصوصية: https://sportello.servizi.inps.example/privacy/2026-01?lang=ar',
    );
    expect(text('confirmation', 'uk', { mode: 'callback' })).toContain(
      'ми зателефонуємо вам на номер +39 347 123 4567.',
    );
    // In a left-to-right isolate, or the bidi algorithm shows the groups backwards (measured with fribidi).
    expect(text('missed-call', 'ar')).toContain(
      'على الرقم \u2066+39 347 123 4567\u2069 بخصوص الحجز K7M2QX9D',
    );
    // A phone takes the direction from the first letter: an Arabic ticket does not start with "INPS".
    expect(text('ticket', 'ar')).toMatch(/^رقمك لدى INPS هو K7M2QX9D /);
  });

  it('tells a ticket near the front that its turn is coming, with the people ahead and its phone page', () => {
    const facts = {
      code: 'P012',
      address: 'INPS - Sede provinciale di Rovigo',
      ahead: 3,
      followUrl: 'https://sportello.servizi.inps.example/t/rovigo.2026-12-01.AbCdEfGhIjKlMnOpQrStUv',
      service: '',
      mode: 'inPerson' as const,
      start: '2026-12-01T08:31:00+01:00',
      phone: '+393471234567',
      meetingUrl: '',
      privacyUrl: '',
    };
    const it = renderMessage('ticket-almost', 'it', facts);
    expect(it).toBe(
      'Numero P012, INPS - Sede provinciale di Rovigo: tocca a te tra poco. Persone prima di te: 3. ' +
        'Segui la coda: https://sportello.servizi.inps.example/t/rovigo.2026-12-01.AbCdEfGhIjKlMnOpQrStUv',
    );
    expect(smsSegments(it)).toMatchObject({ encoding: 'gsm7', segments: 2 });
    expect(renderMessage('ticket-almost', 'fr', facts)).toContain("c'est bientot votre tour");
    expect(renderMessage('ticket-almost', 'ar', facts)).toMatch(/^رقمك P012، /);
    // No phone number, name or codice fiscale: only the ticket, the sede and the page.
    for (const language of languages)
      expect(renderMessage('ticket-almost', language, facts)).not.toContain('347');
  });

  it('writes Ukrainian and Arabic SMS in Italian or English when config chooses fewer segments', () => {
    for (const kind of messageKinds) {
      const uk = text(kind, 'uk', { mode: 'webMeeting' }, '042917', { uk: 'it' });
      const ar = text(kind, 'ar', { mode: 'webMeeting' }, '042917', { ar: 'en' });
      expect(uk).toBe(text(kind, 'it', { mode: 'webMeeting' }, '042917').replace('?lang=it', '?lang=uk'));
      expect(ar).toBe(text(kind, 'en', { mode: 'webMeeting' }, '042917').replace('?lang=en', '?lang=ar'));
      expect(smsSegments(uk).encoding).toBe('gsm7');
      expect(smsSegments(ar).encoding).toBe('gsm7');
    }
    // The other language keeps its own script.
    expect(text('cancellation', 'ar', {}, undefined, { uk: 'en' })).toMatch(ARABIC);
  });

  it('keeps config typography from switching a message to UCS-2', () => {
    expect(toGsm7('L’ufficio – È aperto…')).toBe("L'ufficio - E' aperto...");
    expect(smsSegments(toGsm7('Invalidità civile: la tua “pratica”')).encoding).toBe('gsm7');
  });

  it('leaves every GSM-7 character, other scripts and emoji as they are', () => {
    const gsm7 =
      '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\x1bÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿' +
      'abcdefghijklmnopqrstuvwxyzäöñüà^{}\\[~]|€\f';
    expect(toGsm7(gsm7)).toBe(gsm7);
    expect(smsSegments(gsm7).encoding).toBe('gsm7');
    expect(toGsm7('Привіт – مرحبا 😀 ș')).toBe('Привіт - مرحبا 😀 s');
  });
});

describe('segment count', () => {
  it('counts GSM-7 septets, the extension table as two, and UCS-2 units', () => {
    expect(smsSegments('a'.repeat(160))).toEqual({ encoding: 'gsm7', units: 160, segments: 1 });
    expect(smsSegments('a'.repeat(161)).segments).toBe(2);
    expect(smsSegments('a'.repeat(306)).segments).toBe(2);
    expect(smsSegments('a'.repeat(307)).segments).toBe(3);
    expect(smsSegments('€'.repeat(80))).toEqual({ encoding: 'gsm7', units: 160, segments: 1 });
    expect(smsSegments('à è é ì ò ù').encoding).toBe('gsm7');
    expect(smsSegments('ă'.repeat(70))).toEqual({ encoding: 'ucs2', units: 70, segments: 1 });
    expect(smsSegments('ă'.repeat(71)).segments).toBe(2);
  });
});

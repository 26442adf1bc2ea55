// The SMS texts, per language. Latin ones are sized for one or two GSM-7 segments; Ukrainian and Arabic
// need UCS-2 (67 characters a segment instead of 153), so config may send those citizens Italian or English.
import {
  formatPhone,
  type BookingMode,
  type Language,
  type MessageKind,
  type NotificationSettings,
} from '@sportello/protocol';
import { hhmm, instantOf, romeReading, type RomeReading } from '../calendar/rome-time.ts';

/** Everything a message may mention; what each kind uses is in its template. */
export interface MessageFacts {
  code: string;
  /** Service name in the message's language. */
  service: string;
  mode: BookingMode;
  /** Appointment start, ISO with offset. */
  start: string;
  /** The sede's address, for in-person appointments. */
  address: string;
  /** E.164. */
  phone: string;
  /** Only for a web meeting's confirmation: its clear text exists only when the booking is made. */
  admissionCode?: string;
  meetingUrl: string;
  privacyUrl: string;
  /** For a queue ticket: the people waiting ahead. */
  ahead?: number;
  /** For a queue ticket: the phone page that follows it. */
  followUrl?: string;
  /** The citizen's own booking page (/p/<key>): see, move, cancel, add to the calendar. */
  manageUrl?: string;
}

/** The language a citizen's SMS is written in: their own, unless config trades the script for fewer segments. */
export function smsLanguage(settings: NotificationSettings, language: Language): Language {
  if (language !== 'uk' && language !== 'ar') return language;
  const choice = settings.smsLanguage[language];
  return choice === 'own' ? language : choice;
}

interface Phrases {
  /** "mar 1 dic 2026 ore 08:30" */
  when(start: RomeReading): string;
  /** How the appointment happens: where, or who calls whom (each written only when it is the booking's mode). */
  how: Record<BookingMode, (f: MessageFacts) => string>;
  /** The label before the link to the citizen's booking page, with its colon. */
  page: string;
  /** `page`: the booking page's line ("\nSposta o annulla: <url>"), empty when the booking has no link. */
  templates: Record<MessageKind, (f: MessageFacts, when: string, how: string, page: string) => string>;
}

const it: Phrases = {
  page: 'Gestisci: ',
  when: (d) =>
    `${['lun', 'mar', 'mer', 'gio', 'ven', 'sab', 'dom'][d.weekday - 1]} ${d.day} ` +
    `${['gen', 'feb', 'mar', 'apr', 'mag', 'giu', 'lug', 'ago', 'set', 'ott', 'nov', 'dic'][d.month - 1]} ` +
    `${d.year} ore ${hhmm(d)}`,
  how: {
    inPerson: (f) => f.address,
    callback: (f) => `ti chiameremo al ${formatPhone(f.phone)}`,
    webMeeting: () => 'in videochiamata',
  },
  templates: {
    confirmation: (f, when, how, page) =>
      `Prenotazione ${f.code} confermata: ${f.service}, ${when}, ${how}.` +
      (f.mode === 'webMeeting'
        ? ` Entra da ${f.meetingUrl} con il codice di accesso ${f.admissionCode}.`
        : '') +
      `${page}\nPrivacy: ${f.privacyUrl}`,
    reminder: (f, when, how, page) =>
      `Promemoria: ${f.service}, ${when}, ${how}.` +
      (f.mode === 'webMeeting' ? ` Entra da ${f.meetingUrl} con il codice di accesso.` : '') +
      ` Prenotazione ${f.code}.${page}`,
    reschedule: (f, when, how, page) =>
      `Prenotazione ${f.code} spostata: ${f.service}, ${when}, ${how}.` +
      (f.mode === 'webMeeting' ? ` Link e codice di accesso non cambiano: ${f.meetingUrl}` : '') +
      page,
    cancellation: (f, when) => `La prenotazione ${f.code} (${f.service}, ${when}) è stata annullata.`,
    'missed-call': (f) =>
      `Abbiamo provato a chiamarti al ${formatPhone(f.phone)} per la prenotazione ${f.code} ` +
      `(${f.service}), senza risposta. Puoi prenotare un nuovo appuntamento.`,
    ticket: (f) =>
      `INPS: il tuo numero è ${f.code} per ${f.service}, ${f.address}. ` +
      `Persone prima di te: ${f.ahead ?? 0}. Guarda il monitor della sede.`,
    'ticket-almost': (f) =>
      `Numero ${f.code}, ${f.address}: tocca a te tra poco. Persone prima di te: ${f.ahead ?? 0}.` +
      (f.followUrl ? ` Segui la coda: ${f.followUrl}` : ''),
    'rebook-offer': (f, when) =>
      `La prenotazione ${f.code} (${f.service}, ${when}) non può svolgersi, ci scusiamo. ` +
      `Scegli un nuovo orario: ${f.manageUrl ?? ''}`,
  },
};

const en: Phrases = {
  page: 'Manage: ',
  when: (d) =>
    `${['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'][d.weekday - 1]} ${d.day} ` +
    `${['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][d.month - 1]} ` +
    `${d.year} at ${hhmm(d)}`,
  how: {
    inPerson: (f) => `at ${f.address}`,
    callback: (f) => `we will call you at ${formatPhone(f.phone)}`,
    webMeeting: () => 'by video call',
  },
  templates: {
    confirmation: (f, when, how, page) =>
      `Booking ${f.code} confirmed: ${f.service}, ${when}, ${how}.` +
      (f.mode === 'webMeeting' ? ` Join at ${f.meetingUrl} with admission code ${f.admissionCode}.` : '') +
      `${page}\nPrivacy: ${f.privacyUrl}`,
    reminder: (f, when, how, page) =>
      `Reminder: ${f.service}, ${when}, ${how}.` +
      (f.mode === 'webMeeting' ? ` Join at ${f.meetingUrl} with your admission code.` : '') +
      ` Booking ${f.code}.${page}`,
    reschedule: (f, when, how, page) =>
      `Booking ${f.code} has been moved: ${f.service}, ${when}, ${how}.` +
      (f.mode === 'webMeeting' ? ` Same link and admission code: ${f.meetingUrl}` : '') +
      page,
    cancellation: (f, when) => `Booking ${f.code} (${f.service}, ${when}) has been cancelled.`,
    'missed-call': (f) =>
      `We tried to call you at ${formatPhone(f.phone)} about booking ${f.code} (${f.service}) ` +
      `but got no answer. You can book a new appointment.`,
    ticket: (f) =>
      `INPS: your number is ${f.code} for ${f.service}, ${f.address}. ` +
      `People ahead of you: ${f.ahead ?? 0}. Watch the screen in the office.`,
    'ticket-almost': (f) =>
      `Number ${f.code}, ${f.address}: it will be your turn soon. People ahead of you: ${f.ahead ?? 0}.` +
      (f.followUrl ? ` Follow the queue: ${f.followUrl}` : ''),
    'rebook-offer': (f, when) =>
      `Booking ${f.code} (${f.service}, ${when}) cannot take place, we apologise. ` +
      `Choose a new time: ${f.manageUrl ?? ''}`,
  },
};

const fr: Phrases = {
  page: 'Gérer : ',
  when: (d) =>
    `${['lun.', 'mar.', 'mer.', 'jeu.', 'ven.', 'sam.', 'dim.'][d.weekday - 1]} ${d.day} ` +
    // "août" has a letter outside GSM-7; "aout" is how French SMS write it.
    `${['janv.', 'févr.', 'mars', 'avr.', 'mai', 'juin', 'juil.', 'aout', 'sept.', 'oct.', 'nov.', 'déc.'][d.month - 1]} ` +
    `${d.year} à ${hhmm(d).replace(':', 'h')}`,
  how: {
    inPerson: (f) => `à l'adresse ${f.address}`,
    callback: (f) => `nous vous appellerons au ${formatPhone(f.phone)}`,
    webMeeting: () => 'en visioconférence',
  },
  templates: {
    confirmation: (f, when, how, page) =>
      `Rendez-vous ${f.code} confirmé : ${f.service}, ${when}, ${how}.` +
      (f.mode === 'webMeeting' ? ` Lien : ${f.meetingUrl} code d'accès ${f.admissionCode}.` : '') +
      `${page}\nConfidentialité : ${f.privacyUrl}`,
    reminder: (f, when, how, page) =>
      `Rappel : ${f.service}, ${when}, ${how}.` +
      (f.mode === 'webMeeting' ? ` Lien : ${f.meetingUrl} avec votre code d'accès.` : '') +
      ` Rendez-vous ${f.code}.${page}`,
    reschedule: (f, when, how, page) =>
      `Rendez-vous ${f.code} déplacé : ${f.service}, ${when}, ${how}.` +
      (f.mode === 'webMeeting' ? ` Lien et code d'accès inchangés : ${f.meetingUrl}` : '') +
      page,
    cancellation: (f, when) => `Le rendez-vous ${f.code} (${f.service}, ${when}) a été annulé.`,
    'missed-call': (f) =>
      `Nous avons essayé de vous appeler au ${formatPhone(f.phone)} pour le rendez-vous ${f.code} ` +
      `(${f.service}), sans réponse. Vous pouvez prendre un nouveau rendez-vous.`,
    ticket: (f) =>
      `INPS : votre numéro est ${f.code} pour ${f.service}, ${f.address}. ` +
      `Personnes avant vous : ${f.ahead ?? 0}. Suivez l'écran de l'agence.`,
    'ticket-almost': (f) =>
      `Numéro ${f.code}, ${f.address} : c'est bientôt votre tour. Personnes avant vous : ${f.ahead ?? 0}.` +
      (f.followUrl ? ` Suivre la file : ${f.followUrl}` : ''),
    'rebook-offer': (f, when) =>
      `Le rendez-vous ${f.code} (${f.service}, ${when}) ne peut pas avoir lieu, veuillez nous excuser. ` +
      `Choisissez un nouvel horaire : ${f.manageUrl ?? ''}`,
  },
};

// Romanian without its diacritics (ă â î ș ț are outside GSM-7), as Romanian SMS are commonly written.
const ro: Phrases = {
  page: 'Gestionati: ',
  when: (d) =>
    `${['luni', 'marti', 'miercuri', 'joi', 'vineri', 'sambata', 'duminica'][d.weekday - 1]} ${d.day} ` +
    `${['ian.', 'feb.', 'mar.', 'apr.', 'mai', 'iun.', 'iul.', 'aug.', 'sept.', 'oct.', 'nov.', 'dec.'][d.month - 1]} ` +
    `${d.year} ora ${hhmm(d)}`,
  how: {
    inPerson: (f) => `la adresa ${f.address}`,
    callback: (f) => `va vom suna la ${formatPhone(f.phone)}`,
    webMeeting: () => 'prin apel video',
  },
  templates: {
    confirmation: (f, when, how, page) =>
      `Programarea ${f.code} confirmata: ${f.service}, ${when}, ${how}.` +
      (f.mode === 'webMeeting' ? ` Link: ${f.meetingUrl} cod de acces ${f.admissionCode}.` : '') +
      `${page}\nConfidentialitate: ${f.privacyUrl}`,
    reminder: (f, when, how, page) =>
      `Memento: ${f.service}, ${when}, ${how}.` +
      (f.mode === 'webMeeting' ? ` Intrati pe ${f.meetingUrl} cu codul de acces primit.` : '') +
      ` Programarea ${f.code}.${page}`,
    reschedule: (f, when, how, page) =>
      `Programarea ${f.code} a fost mutata: ${f.service}, ${when}, ${how}.` +
      (f.mode === 'webMeeting' ? ` Linkul si codul de acces raman aceleasi: ${f.meetingUrl}` : '') +
      page,
    cancellation: (f, when) => `Programarea ${f.code} (${f.service}, ${when}) a fost anulata.`,
    'missed-call': (f) =>
      `Am incercat sa va sunam la ${formatPhone(f.phone)} pentru programarea ${f.code} ` +
      `(${f.service}), fara raspuns. Puteti face o noua programare.`,
    ticket: (f) =>
      `INPS: numarul dumneavoastra este ${f.code} pentru ${f.service}, ${f.address}. ` +
      `Persoane inaintea dumneavoastra: ${f.ahead ?? 0}. Urmariti ecranul din sediu.`,
    'ticket-almost': (f) =>
      `Numarul ${f.code}, ${f.address}: in curand este randul dumneavoastra. ` +
      `Persoane inaintea dumneavoastra: ${f.ahead ?? 0}.` +
      (f.followUrl ? ` Urmariti coada: ${f.followUrl}` : ''),
    'rebook-offer': (f, when) =>
      `Programarea ${f.code} (${f.service}, ${when}) nu poate avea loc, ne cerem scuze. ` +
      `Alegeti o noua ora: ${f.manageUrl ?? ''}`,
  },
};

const uk: Phrases = {
  page: 'Керувати записом: ',
  when: (d) =>
    `${['пн', 'вт', 'ср', 'чт', 'пт', 'сб', 'нд'][d.weekday - 1]} ${d.day} ` +
    `${['січня', 'лютого', 'березня', 'квітня', 'травня', 'червня', 'липня', 'серпня', 'вересня', 'жовтня', 'листопада', 'грудня'][d.month - 1]} ` +
    `${d.year} о ${hhmm(d)}`,
  how: {
    inPerson: (f) => `у відділенні, ${f.address}`,
    callback: (f) => `ми зателефонуємо вам на номер ${formatPhone(f.phone)}`,
    webMeeting: () => 'у відеодзвінку',
  },
  templates: {
    confirmation: (f, when, how, page) =>
      `Запис ${f.code} підтверджено: ${f.service}, ${when}, ${how}.` +
      (f.mode === 'webMeeting'
        ? ` Увійдіть за посиланням ${f.meetingUrl} з кодом доступу ${f.admissionCode}.`
        : '') +
      `${page}\nКонфіденційність: ${f.privacyUrl}`,
    reminder: (f, when, how, page) =>
      `Нагадування: ${f.service}, ${when}, ${how}.` +
      (f.mode === 'webMeeting' ? ` Увійдіть за посиланням ${f.meetingUrl} з отриманим кодом доступу.` : '') +
      ` Запис ${f.code}.${page}`,
    reschedule: (f, when, how, page) =>
      `Запис ${f.code} перенесено: ${f.service}, ${when}, ${how}.` +
      (f.mode === 'webMeeting' ? ` Посилання і код доступу ті самі: ${f.meetingUrl}` : '') +
      page,
    cancellation: (f, when) => `Запис ${f.code} (${f.service}, ${when}) скасовано.`,
    'missed-call': (f) =>
      `Ми не додзвонилися до вас на номер ${formatPhone(f.phone)} щодо запису ${f.code} ` +
      `(${f.service}). Ви можете записатися на нову зустріч.`,
    ticket: (f) =>
      `INPS: ваш номер ${f.code} (${f.service}), ${f.address}. ` +
      `Перед вами в черзі: ${f.ahead ?? 0}. Стежте за екраном у відділенні.`,
    'ticket-almost': (f) =>
      `Номер ${f.code}, ${f.address}: скоро ваша черга. Перед вами в черзі: ${f.ahead ?? 0}.` +
      (f.followUrl ? ` Стежити за чергою: ${f.followUrl}` : ''),
    'rebook-offer': (f, when) =>
      `Запис ${f.code} (${f.service}, ${when}) не може відбутися, просимо вибачення. ` +
      `Оберіть новий час: ${f.manageUrl ?? ''}`,
  },
};

/**
 * A phone number inside Arabic text, in a left-to-right isolate: without it the bidi algorithm lays its
 * space-separated groups out right to left ("4567 123 347 39+").
 */
const ltr = (text: string) => `\u2066${text}\u2069`;

// Every Arabic text starts with an Arabic word: phones take a message's direction from its first letter.
const ar: Phrases = {
  page: 'إدارة الحجز: ',
  when: (d) =>
    `${['الاثنين', 'الثلاثاء', 'الأربعاء', 'الخميس', 'الجمعة', 'السبت', 'الأحد'][d.weekday - 1]} ${d.day} ` +
    `${['يناير', 'فبراير', 'مارس', 'أبريل', 'مايو', 'يونيو', 'يوليو', 'أغسطس', 'سبتمبر', 'أكتوبر', 'نوفمبر', 'ديسمبر'][d.month - 1]} ` +
    `${d.year} الساعة ${hhmm(d)}`,
  how: {
    inPerson: (f) => `في المكتب، ${f.address}`,
    callback: (f) => `سنتصل بك على الرقم ${ltr(formatPhone(f.phone))}`,
    webMeeting: () => 'عبر مكالمة فيديو',
  },
  templates: {
    confirmation: (f, when, how, page) =>
      `تم تأكيد الحجز ${f.code}: ${f.service}، ${when}، ${how}.` +
      (f.mode === 'webMeeting' ? ` ادخل عبر الرابط ${f.meetingUrl} برمز الدخول ${f.admissionCode}.` : '') +
      `${page}\nالخصوصية: ${f.privacyUrl}`,
    reminder: (f, when, how, page) =>
      `تذكير: ${f.service}، ${when}، ${how}.` +
      (f.mode === 'webMeeting' ? ` ادخل عبر الرابط ${f.meetingUrl} برمز الدخول الذي وصلك.` : '') +
      ` رمز الحجز ${f.code}.${page}`,
    reschedule: (f, when, how, page) =>
      `تم تغيير موعد الحجز ${f.code}: ${f.service}، ${when}، ${how}.` +
      (f.mode === 'webMeeting' ? ` الرابط ورمز الدخول لم يتغيرا: ${f.meetingUrl}` : '') +
      page,
    cancellation: (f, when) => `تم إلغاء الحجز ${f.code} (${f.service}، ${when}).`,
    'missed-call': (f) =>
      `حاولنا الاتصال بك على الرقم ${ltr(formatPhone(f.phone))} بخصوص الحجز ${f.code} ` +
      `(${f.service}) ولم يرد أحد. يمكنك حجز موعد جديد.`,
    ticket: (f) =>
      `رقمك لدى INPS هو ${f.code} (${f.service})، ${f.address}. ` +
      `عدد الأشخاص قبلك: ${f.ahead ?? 0}. تابع الشاشة في المكتب.`,
    'ticket-almost': (f) =>
      `رقمك ${f.code}، ${f.address}: اقترب دورك. عدد الأشخاص قبلك: ${f.ahead ?? 0}.` +
      (f.followUrl ? ` تابع قائمة الانتظار: ${f.followUrl}` : ''),
    'rebook-offer': (f, when) =>
      `لا يمكن إجراء الحجز ${f.code} (${f.service}، ${when})، نعتذر عن ذلك. ` +
      `اختر موعدًا جديدًا: ${f.manageUrl ?? ''}`,
  },
};

const phrases: Record<Language, Phrases> = { it, en, fr, ro, uk, ar };

/** The SMS of `kind` in `language`, the one `smsLanguage` chose. */
export function renderMessage(kind: MessageKind, language: Language, facts: MessageFacts): string {
  const p = phrases[language];
  const start = romeReading(instantOf(facts.start));
  // Cyrillic and Arabic letters have no GSM-7 spelling and pass unchanged; only typography is replaced.
  const page = facts.manageUrl ? `\n${p.page}${facts.manageUrl}` : '';
  return toGsm7(p.templates[kind](facts, p.when(start), p.how[facts.mode](facts), page));
}

// ---- GSM-7 ----

const GSM7_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\x1bÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
/** Each costs two septets (an escape and the character). */
const GSM7_EXTENSION = '^{}\\[~]|€\f';
const basic = new Set(GSM7_BASIC);
const extension = new Set(GSM7_EXTENSION);

/**
 * Typography and letters outside GSM-7 that config texts may carry (a curly apostrophe in a service
 * name, an upper-case È), replaced by their usual SMS spelling: one such character would switch the
 * whole message to UCS-2 and more than double its segments.
 */
const replacements: Record<string, string> = {
  '’': "'",
  '‘': "'",
  '“': '"',
  '”': '"',
  '–': '-',
  '—': '-',
  '…': '...',
  '\u00a0': ' ',
  '\u202f': ' ',
  È: "E'",
  À: "A'",
  Ì: "I'",
  Ò: "O'",
  Ù: "U'",
  ç: 'c',
  á: 'a',
  â: 'a',
  ê: 'e',
  ë: 'e',
  í: 'i',
  î: 'i',
  ï: 'i',
  ó: 'o',
  ô: 'o',
  ú: 'u',
  û: 'u',
};

/** ș → s, ț → t, ă → a: a letter the GSM alphabet lacks would make the whole SMS UCS-2 (70 characters). */
function withoutAccent(ch: string): string {
  const plain = ch.normalize('NFD').replace(/\p{Mn}/gu, '');
  return [...plain].every((c) => basic.has(c)) ? plain : ch;
}

/** A character GSM-7 has no spelling for; a text without any comes back as it is. */
const NOT_GSM7 = new RegExp(
  `[^${(GSM7_BASIC + GSM7_EXTENSION).replace(/[\\\][^$.*+?(){}|/-]/g, '\\$&')}]`,
  'gu',
);

export function toGsm7(text: string): string {
  return text.replace(NOT_GSM7, (ch) => replacements[ch] ?? withoutAccent(ch));
}

export interface SegmentCount {
  encoding: 'gsm7' | 'ucs2';
  /** Septets for GSM-7, UTF-16 code units for UCS-2. */
  units: number;
  segments: number;
}

/** How many SMS a text takes: 160 GSM-7 septets alone or 153 per part, 70 UCS-2 units alone or 67 per part. */
export function smsSegments(text: string): SegmentCount {
  let septets = 0;
  for (const ch of text) {
    if (basic.has(ch)) septets += 1;
    else if (extension.has(ch)) septets += 2;
    else {
      const units = text.length;
      return { encoding: 'ucs2', units, segments: units <= 70 ? 1 : Math.ceil(units / 67) };
    }
  }
  return { encoding: 'gsm7', units: septets, segments: septets <= 160 ? 1 : Math.ceil(septets / 153) };
}

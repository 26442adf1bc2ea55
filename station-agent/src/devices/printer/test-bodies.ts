// A queue ticket and a booking receipt as the kiosk sends them, shared by the printer tests.
import type { PrintReceiptBody, PrintTicketBody } from '@sportello/protocol';

export const ticket: PrintTicketBody = {
  heading: 'INPS - Sede di Milano Nord',
  number: 'N007',
  service: 'Pensioni e prestazioni',
  details: ['22/11/2026 ore 10:42', 'Attesa stimata: 15 minuti', 'Persone prima di lei: 4'],
  qr: { url: 'https://sportello.example.it/q/mi-nord/N007', caption: 'Segua la coda dal telefono' },
  footer: 'Grazie e arrivederci',
};

export const receipt: PrintReceiptBody = {
  heading: 'INPS - Sede di Milano Nord',
  title: 'Conferma di prenotazione',
  code: 'K7M2QX9D',
  details: [
    'Modalità: in videochiamata',
    'Giovedì 26/11/2026 ore 09:30',
    'Si colleghi dal link ricevuto per SMS',
    'Porti un documento di identità',
  ],
  qr: { url: 'https://sportello.example.it/b/K7M2QX9D', caption: 'Codice della prenotazione' },
  footer: 'Dati trattati secondo l’informativa privacy INPS',
};

// The kiosk's Arabic and Ukrainian words (kiosk/xliff ar.xlf and uk.xlf, config/services.json), as its
// ticket and receipt builders put them together.
export const arabicTicket: PrintTicketBody = {
  heading: 'INPS - Sede di Rovigo',
  number: 'A012',
  service: 'المعاش التقاعدي: معلومات',
  details: ['30 نوفمبر 2026 في 10:42 ص', 'عدد الأشخاص قبلك: 4', 'مدة الانتظار المتوقعة: 15 دقيقة'],
  qr: { url: 'https://sportello.example.it/t/rovigo/A012', caption: 'امسح الرمز بهاتفك لتتابع الدور' },
  footer: 'عندما يظهر رقمك على الشاشة، توجّه إلى الشباك المكتوب.',
};

export const ukrainianTicket: PrintTicketBody = {
  heading: 'INPS - Sede di Rovigo',
  number: 'A013',
  service: 'Пенсія: інформація',
  details: ['30 листопада 2026 р. о 10:42', 'Людей перед вами: 4', 'Орієнтовне очікування: 15 хвилин'],
  qr: {
    url: 'https://sportello.example.it/t/rovigo/A013',
    caption: 'Відскануйте код телефоном, щоб стежити за чергою',
  },
  footer: 'Коли ваш номер з’явиться на екрані, підійдіть до вказаного віконця.',
};

export const ukrainianReceipt: PrintReceiptBody = {
  heading: 'INPS - Sede di Rovigo',
  title: 'Запис підтверджено',
  code: 'K7M2-QX9D',
  details: [
    'Пенсія: інформація',
    'Як: Зустріч у відділенні',
    'Коли: 2 грудня 2026 р. о 09:30',
    'Де: INPS - Sede di Rovigo, Viale della Pace 1',
    'У день зустрічі відмітьте свій прихід на терміналі у відділенні, не раніше ніж за годину.',
  ],
  qr: { url: 'https://sportello.example.it/b/K7M2QX9D', caption: 'Код, щоб прийти до віконця' },
  footer: 'Інформацію про конфіденційність прийнято: версія 3',
};

export const arabicReceipt: PrintReceiptBody = {
  heading: 'INPS - Sede di Rovigo',
  title: 'تم تأكيد الحجز',
  code: 'K7M2-QX9D',
  details: [
    'المعاش التقاعدي: معلومات',
    'الطريقة: موعد في المكتب',
    'متى: 2 ديسمبر 2026 في 9:30 ص',
    'أين: INPS - Sede di Rovigo, Viale della Pace 1',
    'في يوم الموعد، سجّل وصولك على الجهاز في المكتب، ابتداءً من ساعة قبل الموعد.',
  ],
  qr: { url: 'https://sportello.example.it/b/K7M2QX9D', caption: 'الرمز الذي تقدّمه عند الشباك' },
  footer: 'تمت الموافقة على إشعار الخصوصية: الإصدار 3',
};
